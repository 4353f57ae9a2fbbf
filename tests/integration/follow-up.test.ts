/**
 * Before and after the session over the real server: invitations and the report go out
 * through the outbox to a real SMTP server on loopback (and, without SMTP, to .eml files),
 * the personal links in those mails open the session and the report, temporary refusals are
 * retried with backoff without duplicates, and a bounce is kept in the outbox until retried.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestServer } from '../helpers/server';
import { parseMail, startTestSmtp, type TestSmtp } from '../helpers/smtp';
import { heldWorld, plannedWorld } from '../helpers/follow-up';
import { mailMessages } from '../../src/lib/server/db/schema';
import { retryMail } from '../../src/lib/server/mail/outbox';
import { sendInvitations } from '../../src/lib/server/sessions/invitations';
import { SYSTEM } from '../../src/lib/server/audit';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const linkIn = (text: string) => /(http:\/\/[^\s]+\/j\/[a-z2-7]+\.[a-z2-7]+)/.exec(text)![1]!;
const later = (minutes: number) => () => new Date(Date.now() + minutes * 60_000);

describe('mail through SMTP on loopback', () => {
	let smtp: TestSmtp;
	let server: Server;

	beforeAll(async () => {
		smtp = await startTestSmtp();
		server = await startTestServer({
			env: { SMTP_URL: smtp.url, MAIL_FROM: 'Gemeente Voorbeeld <dialoog@gemeente.test>', MAIL_RETRY_SECONDS: '60' }
		});
	});
	afterAll(async () => {
		await server?.close();
		await smtp?.close();
	});

	it('delivers each invitation once, with the personal link and the date as iCalendar; the link opens the session', async () => {
		const db = server.runtime.db;
		const { session, actor } = await plannedWorld(db);
		const before = smtp.messages.length;
		expect(sendInvitations(db, actor, session.id, server.url).queued).toBe(6);
		await server.runtime.mail!.deliverDue();
		const received = smtp.messages.slice(before).map((m) => ({ to: m.to, mail: parseMail(m.raw) }));
		expect(received.map((r) => r.to[0]).sort()).toEqual([
			'ans@example.org',
			'carla@example.org',
			'dirk@gemeente.test',
			'els@gemeente.test',
			'fatima@raad.test',
			'hanna@zorg.test'
		]);
		const ans = received.find((r) => r.to[0] === 'ans@example.org')!.mail;
		expect(ans.headers.get('from')).toContain('dialoog@gemeente.test');
		expect(ans.subject).toContain('Uitnodiging');
		expect(ans.text).toContain('Beste Ans');
		expect(ans.text).toContain('Geef na afloop uw reactie op het verslag.');
		const ics = ans.attachments.find((a) => a.filename === 'gesprek.ics')!;
		expect(ics.content).toContain('BEGIN:VEVENT');
		expect(ics.content).toContain(`SUMMARY:${session.title}`);
		// Delivered is recorded; a second round sends nothing again.
		expect(
			db
				.select()
				.from(mailMessages)
				.all()
				.every((m) => m.status === 'sent' && m.transport === 'smtp')
		).toBe(true);
		await server.runtime.mail!.deliverDue(later(120));
		expect(smtp.messages.length - before).toBe(6);

		const response = await fetch(linkIn(ans.text), { redirect: 'manual' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/live/${session.id}`);
		const cookie = response.headers
			.getSetCookie()
			.find((c) => c.startsWith('kd_participant='))!
			.split(';')[0]!;
		const live = await fetch(`${server.url}/live/${session.id}`, { headers: { cookie } });
		expect(live.status).toBe(200);
		expect(await live.text()).toContain(session.title);
	});

	it('retries a temporary refusal with backoff and delivers once; keeps a bounce as failed until retried', async () => {
		const db = server.runtime.db;
		const { session, actor } = await plannedWorld(db);
		const before = smtp.messages.length;
		await smtp.refuse('temporary');
		sendInvitations(db, actor, session.id, server.url);
		await server.runtime.mail!.deliverDue();
		const queued = db.select().from(mailMessages).where(eq(mailMessages.dialogueSessionId, session.id)).all();
		expect(queued).toHaveLength(6);
		for (const m of queued) {
			expect(m.status).toBe('queued');
			expect(m.attempts).toBe(1);
			expect(m.lastError).toBeTruthy();
			// The next attempt waits (60 s the first time).
			expect(m.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
		}
		// Not due yet: nothing happens.
		await server.runtime.mail!.deliverDue();
		expect(
			db
				.select()
				.from(mailMessages)
				.where(eq(mailMessages.dialogueSessionId, session.id))
				.all()
				.every((m) => m.attempts === 1)
		).toBe(true);

		// The mail server is down: the first attempt finds that out and the round stops there; the
		// other five are not tried against a server that is not there (a silent one costs 10 s each).
		await smtp.refuse('down');
		await server.runtime.mail!.deliverDue(later(2));
		const whileDown = db.select().from(mailMessages).where(eq(mailMessages.dialogueSessionId, session.id)).all();
		expect(whileDown.every((m) => m.status === 'queued')).toBe(true);
		expect(whileDown.map((m) => m.attempts).sort()).toEqual([1, 1, 1, 1, 1, 2]);

		await smtp.refuse('none');
		await server.runtime.mail!.deliverDue(later(10));
		const sent = db.select().from(mailMessages).where(eq(mailMessages.dialogueSessionId, session.id)).all();
		expect(sent.every((m) => m.status === 'sent')).toBe(true);
		expect(sent.map((m) => m.attempts).sort()).toEqual([2, 2, 2, 2, 2, 3]);
		expect(smtp.messages.length - before).toBe(6);
		// The same Message-ID as stored: a retried message is recognisable.
		const ids = smtp.messages.slice(before).map((m) => parseMail(m.raw).messageId);
		expect(new Set(ids)).toEqual(new Set(sent.map((m) => m.messageId)));

		// A permanent refusal (bounce) stops retrying and shows as failed.
		const other = await plannedWorld(db);
		await smtp.refuse('permanent');
		sendInvitations(db, other.actor, other.session.id, server.url);
		await server.runtime.mail!.deliverDue();
		const failed = db.select().from(mailMessages).where(eq(mailMessages.dialogueSessionId, other.session.id)).all();
		expect(failed.every((m) => m.status === 'failed' && m.attempts === 1)).toBe(true);
		await server.runtime.mail!.deliverDue(later(600));
		expect(
			db
				.select()
				.from(mailMessages)
				.where(eq(mailMessages.dialogueSessionId, other.session.id))
				.all()
				.every((m) => m.status === 'failed' && m.attempts === 1)
		).toBe(true);
		await smtp.refuse('none');
		const count = smtp.messages.length;
		retryMail(db, SYSTEM, failed[0]!.id);
		await server.runtime.mail!.deliverDue();
		expect(smtp.messages.length - count).toBe(1);
		expect(db.select().from(mailMessages).where(eq(mailMessages.id, failed[0]!.id)).get()!.status).toBe('sent');
	});

	it('sends the report with links that open it', async () => {
		const db = server.runtime.db;
		const world = await heldWorld(db);
		const { sendReport, startReport } = await import('../../src/lib/server/reports/reports');
		startReport(db, world.actor, world.session.id);
		const before = smtp.messages.length;
		expect(sendReport(db, world.actor, world.session.id, server.url).mailed).toBe(6);
		await server.runtime.mail!.deliverDue();
		const mails = smtp.messages.slice(before).map((m) => parseMail(m.raw));
		expect(mails).toHaveLength(6);
		const carla = mails.find((m) => m.text.includes('Beste Carla'))!;
		expect(carla.subject).toContain('Conceptverslag');
		const response = await fetch(linkIn(carla.text), { redirect: 'manual' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/live/${world.session.id}/report`);
	});
});

describe('mail without a mail server (file transport)', () => {
	let server: Server;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(async () => {
		await server?.close();
	});

	it('writes every message as an .eml file and marks it sent', async () => {
		const db = server.runtime.db;
		const { session, actor } = await plannedWorld(db);
		sendInvitations(db, actor, session.id, server.url);
		await server.runtime.mail!.deliverDue();
		const rows = db.select().from(mailMessages).where(eq(mailMessages.dialogueSessionId, session.id)).all();
		expect(rows.every((m) => m.status === 'sent' && m.transport === 'file')).toBe(true);
		const dir = path.join(server.dataDir, 'mail');
		const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
		expect(files).toHaveLength(6);
		const parsed = files.map((f) => parseMail(fs.readFileSync(path.join(dir, f), 'utf8')));
		const hanna = parsed.find((m) => m.text.includes('Beste Hanna'))!;
		expect(hanna.attachments.map((a) => a.filename)).toEqual(['gesprek.ics']);
		expect(hanna.text).toContain(`${server.url}/j/`);
	});
});
