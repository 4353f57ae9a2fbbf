import { DomainError } from '../../src/lib/server/errors';
import { describe, expect, it } from 'vitest';
import { createAccount, resetPassword, setAccountDisabled, updateAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { authenticateTokens, callerList, callerValid, sessionRights, type Caller } from '../../src/lib/server/access';
import { createSession, invalidateSession } from '../../src/lib/server/auth/sessions';
import { participantLinks, participants } from '../../src/lib/server/db/schema';
import { eq } from 'drizzle-orm';
import {
	addParticipant,
	createDialogueSession,
	newParticipantLink,
	removeParticipant,
	setDialogueSessionStatus,
	validateParticipantToken
} from '../../src/lib/server/sessions/participants';
import { testDb } from '../helpers/db';

async function world() {
	const db = testDb();
	const facilitator = await createAccount(db, SYSTEM, { email: 'gl@g.test', name: 'GL', roles: ['facilitator'] }, 'een goed wachtwoord');
	const otherFacilitator = await createAccount(
		db,
		SYSTEM,
		{ email: 'gl2@g.test', name: 'GL2', roles: ['facilitator'] },
		'een goed wachtwoord'
	);
	const admin = await createAccount(
		db,
		SYSTEM,
		{ email: 'ad@g.test', name: 'AD', roles: ['admin', 'quality_manager'] },
		'een goed wachtwoord'
	);
	const session = createDialogueSession(db, SYSTEM, { title: 'Gesprek 1', facilitatorId: facilitator.id });
	const other = createDialogueSession(db, SYSTEM, { title: 'Gesprek 2', facilitatorId: otherFacilitator.id });
	const client = addParticipant(db, SYSTEM, session.id, { displayName: 'Ans', perspective: 'client' });
	const observer = addParticipant(db, SYSTEM, session.id, { displayName: 'Bas', perspective: 'official', role: 'observer' });
	const stranger = addParticipant(db, SYSTEM, other.id, { displayName: 'Cor', perspective: 'client' });
	return { db, facilitator, otherFacilitator, admin, session, other, client, observer, stranger };
}

describe('participant tokens', () => {
	it('identify the participant; forged or removed tokens do not', async () => {
		const { db, client, session } = await world();
		expect(validateParticipantToken(db, client.token)?.id).toBe(client.participant.id);
		const [id] = client.token.split('.');
		expect(validateParticipantToken(db, `${id}.${'b'.repeat(39)}`)).toBeNull();
		expect(validateParticipantToken(db, 'rommel')).toBeNull();
		// Not through another session.
		expect(() => removeParticipant(db, SYSTEM, session.id + 1, client.participant.id)).toThrow(DomainError);
		expect(validateParticipantToken(db, client.token)?.id).toBe(client.participant.id);
		removeParticipant(db, SYSTEM, session.id, client.participant.id);
		expect(validateParticipantToken(db, client.token)).toBeNull();
		expect(session.id).toBeGreaterThan(0);
	});
});

/** A caller as the page hook and the websocket upgrade make it: from real tokens. */
function callerOf(db: ReturnType<typeof testDb>, tokens: { staff?: string; participant?: string }): Caller[] {
	return callerList(authenticateTokens(db, tokens, 7));
}

describe('sessionRights', () => {
	it('lets only the facilitator and participants in, observers read-only', async () => {
		const w = await world();
		const staff = (user: typeof w.admin) => callerOf(w.db, { staff: createSession(w.db, user.id, 7).token });
		const part = (p: typeof w.client) => callerOf(w.db, { participant: p.token });
		const access = (callers: Caller[], id = w.session.id) => sessionRights(w.db, callers, id)?.access ?? null;
		expect(access([])).toBeNull();
		expect(access(staff(w.facilitator))).toBe('write');
		expect(sessionRights(w.db, staff(w.facilitator), w.session.id)?.part).toBe('facilitator');
		expect(access(staff(w.otherFacilitator))).toBeNull();
		expect(access(staff(w.admin))).toBeNull();
		expect(access(part(w.client))).toBe('write');
		expect(access(part(w.observer))).toBe('read');
		expect(sessionRights(w.db, part(w.observer), w.session.id)?.part).toBe('observer');
		expect(access(part(w.stranger))).toBeNull();
		expect(access(part(w.client), 9999)).toBeNull();
	});

	it('makes everything read-only once the session is closed', async () => {
		const w = await world();
		const facilitator = callerOf(w.db, { staff: createSession(w.db, w.facilitator.id, 7).token });
		const client = callerOf(w.db, { participant: w.client.token });
		setDialogueSessionStatus(w.db, SYSTEM, w.session.id, 'closed');
		expect(sessionRights(w.db, facilitator, w.session.id)?.access).toBe('read');
		expect(sessionRights(w.db, client, w.session.id)?.access).toBe('read');
	});

	it('answers from the state now: logout, disabling, a new password, a lost role, an expired login', async () => {
		const w = await world();
		const login = () => createSession(w.db, w.facilitator.id, 7);
		const rights = (callers: Caller[]) => sessionRights(w.db, callers, w.session.id);

		const first = login();
		const firstCaller = callerOf(w.db, { staff: first.token });
		expect(rights(firstCaller)?.part).toBe('facilitator');
		invalidateSession(w.db, first.session.id);
		expect(rights(firstCaller)).toBeNull();
		expect(callerValid(w.db, firstCaller[0]!)).toBe(false);

		const second = callerOf(w.db, { staff: login().token });
		setAccountDisabled(w.db, SYSTEM, w.facilitator.id, true);
		expect(rights(second)).toBeNull();
		setAccountDisabled(w.db, SYSTEM, w.facilitator.id, false);

		const third = callerOf(w.db, { staff: login().token });
		expect(rights(third)?.part).toBe('facilitator');
		await resetPassword(w.db, SYSTEM, w.facilitator.id, 'een ander goed wachtwoord');
		expect(rights(third)).toBeNull();

		const fourth = callerOf(w.db, { staff: login().token });
		updateAccount(w.db, SYSTEM, w.facilitator.id, { email: 'gl@g.test', name: 'GL', roles: ['quality_manager'] });
		expect(rights(fourth)).toBeNull();
		expect(callerValid(w.db, fourth[0]!)).toBe(true);
		updateAccount(w.db, SYSTEM, w.facilitator.id, { email: 'gl@g.test', name: 'GL', roles: ['facilitator'] });
		expect(rights(fourth)?.part).toBe('facilitator');
		// A login that has expired counts as none, also before anyone deletes it.
		expect(sessionRights(w.db, fourth, w.session.id, Date.now() + 8 * 86_400_000)).toBeNull();
	});

	it("ends a participant's rights when removed, erased or pseudonymised, or when the link used is ended", async () => {
		const w = await world();
		const client = callerOf(w.db, { participant: w.client.token });
		expect(sessionRights(w.db, client, w.session.id)?.part).toBe('participant');
		// Pseudonymised (retention, erasure): the record stays, the rights go, even with the old caller kept by a connection.
		w.db.update(participants).set({ pseudonymisedAt: new Date() }).where(eq(participants.id, w.client.participant.id)).run();
		expect(sessionRights(w.db, client, w.session.id)).toBeNull();
		expect(callerValid(w.db, client[0]!)).toBe(false);

		// A personal link works until it is ended; the participant's other credentials are not affected.
		const link = newParticipantLink(w.db, w.observer.participant.id, 'invitation');
		const viaLink = callerOf(w.db, { participant: link });
		expect(sessionRights(w.db, viaLink, w.session.id)?.part).toBe('observer');
		w.db.delete(participantLinks).where(eq(participantLinks.participantId, w.observer.participant.id)).run();
		expect(sessionRights(w.db, viaLink, w.session.id)).toBeNull();
		expect(sessionRights(w.db, callerOf(w.db, { participant: w.observer.token }), w.session.id)?.part).toBe('observer');

		removeParticipant(w.db, SYSTEM, w.session.id, w.observer.participant.id);
		expect(callerOf(w.db, { participant: w.observer.token })).toEqual([]);
	});
});
