import { renderReportOdt } from '$lib/server/reports/export-odt';
import { reportDownload } from '$lib/server/http/downloads';
import type { RequestHandler } from './$types';

/** The report as OpenDocument Text (the open standard next to Word): a version by number, or the working copy. */
export const GET: RequestHandler = (event) => reportDownload(event, 'odt', renderReportOdt);
