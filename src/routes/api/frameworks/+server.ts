import { json } from '@sveltejs/kit';
import { createFrameworkBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { createFramework, listFrameworks } from '$lib/server/frameworks/store';
import { apiCall, readJson } from '$lib/server/http/api';
import { requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event);
		return json({ frameworks: listFrameworks(event.locals.db) });
	});

export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const { firstLabel, ...input } = await readJson(event.request, createFrameworkBody);
		return json(createFramework(event.locals.db, userActor(user), input, firstLabel), { status: 201 });
	});
