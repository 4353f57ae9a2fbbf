/**
 * The cookies this app sets: the staff session, the participant's personal key, a personal
 * link waiting for confirmation and the chosen language. All HttpOnly and SameSite=Lax, and
 * Secure except over plain http on this machine (development and tests).
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { LOCALE_COOKIE, type Locale } from '../../i18n';
import { SESSION_COOKIE } from '../auth/sessions';
import { PARTICIPANT_COOKIE } from '../sessions/participants';

type Ev = Pick<RequestEvent, 'cookies' | 'locals'>;

/** Days a participant's browser keeps the personal key to the session. */
export const PARTICIPANT_COOKIE_DAYS = 30;

/** Secure cookies, except over plain http on this machine (development and tests). */
export function cookieSecure(origin: string): boolean {
	const url = new URL(origin);
	return url.protocol === 'https:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

const base = (event: Ev) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: cookieSecure(event.locals.origin) });

export function setSessionCookie(event: Ev, token: string, expiresAt: Date): void {
	event.cookies.set(SESSION_COOKIE, token, { ...base(event), expires: expiresAt });
}

export function deleteSessionCookie(event: Ev): void {
	event.cookies.delete(SESSION_COOKIE, base(event));
}

/** Gives this browser the participant's personal key (HttpOnly, like the staff session cookie). */
export function setParticipantCookie(event: Ev, token: string): void {
	event.cookies.set(PARTICIPANT_COOKIE, token, { ...base(event), expires: new Date(Date.now() + PARTICIPANT_COOKIE_DAYS * 86_400_000) });
}

/** Keeps a personal link's token while /j/confirm asks whether to use it (never in an address: not in history, logs or Referer). */
const PENDING_LINK_COOKIE = 'kd_link';
const PENDING_LINK_MINUTES = 15;

/** Remembers the token of a personal link that was opened in a browser that is someone else already. */
export function setPendingLink(event: Ev, token: string): void {
	event.cookies.set(PENDING_LINK_COOKIE, token, { ...base(event), path: '/j', maxAge: PENDING_LINK_MINUTES * 60 });
}

export function pendingLink(cookies: Cookies): string | undefined {
	return cookies.get(PENDING_LINK_COOKIE);
}

export function clearPendingLink(event: Ev): void {
	event.cookies.delete(PENDING_LINK_COOKIE, { ...base(event), path: '/j' });
}

/** The chosen interface language, for a year. */
export function setLocaleCookie(event: Ev, locale: Locale): void {
	event.cookies.set(LOCALE_COOKIE, locale, { ...base(event), maxAge: 365 * 24 * 3600 });
}

/** A path on this site to return to after login; anything else becomes the dashboard. */
export function safeNext(value: string | null | undefined, fallback = '/dashboard'): string {
	return value && /^\/(?![/\\])[^\s]*$/.test(value) ? value : fallback;
}
