import { json } from '@sveltejs/kit';
import { toProviderView, updateProviderBody } from '$lib/server/api/scoring-schemas';
import { DomainError } from '$lib/server/errors';
import { getProvider, updateProvider } from '$lib/server/scoring/providers';
import { apiCall, managerWrite } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event, 'quality_manager', 'admin');
		const provider = getProvider(event.locals.db, idParam(event, 'providerId'));
		if (!provider) throw new DomainError('error.missing', 404);
		return json(toProviderView(provider));
	});

export const PUT = managerWrite('providerId', updateProviderBody, ({ db, actor, id, input }) =>
	json(toProviderView(updateProvider(db, actor, id, input)))
);
