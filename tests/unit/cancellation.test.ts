/**
 * Calling a session off, and taking someone off the list (issue 20, "calendar items that stay
 * right"): who had the calendar item gets METHOD:CANCEL with the same UID and a higher SEQUENCE;
 * mails still waiting are not sent; nothing can happen in the session any more and no
 * participant link opens it. On a real migrated SQLite database.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDb } from '../helpers/db';
import { holdSession, plannedWorld } from '../helpers/follow-up';
import { auditLog, mailMessages, participants, type MailMessage } from '../../src/lib/server/db/schema';
import { DomainError } from '../../src/lib/server/errors';
import { authenticateTokens, callerList, sessionRights } from '../../src/lib/server/access';
import { createSession } from '../../src/lib/server/auth/sessions';
import { cancelDialogueSession, cancellationSummary, getDialogueSession, updateSessionSettings } from '../../src/lib/server/sessions/setup';
import { calendarUid, sendCalendarUpdates, sendInvitations } from '../../src/lib/server/sessions/invitations';
import { addListedParticipant, addParticipant, newParticipantLink, removeParticipant } from '../../src/lib/server/sessions/participants';
import { retentionAnchor } from '../../src/lib/server/privacy/retention';
import type { Db } from '../../src/lib/server/db';

const ORIGIN = 'https://dialoog.gemeente.test';

/** The unfolded content lines of an iCalendar text. */
const icsLines = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');
const icsValue = (ics: string, name: string) =>
	icsLines(ics)
		.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))
		?.replace(/^[^:]*:/, '');

const mails = (db: Db) => db.select().from(mailMessages).all();
const icsOf = (mail: MailMessage) => mail.attachments.find((a) => a.filename.endsWith('.ics'))!.content;
/** What the mail worker does once a mail went out. */
const markSent = (db: Db, ids: number[]) => {
	for (const id of ids) db.update(mailMessages).set({ status: 'sent' }).where(eq(mailMessages.id, id)).run();
};

function refusal(fn: () => unknown): string {
	try {
		fn();
	} catch (err) {
		if (err instanceof DomainError) return err.code;
		throw err;
	}
	throw new Error('not refused');
}

describe('calling a session off', () => {
	it('sends METHOD:CANCEL with the same UID and a higher SEQUENCE to whoever has the item, and stops waiting mail', async () => {
		const db = testDb();
		const { session, actor, people } = await plannedWorld(db);
		sendInvitations(db, actor, session.id, ORIGIN);
		const invitations = mails(db);
		// Ans's invitation went out; Carla's is still waiting (the mail server was away).
		const ans = invitations.find((m) => m.toAddress === 'ans@example.org')!;
		const carla = invitations.find((m) => m.toAddress === 'carla@example.org')!;
		markSent(
			db,
			invitations.filter((m) => m.id !== carla.id).map((m) => m.id)
		);
		const invitationSequence = Number(icsValue(icsOf(ans), 'SEQUENCE'));

		const result = cancelDialogueSession(db, actor, session.id);
		const cancelled = getDialogueSession(db, session.id)!;
		expect(cancelled.status).toBe('cancelled');
		expect(cancelled.cancelledAt).toBeInstanceOf(Date);

		// Everyone whose invitation was sent: five of the eight (Bas and Gert have no e-mail, Carla's never left).
		const sentTo = invitations.filter((m) => m.id !== carla.id).map((m) => m.toAddress);
		expect(result.mailed).toBe(sentTo.length);
		const cancels = mails(db).filter((m) => m.dedupeKey.startsWith('calendar-cancel:'));
		expect(cancels.map((m) => m.toAddress).sort()).toEqual([...sentTo].sort());
		const toAns = cancels.find((m) => m.toAddress === 'ans@example.org')!;
		expect(toAns.subject).toBe(`Gaat niet door: gesprek "Eerste gesprek", ${toAns.subject.split('", ')[1]}`);
		expect(toAns.textBody).toContain('Beste Ans');
		expect(toAns.textBody).toContain('gaat niet door');
		// Nothing to join: no personal link in the mail or the calendar item.
		expect(toAns.textBody).not.toContain('/j/');
		const ics = icsOf(toAns);
		expect(ics).not.toContain('/j/');
		expect(icsValue(ics, 'METHOD')).toBe('CANCEL');
		expect(icsValue(ics, 'STATUS')).toBe('CANCELLED');
		expect(icsValue(ics, 'UID')).toBe(calendarUid(session.id));
		expect(icsValue(ics, 'UID')).toBe(icsValue(icsOf(ans), 'UID'));
		expect(Number(icsValue(ics, 'SEQUENCE'))).toBeGreaterThan(invitationSequence);
		expect(icsValue(ics, 'ATTENDEE')).toBe('mailto:ans@example.org');
		expect(ics).not.toContain('BEGIN:VALARM');
		expect(toAns.attachments[0]!.contentType).toContain('method=CANCEL');

		// Carla's invitation is not sent any more, and she gets no cancellation of an item she never had.
		expect(mails(db).find((m) => m.id === carla.id)!.status).toBe('cancelled');
		expect(cancels.some((m) => m.toAddress === 'carla@example.org')).toBe(false);

		// Who still has to be told another way: no e-mail, or no invitation that went out.
		const summary = cancellationSummary(db, cancelled)!;
		expect(summary.mailed).toBe(sentTo.length);
		expect(summary.toTell).toEqual(['Bas', 'Carla', 'Gert']);

		const entry = db.select().from(auditLog).where(eq(auditLog.action, 'session.cancel')).get()!;
		expect(entry.details).toEqual({ mailed: sentTo.length });
		expect(JSON.stringify(entry)).not.toContain('example.org');
		expect(people.length).toBe(8);
	});

	it('leaves nothing to do in the session: refused actions, no participant rights, the facilitator reads', async () => {
		const db = testDb();
		const { session, actor, people, facilitator } = await plannedWorld(db);
		const token = newParticipantLink(db, people[0]!.id, 'test');
		const participant = callerList(authenticateTokens(db, { participant: token }, 7));
		const staff = callerList(authenticateTokens(db, { staff: createSession(db, facilitator.id, 7).token }, 7));
		expect(sessionRights(db, participant, session.id)?.access).toBe('write');

		cancelDialogueSession(db, actor, session.id);
		expect(sessionRights(db, participant, session.id)).toBeNull();
		expect(sessionRights(db, staff, session.id)?.access).toBe('read');

		expect(refusal(() => cancelDialogueSession(db, actor, session.id))).toBe('error.session.cancelled');
		expect(refusal(() => sendInvitations(db, actor, session.id, ORIGIN))).toBe('error.session.cancelled');
		expect(refusal(() => addListedParticipant(db, actor, session.id, { displayName: 'Iris', perspective: 'client' }))).toBe(
			'error.session.cancelled'
		);
		const { title, scheduledAt, durationMinutes, frameworkVersionId, themesToTreat, maxStickersPerTheme, themeSelection, hideTallies } =
			session;
		const settings = {
			...{ title, scheduledAt, durationMinutes, frameworkVersionId, themesToTreat, maxStickersPerTheme, themeSelection, hideTallies },
			...{ locationAddress: session.locationAddress, locationNotes: session.locationNotes, locationUrl: session.locationUrl },
			stickersPerParticipant: session.stickersPerParticipant as 2 | 3
		};
		expect(refusal(() => updateSessionSettings(db, actor, session.id, settings))).toBe('error.session.cancelled');
		// Nothing moves in an agenda any more.
		expect(refusal(() => sendCalendarUpdates(db, actor, session.id, ORIGIN))).toBe('error.session.cancelled');
	});

	it('is refused once the session has been held', async () => {
		const db = testDb();
		const { session, actor, people } = await plannedWorld(db);
		holdSession(db, session.id, people);
		expect(refusal(() => cancelDialogueSession(db, actor, session.id))).toBe('error.session.closed');
	});

	it('takes nobody on or off once the session is over: a new link would open its report', async () => {
		const db = testDb();
		const { session, actor, people } = await plannedWorld(db);
		holdSession(db, session.id, people);
		const count = () => db.select().from(participants).where(eq(participants.dialogueSessionId, session.id)).all();
		const before = count();
		expect(refusal(() => addParticipant(db, actor, session.id, { displayName: 'Joost', perspective: 'client', role: 'participant' }))).toBe(
			'error.session.closed'
		);
		expect(refusal(() => removeParticipant(db, actor, session.id, people[0]!.id))).toBe('error.session.closed');
		expect(count()).toEqual(before);
		// Called off: the same.
		const other = await plannedWorld(db);
		cancelDialogueSession(db, other.actor, other.session.id);
		expect(
			refusal(() => addParticipant(db, other.actor, other.session.id, { displayName: 'Joost', perspective: 'client', role: 'participant' }))
		).toBe('error.session.cancelled');
		expect(refusal(() => removeParticipant(db, other.actor, other.session.id, other.people[0]!.id))).toBe('error.session.cancelled');
	});

	it('starts the retention period on the day it was called off', () => {
		const cancelledAt = new Date('2027-03-01T10:00:00Z');
		const base = { closedAt: null, scheduledAt: new Date('2027-05-01T10:00:00Z'), createdAt: new Date('2027-01-01T10:00:00Z') };
		expect(retentionAnchor({ ...base, status: 'cancelled', cancelledAt }, null)).toEqual(cancelledAt);
		expect(retentionAnchor({ ...base, status: 'planned' }, null)).toEqual(base.scheduledAt);
	});
});

describe('taking someone off the list', () => {
	it('takes the session out of their agenda when they had it, and only then', async () => {
		const db = testDb();
		const { session, actor, people } = await plannedWorld(db);
		sendInvitations(db, actor, session.id, ORIGIN);
		const invitations = mails(db);
		const dirk = invitations.find((m) => m.toAddress === 'dirk@gemeente.test')!;
		markSent(db, [dirk.id]);
		const byName = (name: string) => people.find((p) => p.displayName === name)!;

		removeParticipant(db, actor, session.id, byName('Dirk').id);
		const toDirk = mails(db).filter((m) => m.toAddress === 'dirk@gemeente.test' && m.dedupeKey.startsWith('calendar-cancel:'));
		expect(toDirk).toHaveLength(1);
		expect(toDirk[0]!.subject).toContain('Afgemeld');
		expect(toDirk[0]!.textBody).toContain('niet meer op de lijst');
		expect(icsValue(icsOf(toDirk[0]!), 'METHOD')).toBe('CANCEL');
		expect(icsValue(icsOf(toDirk[0]!), 'UID')).toBe(calendarUid(session.id));

		// Els's invitation has not gone out: she has no item to take out, and the invitation
		// (with a link that no longer works) is not sent any more. Bas has no e-mail.
		const before = mails(db).length;
		removeParticipant(db, actor, session.id, byName('Els').id);
		removeParticipant(db, actor, session.id, byName('Bas').id);
		expect(mails(db).length).toBe(before);
		const toEls = mails(db).find((m) => m.toAddress === 'els@gemeente.test')!;
		expect(toEls.status).toBe('cancelled');
		// Someone still on the list keeps theirs.
		expect(mails(db).find((m) => m.toAddress === 'carla@example.org')!.status).toBe('queued');
		// The session goes on for the others.
		expect(getDialogueSession(db, session.id)!.status).toBe('planned');
	});
});
