import { moveThemeBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { moveTheme } from '$lib/server/frameworks/store';
import { apiCall, readJson } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event, 'themeId');
		const { revision, position } = await readJson(event.request, moveThemeBody);
		moveTheme(event.locals.db, userActor(user), id, revision, position);
		return new Response(null, { status: 204 });
	});
