import { assessmentReportView, loadAssessment } from '$lib/promotion.server';
import { renderAssessmentPdf } from '$lib/server/scoring/export-pdf';
import { audit, userActor } from '$lib/server/audit';
import { getRuntime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

/** The provider's assessment report as PDF: the same view as the report page. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event, 'quality_manager', 'admin');
	const { db } = getRuntime();
	const detail = loadAssessment(event, db);
	const body = await renderAssessmentPdf(assessmentReportView(db, detail, event.locals.locale));
	audit(db, userActor(user), 'assessment.export', { type: 'assessment', id: detail.assessment.id }, { format: 'pdf' });
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="toetsing-${detail.assessment.id}.pdf"`,
			'content-length': String(body.length),
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
