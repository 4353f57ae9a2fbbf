import { redirect } from '@sveltejs/kit';
import { invalidateSession } from '$lib/server/auth/sessions';
import { deleteSessionCookie } from '$lib/server/http/cookies';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: ({ locals, cookies }) => {
		if (locals.sessionId) invalidateSession(locals.db, locals.sessionId);
		deleteSessionCookie({ cookies, locals });
		redirect(303, '/');
	}
};
