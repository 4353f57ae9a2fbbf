import { json } from '@sveltejs/kit';
import { providerBody, toProviderView } from '$lib/server/api/scoring-schemas';
import { userActor } from '$lib/server/audit';
import { createProvider, listProviders } from '$lib/server/scoring/providers';
import { apiCall, readJson } from '$lib/server/http/api';
import { requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event, 'quality_manager', 'admin');
		return json({ providers: listProviders(event.locals.db).map(toProviderView) });
	});

export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const input = await readJson(event.request, providerBody);
		return json(toProviderView(createProvider(event.locals.db, userActor(user), input)), { status: 201 });
	});
