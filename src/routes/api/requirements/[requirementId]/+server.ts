import { json } from '@sveltejs/kit';
import { revisionQuery, updateRequirementBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { deleteRequirement, updateRequirement } from '$lib/server/frameworks/store';
import { validate } from '$lib/server/validation';
import { apiCall, readJson } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const PUT: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event, 'requirementId');
		const { revision, ...input } = await readJson(event.request, updateRequirementBody);
		return json(updateRequirement(event.locals.db, userActor(user), id, revision, input));
	});

export const DELETE: RequestHandler = (event) =>
	apiCall(event, () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event, 'requirementId');
		const revision = validate(revisionQuery, event.url.searchParams.get('revision') ?? undefined, ['revision']);
		deleteRequirement(event.locals.db, userActor(user), id, revision);
		return new Response(null, { status: 204 });
	});
