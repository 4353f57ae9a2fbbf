import { getRuntime } from '$lib/server/runtime';
import { getDialogueSession } from '$lib/server/sessions/setup';
import { hasPersonalLink, hidePersonalLinks } from '$lib/server/mail/link-text';
import { idOrNotFound, mailSummary, readableMail, requireOutboxReader, retryOutboxMail } from '$lib/invitations.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { user, scope } = requireOutboxReader(event);
	const mail = readableMail(event, scope, idOrNotFound(event, event.params.id));
	const session = mail.dialogueSessionId !== null ? getDialogueSession(getRuntime().db, mail.dialogueSessionId) : undefined;
	return {
		message: {
			...mailSummary(mail, event.locals.locale),
			messageId: mail.messageId,
			from: getRuntime().config.mailFrom,
			// Personal links are the recipient's alone: shown as hidden (see mailSummary).
			text: hidePersonalLinks(mail.textBody, event.locals.locale),
			linksHidden: hasPersonalLink(mail.textBody) || hasPersonalLink(mail.subject),
			attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: Buffer.byteLength(a.content, 'utf8') }))
		},
		/** The session the mail belongs to; a link only for its own facilitator. */
		session: session ? { id: session.id, title: session.title, own: session.facilitatorId === user.id } : null,
		transport: getRuntime().mail?.transport.kind ?? null
	};
};

export const actions: Actions = {
	retry: async (event) => retryOutboxMail(event, idOrNotFound(event, event.params.id))
};
