/**
 * One person, one identity, in the domain modules on a real migrated database: merging a
 * record joined with the code into a list entry (what moves, what the old token opens, what
 * is refused), and the ids a person has had.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { SYSTEM } from '../../src/lib/server/audit';
import { authenticateTokens, callerList, callerValid, credentialOpens, sessionRights } from '../../src/lib/server/access';
import { auditLog, participants, stickers, themeProposals } from '../../src/lib/server/db/schema';
import { gotoAgenda } from '../../src/lib/server/sessions/agenda';
import { identityIds, mergeParticipants, personIdOf } from '../../src/lib/server/sessions/identity';
import { endCredentials } from '../../src/lib/server/sessions/personal-links';
import { addListedParticipant, joinByCode, newParticipantLink, validateParticipantToken } from '../../src/lib/server/sessions/participants';
import { createProposal } from '../../src/lib/server/sessions/proposals';
import { createDialogueSession } from '../../src/lib/server/sessions/setup';
import { sessionState } from '../../src/lib/server/sessions/state';
import { closeVote, openVote, placeSticker } from '../../src/lib/server/sessions/voting';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { testDb } from '../helpers/db';
import { domainErrorCode as code } from '../helpers/errors';
import { movisieVersionId } from '../helpers/live';
import { seedFrameworks } from '../../src/lib/server/frameworks/exchange';
import { erasePerson, exportPerson } from '../../src/lib/server/privacy/requests';

async function world() {
	const db = testDb();
	seedFrameworks(db);
	const facilitator = await createAccount(db, SYSTEM, { email: 'gl@g.test', name: 'GL', roles: ['facilitator'] }, 'een goed wachtwoord');
	const actor = { type: 'user' as const, id: facilitator.id };
	const session = createDialogueSession(db, SYSTEM, {
		title: 'Gesprek',
		facilitatorId: facilitator.id,
		frameworkVersionId: movisieVersionId(db),
		stickersPerParticipant: 3
	});
	const listed = addListedParticipant(db, actor, session.id, {
		displayName: 'Mevrouw De Vries',
		perspective: 'client',
		email: 'devries@example.org'
	});
	const other = addListedParticipant(db, actor, session.id, { displayName: 'Meneer Smit', perspective: 'official' });
	const link = newParticipantLink(db, listed.id, 'invitation');
	const joined = joinByCode(db, session.joinCode!, { displayName: 'Riet', perspective: 'other' }, '192.0.2.1');
	const themes = sessionState(db, session.id, { kind: 'facilitator' }).themes.map((t) => t.id);
	const toVoting = () => {
		for (let i = 0; i < 3; i++) gotoAgenda(db, actor, session.id, 'next');
		openVote(db, actor, session.id);
	};
	return { db, actor, session, listed, other, link, joined, themes, toVoting };
}

describe('merging a record joined with the code into a list entry', () => {
	it('moves stickers and proposals, retires the code record and lets its token open the list entry', async () => {
		const w = await world();
		const { db, joined, listed } = w;
		const callerBefore = authenticateTokens(db, { participant: joined.token }, 7).participant!.caller;
		gotoAgenda(db, w.actor, w.session.id, 2);
		createProposal(db, SYSTEM, w.session.id, joined.participant.id, { title: 'Vervoer' });
		gotoAgenda(db, w.actor, w.session.id, 3);
		openVote(db, w.actor, w.session.id);
		placeSticker(db, SYSTEM, w.session.id, joined.participant.id, w.themes[0]!);
		placeSticker(db, SYSTEM, w.session.id, listed.id, w.themes[1]!);

		const result = mergeParticipants(db, w.actor, w.session.id, { fromId: joined.participant.id, intoId: listed.id }, 'facilitator');
		expect(result.moved).toEqual({ stickers: 1, proposals: 1, evaluations: 0 });
		expect(
			db
				.select()
				.from(stickers)
				.all()
				.map((s) => s.participantId)
		).toEqual([listed.id, listed.id]);
		expect(db.select().from(themeProposals).get()!.participantId).toBe(listed.id);
		const retired = db.select().from(participants).where(eq(participants.id, joined.participant.id)).get()!;
		expect(retired.removedAt).not.toBeNull();
		expect(retired.mergedIntoId).toBe(listed.id);

		// The token of the code record opens the list entry now; the list entry's own links still work.
		expect(validateParticipantToken(db, joined.token)?.id).toBe(listed.id);
		expect(validateParticipantToken(db, w.link)?.id).toBe(listed.id);
		expect(callerValid(db, callerBefore)).toBe(false);
		expect(credentialOpens(db, callerBefore.accessId)).toBe(listed.id);
		const callerAfter = callerList(authenticateTokens(db, { participant: joined.token }, 7))[0]!;
		expect(callerAfter).toMatchObject({ kind: 'participant', participantId: listed.id, accessId: callerBefore.accessId });
		expect(sessionRights(db, callerAfter, w.session.id)).toMatchObject({ part: 'participant', access: 'write' });
		expect(identityIds(db, listed.id)).toEqual([listed.id, joined.participant.id]);
		expect(personIdOf(db, joined.participant.id)).toBe(listed.id);
		expect(personIdOf(db, listed.id)).toBe(listed.id);

		const audited = db.select().from(auditLog).where(eq(auditLog.action, 'participant.merge')).get()!;
		expect(audited).toMatchObject({ actorType: 'user', subjectType: 'participant', subjectId: listed.id });
		expect(audited.details).toMatchObject({ fromId: joined.participant.id, via: 'facilitator', stickers: 1, proposals: 1 });
		// Once is enough: the code record is gone.
		expect(
			code(() => mergeParticipants(db, w.actor, w.session.id, { fromId: joined.participant.id, intoId: listed.id }, 'facilitator'))
		).toBe('error.missing');

		// "Nieuwe link" ends every way in of the person, the merged code token included.
		expect(db.transaction((tx) => endCredentials(tx, listed.id))).toBe(3);
		expect(validateParticipantToken(db, joined.token)).toBeNull();
		expect(validateParticipantToken(db, w.link)).toBeNull();
		expect(callerValid(db, callerAfter)).toBe(false);
	});

	it('refuses what cannot be one person, and a merge over the sticker budget', async () => {
		const w = await world();
		const { db, joined, listed, other } = w;
		const second = joinByCode(db, w.session.joinCode!, { displayName: 'Kees', perspective: 'client' }, '192.0.2.1');
		const merge = (fromId: number, intoId: number) =>
			code(() => mergeParticipants(db, w.actor, w.session.id, { fromId, intoId }, 'facilitator'));
		expect(merge(listed.id, other.id)).toBe('error.merge.notCode');
		expect(merge(joined.participant.id, second.participant.id)).toBe('error.merge.notListed');
		expect(merge(joined.participant.id, joined.participant.id)).toBe('error.merge.same');
		expect(merge(joined.participant.id, 99999)).toBe('error.missing');

		w.toVoting();
		for (const theme of w.themes.slice(0, 2)) placeSticker(db, SYSTEM, w.session.id, joined.participant.id, theme);
		for (const theme of w.themes.slice(0, 2)) placeSticker(db, SYSTEM, w.session.id, listed.id, theme);
		expect(merge(joined.participant.id, listed.id)).toBe('error.merge.budget');
		closeVote(db, w.actor, w.session.id);
		expect(merge(joined.participant.id, listed.id)).toBe('error.merge.budgetClosed');
		// Nothing moved.
		expect(db.select().from(stickers).where(eq(stickers.participantId, listed.id)).all()).toHaveLength(2);
		expect(validateParticipantToken(db, joined.token)?.id).toBe(joined.participant.id);
	});
});

describe("a merged person's data requests", () => {
	it('exports and erases the code record merged into a list entry along with it', async () => {
		const w = await world();
		const { db, joined, listed } = w;
		mergeParticipants(db, w.actor, w.session.id, { fromId: joined.participant.id, intoId: listed.id }, 'facilitator');
		// The beheerder finds and chooses the list entry only.
		const exported = exportPerson(db, SYSTEM, [listed.id]);
		expect(exported.records.map((r) => r.participant.name).sort()).toEqual(['Mevrouw De Vries', 'Riet']);
		erasePerson(db, SYSTEM, [listed.id]);
		const rows = db
			.select()
			.from(participants)
			.all()
			.filter((p) => p.id === listed.id || p.id === joined.participant.id);
		expect(rows.every((p) => p.pseudonymisedAt !== null)).toBe(true);
		expect(rows.map((p) => p.displayName)).not.toContain('Riet');
		expect(validateParticipantToken(db, joined.token)).toBeNull();
	});
});
