import { json } from '@sveltejs/kit';
import { createDraftBody } from '$lib/server/api/schemas';
import { userActor } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import { createDraft, getVersionSummary } from '$lib/server/frameworks/store';
import { apiCall, readJson } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const frameworkId = idParam(event, 'frameworkId');
		const { fromVersionId, label } = await readJson(event.request, createDraftBody);
		const db = event.locals.db;
		if (getVersionSummary(db, fromVersionId)?.frameworkId !== frameworkId) throw new DomainError('error.missing', 404);
		return json(createDraft(db, userActor(user), fromVersionId, label), { status: 201 });
	});
