import { DomainError } from '$lib/server/errors';
import { exportCsv, exportFileName, exportVersion } from '$lib/server/frameworks/exchange';
import { apiCall } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

/** Downloads a version as JSON (exchange format) or CSV. */
export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event);
		const id = idParam(event, 'versionId');
		const format = event.url.searchParams.get('format') ?? 'json';
		if (format !== 'json' && format !== 'csv') throw new DomainError('error.badRequest', 400);
		const db = event.locals.db;
		const file = exportVersion(db, id);
		const name = exportFileName(file, format);
		const headers = { 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' };
		if (format === 'csv') {
			return new Response(exportCsv(db, id, event.locals.locale), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
		}
		return new Response(JSON.stringify(file, null, '\t') + '\n', {
			headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }
		});
	});
