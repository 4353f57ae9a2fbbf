/**
 * Helpers for routes: cookies, guards and JSON answers. Routes stay thin: they parse input,
 * call a domain function and map its DomainError to a message in the user's language.
 */
import { error, json, redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { translate, type Locale, type MessageKey, type Params } from '../i18n';
import type { Role } from './db/schema';
import type { PublicUser } from './auth/accounts';
import { SESSION_COOKIE } from './auth/sessions';
import { DomainError, RETRY_AFTER_SECONDS, storageFault, unavailable } from './errors';
import { ValidationError, problemsFromZod, type Problem } from './validation';
import { getRuntime } from './runtime';
import { log } from './log';

/** Secure cookies, except over plain http on this machine (development and tests). */
export function cookieSecure(): boolean {
	const url = new URL(getRuntime().origin);
	return url.protocol === 'https:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookieSecure(), expires: expiresAt });
}

export function deleteSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookieSecure() });
}

/** A path on this site to return to after login; anything else becomes the dashboard. */
export function safeNext(value: string | null | undefined, fallback = '/dashboard'): string {
	return value && /^\/(?![/\\])[^\s]*$/.test(value) ? value : fallback;
}

/** The logged-in staff member, optionally with one of `roles`; otherwise a redirect or 403. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>, ...roles: Role[]): PublicUser {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (user.mustChangePassword && event.url.pathname !== '/account') redirect(303, '/account');
	if (roles.length > 0 && !roles.some((role) => user.roles.includes(role))) {
		error(403, { message: translate(event.locals.locale, 'error.forbidden'), code: 'error.forbidden' });
	}
	return user;
}

export function message(locale: Locale, code: MessageKey, params?: Params): string {
	return translate(locale, code, params);
}

/** A JSON error body: a stable code and a message for a person. */
export function apiError(locale: Locale, status: number, code: MessageKey, params?: Params, headers?: HeadersInit) {
	return json({ error: { code, message: translate(locale, code, params) } }, { status, headers });
}

/** Describes where a problem is, for people; the default names the field path. */
export type LocationDescriber = (locale: Locale, path: Problem['path']) => string;

/**
 * Runs an API handler; a DomainError becomes its JSON error (a ValidationError also lists its
 * problems, each with path, code, message and location), anything else is rethrown.
 */
export async function apiCall(event: RequestEvent, run: () => Response | Promise<Response>, describe?: LocationDescriber): Promise<Response> {
	const locale = event.locals.locale;
	try {
		return await run();
	} catch (err) {
		if (err instanceof ValidationError) {
			return json(
				{
					error: { code: err.code, message: translate(locale, err.code, err.params) },
					problems: err.problems.map((p) => ({
						path: p.path.join('.'),
						code: p.code,
						message: translate(locale, p.code, p.params),
						location: describe ? describe(locale, p.path) : p.path.join('.')
					}))
				},
				{ status: err.status }
			);
		}
		if (err instanceof DomainError) return apiError(locale, err.status, err.code, err.params);
		// The database is locked or the disk is full: 503, nothing saved, try again.
		const fault = unavailable(err, event.locals.participant && !event.locals.user ? 'participant' : 'staff');
		if (fault) {
			log.warn('api.storage-fault', { status: 503, fault: storageFault(err), route: event.route.id, method: event.request.method });
			return apiError(locale, 503, fault.code, undefined, { 'retry-after': String(RETRY_AFTER_SECONDS) });
		}
		throw err;
	}
}

/** The staff member behind an API request, optionally with one of `roles`; otherwise 401 or 403. */
export function requireApiUser(event: Pick<RequestEvent, 'locals'>, ...roles: Role[]): PublicUser {
	const user = event.locals.user;
	if (!user) throw new DomainError('error.unauthorized', 401);
	if (user.mustChangePassword) throw new DomainError('error.mustChangePassword', 403);
	if (roles.length > 0 && !roles.some((role) => user.roles.includes(role))) throw new DomainError('error.forbidden', 403);
	return user;
}

/** A positive integer route parameter, or 404. */
export function idParam(value: string | undefined): number {
	if (!value || !/^[1-9]\d{0,15}$/.test(value)) throw new DomainError('error.missing', 404);
	return Number(value);
}

/** Reads and validates a JSON body, with clear errors for bad JSON and bad fields. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.output<T>> {
	if (!(request.headers.get('content-type') ?? '').includes('application/json')) {
		throw new DomainError('error.badJson', 415);
	}
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		throw new DomainError('error.badJson', 400);
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success) throw new ValidationError(problemsFromZod(parsed.error), 'error.badRequest');
	return parsed.data;
}

/**
 * The form fields of a POST to an endpoint (+server.ts). A body that is not a form (wrong
 * content type, cut off) is a 400 the person can understand, not an internal error.
 */
export async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		throw new DomainError('error.badRequest', 400);
	}
}

/** Text fields of a form, trimmed; missing fields become ''. */
export function formText(data: FormData, name: string): string {
	const value = data.get(name);
	return typeof value === 'string' ? value : '';
}
