import { json } from '@sveltejs/kit';
import { revisionQuery, updateThemeBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { deleteTheme, updateTheme } from '$lib/server/frameworks/store';
import { getRuntime } from '$lib/server/runtime';
import { validate } from '$lib/server/validation';
import { apiCall, idParam, readJson, requireApiUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

export const PUT: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event.params.themeId);
		const { revision, ...input } = await readJson(event.request, updateThemeBody);
		return json(updateTheme(getRuntime().db, userActor(user), id, revision, input));
	});

export const DELETE: RequestHandler = (event) =>
	apiCall(event, () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event.params.themeId);
		const revision = validate(revisionQuery, event.url.searchParams.get('revision') ?? undefined, ['revision']);
		deleteTheme(getRuntime().db, userActor(user), id, revision);
		return new Response(null, { status: 204 });
	});
