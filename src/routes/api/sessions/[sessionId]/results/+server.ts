import { json } from '@sveltejs/kit';
import { audit, userActor } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import { apiCall } from '$lib/server/http/api';
import { requireApiSessionFacilitator } from '$lib/server/http/guards';
import { resultsCsv, resultsFileName, sessionResults } from '$lib/server/reports/results';
import type { RequestHandler } from './$types';

/** A closed session's results for its facilitator, as JSON or (format=csv) the CSV file; audited like the download. */
export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		const { user, session } = requireApiSessionFacilitator(event);
		const format = event.url.searchParams.get('format') ?? 'json';
		if (format !== 'json' && format !== 'csv') throw new DomainError('error.badRequest', 400);
		const { db, locale } = event.locals;
		const results = sessionResults(db, session.id);
		audit(db, userActor(user), 'results.export', { type: 'dialogue_session', id: session.id }, { format, via: 'api' });
		if (format === 'json') return json(results, { headers: { 'cache-control': 'no-store' } });
		return new Response(resultsCsv(results, locale), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${resultsFileName(results, 'csv')}"`,
				'cache-control': 'no-store'
			}
		});
	});
