import { assessmentReportView, loadAssessment } from '$lib/promotion.server';
import { audit, userActor } from '$lib/server/audit';
import { getRuntime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

/** The readable report for the provider; the kwaliteitsmanager and the beheerder may read it. */
export const load: PageServerLoad = (event) => {
	const user = requireUser(event, 'quality_manager', 'admin');
	const { db } = getRuntime();
	const detail = loadAssessment(event, db);
	audit(db, userActor(user), 'assessment.view', { type: 'assessment', id: detail.assessment.id }, { report: true });
	return { assessmentId: detail.assessment.id, view: assessmentReportView(db, detail, event.locals.locale) };
};
