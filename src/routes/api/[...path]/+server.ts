import { apiError } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Unknown API paths answer in JSON, not with the HTML error page. */
export const fallback: RequestHandler = ({ locals }) => apiError(locals.locale, 404, 'error.missing');
