import { SEARCH_MAX_QUERY, searchRequirements } from '$lib/server/frameworks/search';
import { getVersion } from '$lib/server/frameworks/store';
import { requireUser } from '$lib/server/http/guards';
import type { PageServerLoad } from './$types';

const LIMIT = 100;

export const load: PageServerLoad = (event) => {
	requireUser(event);
	const db = event.locals.db;
	const q = (event.url.searchParams.get('q') ?? '').slice(0, SEARCH_MAX_QUERY);
	const scope = event.url.searchParams.get('scope') === 'all' ? ('all' as const) : ('current' as const);
	const hits = q.trim() ? searchRequirements(db, q, { scope, limit: LIMIT + 1 }) : [];
	// Search hits carry the requirement id; the document anchors use its key.
	const keys = new Map<number, string>();
	for (const versionId of new Set(hits.map((h) => h.version.id))) {
		for (const theme of getVersion(db, versionId)?.themes ?? []) for (const r of theme.requirements) keys.set(r.id, r.key);
	}
	return {
		q,
		scope,
		hits: hits.slice(0, LIMIT).map((h) => ({ ...h, key: keys.get(h.requirement.id) ?? '' })),
		more: hits.length > LIMIT,
		limit: LIMIT
	};
};
