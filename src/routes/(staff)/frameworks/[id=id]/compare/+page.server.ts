import { loadFramework, notFound, parseId, requireUser } from '$lib/server/http/guards';
import { compareVersions } from '$lib/server/frameworks/compare';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireUser(event);
	const framework = loadFramework(event);
	const q = event.url.searchParams;
	const rawFrom = q.get('from');
	const rawTo = q.get('to');
	if (rawFrom === null && rawTo === null) return { framework, comparison: null, fromId: null, toId: null };
	const fromId = parseId(rawFrom);
	const toId = parseId(rawTo);
	const known = (id: number | null) => id !== null && framework.versions.some((v) => v.id === id);
	if (!known(fromId) || !known(toId)) notFound(event);
	return { framework, comparison: compareVersions(event.locals.db, fromId!, toId!), fromId, toId };
};
