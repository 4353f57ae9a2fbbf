import { fail, redirect } from '@sveltejs/kit';
import { throttledMessage } from '$lib/server/auth/rate-limit';
import { completePendingLogin, pendingLoginUser } from '$lib/server/auth/mfa';
import { safeNext } from '$lib/server/http/cookies';
import { formText } from '$lib/server/http/forms';
import { clearPendingMfa, openSession, pendingMfaToken } from '$lib/server/http/mfa';
import { log } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

/** The second step of a password login for an account with MFA (see $lib/server/auth/mfa). */
export const load: PageServerLoad = ({ locals, url, cookies, request }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user && !locals.mfaEnrolmentRequired) redirect(303, next);
	// After the form was sent, the page shows the action's answer (also "took too long").
	if (request.method !== 'POST' && pendingLoginUser(locals.db, pendingMfaToken(cookies)) === null) {
		// No login waiting (never started, used or expired): start again at the password.
		redirect(303, `/login?next=${encodeURIComponent(next)}`);
	}
	return { next };
};

export const actions: Actions = {
	default: async ({ request, cookies, locals, url }) => {
		const data = await request.formData();
		// Two forms on the page: the code from the app (`code`) and a recovery code
		// (`recoveryCode`). Either is checked as both, so a recovery code typed in the first
		// field works too; `recovery` says which form shows the answer.
		const recovery = data.has('recoveryCode');
		const code = formText(data, recovery ? 'recoveryCode' : 'code').trim();
		const next = safeNext(url.searchParams.get('next') ?? formText(data, 'next'));
		if (!code)
			return fail(400, { error: recovery ? ('mfa.error.recoveryMissing' as const) : ('mfa.error.codeMissing' as const), recovery });
		const result = completePendingLogin(locals.db, pendingMfaToken(cookies), code);
		if (!result.ok) {
			log.info('login.mfa-refused', { reason: result.code });
			if (result.code === 'expired') {
				clearPendingMfa({ cookies, locals });
				return fail(400, { error: 'mfa.login.expired' as const, expired: true, recovery });
			}
			if (result.code === 'throttled') {
				const told = throttledMessage(result.retryAfter ?? 60, 'mfa');
				return fail(429, { error: told.code, wait: told.params, recovery });
			}
			return fail(400, { error: recovery ? ('mfa.error.recoveryWrong' as const) : ('mfa.error.codeWrong' as const), recovery });
		}
		clearPendingMfa({ cookies, locals });
		openSession({ cookies, locals }, result.userId, false);
		// After a recovery code: to the MFA page, which says how many are left.
		redirect(303, result.recovery ? '/account/mfa?recovery=used' : next);
	}
};
