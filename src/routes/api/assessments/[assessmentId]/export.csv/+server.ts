import { assessmentDetail } from '$lib/server/scoring/assessments';
import { assessmentCsv, assessmentCsvFileName } from '$lib/server/scoring/csv';
import { audit, userActor } from '$lib/server/audit';
import { apiCall } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

/** Downloads an assessment as CSV: the requirements, then the summary with its arithmetic. */
export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		const user = requireApiUser(event, 'quality_manager', 'admin');
		const detail = assessmentDetail(event.locals.db, idParam(event, 'assessmentId'));
		audit(event.locals.db, userActor(user), 'assessment.export', { type: 'assessment', id: detail.assessment.id }, { format: 'csv' });
		return new Response(assessmentCsv(detail, event.locals.locale), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${assessmentCsvFileName(detail)}"`,
				'cache-control': 'no-store'
			}
		});
	});
