/**
 * SvelteKit glue for MFA at login ($lib/server/auth/mfa): what a correct password leads to,
 * and the short-lived cookie of a login waiting for its code (path /login only).
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import type { PublicUser } from '../auth/accounts';
import { afterPassword, createPendingLogin, markEnrolmentRequired, PENDING_LOGIN_MS } from '../auth/mfa';
import { createSession } from '../auth/sessions';
import { cookieSecure, setSessionCookie } from './cookies';

type Ev = Pick<RequestEvent, 'cookies' | 'locals'>;

const PENDING_MFA_COOKIE = 'kd_mfa';
const options = (event: Ev) => ({ path: '/login', httpOnly: true, sameSite: 'lax' as const, secure: cookieSecure(event.locals.origin) });

export function pendingMfaToken(cookies: Cookies): string | undefined {
	return cookies.get(PENDING_MFA_COOKIE);
}

export function clearPendingMfa(event: Ev): void {
	event.cookies.delete(PENDING_MFA_COOKIE, options(event));
}

/** Starts the staff login for this account: a session, or the wait for its code. */
export function startLogin(event: Ev, user: PublicUser, via: 'form' | 'api'): 'code' | 'enrol' | 'done' {
	const { db, config } = event.locals;
	const next = afterPassword(db, user, config.mfaRequired);
	if (next === 'code') {
		if (via === 'form') {
			const { token } = createPendingLogin(db, user.id);
			event.cookies.set(PENDING_MFA_COOKIE, token, { ...options(event), maxAge: PENDING_LOGIN_MS / 1000 });
		}
		return next;
	}
	openSession(event, user.id, next === 'enrol');
	return next;
}

/** Creates the staff session and sets its cookie; `enrol`: a login that may only set MFA up. */
export function openSession(event: Ev, userId: number, enrol: boolean): void {
	const { db, config } = event.locals;
	const { token, session } = createSession(db, userId, config.sessionDays);
	if (enrol) markEnrolmentRequired(db, session.id);
	setSessionCookie(event, token, session.expiresAt);
	event.locals.sessionId = session.id;
	event.locals.mfaEnrolmentRequired = enrol;
}
