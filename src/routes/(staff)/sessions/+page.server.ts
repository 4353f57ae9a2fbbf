import { listSessionsOf } from '$lib/server/sessions/setup';
import { sessionListRow } from '$lib/server/sessions/held';
import { requireUser } from '$lib/server/http/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event, 'facilitator');
	const sessions = listSessionsOf(event.locals.db, user.id).map((s) => sessionListRow(event.locals.db, event.locals.locale, s));
	return { sessions };
};
