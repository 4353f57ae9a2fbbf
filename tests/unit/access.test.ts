import { DomainError } from '../../src/lib/server/errors';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { sessionAccess } from '../../src/lib/server/sessions/access';
import {
	addParticipant,
	createDialogueSession,
	removeParticipant,
	setDialogueSessionStatus,
	validateParticipantToken
} from '../../src/lib/server/sessions/participants';
import { testDb } from '../helpers/db';

async function world() {
	const db = testDb();
	const facilitator = await createAccount(db, SYSTEM, { email: 'gl@g.test', name: 'GL', roles: ['facilitator'] }, 'een goed wachtwoord');
	const otherFacilitator = await createAccount(db, SYSTEM, { email: 'gl2@g.test', name: 'GL2', roles: ['facilitator'] }, 'een goed wachtwoord');
	const admin = await createAccount(db, SYSTEM, { email: 'ad@g.test', name: 'AD', roles: ['admin', 'quality_manager'] }, 'een goed wachtwoord');
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

describe('sessionAccess', () => {
	it('lets only the facilitator and participants in, observers read-only', async () => {
		const w = await world();
		const staff = (user: typeof w.admin) => ({ kind: 'staff' as const, user });
		const part = (p: typeof w.client) => ({ kind: 'participant' as const, participant: p.participant });
		expect(sessionAccess(w.db, null, w.session.id)).toBeNull();
		expect(sessionAccess(w.db, staff(w.facilitator), w.session.id)).toBe('write');
		expect(sessionAccess(w.db, staff(w.otherFacilitator), w.session.id)).toBeNull();
		expect(sessionAccess(w.db, staff(w.admin), w.session.id)).toBeNull();
		expect(sessionAccess(w.db, part(w.client), w.session.id)).toBe('write');
		expect(sessionAccess(w.db, part(w.observer), w.session.id)).toBe('read');
		expect(sessionAccess(w.db, part(w.stranger), w.session.id)).toBeNull();
		expect(sessionAccess(w.db, part(w.client), 9999)).toBeNull();
	});

	it('makes everything read-only once the session is closed', async () => {
		const w = await world();
		setDialogueSessionStatus(w.db, SYSTEM, w.session.id, 'closed');
		expect(sessionAccess(w.db, { kind: 'staff', user: w.facilitator }, w.session.id)).toBe('read');
		expect(sessionAccess(w.db, { kind: 'participant', participant: w.client.participant }, w.session.id)).toBe('read');
	});
});
