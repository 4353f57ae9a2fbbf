import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { authSessions } from '../../src/lib/server/db/schema';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession, invalidateUserSessions, validateSessionToken } from '../../src/lib/server/auth/sessions';
import { newToken, parseToken } from '../../src/lib/server/auth/tokens';
import { SYSTEM } from '../../src/lib/server/audit';
import { testDb } from '../helpers/db';

const DAY = 24 * 3600 * 1000;

async function setup() {
	const db = testDb();
	const user = await createAccount(
		db,
		SYSTEM,
		{ email: 'gl@gemeente.test', name: 'Gespreksleider', roles: ['facilitator'] },
		'een goed wachtwoord'
	);
	return { db, user };
}

describe('tokens', () => {
	it('are id.secret with enough randomness and parse back', () => {
		const a = newToken();
		const b = newToken();
		expect(a.token).not.toBe(b.token);
		expect(parseToken(a.token)).toEqual({ id: a.id, secret: a.token.split('.')[1] });
		expect(a.secretHash).toHaveLength(32);
	});

	it.each(['', 'abc', 'a.b', `${'a'.repeat(24)}.${'A'.repeat(39)}`, `${'a'.repeat(24)}.${'a'.repeat(39)}x`])(
		'rejects the malformed token %j',
		(token) => expect(parseToken(token)).toBeNull()
	);
});

describe('staff sessions', () => {
	it('stores only a hash of the secret and validates the token', async () => {
		const { db, user } = await setup();
		const { token, session } = createSession(db, user.id, 7);
		const row = db.select().from(authSessions).where(eq(authSessions.id, session.id)).get()!;
		expect(row.secretHash.toString('hex')).not.toContain(token.split('.')[1]);
		expect(Buffer.from(row.secretHash).includes(Buffer.from(token.split('.')[1]!))).toBe(false);
		expect(validateSessionToken(db, token, 7)?.user.id).toBe(user.id);
	});

	it('refuses a forged secret for a real session id', async () => {
		const { db, user } = await setup();
		const { session } = createSession(db, user.id, 7);
		const forged = `${session.id}.${'a'.repeat(39)}`;
		expect(validateSessionToken(db, forged, 7)).toBeNull();
	});

	it('slides the expiry when less than half the lifetime is left, and expires after it', async () => {
		const { db, user } = await setup();
		const start = new Date('2026-01-01T12:00:00Z');
		const { token } = createSession(db, user.id, 7, start);
		const early = validateSessionToken(db, token, 7, new Date(start.getTime() + 1 * DAY))!;
		expect(early.renewed).toBe(false);
		expect(early.session.expiresAt.getTime()).toBe(start.getTime() + 7 * DAY);
		const late = new Date(start.getTime() + 5 * DAY);
		const renewed = validateSessionToken(db, token, 7, late)!;
		expect(renewed.renewed).toBe(true);
		expect(renewed.session.expiresAt.getTime()).toBe(late.getTime() + 7 * DAY);
		expect(validateSessionToken(db, token, 7, new Date(late.getTime() + 7 * DAY + 1))).toBeNull();
		expect(db.select().from(authSessions).all()).toHaveLength(0);
	});

	it('ends all sessions of a user', async () => {
		const { db, user } = await setup();
		const a = createSession(db, user.id, 7);
		const b = createSession(db, user.id, 7);
		invalidateUserSessions(db, user.id);
		expect(validateSessionToken(db, a.token, 7)).toBeNull();
		expect(validateSessionToken(db, b.token, 7)).toBeNull();
	});
});
