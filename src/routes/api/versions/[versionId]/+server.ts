import { json } from '@sveltejs/kit';
import { revisionQuery, updateVersionBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import { deleteDraft, getVersion, updateDraftMeta } from '$lib/server/frameworks/store';
import { validate } from '$lib/server/validation';
import { apiCall, readJson } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event);
		const version = getVersion(event.locals.db, idParam(event, 'versionId'));
		if (!version) throw new DomainError('error.missing', 404);
		return json(version);
	});

export const PUT: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event, 'versionId');
		const { revision, ...input } = await readJson(event.request, updateVersionBody);
		return json(updateDraftMeta(event.locals.db, userActor(user), id, revision, input));
	});

export const DELETE: RequestHandler = (event) =>
	apiCall(event, () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event, 'versionId');
		const revision = validate(revisionQuery, event.url.searchParams.get('revision') ?? undefined, ['revision']);
		deleteDraft(event.locals.db, userActor(user), id, revision);
		return new Response(null, { status: 204 });
	});
