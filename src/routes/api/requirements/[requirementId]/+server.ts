import { json } from '@sveltejs/kit';
import { revisionQuery, updateRequirementBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { deleteRequirement, updateRequirement } from '$lib/server/frameworks/store';
import { getRuntime } from '$lib/server/runtime';
import { validate } from '$lib/server/validation';
import { apiCall, idParam, readJson, requireApiUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

export const PUT: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event.params.requirementId);
		const { revision, ...input } = await readJson(event.request, updateRequirementBody);
		return json(updateRequirement(getRuntime().db, userActor(user), id, revision, input));
	});

export const DELETE: RequestHandler = (event) =>
	apiCall(event, () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event.params.requirementId);
		const revision = validate(revisionQuery, event.url.searchParams.get('revision') ?? undefined, ['revision']);
		deleteRequirement(getRuntime().db, userActor(user), id, revision);
		return new Response(null, { status: 204 });
	});
