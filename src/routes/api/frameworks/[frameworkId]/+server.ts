import { json } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { getFramework } from '$lib/server/frameworks/store';
import { getRuntime } from '$lib/server/runtime';
import { apiCall, idParam, requireApiUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event);
		const framework = getFramework(getRuntime().db, idParam(event.params.frameworkId));
		if (!framework) throw new DomainError('error.missing', 404);
		return json(framework);
	});
