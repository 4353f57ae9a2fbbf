import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { safeNext, setLocaleCookie } from '$lib/server/http/cookies';
import { formText } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		const data = await request.formData();
		const locale = formText(data, 'locale');
		if (isLocale(locale)) {
			setLocaleCookie({ cookies, locals }, locale);
		}
		redirect(303, safeNext(formText(data, 'next'), '/'));
	}
};
