import { json } from '@sveltejs/kit';
import { updateVersionBody } from '$lib/server/api/schemas';
import { DomainError } from '$lib/server/errors';
import { deleteDraft, getVersion, updateDraftMeta } from '$lib/server/frameworks/store';
import { apiCall, draftPart } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event);
		const version = getVersion(event.locals.db, idParam(event, 'versionId'));
		if (!version) throw new DomainError('error.missing', 404);
		return json(version);
	});

export const { PUT, DELETE } = draftPart('versionId', updateVersionBody, updateDraftMeta, deleteDraft);
