import { getRuntime } from '$lib/server/runtime';
import { listSessionsOf } from '$lib/server/sessions/setup';
import { listFrameworks } from '$lib/server/frameworks/store';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const isFacilitator = user.roles.includes('facilitator');
	const sessions = isFacilitator
		? listSessionsOf(getRuntime().db, user.id).map((s) => ({ id: s.id, title: s.title, scheduledAt: s.scheduledAt?.toISOString() ?? null, status: s.status }))
		: [];
	// Per framework: the newest published version, and whether a draft is being worked on.
	const frameworks = listFrameworks(getRuntime().db).map((f) => {
		const published = f.versions.find((v) => v.status === 'published');
		return { id: f.id, name: f.name, published: published ? { id: published.id, label: published.label } : null, hasDraft: f.versions.some((v) => v.status === 'draft') };
	});
	return { name: user.name, roles: user.roles, isAdmin: user.roles.includes('admin'), isFacilitator, sessions, frameworks };
};
