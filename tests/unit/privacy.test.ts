/**
 * Privacy: retention (pseudonymising a session's participants RETENTION_MONTHS after the
 * report became final), a person's export and erasure, the access log, and redacted errors.
 * Real SQLite, the real domain functions, a clock passed in.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { testDb } from '../helpers/db';
import { heldWorld, holdSession, plannedWorld, PEOPLE } from '../helpers/follow-up';
import type { Db } from '../../src/lib/server/db';
import {
	auditLog,
	dialogueSessions,
	evaluationResponses,
	mailMessages,
	participantLinks,
	participants,
	reportComments,
	reportVersions,
	stickers
} from '../../src/lib/server/db/schema';
import { SYSTEM } from '../../src/lib/server/audit';
import { MailQueue, enqueueMail } from '../../src/lib/server/mail/outbox';
import type { MailTransport } from '../../src/lib/server/mail/transport';
import {
	addListedParticipant,
	addParticipant,
	validateParticipantToken,
	newParticipantLink
} from '../../src/lib/server/sessions/participants';
import { submitEvaluation } from '../../src/lib/server/reports/evaluation';
import {
	addComment,
	finalizeReport,
	respondToComment,
	sendReport,
	startReport,
	sentVersion,
	getReport
} from '../../src/lib/server/reports/reports';
import { addMonths, retentionAnchor, retentionDueAt, runRetention } from '../../src/lib/server/privacy/retention';
import { retentionNotice } from '../../src/lib/server/privacy/notice';
import { describeRecords, erasePerson, exportPerson, findPeople } from '../../src/lib/server/privacy/requests';
import { personExportHtml } from '../../src/lib/server/privacy/export-view';
import { formatDayOf } from '../../src/lib/shared/dates';
import { listAccessLog } from '../../src/lib/server/privacy/access-log';
import { errorFields, redact, setLogLevel } from '../../src/lib/server/log';
import { loadConfig } from '../../src/lib/server/config';
import { DomainError } from '../../src/lib/server/errors';

const DAY = 86400_000;
const CLOSED = new Date('2026-03-02T16:00:00Z');

/** A held session whose report went out (mail and a link to everyone with an address), got a comment, a named evaluation and became final. */
async function finalWorld(db: Db) {
	const world = await heldWorld(db, CLOSED);
	const sessionId = world.session.id;
	const [ans, bas, carla] = world.people;
	submitEvaluation(
		db,
		carla!,
		{ sharedAll: 'yes', heard: 'yes', clear: 'partly', worthwhile: 'yes', grade: 8, better: 'Carla wil meer pauze', anonymous: false },
		new Date(CLOSED.getTime() + DAY)
	);
	submitEvaluation(
		db,
		bas!,
		{ sharedAll: 'yes', heard: 'no', clear: 'yes', worthwhile: 'yes', anonymous: true },
		new Date(CLOSED.getTime() + DAY)
	);
	startReport(db, world.actor, sessionId);
	const sentAt = new Date(CLOSED.getTime() + 5 * DAY);
	sendReport(db, world.actor, sessionId, 'http://localhost', sentAt);
	const report = getReport(db, sessionId)!;
	const target = `section:${sentVersion(db, report.id)!.content.sections[0]!.key}`;
	const comment = addComment(
		db,
		ans!,
		sessionId,
		{ target, body: 'Ik mis de namen van de thema’s in de inleiding.', clientKey: 'abcdefgh1' },
		new Date(sentAt.getTime() + DAY)
	);
	respondToComment(db, world.actor, sessionId, comment.id, { decision: 'adopted' }, new Date(sentAt.getTime() + 2 * DAY));
	const finalAt = new Date(sentAt.getTime() + 15 * DAY);
	finalizeReport(db, world.actor, sessionId, 'http://localhost', finalAt);
	return { ...world, sessionId, finalAt, report, comment };
}

const snapshot = (db: Db) => ({
	participants: db.select().from(participants).all(),
	links: db.select().from(participantLinks).all(),
	mails: db.select().from(mailMessages).all(),
	evaluations: db.select().from(evaluationResponses).all(),
	comments: db.select().from(reportComments).all(),
	versions: db.select().from(reportVersions).all()
});

describe('retention', () => {
	it('adds calendar months, clamping the day to a shorter month', () => {
		expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
		expect(addMonths(new Date('2027-03-15T00:00:00Z'), 12).toISOString()).toBe('2028-03-15T00:00:00.000Z');
		expect(addMonths(new Date('2026-12-31T00:00:00Z'), 2).toISOString()).toBe('2027-02-28T00:00:00.000Z');
	});

	it('anchors on the final report, else on the held session, else on the planned date', () => {
		const base = { createdAt: new Date('2026-01-01'), scheduledAt: new Date('2026-02-01'), closedAt: new Date('2026-02-02') };
		expect(retentionAnchor({ ...base, status: 'closed' }, { status: 'final', finalAt: new Date('2026-03-01') })).toEqual(
			new Date('2026-03-01')
		);
		expect(retentionAnchor({ ...base, status: 'closed' }, { status: 'sent', finalAt: null })).toEqual(base.closedAt);
		expect(retentionAnchor({ ...base, status: 'closed' }, undefined)).toEqual(base.closedAt);
		expect(retentionAnchor({ ...base, status: 'planned', closedAt: null }, undefined)).toEqual(base.scheduledAt);
		expect(retentionAnchor({ ...base, status: 'open', closedAt: null, scheduledAt: null }, undefined)).toBeNull();
		expect(retentionDueAt({ ...base, status: 'closed' }, undefined, 12)).toEqual(new Date('2027-02-02'));
	});

	it('reads RETENTION_MONTHS: default 12, a whole number from 1 to 120', () => {
		expect(loadConfig({}, '/').retentionMonths).toBe(12);
		expect(loadConfig({ RETENTION_MONTHS: '6' }, '/').retentionMonths).toBe(6);
		for (const bad of ['0', '121', 'twaalf', '1.5'])
			expect(() => loadConfig({ RETENTION_MONTHS: bad }, '/'), bad).toThrow(/RETENTION_MONTHS/);
	});

	it('leaves a session alone until the period has passed, then pseudonymises it once', async () => {
		const db = testDb();
		const w = await finalWorld(db);
		const other = await heldWorld(db, new Date(w.finalAt.getTime() + 40 * DAY)); // closed later: not due yet
		const due = addMonths(w.finalAt, 12);
		const before = snapshot(db);
		const mailsBefore = before.mails.filter((m) => m.dialogueSessionId === w.sessionId);
		expect(mailsBefore.length).toBeGreaterThan(0);
		expect(before.links.length).toBeGreaterThan(0);
		const carla = w.people[2]!;
		expect(before.evaluations.some((e) => e.participantId === carla.id)).toBe(true);

		// One day before the end of the period: nothing changes.
		const dayBefore = runRetention(db, 12, new Date(due.getTime() - DAY));
		expect(dayBefore.sessions).toBe(0);
		expect(snapshot(db)).toEqual(before);
		expect(retentionNotice(db, db.select().from(dialogueSessions).where(eq(dialogueSessions.id, w.sessionId)).get()!, 12)).toEqual({
			state: 'planned',
			date: due,
			moves: false
		});

		// One day after: pseudonymised.
		const after = new Date(due.getTime() + DAY);
		const run = runRetention(db, 12, after);
		expect(run.sessions).toBe(1);
		const people = db.select().from(participants).where(eq(participants.dialogueSessionId, w.sessionId)).orderBy(participants.id).all();
		expect(people.map((p) => p.displayName)).toEqual(PEOPLE.map((_, i) => `Deelnemer ${i + 1}`));
		for (const p of people) {
			expect([p.email, p.phone, p.notes]).toEqual([null, null, null]);
			expect(p.pseudonymisedAt).toEqual(after);
			expect(p.perspective).toBe(PEOPLE[people.indexOf(p)]!.perspective);
		}
		expect(run.counts.participants).toBe(PEOPLE.length);
		// Tokens and links stop working; the links are gone.
		for (const person of w.people)
			expect(db.select().from(participants).where(eq(participants.accessId, person.accessId)).get()).toBeUndefined();
		expect(
			db
				.select()
				.from(participantLinks)
				.all()
				.filter((l) => people.some((p) => p.id === l.participantId))
		).toEqual([]);
		// Mail keeps only that it was sent.
		const mails = db.select().from(mailMessages).where(eq(mailMessages.dialogueSessionId, w.sessionId)).all();
		expect(mails).toHaveLength(mailsBefore.length);
		for (const m of mails) expect([m.toAddress, m.subject, m.textBody, m.attachments]).toEqual(['', '', '', []]);
		expect(run.counts.mails).toBe(mailsBefore.length);
		expect(run.messageIds.sort()).toEqual(mailsBefore.map((m) => m.messageId).sort());
		// The named evaluation answer is detached; its content stays for the summary.
		const evaluations = db.select().from(evaluationResponses).where(eq(evaluationResponses.dialogueSessionId, w.sessionId)).all();
		expect(evaluations.every((e) => e.participantId === null)).toBe(true);
		expect(evaluations.map((e) => e.answers.better)).toContain('Carla wil meer pauze');
		// What the group wrote stays: the comment with its perspective, votes, the immutable versions.
		const comment = db.select().from(reportComments).where(eq(reportComments.id, w.comment.id)).get()!;
		expect(comment.body).toBe(w.comment.body);
		expect(comment.perspective).toBe('client');
		expect(db.select().from(stickers).where(eq(stickers.dialogueSessionId, w.sessionId)).all()).toHaveLength(8);
		expect(db.select().from(reportVersions).all()).toEqual(before.versions);
		// No name or address of anyone in the session is left anywhere in the database.
		const dump =
			JSON.stringify(snapshot(db).participants.filter((p) => p.dialogueSessionId === w.sessionId)) +
			JSON.stringify(mails) +
			JSON.stringify(db.select().from(auditLog).all());
		for (const p of PEOPLE) {
			expect(dump).not.toContain(`"${p.displayName}"`);
			if (p.email) expect(dump).not.toContain(p.email);
		}
		// Audited with counts only.
		const entries = db.select().from(auditLog).where(eq(auditLog.action, 'privacy.retention')).all();
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			actorType: 'system',
			subjectType: 'dialogue_session',
			subjectId: w.sessionId,
			details: { months: 12, participants: 8, mails: mailsBefore.length, evaluations: 1 }
		});
		expect(db.select().from(dialogueSessions).where(eq(dialogueSessions.id, w.sessionId)).get()!.personalDataRemovedAt).toEqual(after);
		// The session closed later is not due yet.
		expect(
			db
				.select()
				.from(participants)
				.where(eq(participants.dialogueSessionId, other.session.id))
				.all()
				.map((p) => p.displayName)
		).toEqual(PEOPLE.map((p) => p.displayName));

		// A second run changes nothing and adds nothing to the audit log.
		const once = snapshot(db);
		const again = runRetention(db, 12, new Date(after.getTime() + DAY));
		expect(again.sessions).toBe(0);
		expect(again.counts).toEqual({ participants: 0, links: 0, mails: 0, evaluations: 0, detached: 0 });
		expect(snapshot(db)).toEqual(once);
		expect(db.select().from(auditLog).where(eq(auditLog.action, 'privacy.retention')).all()).toHaveLength(1);
	});

	it('stops the tokens of a pseudonymised participant', async () => {
		const db = testDb();
		// Joined while the session went on (nobody joins a closed one), then it was held.
		const closedAt = new Date('2024-01-10T10:00:00Z');
		const world = await plannedWorld(db, new Date(closedAt.getTime() - 2 * 3600_000));
		const joined = addParticipant(db, SYSTEM, world.session.id, { displayName: 'Zeynep', perspective: 'client' });
		holdSession(db, world.session.id, world.people, closedAt);
		const link = db.transaction((tx) => newParticipantLink(tx, joined.participant.id, 'report'));
		expect(validateParticipantToken(db, joined.token)!.id).toBe(joined.participant.id);
		expect(validateParticipantToken(db, link)!.id).toBe(joined.participant.id);
		runRetention(db, 12, new Date('2025-01-11T10:00:00Z'));
		expect(validateParticipantToken(db, joined.token)).toBeNull();
		expect(validateParticipantToken(db, link)).toBeNull();
	});
});

describe("a person's requests", () => {
	async function twoSessions(db: Db) {
		const w = await finalWorld(db);
		const other = await plannedWorld(db, new Date('2026-09-01T10:00:00Z'));
		// The second session has the same people (Ans with her address again); also an "Ans de Vries" typed in capitals, and a name with a %.
		const again = addListedParticipant(db, other.actor, other.session.id, {
			displayName: 'Ans de Vries',
			perspective: 'client',
			email: 'ANS@example.org'
		});
		const percent = addListedParticipant(db, other.actor, other.session.id, { displayName: '100% Piet', perspective: 'official' });
		return { w, other, again, percent, ans: w.people[0]!, ans2: other.people[0]! };
	}

	it('finds the records by exact e-mail address or by part of the name, taking % literally', async () => {
		const db = testDb();
		const { w, other, again, percent, ans, ans2 } = await twoSessions(db);
		const byMail = findPeople(db, { term: ' Ans@Example.org ' });
		expect(byMail.map((r) => [r.participantId, r.sessionId])).toEqual([
			[ans.id, w.sessionId],
			[ans2.id, other.session.id],
			[again.id, other.session.id]
		]);
		expect(findPeople(db, { term: 'ans@example' })).toEqual([]);
		expect(findPeople(db, { term: 'de vries' }).map((r) => r.participantId)).toEqual([again.id]);
		expect(findPeople(db, { term: '0%' }).map((r) => r.participantId)).toEqual([percent.id]);
		expect(findPeople(db, { term: '%' + 'x' })).toEqual([]);
		expect(() => findPeople(db, { term: ' a ' })).toThrow(DomainError);
		expect(describeRecords(db, [again.id])[0]).toMatchObject({
			sessionTitle: 'Eerste gesprek',
			displayName: 'Ans de Vries',
			role: 'participant'
		});
	});

	it('exports everything about the person and nothing about others, and audits it with ids only', async () => {
		const db = testDb();
		const { w, again, ans } = await twoSessions(db);
		const carla = w.people[2]!;
		const data = exportPerson(db, { type: 'user', id: w.facilitator.id }, [ans.id, again.id, carla.id]);
		expect(data.records).toHaveLength(3);
		expect(data.records.map((r) => r.participant.id)).toEqual([ans.id, carla.id, again.id]);
		const [a, c, a2] = data.records;
		expect(a!.participant).toMatchObject({ id: ans.id, name: 'Ans', email: 'ans@example.org', perspective: 'client' });
		expect(a!.reportComments).toEqual([expect.objectContaining({ comment: w.comment.body, decision: 'adopted' })]);
		expect(a!.stickers.map((s) => s.theme).sort()).toEqual(['Regie van de cliënt', 'Veiligheid']);
		expect(a!.mails.length).toBeGreaterThan(0);
		expect(a!.mails[0]).toMatchObject({ kind: 'report', to: 'ans@example.org' });
		expect(c!.evaluation).toEqual({
			answered: true,
			answersWithName: [expect.objectContaining({ answers: expect.objectContaining({ better: 'Carla wil meer pauze' }) })]
		});
		expect(a2!.session.title).toBe('Eerste gesprek');
		const text = JSON.stringify(data);
		for (const other of PEOPLE.filter((p) => !['Ans', 'Carla'].includes(p.displayName))) {
			expect(text).not.toContain(`"${other.displayName}"`);
			if (other.email) expect(text).not.toContain(other.email);
		}
		const entry = db.select().from(auditLog).where(eq(auditLog.action, 'privacy.export')).get()!;
		expect(entry.details).toEqual({ participantIds: [ans.id, carla.id, again.id] });
		expect(() => exportPerson(db, SYSTEM, [])).toThrow(DomainError);
		expect(() => exportPerson(db, SYSTEM, [999999])).toThrow(DomainError);
	});

	it('writes the same export as a readable HTML file: headings and values in words, Dutch dates, every value escaped', async () => {
		const db = testDb();
		const { w, again, ans } = await twoSessions(db);
		const carla = w.people[2]!;
		const hostile = '"><img src=x onerror=alert(1)><script>alert(1)</script>';
		db.update(participants)
			.set({ displayName: hostile, notes: '</dd><script>alert(2)</script>' })
			.where(eq(participants.id, again.id))
			.run();
		const data = exportPerson(db, SYSTEM, [ans.id, again.id, carla.id], new Date('2026-04-07T08:30:00Z'));
		const html = personExportHtml(data, 'nl');
		expect(html).toMatch(/^<!doctype html>\n<html lang="nl">/);
		expect(html).toContain('<title>Uw gegevens in Kwaliteitsdialoog</title>');
		expect(html).toContain('Het overzicht is gemaakt op dinsdag 7 april 2026 om 10:30.');
		// One section per record, with the parts in words.
		expect(html.match(/<h2 id="record-\d+">Deel \d: Eerste gesprek<\/h2>/g)).toHaveLength(3);
		for (const heading of [
			'Over u',
			'Het gesprek',
			'Uw stickers',
			'Trefwoorden die u schreef',
			'Uw reacties op het verslag',
			'Mails aan u'
		])
			expect(html).toContain(`<h3>${heading}</h3>`);
		expect(html).toContain('<dt>Achtergrond</dt><dd>cliënt</dd>');
		expect(html).toContain('<dt>Rol</dt><dd>deelnemer</dd>');
		expect(html).toContain(`<dt>Datum</dt><dd>${formatDayOf(data.records[0]!.session.heldAt!, 'nl')}</dd>`);
		expect(html).toContain('<li>Regie van de cliënt: 1 sticker</li>');
		expect(html).toContain(w.comment.body);
		expect(html).toContain('<dt>Wat de gespreksleider ermee deed</dt><dd>Overgenomen</dd>');
		expect(html).toContain('<dt>Heeft u alles kunnen zeggen wat u wilde zeggen?</dt><dd>Ja</dd>');
		expect(html).toContain('<dt>Was het duidelijk wat er van u werd gevraagd?</dt><dd>Deels</dd>');
		expect(html).toContain('Carla wil meer pauze');
		expect(html).toContain('<dt>Soort</dt><dd>verslag</dd>');
		expect(html).toContain(': reactie op het verslag gegeven</li>');
		// Empty parts say so: Ans's second record has no stickers, nothing written, no mail.
		expect(html).toContain('<h3>Uw stickers</h3>\n<p>Niets bewaard.</p>');
		// Personal links stay hidden, as in the JSON.
		expect(html).not.toMatch(/\/j\/[A-Za-z0-9_-]{8,}/);
		expect(JSON.stringify(data)).not.toMatch(/\/j\/[A-Za-z0-9_-]{8,}/);
		// The hostile name and notes are text, nothing of them is markup; nothing loads or runs.
		expect(html).toContain('<dd>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)&lt;/script&gt;</dd>');
		expect(html).toContain('&lt;/dd&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
		expect(html).not.toMatch(/<(script|img|link|iframe|object)\b/i);
		expect(html).not.toMatch(/<[^>]*\s(src|href|on\w+)=/i);
		expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';`);
		// In the beheerder's language when that is English.
		const english = personExportHtml(data, 'en');
		expect(english).toContain('<html lang="en">');
		expect(english).toContain('<h3>About you</h3>');
		expect(english).toContain('<dt>Background</dt><dd>client</dd>');
	});

	it('erases the chosen records: pseudonymised, comments and proposals detached, mail emptied, in one audited step', async () => {
		const db = testDb();
		const { w, other, again, ans, ans2 } = await twoSessions(db);
		const bas = w.people[1]!;
		const basBefore = db.select().from(participants).where(eq(participants.id, bas.id)).get();
		const result = erasePerson(db, { type: 'user', id: w.facilitator.id }, [ans.id, ans2.id, again.id]);
		expect(result.counts.participants).toBe(3);
		expect(result.counts.detached).toBe(1);
		const [a, a2, a3] = [ans.id, ans2.id, again.id].map((id) => db.select().from(participants).where(eq(participants.id, id)).get()!);
		expect(a).toMatchObject({ displayName: 'Deelnemer 1', email: null, phone: null, notes: null });
		expect(a2!.displayName).toBe('Deelnemer 1');
		expect(a3!.displayName).toBe(`Deelnemer ${PEOPLE.length + 1}`);
		const comment = db.select().from(reportComments).where(eq(reportComments.id, w.comment.id)).get()!;
		expect(comment).toMatchObject({ participantId: null, body: w.comment.body, perspective: 'client' });
		expect(
			db
				.select()
				.from(mailMessages)
				.where(eq(mailMessages.participantId, ans.id))
				.all()
				.every((m) => m.toAddress === '' && m.textBody === '')
		).toBe(true);
		// Others are untouched.
		expect(db.select().from(participants).where(eq(participants.id, bas.id)).get()).toEqual(basBefore);
		expect(findPeople(db, { term: 'ans@example.org' })).toEqual([]);
		const entry = db.select().from(auditLog).where(eq(auditLog.action, 'privacy.erase')).get()!;
		expect(entry.details).toMatchObject({ participantIds: [ans.id, ans2.id, again.id], participants: 3 });
		expect(JSON.stringify(entry)).not.toMatch(/ans|vries/i);
		// An unknown id refuses the whole request and changes nothing.
		const before = snapshot(db);
		expect(() => erasePerson(db, SYSTEM, [bas.id, 999999])).toThrow(DomainError);
		expect(snapshot(db)).toEqual(before);
		void other;
	});
});

describe('erasure while a mail is on its way', () => {
	it('keeps what it removed: the delivery that ends afterwards writes no address or text back', async () => {
		const db = testDb();
		const w = await plannedWorld(db);
		const ans = w.people[0]!;
		enqueueMail(
			db,
			{ dedupeKey: 'race-1', kind: 'invitation', participantId: ans.id, to: 'ans@example.org', subject: 'Uitnodiging', text: 'Beste Ans' },
			new Date(Date.now() - 1000)
		);
		let release!: () => void;
		let sending!: () => void;
		const started = new Promise<void>((resolve) => (sending = resolve));
		const transport: MailTransport = {
			kind: 'smtp',
			send: () => {
				sending();
				return new Promise<void>((resolve) => (release = resolve));
			},
			close: () => undefined
		};
		const queue = new MailQueue(db, transport, { from: 'dialoog@gemeente.test', retrySeconds: 60, maxAttempts: 3 });
		const round = queue.deliverDue();
		await started;
		// The SMTP server has the mail; meanwhile the beheerder erases Ans.
		erasePerson(db, SYSTEM, [ans.id]);
		release();
		await round;
		const [mail] = db.select().from(mailMessages).where(eq(mailMessages.dedupeKey, 'race-1')).all();
		expect(mail).toMatchObject({ status: 'sent', toAddress: '', subject: '', textBody: '' });
	});
});

describe('the access log', () => {
	it('lists views and exports with who and which report, newest first, filtered by action', async () => {
		const db = testDb();
		const w = await finalWorld(db);
		db.insert(auditLog)
			.values({
				actorType: 'user',
				actorId: w.facilitator.id,
				action: 'report.view',
				subjectType: 'report',
				subjectId: w.report.id,
				details: { version: 1 }
			})
			.run();
		db.insert(auditLog)
			.values({ actorType: 'participant', actorId: w.people[0]!.id, action: 'report.view', subjectType: 'report', subjectId: w.report.id })
			.run();
		db.insert(auditLog)
			.values({
				actorType: 'user',
				actorId: w.facilitator.id,
				action: 'report.export',
				subjectType: 'report',
				subjectId: w.report.id,
				details: { format: 'pdf' }
			})
			.run();
		const all = listAccessLog(db);
		expect(all.map((e) => e.action)).toEqual(['report.export', 'report.view', 'report.view']);
		expect(all[0]).toMatchObject({ actor: { type: 'user', name: 'Gerda Leider' }, subject: { type: 'report', label: 'Eerste gesprek' } });
		expect(all[1]!.actor).toEqual({ type: 'participant', id: w.people[0]!.id, name: null });
		expect(listAccessLog(db, { action: 'report.export' })).toHaveLength(1);
		expect(listAccessLog(db, { before: all[0]!.id }).map((e) => e.id)).toEqual([all[1]!.id, all[2]!.id]);
	});
});

describe('errors in log lines', () => {
	it('never carries the values that caused them', () => {
		setLogLevel('debug');
		try {
			const zod = z.object({ email: z.literal('x') }).safeParse({ email: 'geheim.adres@example.org' }).error!;
			const fields = JSON.stringify(errorFields(zod));
			expect(fields).not.toContain('geheim.adres');
			expect(fields).toContain('email');
			const sqlite = Object.assign(new Error('near \'Fatima Yilmaz\': syntax error, value "06 12345678" for fatima@raad.test'), {
				code: 'SQLITE_ERROR'
			});
			const line = JSON.stringify(errorFields(sqlite));
			for (const secret of ['Fatima Yilmaz', '12345678', 'fatima@raad.test']) expect(line).not.toContain(secret);
			expect(line).toContain('SQLITE_ERROR');
			const token = 'abcdefghijklmnopqrstuvwx.abcdefghijklmnopqrstuvwxyz234567abcdefg';
			expect(redact(`bad link /j/${token}`)).not.toContain(token);
			expect(redact('GET /live/3/report?token=abcdef')).not.toContain('abcdef');
		} finally {
			setLogLevel('info');
		}
	});
});
