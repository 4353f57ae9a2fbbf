/**
 * Staff accounts: creation, login, password changes and management by the beheerder.
 * Every change is audited; the last active beheerder can be neither disabled nor demoted.
 */
import { and, asc, count, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { singleLine, ValidationError, type Problem } from '../validation';
import type { Db } from '../db';
import { authSessions, ROLES, users, type Role, type User } from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor, SYSTEM } from '../audit';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from '../config';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';
import { invalidateUserSessions } from './sessions';
import { mfaRequiredFor, mfaStatus, type MfaPolicy } from './mfa';
import { accessChanged } from '../access/changes';
import { clearFailures, loginKeys, recordFailure, retryAfterSeconds, throttledMessage } from './rate-limit';

export { MAX_PASSWORD_LENGTH };

export const emailSchema = z
	.string()
	.trim()
	.toLowerCase()
	.max(254)
	.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);

export const accountInputSchema = z.object({
	email: emailSchema,
	name: singleLine(120),
	roles: z.array(z.enum(ROLES)).min(1)
});
export type AccountInput = z.input<typeof accountInputSchema>;

/** The fields of an account that may be shown; never the password hash. */
export type PublicUser = Omit<User, 'passwordHash'>;

export function toPublicUser(user: User): PublicUser {
	const { passwordHash: _hash, ...rest } = user;
	return rest;
}

/** What is wrong with a new password, at the field `password`; null when it will do. */
function passwordIssue(password: string, email?: string): Problem | null {
	const problem = passwordProblem(password, email);
	if (problem === 'tooShort') return { path: ['password'], code: 'error.password.tooShort', params: { min: MIN_PASSWORD_LENGTH } };
	if (problem === 'tooLong') return { path: ['password'], code: 'error.password.tooLong', params: { max: MAX_PASSWORD_LENGTH } };
	if (problem === 'containsEmail') return { path: ['password'], code: 'error.password.containsEmail', params: {} };
	return null;
}

export function checkPasswordStrength(password: string, email?: string): void {
	const issue = passwordIssue(password, email);
	if (issue) throw new DomainError(issue.code, 400, issue.params);
}

const ACCOUNT_FIELD_CODES = { email: 'error.account.email', name: 'error.account.name', roles: 'error.account.roles' } as const;

/**
 * An account's fields, and a first password when one is given, checked together: every
 * problem at once (one per field), so a form can say all that is wrong in one go. The
 * ValidationError carries the first problem's code.
 */
function parseAccount(input: AccountInput, password?: string) {
	const parsed = accountInputSchema.safeParse(input);
	const problems: Problem[] = [];
	if (!parsed.success) {
		const wrong = new Set(parsed.error.issues.map((i) => i.path[0]));
		for (const field of ['name', 'email', 'roles'] as const)
			if (wrong.has(field)) problems.push({ path: [field], code: ACCOUNT_FIELD_CODES[field], params: {} });
	}
	const email = parsed.success ? parsed.data.email : String(input.email ?? '');
	const weak = password === undefined ? null : passwordIssue(password, email);
	if (weak) problems.push(weak);
	if (!parsed.success || problems.length > 0) {
		const first = problems[0];
		throw first ? new ValidationError(problems, first.code, 400, first.params) : new ValidationError(problems);
	}
	return { ...parsed.data, roles: [...new Set(parsed.data.roles)] };
}

export function countUsers(db: Db): number {
	return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

export async function createAccount(
	db: Db,
	actor: Actor,
	input: AccountInput,
	password: string,
	options: { mustChangePassword?: boolean } = {}
): Promise<PublicUser> {
	const account = parseAccount(input, password);
	const passwordHash = await hashPassword(password);
	return db.transaction((tx) => {
		if (tx.select({ id: users.id }).from(users).where(eq(users.email, account.email)).get()) {
			throw new DomainError('error.account.emailTaken', 409);
		}
		const user = tx
			.insert(users)
			.values({ ...account, passwordHash, mustChangePassword: options.mustChangePassword ?? false })
			.returning()
			.get();
		audit(tx, actor, 'account.create', { type: 'user', id: user.id }, { roles: user.roles });
		return toPublicUser(user);
	});
}

/**
 * Creates the first beheerder, only while no account exists (checked inside the same
 * transaction, so two concurrent set-ups cannot both succeed).
 */
export async function createFirstAdmin(db: Db, input: { email: string; name: string }, password: string): Promise<PublicUser> {
	const account = parseAccount({ ...input, roles: ['admin'] }, password);
	const passwordHash = await hashPassword(password);
	return db.transaction((tx) => {
		if ((tx.select({ n: count() }).from(users).get()?.n ?? 0) > 0) {
			throw new DomainError('error.setup.done', 409);
		}
		const user = tx
			.insert(users)
			.values({ ...account, passwordHash })
			.returning()
			.get();
		audit(tx, SYSTEM, 'account.create-first-admin', { type: 'user', id: user.id });
		return toPublicUser(user);
	});
}

export type LoginResult = { ok: true; user: PublicUser } | { ok: false; code: 'invalid' | 'throttled'; retryAfter?: number };

/**
 * Checks e-mail and password with throttling per account and client address together (a
 * growing wait) and per client address (see ./rate-limit.ts): failures elsewhere never keep
 * the account's owner out.
 */
export async function login(db: Db, email: string, password: string, clientAddress: string): Promise<LoginResult> {
	const normalized = email.trim().toLowerCase();
	const keys = loginKeys(normalized, clientAddress);
	const wait = retryAfterSeconds(db, keys);
	if (wait > 0) return { ok: false, code: 'throttled', retryAfter: wait };

	const user =
		normalized && password.length <= MAX_PASSWORD_LENGTH ? db.select().from(users).where(eq(users.email, normalized)).get() : undefined;
	let valid = false;
	if (user && !user.disabledAt) valid = await verifyPassword(user.passwordHash, password);
	else await verifyAgainstDummy(password.slice(0, MAX_PASSWORD_LENGTH));

	if (!valid || !user) {
		recordFailure(
			db,
			keys.map((k) => k.key)
		);
		return { ok: false, code: 'invalid' };
	}
	clearFailures(db, keys[0]!.key);
	db.transaction((tx) => audit(tx, { type: 'user', id: user.id }, 'account.login', { type: 'user', id: user.id }));
	return { ok: true, user: toPublicUser(user) };
}

/**
 * Sets a new password after checking the current one. A wrong current password counts as a
 * failed login of this account from this address (./rate-limit.ts): someone holding a stolen
 * session cookie cannot guess the password here faster than at the login.
 */
export async function changePassword(
	db: Db,
	userId: number,
	currentPassword: string,
	newPassword: string,
	clientAddress: string
): Promise<void> {
	const user = db.select().from(users).where(eq(users.id, userId)).get();
	if (!user) throw new DomainError('error.missing', 404);
	const keys = loginKeys(user.email, clientAddress);
	const wait = retryAfterSeconds(db, keys);
	if (wait > 0) {
		const told = throttledMessage(wait);
		throw new DomainError(told.code, 429, told.params);
	}
	if (!(await verifyPassword(user.passwordHash, currentPassword))) {
		recordFailure(
			db,
			keys.map((k) => k.key)
		);
		throw new DomainError('error.password.currentWrong');
	}
	clearFailures(db, keys[0]!.key);
	checkPasswordStrength(newPassword, user.email);
	if (newPassword === currentPassword) throw new DomainError('error.password.same');
	const passwordHash = await hashPassword(newPassword);
	db.transaction((tx) => {
		tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: new Date() }).where(eq(users.id, userId)).run();
		audit(tx, { type: 'user', id: userId }, 'account.password-change', { type: 'user', id: userId });
	});
	invalidateUserSessions(db, userId);
}

/** An account as the beheerder's pages show it. */
export function accountSummary(account: PublicUser) {
	return {
		id: account.id,
		name: account.name,
		email: account.email,
		roles: account.roles,
		disabled: account.disabledAt !== null,
		mustChangePassword: account.mustChangePassword
	};
}

export function listAccounts(db: Db): PublicUser[] {
	return db.select().from(users).orderBy(users.name, users.id).all().map(toPublicUser);
}

export function getAccount(db: Db, id: number): PublicUser | undefined {
	const user = db.select().from(users).where(eq(users.id, id)).get();
	return user ? toPublicUser(user) : undefined;
}

function otherActiveAdmins(tx: Pick<Db, 'select'>, exceptId: number): number {
	return (
		tx
			.select({ n: count() })
			.from(users)
			.where(
				and(ne(users.id, exceptId), isNull(users.disabledAt), sql`exists (select 1 from json_each(${users.roles}) where value = 'admin')`)
			)
			.get()?.n ?? 0
	);
}

/**
 * Changes an account's name, e-mail address and roles. Someone who now must use MFA (a new
 * beheerder, under `mfaPolicy`) and has none: their password logins may only set it up from
 * their next request on, as a fresh login would (a login with single sign-on is left as it is).
 */
export function updateAccount(db: Db, actor: Actor, id: number, input: AccountInput, mfaPolicy: MfaPolicy = 'beheerder'): PublicUser {
	const account = parseAccount(input);
	const result = db.transaction((tx) => {
		const user = tx.select().from(users).where(eq(users.id, id)).get();
		if (!user) throw new DomainError('error.missing', 404);
		if (user.email !== account.email && tx.select({ id: users.id }).from(users).where(eq(users.email, account.email)).get()) {
			throw new DomainError('error.account.emailTaken', 409);
		}
		if (user.roles.includes('admin') && !account.roles.includes('admin') && otherActiveAdmins(tx, id) === 0) {
			throw new DomainError('error.account.lastAdmin', 409);
		}
		const updated = tx
			.update(users)
			.set({ ...account, updatedAt: new Date() })
			.where(eq(users.id, id))
			.returning()
			.get();
		audit(tx, actor, 'account.update', { type: 'user', id }, { roles: updated.roles, emailChanged: user.email !== account.email });
		if (mfaRequiredFor(updated, mfaPolicy) && mfaStatus(tx, id) !== 'on') {
			tx.update(authSessions)
				.set({ mfaEnrolmentRequired: true })
				.where(and(eq(authSessions.userId, id), isNull(authSessions.oidcIdToken)))
				.run();
		}
		return toPublicUser(updated);
	});
	// A role taken away ends what it allowed, also on live connections.
	accessChanged(db, { userIds: [id] });
	return result;
}

export function setAccountDisabled(db: Db, actor: Actor, id: number, disabled: boolean): PublicUser {
	const updated = db.transaction((tx) => {
		const user = tx.select().from(users).where(eq(users.id, id)).get();
		if (!user) throw new DomainError('error.missing', 404);
		if (disabled && user.roles.includes('admin') && otherActiveAdmins(tx, id) === 0) {
			throw new DomainError('error.account.lastAdmin', 409);
		}
		const row = tx
			.update(users)
			.set({ disabledAt: disabled ? (user.disabledAt ?? new Date()) : null, updatedAt: new Date() })
			.where(eq(users.id, id))
			.returning()
			.get();
		audit(tx, actor, disabled ? 'account.disable' : 'account.enable', { type: 'user', id });
		return row;
	});
	if (disabled) invalidateUserSessions(db, id);
	else accessChanged(db, { userIds: [id] });
	return toPublicUser(updated);
}

/** Sets a password chosen by the beheerder; the user must replace it at the next login. */
export async function resetPassword(db: Db, actor: Actor, id: number, password: string): Promise<void> {
	const user = db.select().from(users).where(eq(users.id, id)).get();
	if (!user) throw new DomainError('error.missing', 404);
	checkPasswordStrength(password, user.email);
	const passwordHash = await hashPassword(password);
	db.transaction((tx) => {
		tx.update(users).set({ passwordHash, mustChangePassword: true, updatedAt: new Date() }).where(eq(users.id, id)).run();
		audit(tx, actor, 'account.password-reset', { type: 'user', id });
	});
	invalidateUserSessions(db, id);
}

export function hasRole(user: Pick<User, 'roles' | 'disabledAt'> | null | undefined, role: Role): boolean {
	return !!user && !user.disabledAt && user.roles.includes(role);
}

/** Active accounts with the facilitator role: who can be the gespreksleider of a trajectory. */
export function facilitatorOptions(db: Pick<Db, 'select'>): { id: number; name: string }[] {
	return db
		.select({ id: users.id, name: users.name, roles: users.roles })
		.from(users)
		.where(isNull(users.disabledAt))
		.orderBy(asc(users.name), asc(users.id))
		.all()
		.filter((u) => u.roles.includes('facilitator'))
		.map(({ id, name }) => ({ id, name }));
}

/** The name of an account; '' when there is none. */
export function userName(db: Pick<Db, 'select'>, id: number): string {
	return db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? '';
}
