import { json } from '@sveltejs/kit';
import { createFrameworkBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { createFramework, listFrameworks } from '$lib/server/frameworks/store';
import { getRuntime } from '$lib/server/runtime';
import { apiCall, readJson, requireApiUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event);
		return json({ frameworks: listFrameworks(getRuntime().db) });
	});

export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const { firstLabel, ...input } = await readJson(event.request, createFrameworkBody);
		return json(createFramework(getRuntime().db, userActor(user), input, firstLabel), { status: 201 });
	});
