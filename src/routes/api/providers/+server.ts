import { json } from '@sveltejs/kit';
import { providerBody, toProviderView } from '$lib/server/api/scoring-schemas';
import { userActor } from '$lib/server/audit';
import { createProvider, listProviders } from '$lib/server/scoring/providers';
import { getRuntime } from '$lib/server/runtime';
import { apiCall, readJson, requireApiUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event, 'quality_manager', 'admin');
		return json({ providers: listProviders(getRuntime().db).map(toProviderView) });
	});

export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const input = await readJson(event.request, providerBody);
		return json(toProviderView(createProvider(getRuntime().db, userActor(user), input)), { status: 201 });
	});
