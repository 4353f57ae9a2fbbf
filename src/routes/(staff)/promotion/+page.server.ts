import { finalReports } from '$lib/server/frameworks/promotion';
import { requireUser } from '$lib/server/http/guards';
import type { PageServerLoad } from './$types';

/** Sessions whose report is final: their criteria can go into the framework. */
export const load: PageServerLoad = (event) => {
	requireUser(event, 'quality_manager', 'admin');
	return { sessions: finalReports(event.locals.db) };
};
