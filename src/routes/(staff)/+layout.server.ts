import { requireUser } from '$lib/server/http/guards';
import type { LayoutServerLoad } from './$types';

/**
 * Every staff page needs a login: without one, to /login with the way back; with a password
 * that must change, to /account. Defence in depth: each page and form action still checks
 * who may do what itself (form actions do not run this load, and endpoints have no layout).
 */
export const load: LayoutServerLoad = (event) => {
	requireUser(event);
};
