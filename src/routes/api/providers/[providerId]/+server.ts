import { json } from '@sveltejs/kit';
import { toProviderView, updateProviderBody } from '$lib/server/api/scoring-schemas';
import { getProvider, updateProvider } from '$lib/server/scoring/providers';
import { managerWrite, readOne } from '$lib/server/http/api';

export const GET = readOne('providerId', ['quality_manager', 'admin'], (db, id) => {
	const provider = getProvider(db, id);
	return provider ? toProviderView(provider) : undefined;
});

export const PUT = managerWrite('providerId', updateProviderBody, ({ db, actor, id, input }) =>
	json(toProviderView(updateProvider(db, actor, id, input)))
);
