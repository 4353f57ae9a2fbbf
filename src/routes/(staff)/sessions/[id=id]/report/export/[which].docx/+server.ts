import { renderReportDocx } from '$lib/server/reports/export-docx';
import { reportDownload } from '$lib/server/http/downloads';
import type { RequestHandler } from './$types';

/** The report as a Word file (municipalities work in Word): a version by number, or the working copy. */
export const GET: RequestHandler = (event) => reportDownload(event, 'docx', renderReportDocx);
