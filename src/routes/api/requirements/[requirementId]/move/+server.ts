import { json } from '@sveltejs/kit';
import { moveRequirementBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { moveRequirement } from '$lib/server/frameworks/store';
import { getRuntime } from '$lib/server/runtime';
import { apiCall, idParam, readJson, requireApiUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event.params.requirementId);
		const { revision, ...move } = await readJson(event.request, moveRequirementBody);
		return json(moveRequirement(getRuntime().db, userActor(user), id, revision, move));
	});
