import { loadAssessment, requireUser } from '$lib/server/http/guards';
import { assessmentReportView } from '$lib/server/scoring/report-view';
import { audit, userActor } from '$lib/server/audit';
import type { PageServerLoad } from './$types';

/** The readable report for the provider; the kwaliteitsmanager and the beheerder may read it. */
export const load: PageServerLoad = (event) => {
	const user = requireUser(event, 'quality_manager', 'admin');
	const { db } = event.locals;
	const detail = loadAssessment(event);
	audit(db, userActor(user), 'assessment.view', { type: 'assessment', id: detail.assessment.id }, { report: true });
	return { assessmentId: detail.assessment.id, view: assessmentReportView(db, detail, event.locals.locale) };
};
