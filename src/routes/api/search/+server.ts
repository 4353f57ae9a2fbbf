import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { SEARCH_MAX_QUERY, searchRequirements } from '$lib/server/frameworks/search';
import { validate } from '$lib/server/validation';
import { apiCall } from '$lib/server/http/api';
import { requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

const query = z.object({
	q: z.string().max(SEARCH_MAX_QUERY),
	scope: z.enum(['current', 'all']).default('current'),
	frameworkId: z.coerce.number().int().positive().optional()
});

export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event);
		const { q, ...options } = validate(query, Object.fromEntries(event.url.searchParams));
		return json({ hits: searchRequirements(event.locals.db, q, options) });
	});
