import { json } from '@sveltejs/kit';
import { publishBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { publishVersion } from '$lib/server/frameworks/store';
import { getRuntime } from '$lib/server/runtime';
import { apiCall, idParam, readJson, requireApiUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event.params.versionId);
		const { revision, changeSummary } = await readJson(event.request, publishBody);
		return json(publishVersion(getRuntime().db, userActor(user), id, revision, { changeSummary }));
	});
