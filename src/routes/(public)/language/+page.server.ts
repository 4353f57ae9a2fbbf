import { redirect } from '@sveltejs/kit';
import { LOCALE_COOKIE, isLocale } from '$lib/i18n';
import { cookieSecure, formText, safeNext } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const data = await request.formData();
		const locale = formText(data, 'locale');
		if (isLocale(locale)) {
			cookies.set(LOCALE_COOKIE, locale, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookieSecure(), maxAge: 365 * 24 * 3600 });
		}
		redirect(303, safeNext(formText(data, 'next'), '/'));
	}
};
