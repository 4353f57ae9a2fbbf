import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, users } from '../../src/lib/server/db/schema';
import {
	changePassword,
	createAccount,
	createFirstAdmin,
	login,
	resetPassword,
	setAccountDisabled,
	updateAccount
} from '../../src/lib/server/auth/accounts';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/sessions';
import {
	FIRST_WAIT_MS,
	FREE_FAILURES_PER_PAIR,
	MAX_FAILURES_PER_ADDRESS,
	ADDRESS_PACE_MS,
	MAX_WAIT_MS,
	accountAddressKey,
	loginKeys,
	recordFailure,
	retryAfterSeconds,
	throttledMessage,
	limitedAddress
} from '../../src/lib/server/auth/rate-limit';
import { translate } from '../../src/lib/i18n';
import { DomainError } from '../../src/lib/server/errors';
import { ValidationError } from '../../src/lib/server/validation';
import { SYSTEM } from '../../src/lib/server/audit';
import { testDb } from '../helpers/db';

const PASSWORD = 'een goed wachtwoord';

async function expectDomainError(promise: Promise<unknown> | (() => unknown), code: string) {
	try {
		await (typeof promise === 'function' ? promise() : promise);
	} catch (error) {
		expect(error).toBeInstanceOf(DomainError);
		expect((error as DomainError).code).toBe(code);
		return;
	}
	expect.unreachable(`expected DomainError ${code}`);
}

describe('accounts', () => {
	it('hashes passwords with argon2id and logs in with the right password only', async () => {
		const db = testDb();
		const user = await createAccount(db, SYSTEM, { email: ' Kim@Gemeente.TEST ', name: 'Kim', roles: ['quality_manager'] }, PASSWORD);
		expect(user.email).toBe('kim@gemeente.test');
		const stored = db.select().from(users).where(eq(users.id, user.id)).get()!;
		expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
		expect(stored.passwordHash).not.toContain(PASSWORD);
		expect(await login(db, 'KIM@gemeente.test', PASSWORD, '10.0.0.1')).toMatchObject({ ok: true, user: { id: user.id } });
		expect(await login(db, 'kim@gemeente.test', 'verkeerd wachtwoord', '10.0.0.1')).toEqual({ ok: false, code: 'invalid' });
		expect(await login(db, 'niemand@gemeente.test', PASSWORD, '10.0.0.1')).toEqual({ ok: false, code: 'invalid' });
	});

	it('validates account input and refuses duplicates', async () => {
		const db = testDb();
		await createAccount(db, SYSTEM, { email: 'a@gemeente.test', name: 'A', roles: ['admin'] }, PASSWORD);
		await expectDomainError(
			createAccount(db, SYSTEM, { email: 'A@gemeente.test', name: 'B', roles: ['admin'] }, PASSWORD),
			'error.account.emailTaken'
		);
		await expectDomainError(
			createAccount(db, SYSTEM, { email: 'geen adres', name: 'B', roles: ['admin'] }, PASSWORD),
			'error.account.email'
		);
		await expectDomainError(createAccount(db, SYSTEM, { email: 'b@gemeente.test', name: 'B', roles: [] }, PASSWORD), 'error.account.roles');
		await expectDomainError(
			createAccount(db, SYSTEM, { email: 'b@gemeente.test', name: ' ', roles: ['admin'] }, PASSWORD),
			'error.account.name'
		);
		await expectDomainError(
			createAccount(db, SYSTEM, { email: 'b@gemeente.test', name: 'B', roles: ['admin'] }, 'kort'),
			'error.password.tooShort'
		);
		// Everything that is wrong at once, each at its field.
		const all = await createAccount(db, SYSTEM, { email: 'geen adres', name: ' ', roles: [] }, 'kort').catch((e: unknown) => e);
		expect(all).toBeInstanceOf(ValidationError);
		expect((all as ValidationError).problems.map((p) => [p.path[0], p.code])).toEqual([
			['name', 'error.account.name'],
			['email', 'error.account.email'],
			['roles', 'error.account.roles'],
			['password', 'error.password.tooShort']
		]);
		// One problem: the error itself reads as that problem, with its values.
		const short = await createAccount(db, SYSTEM, { email: 'b@gemeente.test', name: 'B', roles: ['admin'] }, 'kort').catch(
			(e: unknown) => e
		);
		expect([(short as ValidationError).code, (short as ValidationError).params]).toEqual(['error.password.tooShort', { min: 12 }]);
		expect(db.select().from(users).all()).toHaveLength(1);
		// A name with only an invisible character added is the same name, not a look-alike.
		const lookalike = await createAccount(db, SYSTEM, { email: 'c@gemeente.test', name: 'A\u200b', roles: ['facilitator'] }, PASSWORD);
		expect(lookalike.name).toBe('A');
		await expectDomainError(
			createAccount(db, SYSTEM, { email: 'd@gemeente.test', name: '\u200b\ufeff', roles: ['facilitator'] }, PASSWORD),
			'error.account.name'
		);
	});

	it("lets a stranger's wrong passwords slow down only the stranger: the owner logs in from their own address", async () => {
		const db = testDb();
		await createAccount(db, SYSTEM, { email: 'a@gemeente.test', name: 'A', roles: ['admin'] }, PASSWORD);
		// Five wrong passwords from one address, and one each from many others.
		for (let i = 0; i < FREE_FAILURES_PER_PAIR; i++)
			expect(await login(db, 'a@gemeente.test', `fout ${i}`, '10.6.6.6')).toMatchObject({ ok: false, code: 'invalid' });
		for (let i = 0; i < 20; i++)
			expect(await login(db, 'a@gemeente.test', `fout ${i}`, `10.0.0.${i}`)).toMatchObject({ ok: false, code: 'invalid' });
		// The owner, at their own address, is not kept out.
		expect(await login(db, 'a@gemeente.test', PASSWORD, '10.1.1.1')).toMatchObject({ ok: true });
		// The stranger is, even with the right password, and waits longer after every further failure.
		const blocked = await login(db, 'a@gemeente.test', PASSWORD, '10.6.6.6');
		expect(blocked).toMatchObject({ ok: false, code: 'throttled' });
		expect((blocked as { retryAfter: number }).retryAfter).toBeLessThanOrEqual(FIRST_WAIT_MS / 1000);
		const key = accountAddressKey('a@gemeente.test', '10.6.6.6');
		const waitAfter = (extra: number) => {
			const now = Date.now();
			recordFailure(db, Array(extra).fill(key), now);
			return retryAfterSeconds(db, loginKeys('a@gemeente.test', '10.6.6.6'), now);
		};
		const first = waitAfter(1);
		const second = waitAfter(1);
		expect(second).toBeGreaterThanOrEqual(first * 2 - 1);
		expect(waitAfter(20)).toBe(MAX_WAIT_MS / 1000);
		// The wait ends by itself.
		expect(retryAfterSeconds(db, loginKeys('a@gemeente.test', '10.6.6.6'), Date.now() + MAX_WAIT_MS + 1000)).toBe(0);
	});

	it('counts an IPv6 client by its /64 network, so a device cannot change its address to pass a limit', async () => {
		const network = '2001:db8:1:2::/64';
		for (const address of ['2001:db8:1:2::1', '2001:0DB8:0001:0002:ffff:1:2:3', '2001:db8:1:2:0:0:0:9', '2001:db8:1:2::a%eth0'])
			expect(limitedAddress(address)).toBe(network);
		expect(limitedAddress('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
		expect(limitedAddress('2001::3:4:5:6:7:8')).toBe('2001:0:3:4::/64');
		expect(limitedAddress('::1')).toBe('0:0:0:0::/64');
		expect(limitedAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
		expect(limitedAddress('192.0.2.7')).toBe('192.0.2.7');
		expect(limitedAddress('geen adres')).toBe('geen adres');
		// A stranger who changes address within their network after every wrong password is held all the same.
		const db = testDb();
		await createAccount(db, SYSTEM, { email: 'a@gemeente.test', name: 'A', roles: ['admin'] }, PASSWORD);
		for (let i = 0; i < FREE_FAILURES_PER_PAIR; i++)
			expect(await login(db, 'a@gemeente.test', `fout ${i}`, `2001:db8:6:6::${i + 1}`)).toMatchObject({ ok: false, code: 'invalid' });
		expect(await login(db, 'a@gemeente.test', PASSWORD, '2001:db8:6:6::ff')).toMatchObject({ ok: false, code: 'throttled' });
		expect(await login(db, 'a@gemeente.test', PASSWORD, '2001:db8:5:5::1')).toMatchObject({ ok: true });
	});

	it('slows one address that tries many accounts to one try per half minute, without shutting it out', async () => {
		const db = testDb();
		await createAccount(db, SYSTEM, { email: 'a@gemeente.test', name: 'A', roles: ['admin'] }, PASSWORD);
		const start = Date.now();
		for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++)
			recordFailure(
				db,
				loginKeys(`iemand${i}@gemeente.test`, '10.7.7.7').map((k) => k.key),
				start
			);
		expect(await login(db, 'a@gemeente.test', PASSWORD, '10.7.7.7')).toMatchObject({ ok: false, code: 'throttled' });
		expect(await login(db, 'a@gemeente.test', PASSWORD, '10.1.1.1')).toMatchObject({ ok: true });
		const wait = (at: number) => retryAfterSeconds(db, loginKeys('a@gemeente.test', '10.7.7.7'), at);
		expect(wait(start)).toBe(ADDRESS_PACE_MS / 1000);
		expect(throttledMessage(wait(start))).toEqual({ code: 'login.throttledSeconds', params: { seconds: 30 } });
		expect(translate('nl', 'login.throttledSeconds', { seconds: 30 })).toBe(
			'Te veel mislukte pogingen. Probeer het over 30 seconden opnieuw.'
		);
		expect(throttledMessage(59)).toEqual({ code: 'login.throttledSeconds', params: { seconds: 59 } });
		expect(throttledMessage(60)).toEqual({ code: 'login.throttled', params: { minutes: 1 } });
		expect(throttledMessage(61)).toEqual({ code: 'login.throttled', params: { minutes: 2 } });
		expect(throttledMessage(30, 'mfa')).toEqual({ code: 'mfa.error.throttledSeconds', params: { seconds: 30 } });
		expect(throttledMessage(900, 'mfa')).toEqual({ code: 'mfa.error.throttled', params: { minutes: 15 } });
		// A colleague behind the same address logs in half a minute after the guesser's last try (it was a quarter of an hour).
		expect(wait(start + ADDRESS_PACE_MS)).toBe(0);
		// The guesser's next failure starts the half minute again; it does not grow.
		recordFailure(
			db,
			loginKeys('iemand99@gemeente.test', '10.7.7.7').map((k) => k.key),
			start + ADDRESS_PACE_MS
		);
		expect(wait(start + ADDRESS_PACE_MS + 1000)).toBe(ADDRESS_PACE_MS / 1000 - 1);
		expect(wait(start + 2 * ADDRESS_PACE_MS)).toBe(0);
	});

	it('creates the first admin only while no account exists', async () => {
		const db = testDb();
		const admin = await createFirstAdmin(db, { email: 'eerste@gemeente.test', name: 'Eerste' }, PASSWORD);
		expect(admin.roles).toEqual(['admin']);
		await expectDomainError(createFirstAdmin(db, { email: 'tweede@gemeente.test', name: 'Tweede' }, PASSWORD), 'error.setup.done');
		expect(db.select().from(users).all()).toHaveLength(1);
	});

	it('keeps at least one active admin', async () => {
		const db = testDb();
		const admin = await createAccount(db, SYSTEM, { email: 'a@gemeente.test', name: 'A', roles: ['admin'] }, PASSWORD);
		const actor = { type: 'user' as const, id: admin.id };
		await expectDomainError(() => setAccountDisabled(db, actor, admin.id, true), 'error.account.lastAdmin');
		await expectDomainError(
			() => updateAccount(db, actor, admin.id, { email: 'a@gemeente.test', name: 'A', roles: ['facilitator'] }),
			'error.account.lastAdmin'
		);
		const other = await createAccount(db, actor, { email: 'b@gemeente.test', name: 'B', roles: ['admin', 'facilitator'] }, PASSWORD);
		expect(updateAccount(db, actor, admin.id, { email: 'a@gemeente.test', name: 'A', roles: ['facilitator'] }).roles).toEqual([
			'facilitator'
		]);
		await expectDomainError(() => setAccountDisabled(db, actor, other.id, true), 'error.account.lastAdmin');
	});

	it('disabling an account ends its sessions and blocks login', async () => {
		const db = testDb();
		const admin = await createAccount(db, SYSTEM, { email: 'a@gemeente.test', name: 'A', roles: ['admin'] }, PASSWORD);
		const user = await createAccount(db, SYSTEM, { email: 'b@gemeente.test', name: 'B', roles: ['facilitator'] }, PASSWORD);
		const { token } = createSession(db, user.id, 7);
		setAccountDisabled(db, { type: 'user', id: admin.id }, user.id, true);
		expect(validateSessionToken(db, token, 7)).toBeNull();
		expect((await login(db, 'b@gemeente.test', PASSWORD, '10.0.0.1')).ok).toBe(false);
		setAccountDisabled(db, { type: 'user', id: admin.id }, user.id, false);
		expect((await login(db, 'b@gemeente.test', PASSWORD, '10.0.0.1')).ok).toBe(true);
		const actions = db
			.select()
			.from(auditLog)
			.where(eq(auditLog.subjectId, user.id))
			.all()
			.map((a) => a.action);
		expect(actions).toEqual(expect.arrayContaining(['account.create', 'account.disable', 'account.enable', 'account.login']));
	});

	it('changes and resets passwords, ending existing sessions', async () => {
		const db = testDb();
		const user = await createAccount(db, SYSTEM, { email: 'b@gemeente.test', name: 'B', roles: ['facilitator'] }, PASSWORD);
		const { token } = createSession(db, user.id, 7);
		await expectDomainError(
			changePassword(db, user.id, 'verkeerd wachtwoord', 'nog een goed wachtwoord', '1.1.1.1'),
			'error.password.currentWrong'
		);
		await changePassword(db, user.id, PASSWORD, 'nog een goed wachtwoord', '1.1.1.1');
		expect(validateSessionToken(db, token, 7)).toBeNull();
		expect((await login(db, 'b@gemeente.test', 'nog een goed wachtwoord', '1.1.1.1')).ok).toBe(true);

		await resetPassword(db, SYSTEM, user.id, 'tijdelijk wachtwoord 1');
		const result = await login(db, 'b@gemeente.test', 'tijdelijk wachtwoord 1', '1.1.1.1');
		expect(result).toMatchObject({ ok: true, user: { mustChangePassword: true } });
	});

	it('throttles guessing the current password when changing it, as a login from that address', async () => {
		const db = testDb();
		const user = await createAccount(db, SYSTEM, { email: 'c@gemeente.test', name: 'C', roles: ['facilitator'] }, PASSWORD);
		for (let i = 0; i < FREE_FAILURES_PER_PAIR; i++) {
			await expectDomainError(
				changePassword(db, user.id, `fout ${i}`, 'nog een goed wachtwoord', '6.6.6.6'),
				'error.password.currentWrong'
			);
		}
		// Now even the right password waits, here and at the login from this address...
		// (the first wait is half a minute, said in seconds, not as "1 minuut")
		await expectDomainError(changePassword(db, user.id, PASSWORD, 'nog een goed wachtwoord', '6.6.6.6'), 'login.throttledSeconds');
		expect(await login(db, 'c@gemeente.test', PASSWORD, '6.6.6.6')).toMatchObject({ ok: false, code: 'throttled' });
		// ...but not from the owner's own address.
		await changePassword(db, user.id, PASSWORD, 'nog een goed wachtwoord', '1.1.1.1');
		expect((await login(db, 'c@gemeente.test', 'nog een goed wachtwoord', '1.1.1.1')).ok).toBe(true);
	});
});
