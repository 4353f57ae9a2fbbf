import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { countUsers, createFirstAdmin } from '$lib/server/auth/accounts';
import { createSession } from '$lib/server/auth/sessions';
import { setupTokenValid } from '$lib/server/boot';
import { MIN_PASSWORD_LENGTH } from '$lib/server/config';
import { getRuntime } from '$lib/server/runtime';
import { formText, setSessionCookie } from '$lib/server/web';
import { translate } from '$lib/i18n';
import { domainFailure } from '$lib/forms.server';
import type { Actions, PageServerLoad } from './$types';

/** The set-up page exists only while no account exists and the one-time token is right. */
function checkSetup(event: Pick<RequestEvent, 'locals'>, token: string | null): void {
	const runtime = getRuntime();
	if (countUsers(runtime.db) > 0 || !setupTokenValid(runtime, token)) {
		error(404, { message: translate(event.locals.locale, 'error.notFound'), code: 'error.notFound' });
	}
}

export const load: PageServerLoad = (event) => {
	const token = event.url.searchParams.get('token');
	checkSetup(event, token);
	return { token: token ?? '', minPasswordLength: MIN_PASSWORD_LENGTH };
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const token = formText(data, 'token') || event.url.searchParams.get('token');
		checkSetup(event, token);
		const values = { name: formText(data, 'name').trim(), email: formText(data, 'email').trim() };
		const password = formText(data, 'password');

		const runtime = getRuntime();
		let userId: number;
		try {
			userId = (await createFirstAdmin(runtime.db, values, password)).id;
		} catch (err) {
			return domainFailure(err, { values });
		}
		runtime.setupTokenHash = null;
		const { token: sessionToken, session } = createSession(runtime.db, userId, runtime.config.sessionDays);
		setSessionCookie(event.cookies, sessionToken, session.expiresAt);
		redirect(303, '/dashboard');
	}
};
