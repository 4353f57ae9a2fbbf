import { resultsDownload } from '$lib/server/http/downloads';
import type { RequestHandler } from './$types';

/** The session's results as JSON, machine-readable: themes, stickers per perspective, keywords, toetsvragen, criteria, agreements. */
export const GET: RequestHandler = (event) => resultsDownload(event, 'json');
