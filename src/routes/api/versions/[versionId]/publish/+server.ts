import { json } from '@sveltejs/kit';
import { publishBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { publishVersion } from '$lib/server/frameworks/store';
import { apiCall, readJson } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event, 'versionId');
		const { revision, changeSummary } = await readJson(event.request, publishBody);
		return json(publishVersion(event.locals.db, userActor(user), id, revision, { changeSummary }));
	});
