import { json } from '@sveltejs/kit';
import { toProviderView, updateProviderBody } from '$lib/server/api/scoring-schemas';
import { userActor } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import { getProvider, updateProvider } from '$lib/server/scoring/providers';
import { apiCall, readJson } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event, 'quality_manager', 'admin');
		const provider = getProvider(event.locals.db, idParam(event, 'providerId'));
		if (!provider) throw new DomainError('error.missing', 404);
		return json(toProviderView(provider));
	});

export const PUT: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const id = idParam(event, 'providerId');
		const input = await readJson(event.request, updateProviderBody);
		return json(toProviderView(updateProvider(event.locals.db, userActor(user), id, input)));
	});
