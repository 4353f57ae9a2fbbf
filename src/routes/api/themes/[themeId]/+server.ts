import { json } from '@sveltejs/kit';
import { revisionQuery, updateThemeBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { deleteTheme, updateTheme } from '$lib/server/frameworks/store';
import { validate } from '$lib/server/validation';
import { apiCall, readJson } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const PUT: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event, 'themeId');
		const { revision, ...input } = await readJson(event.request, updateThemeBody);
		return json(updateTheme(event.locals.db, userActor(user), id, revision, input));
	});

export const DELETE: RequestHandler = (event) =>
	apiCall(event, () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event, 'themeId');
		const revision = validate(revisionQuery, event.url.searchParams.get('revision') ?? undefined, ['revision']);
		deleteTheme(event.locals.db, userActor(user), id, revision);
		return new Response(null, { status: 204 });
	});
