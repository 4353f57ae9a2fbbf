import { mayPromoteCriteria } from '$lib/server/access';
import { promotionQueue } from '$lib/server/frameworks/promotion';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	user: locals.user ? { id: locals.user.id, name: locals.user.name, roles: locals.user.roles } : null,
	/** For quality managers: how many sessions have criteria waiting to be taken over (the menu item); null for others. */
	promotionWaiting:
		locals.user && !locals.user.mustChangePassword && mayPromoteCriteria(locals.user) ? promotionQueue(locals.db).length : null
});
