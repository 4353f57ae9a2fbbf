import { json } from '@sveltejs/kit';
import { credentialsBody } from '$lib/server/api/schemas';
import { throttledMessage } from '$lib/server/auth/rate-limit';
import { login } from '$lib/server/auth/accounts';
import { checkLoginCode } from '$lib/server/auth/mfa';
import { invalidateSession } from '$lib/server/auth/sessions';
import { apiCall, apiError, readJson } from '$lib/server/http/api';
import { deleteSessionCookie } from '$lib/server/http/cookies';
import { openSession, startLogin } from '$lib/server/http/mfa';
import type { RequestHandler } from './$types';

/**
 * Logs in with e-mail and password, and `code` (from the app, or a recovery code) for an
 * account with MFA; sets the same session cookie as the login page.
 */
export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const { email, password, code } = await readJson(event.request, credentialsBody);
		const { db, config } = event.locals;
		if (!config.passwordLogin) return apiError(event.locals.locale, 403, 'login.passwordOff');
		const result = await login(db, email, password, event.getClientAddress());
		if (!result.ok) {
			if (result.code !== 'throttled') return apiError(event.locals.locale, 401, 'login.invalid');
			const told = throttledMessage(result.retryAfter ?? 60);
			return apiError(event.locals.locale, 429, told.code, told.params, { 'retry-after': String(result.retryAfter ?? 60) });
		}
		const step = startLogin(event, result.user, 'api');
		if (step === 'code') {
			if (!code) return apiError(event.locals.locale, 401, 'mfa.error.codeMissing');
			const check = checkLoginCode(db, result.user.id, code);
			if (!check.ok) {
				if (check.code !== 'throttled') return apiError(event.locals.locale, 401, 'mfa.error.codeWrong');
				const told = throttledMessage(check.retryAfter ?? 60, 'mfa');
				return apiError(event.locals.locale, 429, told.code, told.params, { 'retry-after': String(check.retryAfter ?? 60) });
			}
			openSession(event, result.user.id, false);
		}
		const { id, name, email: userEmail, roles, mustChangePassword } = result.user;
		return json({ user: { id, name, email: userEmail, roles, mustChangePassword, mfaEnrolmentRequired: step === 'enrol' } });
	});

/** Logs out. */
export const DELETE: RequestHandler = ({ locals, cookies }) => {
	if (locals.sessionId) invalidateSession(locals.db, locals.sessionId);
	deleteSessionCookie({ cookies, locals });
	return new Response(null, { status: 204 });
};
