import { loadAssessment, requireUser } from '$lib/server/http/guards';
import { assessmentReportView } from '$lib/server/scoring/report-view';
import { renderAssessmentPdf } from '$lib/server/scoring/export-pdf';
import { audit, userActor } from '$lib/server/audit';
import type { RequestHandler } from './$types';

/** The provider's assessment report as PDF: the same view as the report page. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event, 'quality_manager', 'admin');
	const { db } = event.locals;
	const detail = loadAssessment(event);
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
