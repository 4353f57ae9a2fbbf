import { fail, redirect } from '@sveltejs/kit';
import { login } from '$lib/server/auth/accounts';
import { throttledMessage } from '$lib/server/auth/rate-limit';
import { safeNext } from '$lib/server/http/cookies';
import { formText } from '$lib/server/http/forms';
import { oidcRefusal } from '$lib/server/http/oidc';
import { MFA_PAGE } from '$lib/server/http/guards';
import { startLogin } from '$lib/server/http/mfa';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	const { oidc, passwordLogin } = locals.config;
	return {
		next: safeNext(url.searchParams.get('next')),
		/** Single sign-on: the provider's name on the button (null: the default text), or no button. */
		sso: oidc ? { label: oidc.label } : null,
		passwordLogin,
		/** Why the last login with single sign-on was refused. */
		ssoError: oidc ? oidcRefusal(url.searchParams.get('sso')) : null
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url, locals }) => {
		const data = await request.formData();
		const email = formText(data, 'email').trim();
		const password = formText(data, 'password');
		const { db, config } = locals;
		if (!config.passwordLogin) return fail(403, { email: '', error: 'login.passwordOff' as const });
		if (!email || !password) return fail(400, { email, error: 'login.missing' as const });
		const result = await login(db, email, password, getClientAddress());
		if (!result.ok) {
			if (result.code === 'throttled') {
				const told = throttledMessage(result.retryAfter ?? 60);
				return fail(429, { email, error: told.code, wait: told.params });
			}
			return fail(400, { email, error: 'login.invalid' as const });
		}
		const next = safeNext(url.searchParams.get('next') ?? formText(data, 'next'));
		// With MFA the login is complete only after the code (/login/code).
		const step = startLogin({ cookies, locals }, result.user, 'form');
		if (step === 'code') redirect(303, `/login/code?next=${encodeURIComponent(next)}`);
		redirect(303, result.user.mustChangePassword ? '/account' : step === 'enrol' ? MFA_PAGE : next);
	}
};
