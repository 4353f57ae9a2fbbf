/**
 * Personal links are credentials: whoever has one takes part as that participant, without a
 * password. So a working link is shown to nobody but its owner: the outbox and every other
 * staff page show that a link was sent, never the link (hidePersonalLinks); only the mail
 * itself and a printed letter, made on purpose for the person and shown once, carry it.
 *
 * When a link reached someone else, "Nieuwe link" ends every credential of the person at
 * once (their own token and all their links) and gives them one new link, by e-mail or in a
 * letter (renewPersonalLink). accessChanged tells the live connections, so a browser still
 * using an old link is disconnected from socket.io and Yjs at once; its cookie opens no page
 * any more either. Both that and sending the invitation again (./invitations.ts) are audited.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { auditLog, dialogueSessions, mailMessages, users } from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { accessChanged } from '../access/changes';
import { DEFAULT_LOCALE, translate, type Locale } from '../../i18n';
import { enqueueMail } from '../mail/outbox';
import { homeworkLink, letterSession, placeText, REQUEST_KEY, type Letter } from './invitations';
import { currentParticipant, isEmailAddress, revokeCredentials, newParticipantLink } from './participants';
import { identityIds } from './identity';

/**
 * Ends every credential of a participant: all their personal links are deleted and their own
 * token gets a fresh, unknown secret; so do those of a record joined with the code that was
 * merged into them (its token opened them: ./identity.ts). Returns how many credentials
 * ended. Runs inside the caller's transaction; the caller announces it with accessChanged
 * after the commit.
 */
export function endCredentials(tx: Pick<Db, 'select' | 'update' | 'delete'>, participantId: number): number {
	let ended = 0;
	// Each record's links, and its own token.
	for (const id of identityIds(tx, participantId)) {
		ended += revokeCredentials(tx, id) + 1;
		// A mail still waiting with a link in it would bring a link that no longer works.
		tx.update(mailMessages)
			.set({ status: 'cancelled', lastError: LINK_ENDED_NOTE })
			.where(
				and(
					eq(mailMessages.participantId, id),
					inArray(mailMessages.status, ['queued', 'failed']),
					sql`instr(${mailMessages.textBody}, '/j/') > 0`
				)
			)
			.run();
	}
	return ended;
}

/** Why a waiting mail was not sent (the outbox shows it in words). */
export const LINK_ENDED_NOTE = 'link ended';

/** Whether a form with this request key already did `action` for this participant (see REQUEST_KEY). */
function requestDone(tx: Pick<Db, 'select'>, action: string, participantId: number, request: string): boolean {
	return !!tx
		.select({ id: auditLog.id })
		.from(auditLog)
		.where(
			and(
				eq(auditLog.subjectType, 'participant'),
				eq(auditLog.subjectId, participantId),
				eq(auditLog.action, action),
				sql`json_extract(${auditLog.details}, '$.request') = ${request}`
			)
		)
		.get();
}

export type RenewResult = { via: 'mail'; to: string } | { via: 'letter'; letter: Letter };

/**
 * "Nieuwe link": ends every earlier credential of the participant and issues one new link, in
 * a mail to their address (`mail`) or in a letter to print now (`letter`: returned, shown
 * once, never stored). Also after the session: the link opens the report. `request` is the
 * random key of the form: the same form sent twice does it once (a reload of the letter
 * would otherwise end the link just printed). Audited as `participant.link.renew`. The mail
 * or letter is in `locale` (participants have no language setting: Dutch).
 */
export function renewPersonalLink(
	db: Db,
	actor: Actor,
	sessionId: number,
	participantId: number,
	origin: string,
	via: 'mail' | 'letter',
	request: string,
	now = new Date(),
	locale: Locale = DEFAULT_LOCALE
): RenewResult {
	if (!REQUEST_KEY.test(request)) throw new DomainError('error.badRequest', 400);
	const result = db.transaction((tx): RenewResult => {
		const session = tx.select().from(dialogueSessions).where(eq(dialogueSessions.id, sessionId)).get();
		const participant = currentParticipant(tx, sessionId, participantId);
		if (!session || !participant) throw new DomainError('error.missing', 404);
		if (requestDone(tx, 'participant.link.renew', participant.id, request)) throw new DomainError('error.link.alreadyDone', 409);
		const email = participant.email && isEmailAddress(participant.email) ? participant.email : null;
		if (via === 'mail' && !email) throw new DomainError('error.link.noEmail', 409);

		const ended = endCredentials(tx, participant.id);
		const link = `${origin}/j/${newParticipantLink(tx, participant.id, via === 'mail' ? 'renew-mail' : 'renew-letter')}`;
		const facilitator = tx.select({ name: users.name }).from(users).where(eq(users.id, session.facilitatorId)).get()?.name ?? '';
		const date = session.scheduledAt ?? null;
		const fill = {
			naam: participant.displayName,
			titel: session.title,
			datum: date ?? translate(locale, 'invite.dateUnknown'),
			plaats: placeText(session, locale),
			// On paper the link is not typed: the letter's QR code and code are the way in.
			link: via === 'letter' ? translate(locale, 'invite.letter.linkOnPaper') : link,
			gespreksleider: facilitator
		};
		const subject = translate(locale, 'link.renew.subject', fill);
		const body = translate(locale, 'link.renew.body', fill);
		if (via === 'mail') {
			enqueueMail(
				tx,
				{
					dedupeKey: `link:${sessionId}:${participant.id}:${request}`,
					kind: 'link',
					dialogueSessionId: sessionId,
					participantId: participant.id,
					to: email!,
					subject,
					text: body
				},
				now
			);
		}
		audit(
			tx,
			actor,
			'participant.link.renew',
			{ type: 'participant', id: participant.id },
			{ dialogueSessionId: sessionId, via, ended, request }
		);
		if (via === 'mail') return { via, to: email! };
		return {
			via,
			letter: {
				participant: { id: participant.id, displayName: participant.displayName },
				subject,
				body,
				link,
				homework: session.status === 'closed' ? null : homeworkLink(session, origin),
				...letterSession(session, origin)
			}
		};
	});
	// A browser still using an old link is disconnected now, on socket.io and Yjs.
	accessChanged(db, { participantIds: [participantId] });
	return result;
}
