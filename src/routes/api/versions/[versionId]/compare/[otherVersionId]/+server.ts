import { json } from '@sveltejs/kit';
import { compareVersions } from '$lib/server/frameworks/compare';
import { getRuntime } from '$lib/server/runtime';
import { apiCall, idParam, requireApiUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event);
		return json(compareVersions(getRuntime().db, idParam(event.params.versionId), idParam(event.params.otherVersionId)));
	});
