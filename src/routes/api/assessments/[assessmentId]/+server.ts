import { json } from '@sveltejs/kit';
import { toDetailView } from '$lib/server/api/scoring-schemas';
import { apiCall } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event, 'quality_manager', 'admin');
		return json(toDetailView(event.locals.db, idParam(event, 'assessmentId'), event.locals.locale));
	});
