/**
 * Multi-factor authentication for password accounts: a TOTP app (RFC 6238: 30-second steps,
 * 6 digits, SHA-1, what every authenticator app reads from the QR code) plus 10 recovery codes.
 *
 * - Enrolment: a random 20-byte secret is stored unconfirmed; it is switched on only after a
 *   first correct code, and then the recovery codes are made and shown once.
 * - A code is accepted for the current step and one step either side (clock drift), and never
 *   for a step at or before the last accepted one (no replay).
 * - Recovery codes are 80 random bits; only a SHA-256 hash is stored; each works once.
 * - Wrong codes are throttled per account (../auth/rate-limit.ts): only someone who knows the
 *   password reaches this step, so nobody else can use it to lock the account's owner out.
 * - Password login for an account with MFA is not complete until the second step: a pending
 *   login (`<id>.<secret>`, only the hash stored), single use, valid for a few minutes.
 *
 * Nothing here logs or audits a code or a secret.
 */
import { and, eq, isNull, lt } from 'drizzle-orm';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import QRCode from 'qrcode';
import type { Db } from '../db';
import { authSessions, mfaCredentials, mfaPendingLogins, mfaRecoveryCodes, users, type Role } from '../db/schema';
import { audit, type Actor } from '../audit';
import { DomainError } from '../errors';
import type { Config } from '../config';
import { hashSecret, newToken, parseToken, randomString, secretMatches } from './tokens';
import { invalidateUserSessions } from './sessions';
import { clearFailures, recordFailure, retryAfterSeconds, throttledMessage } from './rate-limit';

export const ISSUER = 'Kwaliteitsdialoog';
export const PERIOD_SECONDS = 30;
export const DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;
export const PENDING_LOGIN_MS = 5 * 60 * 1000;
/** Wrong codes per account before each further try waits (growing), and the most per window. */
export const FREE_CODE_FAILURES = 5;
export const MAX_CODE_FAILURES = 10;
export const CODE_WINDOW_MS = 15 * 60 * 1000;

export type MfaPolicy = Config['mfaRequired'];
export type MfaStatus = 'off' | 'pending' | 'on';

/** Whether this staff member must use MFA with a password login, under the MFA_REQUIRED setting. */
export function mfaRequiredFor(user: { roles: readonly Role[] }, policy: MfaPolicy): boolean {
	return policy === 'all' || user.roles.includes('admin');
}

export function mfaStatus(db: Pick<Db, 'select'>, userId: number): MfaStatus {
	const row = db.select({ confirmedAt: mfaCredentials.confirmedAt }).from(mfaCredentials).where(eq(mfaCredentials.userId, userId)).get();
	return !row ? 'off' : row.confirmedAt ? 'on' : 'pending';
}

/** The time step of a moment. */
export function timeStep(now: number): number {
	return Math.floor(now / 1000 / PERIOD_SECONDS);
}

/** The TOTP code of a secret at a time step (for the tests and the check below). */
export function totpAt(secret: Uint8Array, step: number): string {
	return generateHOTP(secret, BigInt(step), DIGITS);
}

/** The step in [now-1, now+1] after `lastStep` whose code this is, or null. */
function matchingStep(secret: Uint8Array, code: string, lastStep: number, now: number): number | null {
	if (!/^\d{6}$/.test(code)) return null;
	const current = timeStep(now);
	const given = new TextEncoder().encode(code);
	for (const step of [current - 1, current, current + 1]) {
		if (step <= lastStep) continue;
		if (constantTimeEqual(new TextEncoder().encode(totpAt(secret, step)), given)) return step;
	}
	return null;
}

/** A code as typed: spaces and dashes removed, lower case. */
export function normalizeCode(raw: string): string {
	return raw.replace(/[\s-]/g, '').toLowerCase().slice(0, 64);
}

/** The secret in groups of four, for typing it into an app by hand. */
export function secretGroups(secret: Uint8Array): string {
	return (
		encodeBase32UpperCaseNoPadding(secret)
			.match(/.{1,4}/g)
			?.join(' ') ?? ''
	);
}

export interface Enrolment {
	/** The otpauth:// URI the QR code holds. */
	uri: string;
	/** The secret in groups of four. */
	secret: string;
	/** The QR code as SVG (made here from the URI, no user input). */
	qrSvg: string;
}

/**
 * Starts (or continues) setting up MFA: an unconfirmed secret for this account, reused while
 * it waits for its first code. Refused when MFA is on already.
 */
export async function startEnrolment(db: Db, userId: number): Promise<Enrolment> {
	const user = db.select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
	if (!user) throw new DomainError('error.missing', 404);
	let row = db.select().from(mfaCredentials).where(eq(mfaCredentials.userId, userId)).get();
	if (row?.confirmedAt) throw new DomainError('mfa.error.alreadyOn', 409);
	if (!row) {
		const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(20)));
		row = db.insert(mfaCredentials).values({ userId, secret }).returning().get();
	}
	const secret = new Uint8Array(row.secret);
	const uri = createTOTPKeyURI(ISSUER, user.email, secret, PERIOD_SECONDS, DIGITS);
	const qrSvg = await QRCode.toString(uri, {
		type: 'svg',
		margin: 2,
		errorCorrectionLevel: 'M',
		color: { dark: '#000000', light: '#ffffff' }
	});
	return { uri, secret: secretGroups(secret), qrSvg };
}

/** The throttle of code checks for one account. */
function codeKeys(userId: number) {
	const key = hashSecret(`mfa:${userId}`).toString('hex');
	return {
		key,
		limits: [
			{ key, max: FREE_CODE_FAILURES, backoff: { firstMs: 30 * 1000, maxMs: CODE_WINDOW_MS } },
			{ key, max: MAX_CODE_FAILURES, windowMs: CODE_WINDOW_MS }
		]
	};
}

export type CodeCheck = { ok: true; recovery: boolean } | { ok: false; code: 'invalid' | 'throttled'; retryAfter?: number };

/**
 * Checks a code for an account: a TOTP code of its confirmed secret (or, with `pending`, of
 * the secret waiting for confirmation), or, when `recovery`, one of its unused recovery codes,
 * which is then used up. Throttled; failures are audited without the code.
 */
function checkCode(
	db: Db,
	userId: number,
	raw: string,
	options: { pending?: boolean; recovery?: boolean; now?: number; purpose: string }
): CodeCheck {
	const now = options.now ?? Date.now();
	const { key, limits } = codeKeys(userId);
	const wait = retryAfterSeconds(db, limits, now);
	if (wait > 0) {
		db.transaction((tx) =>
			audit(tx, { type: 'user', id: userId }, 'account.mfa-throttled', { type: 'user', id: userId }, { purpose: options.purpose })
		);
		return { ok: false, code: 'throttled', retryAfter: wait };
	}
	const code = normalizeCode(raw);
	const accepted = db.transaction((tx): CodeCheck | null => {
		const row = tx.select().from(mfaCredentials).where(eq(mfaCredentials.userId, userId)).get();
		if (!row || !!row.confirmedAt === !!options.pending) return null;
		const step = matchingStep(new Uint8Array(row.secret), code, row.lastStep, now);
		if (step !== null) {
			tx.update(mfaCredentials).set({ lastStep: step }).where(eq(mfaCredentials.userId, userId)).run();
			return { ok: true, recovery: false };
		}
		if (options.recovery && /^[a-z2-7]{16}$/.test(code)) {
			const used = tx
				.update(mfaRecoveryCodes)
				.set({ usedAt: new Date(now) })
				.where(and(eq(mfaRecoveryCodes.userId, userId), eq(mfaRecoveryCodes.codeHash, hashSecret(code)), isNull(mfaRecoveryCodes.usedAt)))
				.returning({ id: mfaRecoveryCodes.id })
				.get();
			if (used) {
				audit(tx, { type: 'user', id: userId }, 'account.mfa-recovery-code-used', { type: 'user', id: userId });
				return { ok: true, recovery: true };
			}
		}
		return null;
	});
	if (accepted) {
		clearFailures(db, key);
		return accepted;
	}
	recordFailure(db, [key], now);
	db.transaction((tx) =>
		audit(tx, { type: 'user', id: userId }, 'account.mfa-code-wrong', { type: 'user', id: userId }, { purpose: options.purpose })
	);
	return { ok: false, code: 'invalid' };
}

function refuse(check: Extract<CodeCheck, { ok: false }>): never {
	if (check.code === 'throttled') {
		const told = throttledMessage(check.retryAfter ?? 60, 'mfa');
		throw new DomainError(told.code, 429, told.params);
	}
	throw new DomainError('mfa.error.codeWrong');
}

/** A new set of recovery codes for an account (the old ones stop working); returns them in the clear, once. */
function newRecoveryCodes(tx: Pick<Db, 'insert' | 'delete'>, userId: number): string[] {
	tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId)).run();
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => randomString(10));
	for (const code of codes)
		tx.insert(mfaRecoveryCodes)
			.values({ userId, codeHash: hashSecret(code) })
			.run();
	return codes.map((c) => c.match(/.{4}/g)!.join('-'));
}

/**
 * Switches MFA on with a first code from the app; returns the recovery codes, to show once.
 * Clears the enrolment demand of this account's logins (they may now do their work).
 */
export function confirmEnrolment(db: Db, userId: number, code: string, now = Date.now()): string[] {
	if (mfaStatus(db, userId) !== 'pending') throw new DomainError('mfa.error.notPending', 409);
	const check = checkCode(db, userId, code, { pending: true, now, purpose: 'enrol' });
	if (!check.ok) refuse(check);
	return db.transaction((tx) => {
		tx.update(mfaCredentials)
			.set({ confirmedAt: new Date(now) })
			.where(eq(mfaCredentials.userId, userId))
			.run();
		tx.update(authSessions).set({ mfaEnrolmentRequired: false }).where(eq(authSessions.userId, userId)).run();
		audit(tx, { type: 'user', id: userId }, 'account.mfa-enable', { type: 'user', id: userId });
		return newRecoveryCodes(tx, userId);
	});
}

/** Makes new recovery codes after a correct code from the app; the old ones stop working. */
export function regenerateRecoveryCodes(db: Db, userId: number, code: string, now = Date.now()): string[] {
	if (mfaStatus(db, userId) !== 'on') throw new DomainError('mfa.error.notOn', 409);
	const check = checkCode(db, userId, code, { now, purpose: 'recovery-codes' });
	if (!check.ok) refuse(check);
	return db.transaction((tx) => {
		audit(tx, { type: 'user', id: userId }, 'account.mfa-recovery-codes-new', { type: 'user', id: userId });
		return newRecoveryCodes(tx, userId);
	});
}

/** The number of recovery codes an account has left. */
export function recoveryCodesLeft(db: Pick<Db, 'select'>, userId: number): number {
	return db
		.select({ id: mfaRecoveryCodes.id })
		.from(mfaRecoveryCodes)
		.where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)))
		.all().length;
}

function removeMfa(tx: Pick<Db, 'delete'>, userId: number): void {
	tx.delete(mfaCredentials).where(eq(mfaCredentials.userId, userId)).run();
	tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId)).run();
	tx.delete(mfaPendingLogins).where(eq(mfaPendingLogins.userId, userId)).run();
}

/** The staff member switches MFA off with a code from the app or a recovery code. Audited. */
export function disableMfa(db: Db, userId: number, code: string, now = Date.now()): void {
	const status = mfaStatus(db, userId);
	if (status === 'off') throw new DomainError('mfa.error.notOn', 409);
	if (status === 'pending') {
		// Only a secret that waited for its first code: stop the set-up, nothing was on.
		db.transaction((tx) => removeMfa(tx, userId));
		return;
	}
	const check = checkCode(db, userId, code, { recovery: true, now, purpose: 'disable' });
	if (!check.ok) refuse(check);
	db.transaction((tx) => {
		removeMfa(tx, userId);
		audit(tx, { type: 'user', id: userId }, 'account.mfa-disable', { type: 'user', id: userId });
	});
}

/**
 * A beheerder switches MFA off for someone who lost their device: audited, and every login of
 * that account ends, so the next one sets it up again where it is required.
 */
export function resetMfa(db: Db, actor: Actor, userId: number): void {
	const found = db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get();
	if (!found) throw new DomainError('error.missing', 404);
	if (mfaStatus(db, userId) === 'off') throw new DomainError('mfa.error.notOn', 409);
	db.transaction((tx) => {
		removeMfa(tx, userId);
		audit(tx, actor, 'account.mfa-reset', { type: 'user', id: userId });
	});
	invalidateUserSessions(db, userId);
}

// ---------------------------------------------------------------------------------------------
// The second step of a password login

/** After a correct password: a login waiting for its code. Returns the cookie's token. */
export function createPendingLogin(db: Db, userId: number, now = Date.now()): { token: string; expiresAt: Date } {
	const { id, secretHash, token } = newToken();
	const expiresAt = new Date(now + PENDING_LOGIN_MS);
	db.transaction((tx) => {
		tx.delete(mfaPendingLogins)
			.where(lt(mfaPendingLogins.expiresAt, new Date(now)))
			.run();
		tx.insert(mfaPendingLogins).values({ id, secretHash, userId, expiresAt }).run();
	});
	return { token, expiresAt };
}

/** The account a pending login's token belongs to, while it is valid; null otherwise. */
export function pendingLoginUser(db: Db, token: string | undefined, now = Date.now()): number | null {
	const parsed = parseToken(token);
	if (!parsed) return null;
	const row = db.select().from(mfaPendingLogins).where(eq(mfaPendingLogins.id, parsed.id)).get();
	if (!row || !secretMatches(parsed.secret, row.secretHash)) return null;
	if (row.expiresAt.getTime() <= now) {
		db.delete(mfaPendingLogins).where(eq(mfaPendingLogins.id, row.id)).run();
		return null;
	}
	const user = db.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, row.userId)).get();
	return user && !user.disabledAt ? row.userId : null;
}

export type SecondStep =
	{ ok: true; userId: number; recovery: boolean } | { ok: false; code: 'expired' | 'invalid' | 'throttled'; retryAfter?: number };

/**
 * The second step: a code from the app or a recovery code for the pending login's account.
 * On success the pending login is used up (single use) and the caller creates the session.
 */
export function completePendingLogin(db: Db, token: string | undefined, code: string, now = Date.now()): SecondStep {
	const userId = pendingLoginUser(db, token, now);
	if (userId === null) return { ok: false, code: 'expired' };
	const check = checkCode(db, userId, code, { recovery: true, now, purpose: 'login' });
	if (!check.ok) return check;
	const removed = db
		.delete(mfaPendingLogins)
		.where(eq(mfaPendingLogins.id, parseToken(token)!.id))
		.returning({ id: mfaPendingLogins.id })
		.get();
	// Used by a parallel request in the meantime: this one does not log in.
	if (!removed) return { ok: false, code: 'expired' };
	db.transaction((tx) => audit(tx, { type: 'user', id: userId }, 'account.login', { type: 'user', id: userId }, { mfa: true }));
	return { ok: true, userId, recovery: check.recovery };
}

/**
 * What a correct password leads to: `code` (ask for the second step), `enrol` (a login that
 * may only set MFA up) or `done` (no MFA needed).
 */
export function afterPassword(db: Db, user: { id: number; roles: readonly Role[] }, policy: MfaPolicy): 'code' | 'enrol' | 'done' {
	if (mfaStatus(db, user.id) === 'on') return 'code';
	return mfaRequiredFor(user, policy) ? 'enrol' : 'done';
}

/** Marks a staff login as one that may only set MFA up (see afterPassword). */
export function markEnrolmentRequired(db: Db, sessionId: string): void {
	db.update(authSessions).set({ mfaEnrolmentRequired: true }).where(eq(authSessions.id, sessionId)).run();
}

/**
 * The second step in one request (the JSON API): a code from the app or a recovery code for
 * an account whose password was just checked. Throttled and audited like the login page's.
 */
export function checkLoginCode(db: Db, userId: number, code: string, now = Date.now()): CodeCheck {
	const check = checkCode(db, userId, code, { recovery: true, now, purpose: 'login' });
	if (check.ok)
		db.transaction((tx) => audit(tx, { type: 'user', id: userId }, 'account.login', { type: 'user', id: userId }, { mfa: true }));
	return check;
}
