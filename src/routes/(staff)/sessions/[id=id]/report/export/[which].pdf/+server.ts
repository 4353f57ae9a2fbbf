import { renderReportPdf } from '$lib/server/reports/export-pdf';
import { reportDownload } from '$lib/server/http/downloads';
import type { RequestHandler } from './$types';

/** The report as PDF: a version by number, or the working copy ("working"). */
export const GET: RequestHandler = (event) => reportDownload(event, 'pdf', renderReportPdf);
