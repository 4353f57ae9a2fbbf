import { json } from '@sveltejs/kit';
import { credentialsBody } from '$lib/server/api/schemas';
import { login } from '$lib/server/auth/accounts';
import { createSession, invalidateSession } from '$lib/server/auth/sessions';
import { apiCall, apiError, readJson } from '$lib/server/http/api';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/http/cookies';
import type { RequestHandler } from './$types';

/** Logs in with e-mail and password; sets the same session cookie as the login page. */
export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const { email, password } = await readJson(event.request, credentialsBody);
		const { db, config } = event.locals;
		if (!config.passwordLogin) return apiError(event.locals.locale, 403, 'login.passwordOff');
		const result = await login(db, email, password, event.getClientAddress());
		if (!result.ok) {
			return result.code === 'throttled'
				? apiError(
						event.locals.locale,
						429,
						'login.throttled',
						{ minutes: Math.ceil((result.retryAfter ?? 60) / 60) },
						{ 'retry-after': String(result.retryAfter ?? 60) }
					)
				: apiError(event.locals.locale, 401, 'login.invalid');
		}
		const { token, session } = createSession(db, result.user.id, config.sessionDays);
		setSessionCookie(event, token, session.expiresAt);
		const { id, name, email: userEmail, roles, mustChangePassword } = result.user;
		return json({ user: { id, name, email: userEmail, roles, mustChangePassword } });
	});

/** Logs out. */
export const DELETE: RequestHandler = ({ locals, cookies }) => {
	if (locals.sessionId) invalidateSession(locals.db, locals.sessionId);
	deleteSessionCookie({ cookies, locals });
	return new Response(null, { status: 204 });
};
