import { finalReports } from '$lib/promotion.server';
import { getRuntime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

/** Sessions whose report is final: their criteria can go into the framework. */
export const load: PageServerLoad = (event) => {
	requireUser(event, 'quality_manager', 'admin');
	return { sessions: finalReports(getRuntime().db) };
};
