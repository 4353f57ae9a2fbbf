/**
 * Privacy through the real server: retention runs at start-up (RETENTION_MONTHS), the report
 * page says when personal data goes, the beheerder finds, downloads and erases one person's
 * data through the pages (others are refused), and report views are audited and listed.
 *
 * One server per file: adapter-node reads ORIGIN once per process, and form posts are
 * checked against it. The database is prepared before the server starts, as an installation
 * that has been running for years.
 */
import { translate } from '../../src/lib/i18n';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Db } from '../../src/lib/server/db';
import { auditLog, dialogueSessions, mailMessages, participants, reportComments } from '../../src/lib/server/db/schema';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { SYSTEM } from '../../src/lib/server/audit';
import {
	addComment,
	finalizeReport,
	getReport,
	respondToComment,
	sendReport,
	sentVersion,
	startReport
} from '../../src/lib/server/reports/reports';
import { newParticipantLink } from '../../src/lib/server/sessions/participants';
import { safeFileName } from '../../src/lib/server/mail/transport';
import { addMonths } from '../../src/lib/server/privacy/retention';
import { MIGRATIONS } from '../helpers/db';
import { heldWorld, PEOPLE } from '../helpers/follow-up';
import { startTestServer, tempDataDir } from '../helpers/server';
import { connected, eventually, socketClient } from '../helpers/realtime';
import { emit } from '../helpers/live';
import * as Y from 'yjs';
import { addCriterion, addKeyword, criteriaOf, docNameOf } from '../../src/lib/shared/theme-document';
import { YjsStore } from '../../src/lib/server/realtime/yjs/persistence';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const DAY = 86400_000;
const MONTHS = 6;
const KEYWORD = 'hulp op vaste tijden';
const CRITERION = 'De cliënt kiest zelf wanneer de hulp komt.';

/** A session held at `closedAt` whose report was sent, commented on, answered and made final 20 days later. */
async function finalSession(db: Db, closedAt: Date) {
	const world = await heldWorld(db, closedAt);
	const sessionId = world.session.id;
	startReport(db, world.actor, sessionId);
	const sentAt = new Date(closedAt.getTime() + 3 * DAY);
	sendReport(db, world.actor, sessionId, 'http://localhost', sentAt);
	const report = getReport(db, sessionId)!;
	const target = `section:${sentVersion(db, report.id)!.content.sections[0]!.key}`;
	const comment = addComment(
		db,
		world.people[0]!,
		sessionId,
		{ target, body: 'Graag de datum erbij.', clientKey: `clientkey-${sessionId}` },
		new Date(sentAt.getTime() + DAY)
	);
	respondToComment(db, world.actor, sessionId, comment.id, { decision: 'adopted' }, new Date(sentAt.getTime() + DAY));
	const finalAt = new Date(sentAt.getTime() + 17 * DAY);
	finalizeReport(db, world.actor, sessionId, 'http://localhost', finalAt);
	return { ...world, sessionId, report, comment, finalAt };
}

/** A form action as the browser posts it (SvelteKit answers JSON to this header). */
async function act(url: string, pathname: string, action: string, fields: [string, string][], cookie: string | null) {
	const response = await fetch(`${url}${pathname}?/${action}`, {
		method: 'POST',
		headers: {
			...(cookie ? { cookie } : {}),
			origin: url,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams(fields)
	});
	const text = await response.text();
	return { status: response.status, text, result: JSON.parse(text) as { type: string; status: number; data?: string; location?: string } };
}

describe('privacy through the server', () => {
	let server: Server;
	let old: Awaited<ReturnType<typeof finalSession>>;
	let recent: Awaited<ReturnType<typeof finalSession>>;
	let adminCookie: string;
	let staleFile: string;
	const now = new Date();

	beforeAll(async () => {
		const dataDir = tempDataDir();
		const db = openDatabase(dataDir);
		migrateDatabase(db, MIGRATIONS);
		// Final two years ago (due), and final a month ago (not due for another five months).
		old = await finalSession(db, new Date(now.getTime() - 730 * DAY));
		recent = await finalSession(db, new Date(now.getTime() - 40 * DAY));
		const admin = await createAccount(
			db,
			SYSTEM,
			{ email: 'privacy-beheer@gemeente.test', name: 'Bea Beheer', roles: ['admin'] },
			'een goed wachtwoord'
		);
		adminCookie = `kd_session=${createSession(db, admin.id, 7).token}`;
		// Mail of the old session delivered earlier by the file transport: a copy on disk.
		const oldMail = db.select().from(mailMessages).where(eq(mailMessages.dialogueSessionId, old.sessionId)).all()[0]!;
		fs.mkdirSync(path.join(dataDir, 'mail'), { recursive: true });
		staleFile = path.join(dataDir, 'mail', `${safeFileName(oldMail.messageId)}.eml`);
		fs.writeFileSync(staleFile, `To: ${oldMail.toAddress}\r\n\r\n${oldMail.textBody}`);
		// What Ans wrote in the co-edited document of a theme of the recent session.
		const doc = new Y.Doc();
		addKeyword(doc, { text: KEYWORD, perspective: 'client', author: recent.people[0]!.id });
		const criterion = addCriterion(doc, recent.people[0]!.id);
		criteriaOf(doc)
			.find((c) => c.id === criterion)!
			.text.insert(0, CRITERION);
		new YjsStore(db).compact(docNameOf(recent.sessionId, 'regie-van-de-client'), doc);
		doc.destroy();
		db.$client.close();
		server = await startTestServer({ dataDir, env: { RETENTION_MONTHS: String(MONTHS) } });
	});
	afterAll(async () => {
		await server?.close();
	});

	const db = () => server.runtime.db;
	const get = (pathname: string, cookie?: string) =>
		fetch(`${server.url}${pathname}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

	it('pseudonymised the session whose period had passed at start-up, and only that one', async () => {
		const people = (sessionId: number) =>
			db().select().from(participants).where(eq(participants.dialogueSessionId, sessionId)).orderBy(participants.id).all();
		expect(people(old.sessionId).map((p) => p.displayName)).toEqual(PEOPLE.map((_, i) => `Deelnemer ${i + 1}`));
		expect(people(old.sessionId).every((p) => p.email === null && p.phone === null)).toBe(true);
		expect(people(recent.sessionId).map((p) => p.displayName)).toEqual(PEOPLE.map((p) => p.displayName));
		expect(people(recent.sessionId).filter((p) => p.email).length).toBe(PEOPLE.filter((p) => p.email).length);
		const entries = db().select().from(auditLog).where(eq(auditLog.action, 'privacy.retention')).all();
		expect(entries.map((e) => e.subjectId)).toEqual([old.sessionId]);
		expect(entries[0]!.details).toMatchObject({ months: MONTHS, participants: PEOPLE.length });
		// The old mail is emptied (and not delivered now), its file copy is gone.
		const oldMails = db().select().from(mailMessages).where(eq(mailMessages.dialogueSessionId, old.sessionId)).all();
		expect(oldMails.every((m) => m.toAddress === '' && m.textBody === '' && m.status !== 'sent')).toBe(true);
		expect(fs.existsSync(staleFile)).toBe(false);
		// The comment stays, with its perspective.
		expect(db().select().from(reportComments).where(eq(reportComments.id, old.comment.id)).get()).toMatchObject({
			body: 'Graag de datum erbij.',
			perspective: 'client'
		});
	});

	it('says on the report page when personal data is or was removed', async () => {
		const facilitator = (w: typeof old) => `kd_session=${createSession(db(), w.facilitator.id, 7).token}`;
		const day = (d: Date) =>
			new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(d);
		const recentPage = await (await get(`/sessions/${recent.sessionId}/report`, facilitator(recent))).text();
		expect(recentPage).toContain(`Persoonsgegevens worden op ${day(addMonths(recent.finalAt, MONTHS))} verwijderd.`);
		const oldPage = await (await get(`/sessions/${old.sessionId}/report`, facilitator(old))).text();
		const removedAt = db().select().from(dialogueSessions).where(eq(dialogueSessions.id, old.sessionId)).get()!.personalDataRemovedAt!;
		expect(oldPage).toContain(`Persoonsgegevens zijn op ${day(removedAt)} verwijderd.`);
	});

	it('audits who viewed report versions, the comparison and the participant report page', async () => {
		const cookie = `kd_session=${createSession(db(), recent.facilitator.id, 7).token}`;
		const before = db().select().from(auditLog).where(eq(auditLog.action, 'report.view')).all().length;
		expect((await get(`/sessions/${recent.sessionId}/report/versions/1`, cookie)).status).toBe(200);
		expect((await get(`/sessions/${recent.sessionId}/report/compare?from=1&to=2`, cookie)).status).toBe(200);
		const carla = recent.people[2]!;
		const token = newParticipantLink(db(), carla.id, 'report');
		const page = await get(`/live/${recent.sessionId}/report`, `kd_participant=${token}`);
		expect(page.status).toBe(200);
		const views = db().select().from(auditLog).where(eq(auditLog.action, 'report.view')).all().slice(before);
		expect(views.map((v) => [v.actorType, v.actorId, v.subjectType, v.subjectId])).toEqual([
			['user', recent.facilitator.id, 'report', recent.report.id],
			['user', recent.facilitator.id, 'report', recent.report.id],
			['participant', carla.id, 'report', recent.report.id]
		]);
		expect(views.map((v) => v.details)).toEqual([{ version: 1 }, { compare: ['1', '2'] }, { version: 2 }]);
		// A stranger's look is refused and not recorded as a view.
		const other = await get(
			`/sessions/${recent.sessionId}/report/versions/1`,
			`kd_session=${createSession(db(), old.facilitator.id, 7).token}`
		);
		expect(other.status).toBe(404);
		expect(db().select().from(auditLog).where(eq(auditLog.action, 'report.view')).all().length).toBe(before + 3);

		// The beheerder reads it back on the audit page; others may not.
		const auditPage = await (await get('/admin/audit?action=report.view', adminCookie)).text();
		expect(auditPage).toContain('Gerda Leider');
		expect(auditPage).toContain(`deelnemer (nummer ${carla.id})`);
		expect(auditPage).toContain('verslag van Eerste gesprek');
		expect(auditPage).not.toContain('Carla');
		expect((await get('/admin/audit', cookie)).status).toBe(403);
		expect((await get('/admin/audit')).status).toBe(303);
	});

	it('lets only the beheerder search, download and erase one person, with a confirmation step', async () => {
		const facilitatorCookie = `kd_session=${createSession(db(), recent.facilitator.id, 7).token}`;
		const carla = recent.people[2]!;
		const link = newParticipantLink(db(), carla.id, 'report');

		// Others are refused: the page, the search, the download, the erasure.
		expect((await get('/admin/privacy', facilitatorCookie)).status).toBe(403);
		for (const [action, fields] of [
			['search', [['term', 'carla@example.org']]],
			[
				'erase',
				[
					['id', String(carla.id)],
					['confirm', 'yes']
				]
			]
		] as const) {
			const refused = await act(
				server.url,
				'/admin/privacy',
				action,
				fields.map((f) => [...f] as [string, string]),
				facilitatorCookie
			);
			expect(refused.status).toBe(403);
			expect(refused.result.type).toBe('error');
			expect(refused.text).not.toContain('Carla');
		}
		const refusedExport = await fetch(`${server.url}/admin/privacy/export`, {
			method: 'POST',
			headers: { cookie: facilitatorCookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: `id=${carla.id}`
		});
		expect(refusedExport.status).toBe(403);
		expect((await act(server.url, '/admin/privacy', 'search', [['term', 'carla']], null)).result).toMatchObject({ type: 'redirect' });
		expect(db().select().from(auditLog).where(eq(auditLog.action, 'privacy.export')).all()).toHaveLength(0);

		// Search: too short is a clear error; the address finds Carla's records (the old one is pseudonymised already).
		const short = await act(server.url, '/admin/privacy', 'search', [['term', 'c']], adminCookie);
		expect(short.result).toMatchObject({ type: 'failure', status: 400 });
		expect(short.text).toContain('error.privacy.term');
		const found = await act(server.url, '/admin/privacy', 'search', [['term', 'Carla@Example.org']], adminCookie);
		expect(found.result.type).toBe('success');
		expect(found.text).toContain('Eerste gesprek');
		// The action's data (devalue): the term, then one record of Carla's.
		const flat = JSON.parse(found.result.data!) as unknown[];
		expect(flat).toEqual(expect.arrayContaining(['Carla', 'carla@example.org', 'Eerste gesprek', 'active']));
		expect(flat.filter((x) => x === 'Carla')).toHaveLength(1);
		const page = await (await get('/admin/privacy', adminCookie)).text();
		expect(page).toContain('Persoon zoeken');

		// Download: a JSON file with Carla's records only.
		const download = await fetch(`${server.url}/admin/privacy/export`, {
			method: 'POST',
			headers: { cookie: adminCookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: `id=${carla.id}`
		});
		expect(download.status).toBe(200);
		expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="persoonsgegevens-\d{4}-\d{2}-\d{2}\.json"$/);
		const data = (await download.json()) as { records: { participant: { name: string; email: string }; mails: unknown[] }[] };
		expect(data.records.map((r) => r.participant)).toEqual([expect.objectContaining({ name: 'Carla', email: 'carla@example.org' })]);
		expect(data.records[0]!.mails.length).toBeGreaterThan(0);
		expect(JSON.stringify(data)).not.toContain('ans@example.org');
		const nothingChosen = await fetch(`${server.url}/admin/privacy/export`, {
			method: 'POST',
			headers: { cookie: adminCookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: ''
		});
		expect(nothingChosen.status).toBe(400);
		expect(await nothingChosen.text()).toContain('Kies eerst een of meer deelnemers.');
		expect(db().select().from(auditLog).where(eq(auditLog.action, 'privacy.export')).get()!.details).toEqual({
			participantIds: [carla.id]
		});

		// Erase: the confirmation step and a missing tick change nothing.
		const confirm = await act(server.url, '/admin/privacy', 'confirm', [['id', String(carla.id)]], adminCookie);
		expect(confirm.result.type).toBe('success');
		expect(confirm.text).toContain('Carla');
		const unticked = await act(server.url, '/admin/privacy', 'erase', [['id', String(carla.id)]], adminCookie);
		expect(unticked.result).toMatchObject({ type: 'failure', status: 400 });
		expect(unticked.text).toContain('error.privacy.confirm');
		expect(db().select().from(participants).where(eq(participants.id, carla.id)).get()!.displayName).toBe('Carla');
		expect((await get(`/j/${link}`)).headers.getSetCookie().some((c) => c.startsWith('kd_participant='))).toBe(true);

		// Carla follows the (closed) session live while her data is erased.
		const carlaCookie = (await get(`/j/${link}`)).headers
			.getSetCookie()
			.find((c) => c.startsWith('kd_participant='))!
			.split(';')[0]!;
		const live = socketClient(server.url, { cookie: carlaCookie });
		await connected(live);
		expect(await emit(live, 'session:join', { sessionId: carla.dialogueSessionId })).toMatchObject({ ok: true, access: 'read' });

		const erased = await act(
			server.url,
			'/admin/privacy',
			'erase',
			[
				['id', String(carla.id)],
				['confirm', 'yes']
			],
			adminCookie
		);
		expect(erased.result.type).toBe('success');
		// Her live connection ends, and the cookie she has no longer opens the session.
		await eventually(() => !live.connected, 3000, 'the erased participant is disconnected');
		live.close();
		const refused = socketClient(server.url, { cookie: carlaCookie });
		await expect(connected(refused)).rejects.toThrow();
		refused.close();
		expect(db().select().from(participants).where(eq(participants.id, carla.id)).get()).toMatchObject({
			displayName: 'Deelnemer 3',
			email: null
		});
		expect(
			db()
				.select()
				.from(mailMessages)
				.where(and(eq(mailMessages.participantId, carla.id)))
				.all()
				.every((m) => m.textBody === '' && m.toAddress === '')
		).toBe(true);
		// Her personal link no longer opens anything.
		const dead = await get(`/j/${link}`);
		expect(dead.status).toBe(200);
		expect(dead.headers.getSetCookie().some((c) => c.startsWith('kd_participant='))).toBe(false);
		expect(db().select().from(auditLog).where(eq(auditLog.action, 'privacy.erase')).get()).toMatchObject({
			actorType: 'user',
			details: expect.objectContaining({ participantIds: [carla.id] })
		});
		// Searching her address again finds nobody.
		const again = await act(server.url, '/admin/privacy', 'search', [['term', 'carla@example.org']], adminCookie);
		expect(again.result.type).toBe('success');
		expect(again.text).not.toContain('Eerste gesprek');
		// The audit page shows both requests, by ids.
		const auditPage = await (await get('/admin/audit', adminCookie)).text();
		expect(auditPage).toContain('gegevens van een persoon verwijderd');
		expect(auditPage).toContain('gegevens van een persoon gedownload');
		expect(auditPage).toContain('persoonsgegevens verwijderd na de bewaartermijn');
	});

	it('gives the beheerder, and only the beheerder, the same data as a readable HTML file', async () => {
		const facilitatorCookie = `kd_session=${createSession(db(), recent.facilitator.id, 7).token}`;
		const [ans, bas] = recent.people as [(typeof recent.people)[0], (typeof recent.people)[0]];
		const hostile = '"><img src=x onerror=alert(1)><script>alert(1)</script>';
		db().update(participants).set({ displayName: hostile }).where(eq(participants.id, bas.id)).run();
		const readable = (cookie: string) =>
			fetch(`${server.url}/admin/privacy/export?format=html`, {
				method: 'POST',
				headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
				body: `id=${ans.id}&id=${bas.id}`
			});
		// A mail waiting to go out (not before 2100) holds a working personal link.
		db()
			.insert(mailMessages)
			.values({
				dedupeKey: `privacy-html-${ans.id}`,
				kind: 'reminder',
				dialogueSessionId: recent.sessionId,
				participantId: ans.id,
				messageId: `<privacy-html-${ans.id}@test>`,
				toAddress: 'ans@example.org',
				subject: 'Herinnering voor Ans',
				textBody: `Beste Ans,\n\nLees het verslag:\n${server.url}/j/abcdefghijklmnopqrstuvwxyz012345\n`,
				attachments: [],
				nextAttemptAt: new Date('2100-01-01T00:00:00Z')
			})
			.run();
		const exports = () => db().select().from(auditLog).where(eq(auditLog.action, 'privacy.export')).all().length;
		const before = exports();

		// Refused like the JSON: nothing of the person in the answer, nothing audited.
		const refused = await readable(facilitatorCookie);
		expect(refused.status).toBe(403);
		expect(await refused.text()).not.toContain('Ans');
		expect(exports()).toBe(before);

		const response = await readable(adminCookie);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="persoonsgegevens-\d{4}-\d{2}-\d{2}\.html"$/);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'unsafe-inline';/);
		const html = await response.text();
		expect(html).toContain('<html lang="nl">');
		expect(html).toContain('<title>Uw gegevens in Kwaliteitsdialoog</title>');
		for (const heading of [
			'Over u',
			'Het gesprek',
			'Trefwoorden die u schreef',
			'Criteria die u schreef',
			'Uw reacties op het verslag',
			'Mails aan u'
		])
			expect(html).toContain(`<h3>${heading}</h3>`);
		expect(html).toContain('<dt>Naam</dt><dd>Ans</dd>');
		expect(html).toContain('<dt>Achtergrond</dt><dd>cliënt</dd>');
		// What she wrote: a keyword and a criterion in the theme document, a comment on the report with its decision.
		expect(html).toContain('<h4>Regie van de cliënt</h4>');
		expect(html).toContain(KEYWORD);
		expect(html).toContain(CRITERION);
		expect(html).toContain('Graag de datum erbij.');
		// What the comment was about, in words: the first part of the report.
		expect(html).toContain(`<dt>Over</dt><dd><span class="text">${translate('nl', 'reports.document.section.intro')}</span></dd>`);
		expect(html).toContain('<dt>Wat de gespreksleider ermee deed</dt><dd>Overgenomen</dd>');
		// The personal link in a mail waiting to go out stays hidden, as in the JSON.
		expect(html).toContain('Herinnering voor Ans');
		expect(html).toContain('[persoonlijke link (verborgen)]');
		expect(html).not.toMatch(/\/j\/[A-Za-z0-9_-]{8,}/);
		// The hostile name is text.
		expect(html).toContain('<dd>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)&lt;/script&gt;</dd>');
		expect(html).not.toMatch(/<(script|img)\b/i);
		// One export, audited as the JSON is.
		expect(exports()).toBe(before + 1);
		expect(db().select().from(auditLog).where(eq(auditLog.action, 'privacy.export')).all().at(-1)!.details).toEqual({
			participantIds: [ans.id, bas.id]
		});
	});
});
