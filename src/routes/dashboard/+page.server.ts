import { getRuntime } from '$lib/server/runtime';
import { listSessionsOf } from '$lib/server/sessions/setup';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const isFacilitator = user.roles.includes('facilitator');
	const sessions = isFacilitator
		? listSessionsOf(getRuntime().db, user.id).map((s) => ({ id: s.id, title: s.title, scheduledAt: s.scheduledAt?.toISOString() ?? null, status: s.status }))
		: [];
	return { name: user.name, roles: user.roles, isAdmin: user.roles.includes('admin'), isFacilitator, sessions };
};
