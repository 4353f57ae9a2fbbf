import { requireReader } from '$lib/server/http/guards';
import { assessmentRows } from '$lib/server/scoring/view';
import type { PageServerLoad } from './$types';

const FILTERS = ['all', 'draft', 'final'] as const;
type Filter = (typeof FILTERS)[number];

export const load: PageServerLoad = (event) => {
	requireReader(event);
	const asked = event.url.searchParams.get('status') ?? 'all';
	const status: Filter = (FILTERS as readonly string[]).includes(asked) ? (asked as Filter) : 'all';
	return {
		status,
		filters: FILTERS,
		assessments: assessmentRows(event.locals.db, event.locals.locale, status === 'all' ? null : status)
	};
};
