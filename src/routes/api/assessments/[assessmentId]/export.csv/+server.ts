import { assessmentDetail } from '$lib/server/scoring/assessments';
import { assessmentCsv, assessmentCsvFileName } from '$lib/server/scoring/csv';
import { audit, userActor } from '$lib/server/audit';
import { getRuntime } from '$lib/server/runtime';
import { apiCall, idParam, requireApiUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

/** Downloads an assessment as CSV: the requirements, then the summary with its arithmetic. */
export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		const user = requireApiUser(event, 'quality_manager', 'admin');
		const detail = assessmentDetail(getRuntime().db, idParam(event.params.assessmentId));
		audit(getRuntime().db, userActor(user), 'assessment.export', { type: 'assessment', id: detail.assessment.id }, { format: 'csv' });
		return new Response(assessmentCsv(detail, event.locals.locale), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${assessmentCsvFileName(detail)}"`,
				'cache-control': 'no-store'
			}
		});
	});
