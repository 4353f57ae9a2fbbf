import { redirect } from '@sveltejs/kit';
import { invalidateSession } from '$lib/server/auth/sessions';
import { getRuntime } from '$lib/server/runtime';
import { deleteSessionCookie } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: ({ locals, cookies }) => {
		if (locals.sessionId) invalidateSession(getRuntime().db, locals.sessionId);
		deleteSessionCookie(cookies);
		redirect(303, '/');
	}
};
