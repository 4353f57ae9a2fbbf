import { afterEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { generateTOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { auditLog, authSessions, mfaCredentials, mfaPendingLogins, mfaRecoveryCodes } from '../../src/lib/server/db/schema';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/sessions';
import {
	CODE_WINDOW_MS,
	FREE_CODE_FAILURES,
	ISSUER,
	PENDING_LOGIN_MS,
	RECOVERY_CODE_COUNT,
	afterPassword,
	checkLoginCode,
	completePendingLogin,
	confirmEnrolment,
	createPendingLogin,
	disableMfa,
	markEnrolmentRequired,
	mfaRequiredFor,
	mfaStatus,
	pendingLoginUser,
	recoveryCodesLeft,
	resetMfa,
	startEnrolment
} from '../../src/lib/server/auth/mfa';
import { hashSecret } from '../../src/lib/server/auth/tokens';
import { callerValid } from '../../src/lib/server/access';
import { DomainError } from '../../src/lib/server/errors';
import { SYSTEM } from '../../src/lib/server/audit';
import type { Db } from '../../src/lib/server/db';
import { testDb } from '../helpers/db';

/** A fixed moment in the middle of a 30-second step. */
const T0 = Date.UTC(2026, 0, 5, 9, 0, 15);

/** The code an authenticator app shows at `at`, computed by @oslojs/otp's own TOTP. */
function appCode(secret: Uint8Array, at: number): string {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(at);
	try {
		return generateTOTP(secret, 30, 6);
	} finally {
		vi.useRealTimers();
	}
}

function expectDomainError(fn: () => unknown, code: string) {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(DomainError);
		expect((error as DomainError).code).toBe(code);
		return;
	}
	expect.unreachable(`expected DomainError ${code}`);
}

async function account(db: Db, roles: ('admin' | 'facilitator')[] = ['facilitator']) {
	return createAccount(
		db,
		SYSTEM,
		{ email: `m${crypto.randomUUID().slice(0, 6)}@gemeente.test`, name: 'Mia', roles },
		'een goed wachtwoord'
	);
}

function storedSecret(db: Db, userId: number): Uint8Array {
	return new Uint8Array(db.select().from(mfaCredentials).where(eq(mfaCredentials.userId, userId)).get()!.secret);
}

/** An account with MFA switched on at T0; returns its secret and recovery codes. */
async function enrolled(db: Db) {
	const user = await account(db);
	await startEnrolment(db, user.id);
	const secret = storedSecret(db, user.id);
	const codes = confirmEnrolment(db, user.id, appCode(secret, T0), T0);
	return { user, secret, codes };
}

afterEach(() => vi.useRealTimers());

describe('MFA policy', () => {
	it('is required for beheerders by default and for everyone with MFA_REQUIRED=all', () => {
		expect(mfaRequiredFor({ roles: ['admin'] }, 'beheerder')).toBe(true);
		expect(mfaRequiredFor({ roles: ['facilitator', 'quality_manager'] }, 'beheerder')).toBe(false);
		expect(mfaRequiredFor({ roles: ['facilitator'] }, 'all')).toBe(true);
	});

	it('sends a beheerder without MFA to enrol, one with MFA to the code, others straight in', async () => {
		const db = testDb();
		const admin = await account(db, ['admin']);
		const facilitator = await account(db);
		expect(afterPassword(db, admin, 'beheerder')).toBe('enrol');
		expect(afterPassword(db, facilitator, 'beheerder')).toBe('done');
		expect(afterPassword(db, facilitator, 'all')).toBe('enrol');
		const { user } = await enrolled(db);
		expect(afterPassword(db, user, 'beheerder')).toBe('code');
	});
});

describe('enrolment', () => {
	it('gives an otpauth URI with the issuer and e-mail, a QR code and the secret in groups', async () => {
		const db = testDb();
		const user = await account(db);
		const enrolment = await startEnrolment(db, user.id);
		const uri = new URL(enrolment.uri);
		expect(uri.protocol).toBe('otpauth:');
		expect(uri.host).toBe('totp');
		expect(decodeURIComponent(uri.pathname)).toBe(`/${ISSUER}:${user.email}`);
		expect(uri.searchParams.get('issuer')).toBe(ISSUER);
		expect(enrolment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
		expect(enrolment.secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
		// The typed secret is the stored one, and the one in the URI.
		const secret = storedSecret(db, user.id);
		expect(decodeBase32IgnorePadding(enrolment.secret.replace(/ /g, ''))).toEqual(secret);
		expect(decodeBase32IgnorePadding(uri.searchParams.get('secret')!)).toEqual(secret);
		// Reloading the page keeps the secret that waits for its first code.
		expect((await startEnrolment(db, user.id)).secret).toBe(enrolment.secret);
		expect(mfaStatus(db, user.id)).toBe('pending');
	});

	it('is switched on only with a correct first code, and then gives 10 recovery codes stored hashed', async () => {
		const db = testDb();
		const user = await account(db);
		await startEnrolment(db, user.id);
		const secret = storedSecret(db, user.id);
		const wrong = appCode(secret, T0) === '000000' ? '111111' : '000000';
		expectDomainError(() => confirmEnrolment(db, user.id, wrong, T0), 'mfa.error.codeWrong');
		expect(mfaStatus(db, user.id)).toBe('pending');

		const codes = confirmEnrolment(db, user.id, appCode(secret, T0), T0);
		expect(mfaStatus(db, user.id)).toBe('on');
		expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
		expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
		for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
		const rows = db.select().from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, user.id)).all();
		expect(rows).toHaveLength(RECOVERY_CODE_COUNT);
		const stored = rows.map((r) => Buffer.from(r.codeHash).toString('hex')).sort();
		expect(stored).toEqual(codes.map((c) => hashSecret(c.replace(/-/g, '')).toString('hex')).sort());
		// No code in the clear anywhere in the table.
		expect(JSON.stringify(rows)).not.toContain(codes[0]!.replace(/-/g, ''));
		// Audited, without the code.
		const actions = db.select().from(auditLog).all();
		expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['account.mfa-code-wrong', 'account.mfa-enable']));
		expect(JSON.stringify(actions)).not.toContain(wrong);
		expectDomainError(() => confirmEnrolment(db, user.id, appCode(secret, T0 + 30_000), T0 + 30_000), 'mfa.error.notPending');
	});

	it('ends the enrolment demand of the account’s logins once it is on', async () => {
		const db = testDb();
		const user = await account(db, ['admin']);
		const { token, session } = createSession(db, user.id, 7);
		markEnrolmentRequired(db, session.id);
		expect(validateSessionToken(db, token, 7)!.session.mfaEnrolmentRequired).toBe(true);
		// Such a login has no rights in sessions, live connections or documents either.
		const caller = { kind: 'staff' as const, userId: user.id, authSessionId: session.id };
		expect(callerValid(db, caller)).toBe(false);
		await startEnrolment(db, user.id);
		confirmEnrolment(db, user.id, appCode(storedSecret(db, user.id), T0), T0);
		expect(validateSessionToken(db, token, 7)!.session.mfaEnrolmentRequired).toBe(false);
		expect(callerValid(db, caller)).toBe(true);
	});
});

describe('codes at login', () => {
	it('accepts the code of the step before, now and after, and refuses older and newer ones', async () => {
		const db = testDb();
		const { user, secret } = await enrolled(db);
		const later = T0 + 10 * 60_000;
		for (const [offset, ok] of [
			[-90_000, false],
			[-30_000, true],
			[+60_000, false]
		] as const) {
			expect(checkLoginCode(db, user.id, appCode(secret, later + offset), later).ok, String(offset)).toBe(ok);
		}
		// The next step's code is accepted too (a clock a little ahead).
		expect(checkLoginCode(db, user.id, appCode(secret, later + 30_000), later).ok).toBe(true);
	});

	it('never accepts the same code (time step) twice, nor an older step after a newer one', async () => {
		const db = testDb();
		const { user, secret } = await enrolled(db);
		const at = T0 + 5 * 60_000;
		const code = appCode(secret, at);
		expect(checkLoginCode(db, user.id, code, at)).toEqual({ ok: true, recovery: false });
		expect(checkLoginCode(db, user.id, code, at + 5_000)).toEqual({ ok: false, code: 'invalid' });
		// The code of the enrolment step itself was used up at enrolment.
		expect(checkLoginCode(db, user.id, appCode(secret, T0), T0 + 1_000).ok).toBe(false);
		expect(checkLoginCode(db, user.id, appCode(secret, at - 30_000), at).ok).toBe(false);
		expect(checkLoginCode(db, user.id, appCode(secret, at + 30_000), at + 30_000).ok).toBe(true);
	});

	it('accepts each recovery code once, typed with or without dashes and in capitals', async () => {
		const db = testDb();
		const { user, codes } = await enrolled(db);
		const [first, second] = codes as [string, string];
		expect(checkLoginCode(db, user.id, first, T0 + 60_000)).toEqual({ ok: true, recovery: true });
		expect(checkLoginCode(db, user.id, first, T0 + 61_000).ok).toBe(false);
		expect(checkLoginCode(db, user.id, ` ${second.replace(/-/g, ' ').toUpperCase()} `, T0 + 62_000)).toEqual({ ok: true, recovery: true });
		expect(recoveryCodesLeft(db, user.id)).toBe(RECOVERY_CODE_COUNT - 2);
		expect(
			db
				.select()
				.from(auditLog)
				.all()
				.filter((a) => a.action === 'account.mfa-recovery-code-used')
		).toHaveLength(2);
	});

	it('throttles wrong codes per account with a growing wait, and lets the owner in again afterwards', async () => {
		const db = testDb();
		const { user, secret } = await enrolled(db);
		const other = await enrolled(db);
		let at = T0 + 60_000;
		for (let i = 0; i < FREE_CODE_FAILURES; i++) expect(checkLoginCode(db, user.id, '000000', at + i).ok).toBe(false);
		at += FREE_CODE_FAILURES;
		// Even a correct code waits now; the wait is reported.
		const throttled = checkLoginCode(db, user.id, appCode(secret, at), at);
		expect(throttled).toMatchObject({ ok: false, code: 'throttled' });
		expect((throttled as { retryAfter: number }).retryAfter).toBeGreaterThan(0);
		// Another account is not affected.
		expect(checkLoginCode(db, other.user.id, appCode(other.secret, at), at).ok).toBe(true);
		// After the wait the owner gets in.
		at += CODE_WINDOW_MS;
		expect(checkLoginCode(db, user.id, appCode(secret, at), at).ok).toBe(true);
		expect(
			db
				.select()
				.from(auditLog)
				.all()
				.some((a) => a.action === 'account.mfa-throttled')
		).toBe(true);
	});
});

describe('pending login (the second step)', () => {
	it('is single use, expires after a few minutes and only the hash of its token is stored', async () => {
		const db = testDb();
		const { user, secret } = await enrolled(db);
		const at = T0 + 60_000;
		const { token } = createPendingLogin(db, user.id, at);
		const row = db.select().from(mfaPendingLogins).get()!;
		expect(JSON.stringify(row)).not.toContain(token.split('.')[1]);
		expect(pendingLoginUser(db, token, at)).toBe(user.id);
		expect(completePendingLogin(db, token, '000000', at)).toEqual({ ok: false, code: 'invalid' });
		expect(completePendingLogin(db, token, appCode(secret, at), at)).toEqual({ ok: true, userId: user.id, recovery: false });
		expect(completePendingLogin(db, token, appCode(secret, at + 30_000), at + 30_000)).toEqual({ ok: false, code: 'expired' });

		const late = createPendingLogin(db, user.id, at);
		expect(pendingLoginUser(db, late.token, at + PENDING_LOGIN_MS + 1)).toBeNull();
		expect(completePendingLogin(db, 'not-a-token', '123456', at)).toEqual({ ok: false, code: 'expired' });
	});
});

describe('switching MFA off', () => {
	it('by the user needs a correct code, and is audited', async () => {
		const db = testDb();
		const { user, secret } = await enrolled(db);
		expectDomainError(() => disableMfa(db, user.id, '000000', T0 + 60_000), 'mfa.error.codeWrong');
		expect(mfaStatus(db, user.id)).toBe('on');
		disableMfa(db, user.id, appCode(secret, T0 + 60_000), T0 + 60_000);
		expect(mfaStatus(db, user.id)).toBe('off');
		expect(db.select().from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, user.id)).all()).toHaveLength(0);
		expect(db.select().from(auditLog).all().at(-1)!.action).toBe('account.mfa-disable');
	});

	it('by a beheerder is audited and logs the user out everywhere', async () => {
		const db = testDb();
		const admin = await account(db, ['admin']);
		const { user } = await enrolled(db);
		const { token } = createSession(db, user.id, 7);
		resetMfa(db, { type: 'user', id: admin.id }, user.id);
		expect(mfaStatus(db, user.id)).toBe('off');
		expect(validateSessionToken(db, token, 7)).toBeNull();
		expect(db.select().from(authSessions).where(eq(authSessions.userId, user.id)).all()).toHaveLength(0);
		const entry = db.select().from(auditLog).all().at(-1)!;
		expect(entry).toMatchObject({ action: 'account.mfa-reset', actorId: admin.id, subjectId: user.id });
		expectDomainError(() => resetMfa(db, { type: 'user', id: admin.id }, user.id), 'mfa.error.notOn');
	});
});
