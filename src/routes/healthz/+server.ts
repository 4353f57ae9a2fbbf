import { json } from '@sveltejs/kit';
import { findRuntime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Ready once the database is open and migrated (the runtime is registered only then). */
export const GET: RequestHandler = () => {
	const runtime = findRuntime();
	try {
		runtime?.db.$client.prepare('select 1').get();
	} catch {
		return json({ status: 'unavailable' }, { status: 503 });
	}
	return runtime ? json({ status: 'ok' }) : json({ status: 'starting' }, { status: 503 });
};
