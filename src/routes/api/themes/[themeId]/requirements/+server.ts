import { json } from '@sveltejs/kit';
import { requirementBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { addRequirement } from '$lib/server/frameworks/store';
import { apiCall, readJson } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event, 'themeId');
		const input = await readJson(event.request, requirementBody);
		return json(addRequirement(event.locals.db, userActor(user), id, input), { status: 201 });
	});
