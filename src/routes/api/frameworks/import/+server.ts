import { json } from '@sveltejs/kit';
import { userActor } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import { describeLocation, importVersion } from '$lib/server/frameworks/exchange';
import { apiCall } from '$lib/server/http/api';
import { requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

/** Imports an exchange file as a new draft; every problem is listed with its location in words. */
export const POST: RequestHandler = async (event) => {
	let body: unknown;
	return apiCall(
		event,
		async () => {
			const user = requireApiUser(event, 'quality_manager');
			if (!(event.request.headers.get('content-type') ?? '').includes('application/json')) throw new DomainError('error.badJson', 415);
			try {
				body = await event.request.json();
			} catch {
				throw new DomainError('error.import.notJson', 400);
			}
			const label = event.url.searchParams.get('label') ?? undefined;
			return json(importVersion(event.locals.db, userActor(user), body, { label }), { status: 201 });
		},
		(locale, path) => describeLocation(locale, path, body)
	);
};
