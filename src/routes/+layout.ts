import { loadMessages } from '$lib/i18n/load';
import type { LayoutLoad } from './$types';

/** The catalogue of the page's language only: the browser never downloads the other one. */
export const load: LayoutLoad = async ({ data }) => {
	await loadMessages(data.locale);
	return data;
};
