/**
 * The session as an item in the participants' agendas (RFC 5545/5546). The invitation carries
 * it as METHOD:REQUEST with one UID per session; a change of time or place sends it again with
 * the same UID and a higher SEQUENCE (./invitations.ts, sendCalendarUpdates); calling the
 * session off, or taking someone off the list, sends METHOD:CANCEL with the same UID, so the
 * agenda removes the appointment instead of keeping a session that will not take place.
 *
 * Only who has the item gets a cancellation: whose invitation mail was sent. A cancellation
 * carries no personal link (there is nothing to join), so it needs no origin.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { mailMessages, participants, users, type DialogueSession } from '../db/schema';
import { DEFAULT_LOCALE, translate, type Locale } from '../../i18n';
import { formatSessionDate } from '../../shared/sessions/time';
import { addressOnOneLine, calendarLocation } from '../../shared/sessions/location';
import { enqueueMail } from '../mail/outbox';
import { icsEvent } from '../mail/ical';

export const CALENDAR_TYPE = 'text/calendar; charset=utf-8; method=REQUEST';
const CANCEL_TYPE = 'text/calendar; charset=utf-8; method=CANCEL';

/** Why a mail still waiting was not sent: the session was called off. */
export const SESSION_CANCELLED_NOTE = 'session cancelled';

export function invitationKey(sessionId: number, participantId: number): string {
	return `invitation:${sessionId}:${participantId}`;
}

/** One cancellation per person per session: whether for the whole session or for them alone. */
export function cancellationKey(sessionId: number, participantId: number): string {
	return `calendar-cancel:${sessionId}:${participantId}`;
}

/** The calendar item's UID: one per session, the same in the invitation and in every update. */
export function calendarUid(sessionId: number): string {
	return `dialogue-session-${sessionId}@kwaliteitsdialoog`;
}

/**
 * The session as a calendar item: METHOD:REQUEST for the invitation's attachment and its
 * updates (LOCATION is the place, SEQUENCE the session's calendarSequence, which a change of
 * time or place raises, ./setup.ts, so the agenda replaces the earlier item with this one), or
 * METHOD:CANCEL to take it out of the agenda again.
 */
export function sessionCalendar(
	session: DialogueSession,
	facilitator: string,
	link: string | null,
	now: Date,
	locale: Locale = DEFAULT_LOCALE,
	people: { organizerEmail?: string | null; attendeeEmail?: string | null } = {},
	method: 'REQUEST' | 'CANCEL' = 'REQUEST'
): string | null {
	if (!session.scheduledAt) return null;
	const notes = [
		session.locationNotes ? addressOnOneLine(session.locationNotes) : null,
		session.locationUrl && session.locationAddress ? translate(locale, 'invite.placeOnline', { url: session.locationUrl }) : null
	].filter(Boolean);
	const description =
		method === 'CANCEL'
			? translate(locale, 'calendar.cancel.description')
			: translate(locale, 'invite.calendarDescription', { link: link ?? '' });
	return icsEvent({
		method,
		uid: calendarUid(session.id),
		sequence: session.calendarSequence,
		start: session.scheduledAt,
		end: new Date(session.scheduledAt.getTime() + session.durationMinutes * 60_000),
		summary: session.title,
		description: method === 'CANCEL' ? description : [...notes, description].join('\n'),
		location: calendarLocation(session) ?? undefined,
		url: link ?? undefined,
		organizerName: facilitator,
		organizerEmail: people.organizerEmail ?? undefined,
		attendeeEmail: people.attendeeEmail ?? undefined,
		// The agenda reminds them the day before, saying where.
		remindDayBefore: method === 'REQUEST',
		stamp: now
	});
}

type Tx = Pick<Db, 'select' | 'insert' | 'update'>;

/**
 * Queues a METHOD:CANCEL of the session's calendar item to each of these participants who
 * has the item (their invitation mail was sent) and an e-mail address, once per person.
 * `reason` picks the text: the session is called off, or they are no longer on the list.
 * Runs in the caller's transaction; returns the ids of those queued.
 */
export function queueCancellations(
	tx: Tx,
	session: DialogueSession,
	participantIds: readonly number[],
	reason: 'session' | 'removed',
	now = new Date(),
	locale: Locale = DEFAULT_LOCALE
): number[] {
	if (!session.scheduledAt || participantIds.length === 0) return [];
	const organizer = tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, session.facilitatorId)).get();
	const people = tx
		.select({ id: participants.id, name: participants.displayName, email: participants.email, proxy: participants.proxyUserId })
		.from(participants)
		.where(
			and(
				inArray(participants.id, [...participantIds]),
				eq(participants.dialogueSessionId, session.id),
				isNull(participants.pseudonymisedAt)
			)
		)
		.all();
	const fill = {
		titel: session.title,
		datum: formatSessionDate(session.scheduledAt, locale),
		gespreksleider: organizer?.name ?? ''
	};
	const queued: number[] = [];
	for (const person of people) {
		if (!person.email || person.proxy !== null) continue;
		const invitation = tx
			.select({ status: mailMessages.status })
			.from(mailMessages)
			.where(eq(mailMessages.dedupeKey, invitationKey(session.id, person.id)))
			.get();
		if (invitation?.status !== 'sent') continue;
		const ics = sessionCalendar(
			session,
			organizer?.name ?? '',
			null,
			now,
			locale,
			{ organizerEmail: organizer?.email, attendeeEmail: person.email },
			'CANCEL'
		)!;
		const done = enqueueMail(
			tx,
			{
				dedupeKey: cancellationKey(session.id, person.id),
				kind: 'invitation',
				dialogueSessionId: session.id,
				participantId: person.id,
				to: person.email,
				subject: translate(locale, `calendar.cancel.${reason}.subject`, fill),
				text: translate(locale, `calendar.cancel.${reason}.body`, { ...fill, naam: person.name }),
				attachments: [{ filename: 'gesprek-afgezegd.ics', contentType: CANCEL_TYPE, content: ics }]
			},
			now
		);
		if (done) queued.push(person.id);
	}
	return queued;
}

/**
 * Mails of the session still waiting (invitations, updates, reminders, new links) are not
 * sent once it is called off: they would invite people to something that will not happen.
 */
export function cancelWaitingMail(tx: Pick<Db, 'update'>, sessionId: number): void {
	tx.update(mailMessages)
		.set({ status: 'cancelled', lastError: SESSION_CANCELLED_NOTE })
		.where(and(eq(mailMessages.dialogueSessionId, sessionId), inArray(mailMessages.status, ['queued', 'failed'])))
		.run();
}
