/**
 * Invitations (step 2 of the dialogue plan). The facilitator edits one invitation text per
 * session; each person on the participant list with an e-mail address gets it with their
 * own personal link, the date and place as an iCalendar attachment and a link to the
 * homework page of the themes. When the time or the place changes later, everyone invited
 * by e-mail gets an update of that calendar item: the same UID, a higher SEQUENCE
 * (sendCalendarUpdates). People without e-mail get a printed letter: the same text without
 * the link (too long to type), with the session's short code and a QR code of their
 * personal link as the way in. Sending again only reaches people who have not been invited yet: the outbox key
 * per person makes a duplicate impossible. One person can be sent it again on purpose
 * (resendInvitation), with a new link.
 *
 * Participants have no language setting: what they receive (mail, letter, calendar entry) is
 * in `locale`, Dutch unless asked otherwise; dates are written when the text is filled in.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { dialogueSessions, participants, users, type DialogueSession, type Participant } from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { validate } from '../validation';
import { DEFAULT_LOCALE, translate, type Locale } from '../../i18n';
import { formatSessionDate } from '../../shared/sessions/time';
import { addressOnOneLine, type SessionLocation } from '../../shared/sessions/location';
import { enqueueMail, hasMail } from '../mail/outbox';
import { CALENDAR_TYPE, invitationKey, sessionCalendar } from './calendar';
import { currentParticipant, isEmailAddress, newParticipantLink } from './participants';
import { randomString } from '../auth/tokens';
import { ensureGoingOn } from './setup';

export { calendarUid, invitationKey, sessionCalendar } from './calendar';

/** The placeholders a facilitator can use in the invitation; `{link}` is required. */
export const INVITATION_PLACEHOLDERS = ['naam', 'titel', 'datum', 'plaats', 'link', 'huiswerk', 'gespreksleider'] as const;
type Placeholder = (typeof INVITATION_PLACEHOLDERS)[number];

export interface InvitationTemplate {
	subject: string;
	body: string;
	/** True when the facilitator has not changed the standard text. */
	standard: boolean;
}

/** The session's invitation text, or the standard one in `locale`. */
export function invitationTemplate(
	session: Pick<DialogueSession, 'invitationSubject' | 'invitationBody'>,
	locale: Locale = DEFAULT_LOCALE
): InvitationTemplate {
	return {
		subject: session.invitationSubject ?? translate(locale, 'invite.template.subject'),
		body: session.invitationBody ?? translate(locale, 'invite.template.body'),
		standard: session.invitationSubject === null && session.invitationBody === null
	};
}

function unknownPlaceholders(text: string): string[] {
	const known = new Set<string>(INVITATION_PLACEHOLDERS);
	return [...text.matchAll(/\{([^{}\s]*)\}/g)].map((m) => m[1]!).filter((name) => !known.has(name));
}

export const invitationTemplateSchema = z
	.object({
		subject: z.string().trim().min(1).max(200),
		body: z.string().trim().min(1).max(10_000)
	})
	.refine((t) => t.body.includes('{link}'), { path: ['body'], message: 'error.invite.linkMissing' })
	.refine((t) => unknownPlaceholders(t.subject + t.body).length === 0, { path: ['body'], message: 'error.invite.unknownPlaceholder' });

export function saveInvitationTemplate(
	db: Db,
	actor: Actor,
	sessionId: number,
	input: z.input<typeof invitationTemplateSchema>
): DialogueSession {
	const data = validate(invitationTemplateSchema, input);
	return db.transaction((tx) => {
		const row = tx
			.update(dialogueSessions)
			.set({ invitationSubject: data.subject, invitationBody: data.body })
			.where(eq(dialogueSessions.id, sessionId))
			.returning()
			.get();
		if (!row) throw new DomainError('error.missing', 404);
		audit(tx, actor, 'invitation.template', { type: 'dialogue_session', id: sessionId });
		return row;
	});
}

export function fillTemplate(text: string, values: Record<Placeholder, string>): string {
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? values[name as Placeholder] : whole));
}

interface InvitationContext {
	session: DialogueSession;
	facilitator: string;
	/** The facilitator's address: the calendar item's organiser. */
	facilitatorEmail: string | null;
	origin: string;
	/** The language of what the participant receives. */
	locale: Locale;
}

function contextFor(db: Pick<Db, 'select'>, sessionId: number, origin: string, locale: Locale = DEFAULT_LOCALE): InvitationContext {
	const session = db.select().from(dialogueSessions).where(eq(dialogueSessions.id, sessionId)).get();
	if (!session) throw new DomainError('error.missing', 404);
	ensureGoingOn(session);
	const row = db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, session.facilitatorId)).get();
	return { session, facilitator: row?.name ?? '', facilitatorEmail: row?.email ?? null, origin, locale };
}

/** The homework page: the public page of the framework version whose themes are offered. */
export function homeworkLink(session: Pick<DialogueSession, 'frameworkVersionId'>, origin: string): string | null {
	return session.frameworkVersionId ? `${origin}/public/versions/${session.frameworkVersionId}` : null;
}

/**
 * The place in words, for the invitation's {plaats}: the address on one line, then the
 * accessibility notes and the online link on lines of their own, each with its label. Said so when not known yet.
 */
export function placeText(location: SessionLocation, locale: Locale = DEFAULT_LOCALE): string {
	const lines = [
		location.locationAddress ? addressOnOneLine(location.locationAddress) : null,
		location.locationNotes ? translate(locale, 'invite.placeNotes', { notes: addressOnOneLine(location.locationNotes) }) : null,
		location.locationUrl ? translate(locale, 'invite.placeOnline', { url: location.locationUrl }) : null
	].filter((line): line is string => !!line);
	return lines.length > 0 ? lines.join('\n') : translate(locale, 'invite.placeUnknown');
}

/** A text filled in: with the place added at the end when a text of the facilitator's own has no {plaats}. */
function fillWithPlace(text: string, fill: Record<Placeholder, string>, locale: Locale): string {
	const filled = fillTemplate(text, fill);
	return text.includes('{plaats}') ? filled : `${filled}\n\n${translate(locale, 'invite.placeBlock', { place: fill.plaats })}`;
}

function values(ctx: InvitationContext, participant: Pick<Participant, 'displayName'>, link: string): Record<Placeholder, string> {
	return {
		naam: participant.displayName,
		titel: ctx.session.title,
		datum: ctx.session.scheduledAt ? formatSessionDate(ctx.session.scheduledAt, ctx.locale) : translate(ctx.locale, 'invite.dateUnknown'),
		plaats: placeText(ctx.session, ctx.locale),
		link,
		huiswerk: homeworkLink(ctx.session, ctx.origin) ?? translate(ctx.locale, 'invite.noHomework'),
		gespreksleider: ctx.facilitator
	};
}

/**
 * The random key a form carries so that sending it twice (a double click, a reload) does the
 * deliberate, one-off things once: sending an invitation again, making a new link.
 */
export const REQUEST_KEY = /^[a-z2-7]{16}$/;
export const newRequestKey = (): string => randomString(10);

export interface InvitationResult {
	/** Queued now. */
	queued: number;
	/** Had their invitation already; nothing sent to them again. */
	alreadyInvited: number;
	/** On the list without an e-mail address: invite them by letter or phone. */
	withoutEmail: { id: number; displayName: string }[];
}

/** Queues one person's invitation with a new personal link of their own, and marks them invited. */
function queueInvitation(
	tx: Pick<Db, 'insert' | 'update'>,
	ctx: InvitationContext,
	template: InvitationTemplate,
	participant: Participant & { email: string },
	key: string,
	now: Date
): void {
	const link = `${ctx.origin}/j/${newParticipantLink(tx, participant.id, 'invitation')}`;
	const fill = values(ctx, participant, link);
	const ics = sessionCalendar(ctx.session, ctx.facilitator, link, now, ctx.locale, {
		organizerEmail: ctx.facilitatorEmail,
		attendeeEmail: participant.email
	});
	const text = fillWithPlace(template.body, fill, ctx.locale);
	enqueueMail(
		tx,
		{
			dedupeKey: key,
			kind: 'invitation',
			dialogueSessionId: ctx.session.id,
			participantId: participant.id,
			to: participant.email,
			subject: fillTemplate(template.subject, fill),
			// Only the e-mail has the calendar item: the sentence about it is not in the template,
			// which a printed letter shares.
			text: ics ? `${text}\n\n${translate(ctx.locale, 'invite.calendarAttached')}` : text,
			attachments: ics ? [{ filename: 'gesprek.ics', contentType: CALENDAR_TYPE, content: ics }] : []
		},
		now
	);
	tx.update(participants).set({ invitedAt: now }).where(eq(participants.id, participant.id)).run();
}

/**
 * Queues the invitation for everyone on the list with an e-mail address who has not had it.
 * Refused with a clear message when there is nobody left to send to.
 */
export function sendInvitations(db: Db, actor: Actor, sessionId: number, origin: string, now = new Date()): InvitationResult {
	return db.transaction((tx) => {
		const ctx = contextFor(tx, sessionId, origin);
		const template = invitationTemplate(ctx.session, ctx.locale);
		const list = tx
			.select()
			.from(participants)
			.where(and(eq(participants.dialogueSessionId, sessionId), isNull(participants.removedAt)))
			.orderBy(participants.id)
			.all();
		const result: InvitationResult = { queued: 0, alreadyInvited: 0, withoutEmail: [] };
		for (const participant of list) {
			// Invitations go to the list: not to someone who joined with the code or was added in the
			// live view (someone on the list without a device is invited like everyone else).
			if (participant.origin !== 'list') continue;
			if (!participant.email || !isEmailAddress(participant.email)) {
				result.withoutEmail.push({ id: participant.id, displayName: participant.displayName });
				continue;
			}
			const key = invitationKey(sessionId, participant.id);
			if (hasMail(tx, key)) {
				result.alreadyInvited++;
				continue;
			}
			queueInvitation(tx, ctx, template, participant as Participant & { email: string }, key, now);
			result.queued++;
		}
		if (result.queued === 0) {
			if (result.alreadyInvited > 0) throw new DomainError('error.invite.alreadySent', 409, { count: result.alreadyInvited });
			throw new DomainError('error.invite.nobody', 409);
		}
		audit(
			tx,
			actor,
			'invitation.send',
			{ type: 'dialogue_session', id: sessionId },
			{ queued: result.queued, alreadyInvited: result.alreadyInvited, withoutEmail: result.withoutEmail.length }
		);
		return result;
	});
}

/**
 * "Opnieuw sturen": the invitation once more to one person, with a new personal link (the
 * earlier links keep working: to end them, see renewPersonalLink in ./personal-links.ts).
 * `request` is the random key of the form that asked: the same form sent twice (a double
 * click, a reload) sends one mail. Audited as `invitation.again`.
 */
export function resendInvitation(
	db: Db,
	actor: Actor,
	sessionId: number,
	participantId: number,
	origin: string,
	request: string,
	now = new Date()
): { to: string } {
	if (!REQUEST_KEY.test(request)) throw new DomainError('error.badRequest', 400);
	return db.transaction((tx) => {
		const ctx = contextFor(tx, sessionId, origin);
		const participant = currentParticipant(tx, sessionId, participantId);
		if (!participant) throw new DomainError('error.missing', 404);
		if (participant.proxyUserId !== null) throw new DomainError('error.invite.proxy', 409);
		if (!participant.email || !isEmailAddress(participant.email)) throw new DomainError('error.link.noEmail', 409);
		const key = `${invitationKey(sessionId, participant.id)}:again:${request}`;
		if (hasMail(tx, key)) throw new DomainError('error.link.alreadyDone', 409);
		queueInvitation(tx, ctx, invitationTemplate(ctx.session, ctx.locale), participant as Participant & { email: string }, key, now);
		audit(tx, actor, 'invitation.again', { type: 'participant', id: participant.id }, { dialogueSessionId: sessionId });
		return { to: participant.email };
	});
}

export interface Letter {
	participant: { id: number; displayName: string };
	subject: string;
	body: string;
	/** The personal link: only in the QR code; too long to type, so never printed as text. */
	link: string;
	homework: string | null;
	/** When the session is planned, for the page to write in its own language. */
	date: Date | null;
	durationMinutes: number;
	/** Where: the session's place (not personal data). */
	location: SessionLocation;
	/** The session's short code and the address to type it at: the way in without the QR code. */
	code: string | null;
	joinAt: string;
}

/** The part of a letter about the session itself: when, where, and the way in with the code. */
export function letterSession(
	session: DialogueSession,
	origin: string
): Pick<Letter, 'date' | 'durationMinutes' | 'location' | 'code' | 'joinAt'> {
	return {
		date: session.scheduledAt ?? null,
		durationMinutes: session.durationMinutes,
		location: { locationAddress: session.locationAddress, locationNotes: session.locationNotes, locationUrl: session.locationUrl },
		code: session.status === 'closed' ? null : session.joinCode,
		joinAt: `${origin}/join`
	};
}

/**
 * A printable invitation for one person: the same text with a new personal link of their own
 * (earlier links keep working). Marks the person as invited.
 */
export function printableInvitation(
	db: Db,
	actor: Actor,
	sessionId: number,
	participantId: number,
	origin: string,
	now = new Date(),
	locale: Locale = DEFAULT_LOCALE
): Letter {
	return db.transaction((tx) => {
		const ctx = contextFor(tx, sessionId, origin, locale);
		// Someone removed or erased gets no letter (and no new way in).
		const participant = currentParticipant(tx, sessionId, participantId);
		if (!participant) throw new DomainError('error.missing', 404);
		const link = `${origin}/j/${newParticipantLink(tx, participant.id, 'letter')}`;
		const template = invitationTemplate(ctx.session, ctx.locale);
		// On paper the link is not typed: {link} points to the way in at the bottom of the letter.
		const fill = values(ctx, participant, translate(ctx.locale, 'invite.letter.linkOnPaper'));
		const body = template.standard ? translate(ctx.locale, 'invite.letter.body') : template.body;
		tx.update(participants).set({ invitedAt: now }).where(eq(participants.id, participant.id)).run();
		audit(tx, actor, 'invitation.letter', { type: 'participant', id: participant.id }, { dialogueSessionId: sessionId });
		return {
			participant: { id: participant.id, displayName: participant.displayName },
			subject: fillTemplate(template.subject, fill),
			body: fillWithPlace(body, fill, ctx.locale),
			link,
			homework: homeworkLink(ctx.session, origin),
			...letterSession(ctx.session, origin)
		};
	});
}

/**
 * After a change of time or place (./setup.ts raised the calendar sequence): everyone on the
 * list who was invited by e-mail gets the changed calendar item, with the same UID and the
 * new SEQUENCE, so their agenda moves the appointment instead of adding a second one. Each
 * mail has a new personal link of its own (the calendar item carries one). One mail per
 * person per sequence: calling this twice sends nothing more. Returns how many were queued.
 */
export function sendCalendarUpdates(db: Db, actor: Actor, sessionId: number, origin: string, now = new Date()): number {
	return db.transaction((tx) => {
		const ctx = contextFor(tx, sessionId, origin);
		const { session } = ctx;
		if (!session.scheduledAt || session.calendarSequence === 0) return 0;
		const list = tx
			.select()
			.from(participants)
			.where(and(eq(participants.dialogueSessionId, sessionId), isNull(participants.removedAt), isNull(participants.pseudonymisedAt)))
			.orderBy(participants.id)
			.all();
		let queued = 0;
		for (const participant of list) {
			if (!participant.email || !isEmailAddress(participant.email) || participant.proxyUserId !== null) continue;
			// Only who has the calendar item: an invitation by e-mail went to them.
			if (!hasMail(tx, invitationKey(sessionId, participant.id))) continue;
			const key = `calendar:${sessionId}:${participant.id}:${session.calendarSequence}`;
			if (hasMail(tx, key)) continue;
			const link = `${origin}/j/${newParticipantLink(tx, participant.id, 'calendar-update')}`;
			const fill = values(ctx, participant, link);
			const ics = sessionCalendar(session, ctx.facilitator, link, now, ctx.locale, {
				organizerEmail: ctx.facilitatorEmail,
				attendeeEmail: participant.email
			})!;
			enqueueMail(
				tx,
				{
					dedupeKey: key,
					kind: 'invitation',
					dialogueSessionId: sessionId,
					participantId: participant.id,
					to: participant.email,
					subject: translate(ctx.locale, 'invite.update.subject', fill),
					text: translate(ctx.locale, 'invite.update.body', fill),
					attachments: [{ filename: 'gesprek.ics', contentType: CALENDAR_TYPE, content: ics }]
				},
				now
			);
			queued++;
		}
		if (queued > 0) {
			audit(tx, actor, 'invitation.update', { type: 'dialogue_session', id: sessionId }, { queued, sequence: session.calendarSequence });
		}
		return queued;
	});
}
