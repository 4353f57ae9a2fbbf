import { json } from '@sveltejs/kit';
import { toDetailView } from '$lib/server/api/scoring-schemas';
import { getRuntime } from '$lib/server/runtime';
import { apiCall, idParam, requireApiUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event, 'quality_manager', 'admin');
		return json(toDetailView(getRuntime().db, idParam(event.params.assessmentId), event.locals.locale));
	});
