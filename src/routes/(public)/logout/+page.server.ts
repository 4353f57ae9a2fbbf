import { redirect } from '@sveltejs/kit';
import { invalidateSession } from '$lib/server/auth/sessions';
import { deleteSessionCookie } from '$lib/server/http/cookies';
import { oidcFor } from '$lib/server/http/oidc';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		const idToken = locals.sessionId ? invalidateSession(locals.db, locals.sessionId) : null;
		deleteSessionCookie({ cookies, locals });
		// Logged in with single sign-on: log out at the provider too (RP-initiated logout), which sends the browser back to /.
		const oidc = idToken ? oidcFor(locals) : null;
		const providerLogout = oidc && idToken ? await oidc.logoutUrl(idToken) : null;
		redirect(303, providerLogout ?? '/');
	}
};
