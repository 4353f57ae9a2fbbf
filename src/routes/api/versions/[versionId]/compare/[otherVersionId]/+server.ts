import { json } from '@sveltejs/kit';
import { compareVersions } from '$lib/server/frameworks/compare';
import { apiCall } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event);
		return json(compareVersions(event.locals.db, idParam(event, 'versionId'), idParam(event, 'otherVersionId')));
	});
