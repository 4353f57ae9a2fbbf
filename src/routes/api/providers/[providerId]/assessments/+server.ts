import { json } from '@sveltejs/kit';
import { toProviderView, toSummaries } from '$lib/server/api/scoring-schemas';
import { DomainError } from '$lib/server/errors';
import { getProvider, providerHistory } from '$lib/server/scoring/providers';
import { apiCall } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

/** The provider's history: its assessments, newest first, each with the overall result. */
export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event, 'quality_manager', 'admin');
		const db = event.locals.db;
		const provider = getProvider(db, idParam(event, 'providerId'));
		if (!provider) throw new DomainError('error.missing', 404);
		return json({
			provider: toProviderView(provider),
			assessments: toSummaries(db, providerHistory(db, provider.id), event.locals.locale)
		});
	});
