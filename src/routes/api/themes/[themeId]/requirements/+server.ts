import { json } from '@sveltejs/kit';
import { requirementBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { addRequirement } from '$lib/server/frameworks/store';
import { getRuntime } from '$lib/server/runtime';
import { apiCall, idParam, readJson, requireApiUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event.params.themeId);
		const input = await readJson(event.request, requirementBody);
		return json(addRequirement(getRuntime().db, userActor(user), id, input), { status: 201 });
	});
