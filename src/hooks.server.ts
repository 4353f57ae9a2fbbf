import type { Handle, HandleServerError } from '@sveltejs/kit';
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, translate } from '$lib/i18n';
import { toPublicUser } from '$lib/server/auth/accounts';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/sessions';
import { log, errorFields } from '$lib/server/log';
import { PARTICIPANT_COOKIE, validateParticipantToken } from '$lib/server/sessions/participants';
import { getRuntime } from '$lib/server/runtime';
import { apiError, deleteSessionCookie, setSessionCookie } from '$lib/server/web';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const handle: Handle = async ({ event, resolve }) => {
	const runtime = getRuntime();
	const chosen = event.cookies.get(LOCALE_COOKIE);
	event.locals.locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
	event.locals.user = null;
	event.locals.sessionId = null;
	event.locals.participant = null;

	// JSON API: refuse state-changing requests from other sites (SvelteKit checks forms).
	if (event.url.pathname.startsWith('/api/') && UNSAFE.has(event.request.method)) {
		const origin = event.request.headers.get('origin');
		if (origin !== null && origin !== runtime.origin) {
			log.warn('api.origin-refused', { path: event.url.pathname });
			return apiError(event.locals.locale, 403, 'error.origin');
		}
	}

	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const result = validateSessionToken(runtime.db, token, runtime.config.sessionDays);
		if (result) {
			event.locals.user = toPublicUser(result.user);
			event.locals.sessionId = result.session.id;
			if (result.renewed) setSessionCookie(event.cookies, token, result.session.expiresAt);
		} else {
			deleteSessionCookie(event.cookies);
		}
	}
	const participantToken = event.cookies.get(PARTICIPANT_COOKIE);
	if (participantToken) event.locals.participant = validateParticipantToken(runtime.db, participantToken);

	const locale = event.locals.locale;
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	const locale = event.locals.locale ?? DEFAULT_LOCALE;
	if (status === 404) {
		return { message: translate(locale, 'error.notFound'), code: 'error.notFound' };
	}
	const id = crypto.randomUUID().slice(0, 8);
	log.error('request.failed', { id, status, route: event.route.id, method: event.request.method, ...errorFields(error) });
	return { message: translate(locale, 'error.internal', { id }), code: 'error.internal', id };
};
