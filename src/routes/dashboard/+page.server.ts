import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return { name: user.name, roles: user.roles, isAdmin: user.roles.includes('admin') };
};
