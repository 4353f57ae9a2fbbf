import { json } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { getFramework } from '$lib/server/frameworks/store';
import { apiCall } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event);
		const framework = getFramework(event.locals.db, idParam(event, 'frameworkId'));
		if (!framework) throw new DomainError('error.missing', 404);
		return json(framework);
	});
