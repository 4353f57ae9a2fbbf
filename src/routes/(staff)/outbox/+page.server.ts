import { getRuntime } from '$lib/server/runtime';
import { listOutbox } from '$lib/server/mail/outbox';
import { formText } from '$lib/server/web';
import { mailSummary, requireOutboxReader, retryOutboxMail } from '$lib/invitations.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { scope } = requireOutboxReader(event);
	const { db, mail } = getRuntime();
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
