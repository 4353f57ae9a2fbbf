/**
 * A password attempt costs the same argon2 verification whatever the account: one with a
 * password, one made by single sign-on (no password, a marker instead of a hash) and an unknown
 * e-mail address. Otherwise the response time would tell which kind of account an address has.
 * Counted, not timed: every path must run argon2's verify exactly once, against a real argon2id
 * hash with the same cost parameters.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { createAccount, login } from '../../src/lib/server/auth/accounts';
import { ssoOnly } from '../../src/lib/server/auth/oidc';
import { hashPassword, verifyPassword } from '../../src/lib/server/auth/passwords';
import { SYSTEM } from '../../src/lib/server/audit';
import { users } from '../../src/lib/server/db/schema';
import { testDb } from '../helpers/db';

const verified = vi.hoisted(() => [] as string[]);

vi.mock('@node-rs/argon2', async (importOriginal) => {
	const actual = await importOriginal<typeof import('@node-rs/argon2')>();
	return {
		...actual,
		verify: (...args: Parameters<typeof actual.verify>) => {
			verified.push(String(args[0]));
			return actual.verify(...args);
		}
	};
});

const PASSWORD = 'een goed wachtwoord';
/** The cost part of an argon2 hash: "argon2id v=19 m=19456,t=2,p=1". */
const cost = (hash: string) => hash.split('$').slice(1, 4).join(' ');

async function accounts() {
	const db = testDb();
	const withPassword = await createAccount(db, SYSTEM, { email: 'wim@gemeente.test', name: 'Wim', roles: ['facilitator'] }, PASSWORD);
	const sso = await createAccount(db, SYSTEM, { email: 'sso@gemeente.test', name: 'Sanne', roles: ['facilitator'] }, PASSWORD);
	// What an account made by single sign-on holds instead of a hash (see auth/oidc.ts).
	db.update(users).set({ passwordHash: '!sso' }).where(eq(users.id, sso.id)).run();
	expect(ssoOnly(db, sso.id)).toBe(true);
	expect(ssoOnly(db, withPassword.id)).toBe(false);
	// Made once, before counting.
	await login(db, 'niemand@gemeente.test', 'warm up', '192.0.2.1');
	return { db };
}

describe('a password attempt does the same work for every kind of account', () => {
	beforeEach(() => {
		verified.length = 0;
	});

	it('verifies against an argon2id hash of the same cost once: password account, SSO-only account, unknown address', async () => {
		const { db } = await accounts();
		const reference = cost(await hashPassword('x'));
		const cases = [
			{ email: 'wim@gemeente.test', address: '192.0.2.10' },
			{ email: 'sso@gemeente.test', address: '192.0.2.11' },
			{ email: 'onbekend@gemeente.test', address: '192.0.2.12' }
		];
		for (const { email, address } of cases) {
			verified.length = 0;
			const result = await login(db, email, 'een fout wachtwoord', address);
			expect(result).toEqual({ ok: false, code: 'invalid' });
			expect(verified, email).toHaveLength(1);
			expect(verified[0], email).toMatch(/^\$argon2id\$/);
			expect(cost(verified[0]!), email).toBe(reference);
		}
	});

	it('refuses any password for an SSO-only account, the marker itself included, after a real verification', async () => {
		const { db } = await accounts();
		for (const attempt of ['!sso', '', PASSWORD]) {
			verified.length = 0;
			expect(await login(db, 'sso@gemeente.test', attempt, '192.0.2.20')).toMatchObject({ ok: false, code: 'invalid' });
			expect(verified).toHaveLength(1);
			expect(verified[0]).not.toBe('!sso');
		}
	});

	it('verifyPassword spends a verification on a hash it cannot use and says no', async () => {
		for (const unusable of ['!sso', '', 'not a hash']) {
			verified.length = 0;
			expect(await verifyPassword(unusable, 'iets')).toBe(false);
			expect(verified).toHaveLength(1);
			expect(verified[0]).toMatch(/^\$argon2id\$/);
		}
		verified.length = 0;
		expect(await verifyPassword(await hashPassword('goed'), 'goed')).toBe(true);
		expect(verified).toHaveLength(1);
	});
});
