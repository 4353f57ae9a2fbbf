/**
 * Staff sessions with sliding expiry: a session that is used while less than half of its
 * lifetime remains is extended to the full lifetime again.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { authSessions, users, type AuthSession, type User } from '../db/schema';
import { newToken, parseToken, secretMatches } from './tokens';
import { accessChanged } from '../access/changes';

export const SESSION_COOKIE = 'kd_session';
const DAY = 24 * 60 * 60 * 1000;

export interface SessionValidation {
	session: AuthSession;
	user: User;
	/** True when the expiry moved, so the cookie must be sent again. */
	renewed: boolean;
}

/** `oidcIdToken`: for a login with single sign-on, the ID token to end the provider's session with at logout. */
export function createSession(
	db: Db,
	userId: number,
	days: number,
	now = new Date(),
	oidcIdToken: string | null = null
): { token: string; session: AuthSession } {
	const { id, secretHash, token } = newToken();
	const session: AuthSession = {
		id,
		secretHash,
		userId,
		createdAt: now,
		expiresAt: new Date(now.getTime() + days * DAY),
		oidcIdToken,
		mfaEnrolmentRequired: false
	};
	db.insert(authSessions).values(session).run();
	return { token, session };
}

export function validateSessionToken(db: Db, token: string | undefined, days: number, now = new Date()): SessionValidation | null {
	const parsed = parseToken(token);
	if (!parsed) return null;
	const row = db
		.select({ session: authSessions, user: users })
		.from(authSessions)
		.innerJoin(users, eq(users.id, authSessions.userId))
		.where(eq(authSessions.id, parsed.id))
		.get();
	if (!row || !secretMatches(parsed.secret, row.session.secretHash)) return null;
	if (row.session.expiresAt.getTime() <= now.getTime() || row.user.disabledAt) {
		db.delete(authSessions).where(eq(authSessions.id, row.session.id)).run();
		return null;
	}
	const lifetime = days * DAY;
	let renewed = false;
	if (row.session.expiresAt.getTime() - now.getTime() < lifetime / 2) {
		row.session.expiresAt = new Date(now.getTime() + lifetime);
		db.update(authSessions).set({ expiresAt: row.session.expiresAt }).where(eq(authSessions.id, row.session.id)).run();
		renewed = true;
	}
	return { session: row.session, user: row.user, renewed };
}

/**
 * Logs out one login; live connections made with it end at once. Returns the ID token of a
 * login with single sign-on (to end the provider's session too), else null.
 */
export function invalidateSession(db: Db, sessionId: string): string | null {
	const row = db
		.delete(authSessions)
		.where(eq(authSessions.id, sessionId))
		.returning({ userId: authSessions.userId, oidcIdToken: authSessions.oidcIdToken })
		.get();
	if (row) accessChanged(db, { userIds: [row.userId] });
	return row?.oidcIdToken ?? null;
}

/** Logs out every login of a user (disabled, new password); live connections end at once. */
export function invalidateUserSessions(db: Db, userId: number): void {
	db.delete(authSessions).where(eq(authSessions.userId, userId)).run();
	accessChanged(db, { userIds: [userId] });
}
