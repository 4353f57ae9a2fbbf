import { error, json, type Handle, type HandleServerError, type RequestEvent } from '@sveltejs/kit';
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, translate, type MessageKey, type Params } from '$lib/i18n';
import { toPublicUser } from '$lib/server/auth/accounts';
import { allowProviderForms } from '$lib/server/http/oidc';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { authenticateTokens, callerList } from '$lib/server/access';
import { log, errorFields } from '$lib/server/log';
import { getRuntime } from '$lib/server/runtime';
import { PARTICIPANT_COOKIE } from '$lib/server/sessions/participants';
import { apiError } from '$lib/server/http/api';
import { isApiPath } from '$lib/server/http/guards';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/http/cookies';
import { DomainError, RETRY_AFTER_SECONDS, storageFault, unavailable } from '$lib/server/errors';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Requests that failed on a storage fault (database locked, disk full): handleError gives
 * them a message, and handle turns SvelteKit's 500 into a 503 with Retry-After.
 */
const faulted = new WeakSet<App.Locals>();

function audienceOf(event: RequestEvent): 'staff' | 'participant' {
	return event.locals.participant && !event.locals.user ? 'participant' : 'staff';
}

export const handle: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await handleRequest({ event, resolve });
	} catch (error) {
		// A storage fault in this hook itself (e.g. renewing a login): answer 503 here.
		const fault = unavailable(error, audienceOf(event));
		if (!fault) throw error;
		log.warn('request.storage-fault', { status: 503, fault: storageFault(error), method: event.request.method });
		return refusal(event, 503, fault.code, { 'retry-after': String(RETRY_AFTER_SECONDS) });
	}
	if (!faulted.has(event.locals)) return response;
	const headers = new Headers(response.headers);
	headers.set('retry-after', String(RETRY_AFTER_SECONDS));
	return new Response(response.body, { status: 503, headers });
};

/**
 * A request refused before any route ran, told in the visitor's language: JSON for the API and
 * for JSON clients, an action result for an enhanced form, otherwise a plain page.
 */
function refusal(event: RequestEvent, status: number, code: MessageKey, headers: Record<string, string> = {}, params?: Params): Response {
	const locale = event.locals.locale ?? DEFAULT_LOCALE;
	const message = translate(locale, code, params);
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return json({ type: 'error', error: { message, code } }, { status, headers });
	}
	if (isApiPath(event.url) || (event.request.headers.get('accept') ?? '').includes('application/json')) {
		return apiError(locale, status, code, params, headers);
	}
	return new Response(
		`<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>${translate(locale, 'error.title')}</title><p>${message}</p></html>`,
		{ status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } }
	);
}

/** The content types a browser form (or a no-cors fetch) can send to another site. */
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/x-sveltekit-formdata']);

/**
 * Cross-site request forgery: a state-changing request that another website could make a
 * browser send. Form posts must come from this site (as SvelteKit's own check, which is off in
 * svelte.config.js only so the refusal can be told in Dutch); JSON API calls may come without
 * an Origin (scripts), but not from another one.
 */
function crossSite(event: RequestEvent, appOrigin: string): boolean {
	if (!UNSAFE.has(event.request.method)) return false;
	const origin = event.request.headers.get('origin');
	const type = (event.request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (FORM_TYPES.has(type) && origin !== event.url.origin) return true;
	return isApiPath(event.url) && origin !== null && origin !== appOrigin;
}

/**
 * Behind a proxy (ADDRESS_HEADER), adapter-node throws a bare error when the header is missing
 * (a request that bypassed the proxy, or a proxy set up wrongly): that becomes a clear 400 and a
 * warning for the beheerder, not an internal error.
 */
function addressFromProxy(event: RequestEvent, header: string): () => string {
	const read = event.getClientAddress;
	return () => {
		try {
			return read();
		} catch {
			log.warn('request.address-missing', { header, path: event.url.pathname });
			if (isApiPath(event.url)) throw new DomainError('error.addressMissing', 400);
			error(400, { message: translate(event.locals.locale, 'error.addressMissing'), code: 'error.addressMissing' });
		}
	};
}

/**
 * A form post's body that is not a form (cut off, a broken multipart body) fails when an action
 * or an endpoint (+server.ts) reads it: that is the sender's mistake, a 400 with a message, not
 * an internal error. The JSON API reads JSON and answers its own errors.
 */
function formsAsked(event: RequestEvent): void {
	const request = event.request;
	const read = request.formData.bind(request);
	Object.defineProperty(request, 'formData', {
		value: async () => {
			try {
				return await read();
			} catch {
				error(400, { message: translate(event.locals.locale, 'error.badRequest'), code: 'error.badRequest' });
			}
		}
	});
}

/** SvelteKit throws (a 500) on a post to the action named "default", which only its own forms may not name. */
function reservedAction(url: URL): boolean {
	for (const [key] of url.searchParams) if (key.startsWith('/')) return key === '/default';
	return false;
}

const handleRequest: Handle = async ({ event, resolve }) => {
	const runtime = getRuntime();
	const chosen = event.cookies.get(LOCALE_COOKIE);
	event.locals.locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
	event.locals.user = null;
	event.locals.sessionId = null;
	event.locals.mfaEnrolmentRequired = false;
	event.locals.participant = null;
	event.locals.callers = [];
	event.locals.db = runtime.db;
	event.locals.config = runtime.config;
	event.locals.origin = runtime.origin;
	event.locals.mail = runtime.mail;
	event.locals.realtime = runtime.realtime;

	if (crossSite(event, runtime.origin)) {
		log.warn('request.origin-refused', { path: event.url.pathname, method: event.request.method });
		return refusal(event, 403, 'error.origin');
	}
	if (runtime.config.addressHeader) event.getClientAddress = addressFromProxy(event, runtime.config.addressHeader);
	if (UNSAFE.has(event.request.method) && !isApiPath(event.url)) {
		if (reservedAction(event.url)) return refusal(event, 400, 'error.badRequest');
		formsAsked(event);
	}

	// Who is asking: the staff login and the participant token, each checked now. What they
	// may do is asked of the access module ($lib/server/access) where it matters.
	const token = event.cookies.get(SESSION_COOKIE);
	const found = authenticateTokens(
		runtime.db,
		{ staff: token, participant: event.cookies.get(PARTICIPANT_COOKIE) },
		runtime.config.sessionDays
	);
	if (found.staff) {
		event.locals.user = toPublicUser(found.staff.user);
		event.locals.sessionId = found.staff.session.id;
		event.locals.mfaEnrolmentRequired = found.staff.session.mfaEnrolmentRequired;
		if (found.staff.renewed && token) setSessionCookie(event, token, found.staff.session.expiresAt);
	} else if (token) {
		deleteSessionCookie(event);
	}
	event.locals.participant = found.participant?.participant ?? null;
	event.locals.callers = callerList(found);

	// The root layout imports the page's catalogue on demand (src/lib/i18n/load.ts): announce
	// that file in the head, so the browser fetches it with the page's own scripts.
	const locale = event.locals.locale;
	const preload = (runtime.localeChunks?.[locale] ?? []).map((file) => `<link rel="modulepreload" href="/${file}">`).join('');
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', locale).replace('</head>', `${preload}</head>`)
	});
	// SvelteKit answers a method an address does not have in plain English text.
	if (response.status === 405) {
		return refusal(event, 405, 'error.methodNotAllowed', { allow: response.headers.get('allow') ?? '' }, { method: event.request.method });
	}
	return allowProviderForms(event.locals, response);
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	const locale = event.locals.locale ?? DEFAULT_LOCALE;
	if (status === 404) {
		return { message: translate(locale, 'error.notFound'), code: 'error.notFound' };
	}
	const fault = unavailable(error, audienceOf(event));
	if (fault) {
		// Not a bug: the database is locked or the disk is full. Nothing was saved (one transaction).
		faulted.add(event.locals);
		log.warn('request.storage-fault', { status: 503, fault: storageFault(error), route: event.route.id, method: event.request.method });
		return { message: translate(locale, fault.code), code: fault.code };
	}
	if (status >= 400 && status < 500) {
		// SvelteKit refused the request itself (e.g. a form action sent as JSON: 415): the
		// client's mistake, not ours; told as such and not logged as an error anyone must chase.
		log.info('request.refused', { status, route: event.route.id, method: event.request.method });
		return { message: translate(locale, 'error.badRequest'), code: 'error.badRequest' };
	}
	const id = crypto.randomUUID().slice(0, 8);
	log.error('request.failed', { id, status, route: event.route.id, method: event.request.method, ...errorFields(error) });
	return { message: translate(locale, 'error.internal', { id }), code: 'error.internal', id };
};
