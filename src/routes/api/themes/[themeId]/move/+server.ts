import { moveThemeBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { moveTheme } from '$lib/server/frameworks/store';
import { getRuntime } from '$lib/server/runtime';
import { apiCall, idParam, readJson, requireApiUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event.params.themeId);
		const { revision, position } = await readJson(event.request, moveThemeBody);
		moveTheme(getRuntime().db, userActor(user), id, revision, position);
		return new Response(null, { status: 204 });
	});
