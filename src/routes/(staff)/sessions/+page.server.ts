import { listSessionsOf } from '$lib/server/sessions/setup';
import { requireUser } from '$lib/server/http/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event, 'facilitator');
	const sessions = listSessionsOf(event.locals.db, user.id).map((s) => ({
		id: s.id,
		title: s.title,
		scheduledAt: s.scheduledAt?.toISOString() ?? null,
		status: s.status
	}));
	return { sessions };
};
