/** A facilitator, a dialogue session and its people, created through the domain functions. */
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { SYSTEM } from '../../src/lib/server/audit';
import type { Db } from '../../src/lib/server/db';
import { sessionThemes } from '../../src/lib/server/db/schema';
import { addParticipant, createDialogueSession } from '../../src/lib/server/sessions/participants';

export async function sessionWorld(db: Db) {
	const facilitator = await createAccount(
		db,
		SYSTEM,
		{ email: 'gl@gemeente.test', name: 'Gespreksleider', roles: ['facilitator'] },
		'een goed wachtwoord'
	);
	const manager = await createAccount(
		db,
		SYSTEM,
		{ email: 'km@gemeente.test', name: 'Kwaliteitsmanager', roles: ['quality_manager'] },
		'een goed wachtwoord'
	);
	const session = createDialogueSession(db, SYSTEM, { title: 'Gesprek over regie', facilitatorId: facilitator.id });
	const otherSession = createDialogueSession(db, SYSTEM, { title: 'Ander gesprek', facilitatorId: facilitator.id });
	// Each session treats one theme, `regie`: only chosen themes have co-edited documents.
	for (const s of [session, otherSession]) {
		db.insert(sessionThemes)
			.values({ dialogueSessionId: s.id, key: 'regie', name: 'Regie van de cliënt', position: 0, chosenRank: 1 })
			.run();
	}
	const ans = addParticipant(db, SYSTEM, session.id, { displayName: 'Ans', perspective: 'client' });
	const bas = addParticipant(db, SYSTEM, session.id, { displayName: 'Bas', perspective: 'official' });
	const observer = addParticipant(db, SYSTEM, session.id, { displayName: 'Cor', perspective: 'council_member', role: 'observer' });
	const stranger = addParticipant(db, SYSTEM, otherSession.id, { displayName: 'Dirk', perspective: 'client' });
	return {
		facilitator,
		session,
		otherSession,
		ans,
		bas,
		observer,
		stranger,
		cookies: {
			facilitator: `kd_session=${createSession(db, facilitator.id, 7).token}`,
			manager: `kd_session=${createSession(db, manager.id, 7).token}`,
			ans: `kd_participant=${ans.token}`,
			bas: `kd_participant=${bas.token}`,
			observer: `kd_participant=${observer.token}`,
			stranger: `kd_participant=${stranger.token}`
		}
	};
}
