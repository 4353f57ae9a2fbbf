import { notFound, parseId, requireUser } from '$lib/server/http/guards';
import { audit, userActor } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import { methodPage } from '$lib/server/scoring/method';
import type { PageServerLoad } from './$types';

/**
 * "Hoe rekenen we?": how the decision rule and the level bands work, for every staff member.
 * With `?assessment=<id>` also that assessment's arithmetic, for those who may read
 * assessments (quality managers and administrators); 404 for an assessment that is not there.
 */
export const load: PageServerLoad = (event) => {
	const raw = event.url.searchParams.get('assessment');
	if (raw === null) {
		requireUser(event);
		return methodPage(event.locals.db, event.locals.locale, null);
	}
	const user = requireUser(event, 'quality_manager', 'admin');
	const id = parseId(raw);
	if (id === null) notFound(event);
	try {
		const page = methodPage(event.locals.db, event.locals.locale, id);
		audit(event.locals.db, userActor(user), 'assessment.view', { type: 'assessment', id }, { method: true });
		return page;
	} catch (err) {
		if (err instanceof DomainError && err.status === 404) notFound(event);
		throw err;
	}
};
