import { json } from '@sveltejs/kit';
import { moveRequirementBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { moveRequirement } from '$lib/server/frameworks/store';
import { apiCall, readJson } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event, 'requirementId');
		const { revision, ...move } = await readJson(event.request, moveRequirementBody);
		return json(moveRequirement(event.locals.db, userActor(user), id, revision, move));
	});
