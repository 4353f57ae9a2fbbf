import { json } from '@sveltejs/kit';
import { createDraftBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import { createDraft, getVersionSummary } from '$lib/server/frameworks/store';
import { getRuntime } from '$lib/server/runtime';
import { apiCall, idParam, readJson, requireApiUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const frameworkId = idParam(event.params.frameworkId);
		const { fromVersionId, label } = await readJson(event.request, createDraftBody);
		const db = getRuntime().db;
		if (getVersionSummary(db, fromVersionId)?.frameworkId !== frameworkId) throw new DomainError('error.missing', 404);
		return json(createDraft(db, userActor(user), fromVersionId, label), { status: 201 });
	});
