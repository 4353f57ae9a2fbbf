/**
 * The place of a session (issue 18): its validation, and that it reaches the invitation
 * mail, the calendar item (LOCATION; an update keeps the UID and raises the SEQUENCE when
 * time or place change), the printed letter (no attachment sentence, no long link, the
 * session's code) and the updates after a change. On a real migrated SQLite database.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDb } from '../helpers/db';
import { EXAMPLE_PLACE, plannedWorld } from '../helpers/follow-up';
import { ValidationError } from '../../src/lib/server/validation';
import { dialogueSessions, mailMessages } from '../../src/lib/server/db/schema';
import { locationSchema, sessionSettingsSchema, updateSessionSettings, getDialogueSession } from '../../src/lib/server/sessions/setup';
import {
	calendarUid,
	placeText,
	printableInvitation,
	saveInvitationTemplate,
	sendCalendarUpdates,
	sendInvitations,
	sessionCalendar
} from '../../src/lib/server/sessions/invitations';
import { renewPersonalLink } from '../../src/lib/server/sessions/personal-links';
import { validateParticipantToken } from '../../src/lib/server/sessions/participants';
import { calendarLocation, isOnlineLink } from '../../src/lib/shared/sessions/location';
import { readSettingsForm, valuesOfSession } from '../../src/lib/shared/sessions/settings-form';
import type { DialogueSession } from '../../src/lib/server/db/schema';

const ORIGIN = 'https://dialoog.gemeente.test';

/** The unfolded content lines of an iCalendar text. */
function icsLines(ics: string): string[] {
	return ics.replace(/\r\n /g, '').split('\r\n');
}
const icsValue = (ics: string, name: string) =>
	icsLines(ics)
		.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))
		?.replace(/^[^:]*:/, '');

function settingsOf(s: DialogueSession) {
	return {
		title: s.title,
		scheduledAt: s.scheduledAt,
		durationMinutes: s.durationMinutes,
		locationAddress: s.locationAddress,
		locationNotes: s.locationNotes,
		locationUrl: s.locationUrl,
		frameworkVersionId: s.frameworkVersionId,
		themesToTreat: s.themesToTreat,
		stickersPerParticipant: s.stickersPerParticipant as 2 | 3,
		maxStickersPerTheme: s.maxStickersPerTheme,
		themeSelection: s.themeSelection,
		hideTallies: s.hideTallies
	};
}

describe('the place of a session: validation', () => {
	it('accepts an https link only, without user name or password, on a real host', () => {
		expect(isOnlineLink('https://meet.gemeente.nl/gesprek-12')).toBe(true);
		expect(isOnlineLink('https://teams.microsoft.com/l/meetup-join/abc?context=%7B%7D')).toBe(true);
		for (const bad of [
			'http://meet.gemeente.nl/gesprek',
			'meet.gemeente.nl/gesprek',
			'javascript:alert(1)',
			'https://localhost/gesprek',
			'https://user:secret@meet.gemeente.nl/',
			'ftp://files.gemeente.nl/',
			'https://meet gemeente.nl/',
			''
		]) {
			expect(isOnlineLink(bad), bad).toBe(false);
		}
	});

	it('normalises the address and notes, makes empty parts null, and names the field of a bad link', () => {
		const ok = locationSchema.parse({
			locationAddress: '  Wijkcentrum De Kern,   zaal 2 \r\n\r\n Kerkstraat 12\u0007 ',
			locationNotes: '',
			locationUrl: '  https://meet.gemeente.nl/a  '
		});
		expect(ok).toEqual({
			locationAddress: 'Wijkcentrum De Kern, zaal 2\nKerkstraat 12',
			locationNotes: null,
			locationUrl: 'https://meet.gemeente.nl/a'
		});
		expect(locationSchema.parse({})).toEqual({ locationAddress: null, locationNotes: null, locationUrl: null });

		const bad = locationSchema.safeParse({ locationUrl: 'http://meet.gemeente.nl/a' });
		expect(bad.success).toBe(false);
		expect(bad.error!.issues[0]).toMatchObject({ path: ['locationUrl'], message: 'error.session.locationUrl' });
		expect(locationSchema.safeParse({ locationAddress: 'x'.repeat(301) }).success).toBe(false);
	});

	it('reads the place from the settings form and shows it again', () => {
		const data = new FormData();
		for (const [k, v] of Object.entries({
			title: 'Gesprek',
			scheduledAt: '2030-05-14T19:30',
			durationMinutes: '120',
			frameworkVersionId: '1',
			themesToTreat: '3',
			stickersPerParticipant: '3',
			maxStickersPerTheme: '1',
			themeSelection: 'vote',
			locationAddress: 'Raadhuis, zaal 2',
			locationNotes: 'Lift aanwezig',
			locationUrl: 'https://meet.gemeente.nl/x'
		}))
			data.set(k, v);
		const read = readSettingsForm(data);
		const parsed = sessionSettingsSchema.parse(read.input);
		expect(parsed).toMatchObject({
			locationAddress: 'Raadhuis, zaal 2',
			locationNotes: 'Lift aanwezig',
			locationUrl: 'https://meet.gemeente.nl/x'
		});
		expect(valuesOfSession({ ...parsed, hideTallies: true })).toMatchObject({
			locationAddress: 'Raadhuis, zaal 2',
			locationUrl: 'https://meet.gemeente.nl/x'
		});
		data.set('locationUrl', 'www.meet.nl');
		const refused = sessionSettingsSchema.safeParse(readSettingsForm(data).input);
		expect(refused.success).toBe(false);
		expect(refused.error!.issues.map((i) => i.path[0])).toEqual(['locationUrl']);
	});

	it('writes the place for people and for the calendar', () => {
		expect(placeText({ locationAddress: 'De Kern, zaal 2\nKerkstraat 12', locationNotes: 'Lift aanwezig', locationUrl: null })).toBe(
			'De Kern, zaal 2, Kerkstraat 12\nToegankelijkheid: Lift aanwezig'
		);
		expect(placeText({ locationAddress: null, locationNotes: null, locationUrl: 'https://meet.nl/a' })).toBe(
			'Online meedoen: https://meet.nl/a'
		);
		expect(placeText({ locationAddress: null, locationNotes: null, locationUrl: null })).toBe('dat laten we u nog weten');
		expect(calendarLocation({ locationAddress: 'De Kern\nAssen', locationNotes: 'x', locationUrl: 'https://meet.nl/a' })).toBe(
			'De Kern, Assen'
		);
		expect(calendarLocation({ locationAddress: null, locationNotes: null, locationUrl: 'https://meet.nl/a' })).toBe('https://meet.nl/a');
		expect(calendarLocation({ locationAddress: null, locationNotes: null, locationUrl: null })).toBeNull();
	});
});

describe('the place in the invitation, the calendar item and the letter', () => {
	it('puts the place in the mail and its calendar item, and says the item is attached', async () => {
		const db = testDb();
		const { session, actor } = await plannedWorld(db);
		sendInvitations(db, actor, session.id, ORIGIN);
		const ans = db
			.select()
			.from(mailMessages)
			.all()
			.find((m) => m.toAddress === 'ans@example.org')!;
		expect(ans.textBody).toContain(
			'Waar: Wijkcentrum De Kern, zaal 2, Kerkstraat 12, 9401 AB Assen\nToegankelijkheid: Rolstoeltoegankelijk, lift aanwezig'
		);
		expect(ans.textBody).toContain('In de bijlage staat de afspraak voor uw agenda.');
		const ics = ans.attachments[0]!;
		expect(ics.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
		expect(icsValue(ics.content, 'METHOD')).toBe('REQUEST');
		expect(icsValue(ics.content, 'UID')).toBe(calendarUid(session.id));
		expect(icsValue(ics.content, 'SEQUENCE')).toBe('0');
		expect(icsValue(ics.content, 'LOCATION')).toBe('Wijkcentrum De Kern\\, zaal 2\\, Kerkstraat 12\\, 9401 AB Assen');
		expect(icsValue(ics.content, 'DESCRIPTION')).toContain('Rolstoeltoegankelijk\\, lift aanwezig');
		expect(icsValue(ics.content, 'ATTENDEE')).toBe('mailto:ans@example.org');
		// The agenda's reminder the day before says where, too.
		const alarm = icsLines(ics.content).slice(icsLines(ics.content).indexOf('BEGIN:VALARM'));
		expect(alarm).toContain('TRIGGER:-P1D');
		expect(alarm.find((l) => l.startsWith('DESCRIPTION:'))).toContain('Wijkcentrum De Kern\\, zaal 2');
		expect(icsValue(ics.content, 'ORGANIZER')).toMatch(/^mailto:\S+@gemeente\.test$/);
	});

	it('adds the place to a text of the facilitator’s own that has no {plaats}', async () => {
		const db = testDb();
		const { session, actor } = await plannedWorld(db);
		saveInvitationTemplate(db, actor, session.id, { subject: 'Doe mee', body: 'Hallo {naam}, kom op {datum}. Uw link: {link}' });
		sendInvitations(db, actor, session.id, ORIGIN);
		const mail = db.select().from(mailMessages).all()[0]!;
		expect(mail.textBody).toContain('Waar: Wijkcentrum De Kern');
	});

	it('prints a letter with the place, the code and a QR link, without the attachment sentence or a link to type', async () => {
		const db = testDb();
		const { session, actor, people } = await plannedWorld(db);
		const bas = people[1]!;
		const letter = printableInvitation(db, actor, session.id, bas.id, ORIGIN);
		expect(letter.body).toContain('Beste Bas');
		expect(letter.body).toContain('Waar: Wijkcentrum De Kern, zaal 2, Kerkstraat 12, 9401 AB Assen');
		expect(letter.body).toContain('Rolstoeltoegankelijk, lift aanwezig');
		expect(letter.body).not.toContain('bijlage');
		expect(letter.body).not.toContain('/j/');
		expect(letter.body).toContain('Onderaan deze brief staat hoe u meedoet.');
		expect(letter.code).toBe(getDialogueSession(db, session.id)!.joinCode);
		expect(letter.code).toMatch(/^[A-Z2-9]{6}$/);
		expect(letter.joinAt).toBe(`${ORIGIN}/join`);
		expect(letter.location).toEqual({ ...EXAMPLE_PLACE });
		// The QR code's link works for Bas.
		expect(validateParticipantToken(db, letter.link.split('/j/')[1])?.id).toBe(bas.id);

		// A text of the facilitator's own: {link} points to the bottom of the letter.
		saveInvitationTemplate(db, actor, session.id, { subject: 'Doe mee', body: 'Hallo {naam}. Uw link: {link}' });
		const own = printableInvitation(db, actor, session.id, bas.id, ORIGIN);
		expect(own.body).toContain('Uw link: zie onderaan deze brief (QR-code of code)');
		expect(own.body).toContain('Waar: Wijkcentrum De Kern');

		// A new link by letter: the same, without the link as text.
		const renewed = renewPersonalLink(db, actor, session.id, bas.id, ORIGIN, 'letter', 'abcdefghijklmnop');
		if (renewed.via !== 'letter') throw new Error('expected a letter');
		expect(renewed.letter.body).not.toContain('/j/');
		expect(renewed.letter.code).toBe(letter.code);
		expect(validateParticipantToken(db, renewed.letter.link.split('/j/')[1])?.id).toBe(bas.id);
	});
});

describe('an update of the calendar item', () => {
	it('keeps the UID and raises the SEQUENCE when time or place change, not for other settings', async () => {
		const db = testDb();
		const { session, actor } = await plannedWorld(db);
		const stamp = new Date('2030-01-01T10:00:00Z');
		const first = sessionCalendar(getDialogueSession(db, session.id)!, 'Fenna', 'https://x/j/a', stamp)!;

		// The title alone: the calendar item people have stays as it is.
		updateSessionSettings(db, actor, session.id, { ...settingsOf(session), title: 'Eerste gesprek (nieuwe titel)' });
		expect(getDialogueSession(db, session.id)!.calendarSequence).toBe(0);

		// Another room.
		const moved = updateSessionSettings(db, actor, session.id, { ...settingsOf(session), locationAddress: 'Raadhuis, zaal 3' });
		expect(moved.calendarSequence).toBe(1);
		// An hour later.
		const later = updateSessionSettings(db, actor, session.id, {
			...settingsOf(moved),
			scheduledAt: new Date(session.scheduledAt!.getTime() + 3600_000)
		});
		expect(later.calendarSequence).toBe(2);
		const second = sessionCalendar(later, 'Fenna', 'https://x/j/a', stamp)!;
		expect(icsValue(second, 'UID')).toBe(icsValue(first, 'UID'));
		expect(Number(icsValue(second, 'SEQUENCE'))).toBeGreaterThan(Number(icsValue(first, 'SEQUENCE')));
		expect(icsValue(second, 'LOCATION')).toBe('Raadhuis\\, zaal 3');
		expect(icsValue(second, 'METHOD')).toBe('REQUEST');
	});

	it('goes to everyone invited by e-mail, once per change, with the same UID and the new SEQUENCE', async () => {
		const db = testDb();
		const { session, actor } = await plannedWorld(db);
		// Nothing changed yet: nothing to send.
		expect(sendCalendarUpdates(db, actor, session.id, ORIGIN)).toBe(0);
		sendInvitations(db, actor, session.id, ORIGIN);
		const invitation = db
			.select()
			.from(mailMessages)
			.all()
			.find((m) => m.toAddress === 'ans@example.org')!;

		updateSessionSettings(db, actor, session.id, {
			...settingsOf(session),
			locationAddress: null,
			locationNotes: null,
			locationUrl: 'https://meet.gemeente.nl/gesprek'
		});
		expect(sendCalendarUpdates(db, actor, session.id, ORIGIN)).toBe(6);
		expect(sendCalendarUpdates(db, actor, session.id, ORIGIN)).toBe(0);
		const updates = db
			.select()
			.from(mailMessages)
			.all()
			.filter((m) => m.dedupeKey.startsWith('calendar:'));
		expect(updates).toHaveLength(6);
		const toAns = updates.find((m) => m.toAddress === 'ans@example.org')!;
		expect(toAns.subject).toContain('Gewijzigd');
		expect(toAns.textBody).toContain('Waar: Online meedoen: https://meet.gemeente.nl/gesprek');
		const ics = toAns.attachments[0]!.content;
		expect(icsValue(ics, 'UID')).toBe(icsValue(invitation.attachments[0]!.content, 'UID'));
		expect(icsValue(ics, 'SEQUENCE')).toBe('1');
		expect(icsValue(ics, 'METHOD')).toBe('REQUEST');
		expect(icsValue(ics, 'LOCATION')).toBe('https://meet.gemeente.nl/gesprek');
		// Its link works, like the invitation's.
		expect(validateParticipantToken(db, /\/j\/(\S+)/.exec(toAns.textBody)![1])?.displayName).toBe('Ans');
		// People without e-mail (Bas, Gert) get no mail: a letter or a call is theirs.
		expect(updates.map((m) => m.toAddress)).not.toContain(null);
		expect(db.select().from(dialogueSessions).where(eq(dialogueSessions.id, session.id)).get()!.calendarSequence).toBe(1);
	});

	it('refuses a place that is not valid, naming the field', async () => {
		const db = testDb();
		const { session, actor } = await plannedWorld(db);
		try {
			updateSessionSettings(db, actor, session.id, { ...settingsOf(session), locationUrl: 'http://meet.nl/a' });
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).problems).toEqual([{ path: ['locationUrl'], code: 'error.session.locationUrl', params: {} }]);
		}
	});
});
