import { assessmentReportView, loadAssessment } from '$lib/promotion.server';
import { getRuntime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

/** The readable report for the provider; the kwaliteitsmanager and the beheerder may read it. */
export const load: PageServerLoad = (event) => {
	requireUser(event, 'quality_manager', 'admin');
	const { db } = getRuntime();
	const detail = loadAssessment(event, db);
	return { assessmentId: detail.assessment.id, view: assessmentReportView(db, detail, event.locals.locale) };
};
