import { assessmentRows, requireReader } from '$lib/assessments.server';
import { getRuntime } from '$lib/server/runtime';
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
		assessments: assessmentRows(getRuntime().db, event.locals.locale, status === 'all' ? null : status)
	};
};
