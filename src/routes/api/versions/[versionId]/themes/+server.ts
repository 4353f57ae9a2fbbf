import { json } from '@sveltejs/kit';
import { themeBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { addTheme } from '$lib/server/frameworks/store';
import { apiCall, readJson } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event, 'versionId');
		const input = await readJson(event.request, themeBody);
		return json(addTheme(event.locals.db, userActor(user), id, input), { status: 201 });
	});
