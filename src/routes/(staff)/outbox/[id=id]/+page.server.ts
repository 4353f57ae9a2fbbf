import { getDialogueSession } from '$lib/server/sessions/setup';
import { hasPersonalLink, hidePersonalLinks } from '$lib/server/mail/link-text';
import { idParam, readableMail, requireOutboxReader } from '$lib/server/http/guards';
import { retryOutboxMail } from '$lib/server/http/outbox';
import { mailSummary } from '$lib/server/mail/view';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { user, scope } = requireOutboxReader(event);
	const mail = readableMail(event, scope, idParam(event, 'id'));
	const session = mail.dialogueSessionId !== null ? getDialogueSession(event.locals.db, mail.dialogueSessionId) : undefined;
	return {
		message: {
			...mailSummary(mail, event.locals.locale),
			messageId: mail.messageId,
			from: event.locals.config.mailFrom,
			// Personal links are the recipient's alone: shown as hidden (see mailSummary).
			text: hidePersonalLinks(mail.textBody, event.locals.locale),
			linksHidden: hasPersonalLink(mail.textBody) || hasPersonalLink(mail.subject),
			attachments: mail.attachments.map((a) => ({
				filename: a.filename,
				contentType: a.contentType,
				size: Buffer.byteLength(a.content, 'utf8')
			}))
		},
		/** The session the mail belongs to; a link only for its own facilitator. */
		session: session ? { id: session.id, title: session.title, own: session.facilitatorId === user.id } : null,
		transport: event.locals.mail?.transport.kind ?? null
	};
};

export const actions: Actions = {
	retry: async (event) => retryOutboxMail(event, idParam(event, 'id'))
};
