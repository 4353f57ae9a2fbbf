import { redirect, type RequestEvent } from '@sveltejs/kit';
import { countUsers, createFirstAdmin } from '$lib/server/auth/accounts';
import { mfaRequiredFor } from '$lib/server/auth/mfa';
import { setupTokenValid } from '$lib/server/boot';
import { MIN_PASSWORD_LENGTH } from '$lib/server/config';
import { getRuntime } from '$lib/server/runtime';
import { MFA_PAGE, notFound } from '$lib/server/http/guards';
import { openSession } from '$lib/server/http/mfa';
import { domainFailure, formText } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

/** The set-up page exists only while no account exists and the one-time token is right. */
function checkSetup(event: Pick<RequestEvent, 'locals'>, token: string | null): void {
	// The set-up token is state of this process (not of a request): it is read and spent on the runtime.
	if (countUsers(event.locals.db) > 0 || !setupTokenValid(getRuntime(), token)) notFound(event);
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

		const { db, config } = event.locals;
		let userId: number;
		try {
			userId = (await createFirstAdmin(db, values, password)).id;
		} catch (err) {
			return domainFailure(err, { values });
		}
		getRuntime().setupTokenHash = null;
		// A beheerder must use MFA: this first login may only set it up.
		openSession(event, userId, mfaRequiredFor({ roles: ['admin'] }, config.mfaRequired));
		redirect(303, MFA_PAGE);
	}
};
