/**
 * Files to download: the report (a version or the working copy) and the results for the
 * session's facilitator, with a file name people recognise, never cached, and who exported which one in the audit log.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { audit, userActor } from '../audit';
import { ODT_MEDIA_TYPE } from '../odf/writer';
import { reportView } from '../reports/reports';
import { resultsCsv, resultsFileName, sessionResults } from '../reports/results';
import type { ReportView } from '../reports/types';
import { refusedAsHttp, requireReport, requireReportOwner, versionFor } from './guards';

/** The report's file formats with their media types: PDF to read, Word and ODF to edit further. */
const REPORT_TYPES = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	odt: ODT_MEDIA_TYPE
} as const;

export type ReportFormat = keyof typeof REPORT_TYPES;

export async function reportDownload(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>,
	format: ReportFormat,
	render: (view: ReportView) => Promise<Buffer>
): Promise<Response> {
	const { user, session } = requireReportOwner(event);
	const { db, locale } = event.locals;
	const report = requireReport(event, session.id);
	const version = versionFor(event, report.id, event.params.which ?? '');
	const body = await render(reportView(db, session.id, version, locale));
	// Reports hold what participants wrote: who exported which one is kept.
	audit(db, userActor(user), 'report.export', { type: 'report', id: report.id }, { format, version: version?.number ?? 'working' });
	const name = `verslag-${session.id}-${version ? `v${version.number}` : 'werkversie'}.${format}`;
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': REPORT_TYPES[format],
			'content-disposition': `attachment; filename="${name}"`,
			'content-length': String(body.length),
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}

/** The session's results as CSV or JSON (../reports/results.ts), for the facilitator once there is a report. */
export function resultsDownload(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>, format: 'csv' | 'json'): Response {
	const { user, session } = requireReportOwner(event);
	const { db, locale } = event.locals;
	const report = requireReport(event, session.id);
	// While the session is open again there are no results yet: a 409 with that message.
	const results = refusedAsHttp(event, () => sessionResults(db, session.id));
	audit(db, userActor(user), 'results.export', { type: 'report', id: report.id }, { format });
	const body = format === 'csv' ? resultsCsv(results, locale) : `${JSON.stringify(results, null, 2)}\n`;
	return new Response(body, {
		headers: {
			'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${resultsFileName(results, format)}"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
