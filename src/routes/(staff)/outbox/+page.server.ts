import { listOutbox } from '$lib/server/mail/outbox';
import { formText } from '$lib/server/http/forms';
import { requireOutboxReader } from '$lib/server/http/guards';
import { retryOutboxMail } from '$lib/server/http/outbox';
import { mailSummary } from '$lib/server/mail/view';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { scope } = requireOutboxReader(event);
	const { db, mail } = event.locals;
	return {
		messages: listOutbox(db, scope).map((m) => mailSummary(m, event.locals.locale)),
		all: scope === 'all',
		/** file: no mail server is configured, messages are kept as files (and shown here). */
		transport: mail?.transport.kind ?? null
	};
};

export const actions: Actions = {
	retry: async (event) => {
		const raw = formText(await event.request.formData(), 'mailId');
		return retryOutboxMail(event, /^\d+$/.test(raw) ? Number(raw) : 0);
	}
};
