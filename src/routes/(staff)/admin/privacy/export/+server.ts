import { userActor } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import { exportPerson } from '$lib/server/privacy/requests';
import { requireUser } from '$lib/server/http/guards';
import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { formIds } from '$lib/server/privacy/form';
import type { RequestHandler } from './$types';

/** "Gegevens downloaden": everything stored about the chosen participant records, as a JSON file. */
export const POST: RequestHandler = async (event) => {
	const user = requireUser(event, 'admin');
	try {
		// A body that is not a form is a 400 already (formsAsked in hooks.server.ts).
		const ids = formIds(await event.request.formData());
		const body = exportPerson(event.locals.db, userActor(user), ids);
		const day = body.exportedAt.slice(0, 10);
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
