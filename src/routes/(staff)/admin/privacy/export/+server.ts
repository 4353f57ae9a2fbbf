import { userActor } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import { exportPerson } from '$lib/server/privacy/requests';
import { personExportHtml } from '$lib/server/privacy/export-view';
import { requireUser } from '$lib/server/http/guards';
import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { formIds } from '$lib/server/privacy/form';
import type { RequestHandler } from './$types';

/** The readable file may load and run nothing; its inline style is all it has (as its own policy says). */
const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * "Gegevens downloaden": everything stored about the chosen participant records, as a JSON
 * file; with `?format=html` ("Overzicht downloaden (leesbaar)") the same data as one HTML file
 * the person can read ($lib/server/privacy/export-view.ts). One export, one audit line.
 */
export const POST: RequestHandler = async (event) => {
	const user = requireUser(event, 'admin');
	const html = event.url.searchParams.get('format') === 'html';
	try {
		// A body that is not a form is a 400 already (formsAsked in hooks.server.ts).
		const ids = formIds(await event.request.formData());
		const body = exportPerson(event.locals.db, userActor(user), ids);
		const day = body.exportedAt.slice(0, 10);
		if (html)
			return new Response(personExportHtml(body, event.locals.locale), {
				headers: {
					'content-type': 'text/html; charset=utf-8',
					'content-disposition': `attachment; filename="persoonsgegevens-${day}.html"`,
					'content-security-policy': HTML_CSP,
					'cache-control': 'no-store',
					'x-content-type-options': 'nosniff'
				}
			});
		return new Response(JSON.stringify(body, null, 2), {
			headers: {
				'content-type': 'application/json; charset=utf-8',
				'content-disposition': `attachment; filename="persoonsgegevens-${day}.json"`,
				'cache-control': 'no-store'
			}
		});
	} catch (err) {
		if (err instanceof DomainError) error(err.status, { message: translate(event.locals.locale, err.code), code: err.code });
		throw err;
	}
};
