import { getRuntime } from '$lib/server/runtime';
import { listSessionsOf } from '$lib/server/sessions/setup';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event, 'facilitator');
	const sessions = listSessionsOf(getRuntime().db, user.id).map((s) => ({
		id: s.id,
		title: s.title,
		scheduledAt: s.scheduledAt?.toISOString() ?? null,
		status: s.status
	}));
	return { sessions };
};
