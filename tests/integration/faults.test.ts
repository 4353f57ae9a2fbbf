/**
 * Faults (issue 8): the server killed with SIGKILL mid-vote and mid-edit, the database locked
 * by another connection's long transaction, the disk full, mail that cannot be written and a
 * mail server that hangs. Real server, real sockets, real SQLite; nothing is mocked.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { and, eq, isNotNull } from 'drizzle-orm';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { runFaults } from '../../bench/_faults';
import { SYSTEM } from '../../src/lib/server/audit';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { DATABASE_FILE, sqliteDriver } from '../../src/lib/server/db';
import { FUNDING_TYPES, mailMessages, participants, providers, sessionThemes, stickers } from '../../src/lib/server/db/schema';
import { translate } from '../../src/lib/i18n';
import { MailQueue, enqueueMail } from '../../src/lib/server/mail/outbox';
import { createSmtpTransport } from '../../src/lib/server/mail/transport';
import { YjsStore } from '../../src/lib/server/realtime/yjs/persistence';
import { sendInvitations } from '../../src/lib/server/sessions/invitations';
import { plannedWorld } from '../helpers/follow-up';
import { liveWorld, member } from '../helpers/live';
import { eventually, yjsClient, type YClient } from '../helpers/realtime';
import { startTestServer } from '../helpers/server';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the server killed with SIGKILL in the middle of voting and co-editing', () => {
	it('loses no acknowledged vote or edit, and every client reconnects and resyncs by itself', async () => {
		const result = await runFaults({ sessions: 2, participants: 4, editors: 3, rounds: 2, runMs: 1500, downMs: 800, paceMs: 150 });
		expect(result.rounds).toHaveLength(2);
		for (const round of result.rounds) {
			// Load was running at every kill, and nothing acknowledged was missing from the dead server's database.
			expect(round.votesAcked).toBeGreaterThan(0);
			expect(round.editsAcked).toBeGreaterThan(0);
			expect(round.votesLost).toBe(0);
			expect(round.editsLost).toBe(0);
			// Every client came back by itself (this code never reconnects them).
			expect(round.notBack).toBe(0);
			expect(round.voterResyncMs).toHaveLength(8);
			expect(round.editorResyncMs).toHaveLength(3);
		}
		// Each voter's pushed state after the restarts shows what its acknowledged actions left in the database.
		expect(result.votesDisagreeing).toEqual([]);
		expect(result.votesAgree).toBe(true);
		// All replicas end with the same text, holding every edit, also those made while the server was down.
		expect(result.editsTypedOffline).toBeGreaterThan(0);
		expect(result.converged).toBe(true);
		expect(result.missingInReplicas).toBe(0);
		expect(result.storedEqual).toBe(true);
		expect(result.problems).toEqual([]);
	}, 120_000);
});

describe('storage faults on a running server', () => {
	let server: Awaited<ReturnType<typeof startTestServer>>;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(async () => {
		await server?.close();
	});

	const nl = (key: Parameters<typeof translate>[1]) => translate('nl', key);

	/** Posts a SvelteKit form action as the enhanced form in the browser does. */
	function postAction(pathname: string, cookie: string, fields: Record<string, string> = {}) {
		return fetch(`${server.url}${pathname}`, {
			method: 'POST',
			headers: { cookie, origin: server.url, 'x-sveltekit-action': 'true', accept: 'application/json' },
			body: new URLSearchParams(fields)
		});
	}

	async function qualityManagerCookie(n: string) {
		const qm = await createAccount(
			server.runtime.db,
			SYSTEM,
			{ email: `km-${n}@gemeente.test`, name: 'Kwaliteitsmanager', roles: ['quality_manager'] },
			'een goed wachtwoord'
		);
		return `kd_session=${createSession(server.runtime.db, qm.id, 7).token}`;
	}

	function createProviderRequest(cookie: string, name: string) {
		return fetch(`${server.url}/api/providers`, {
			method: 'POST',
			headers: { cookie, origin: server.url, 'content-type': 'application/json' },
			body: JSON.stringify({ name, careType: 'Begeleiding', fundings: [FUNDING_TYPES[0]] })
		});
	}

	/** Two editors on one document; the first one's closes (with their codes) are recorded. */
	async function twoEditors(docName: string, cookies: { ans: string; bas: string }) {
		const a = yjsClient(server.url, docName, { cookie: cookies.ans });
		const b = yjsClient(server.url, docName, { cookie: cookies.bas });
		await Promise.all([a.synced, b.synced]);
		const closes: number[] = [];
		a.provider.on('connection-close', (event: { code: number } | null) => closes.push(event?.code ?? 0));
		return { a, b, closes };
	}

	/** A co-edited document of the session: its first theme is chosen (only chosen themes have documents). */
	async function coEditDoc(live: Awaited<ReturnType<typeof liveWorld>>): Promise<string> {
		const db = server.runtime.db;
		const theme = db.select().from(sessionThemes).where(eq(sessionThemes.dialogueSessionId, live.session.id)).all()[0]!;
		db.update(sessionThemes).set({ chosenRank: 1 }).where(eq(sessionThemes.id, theme.id)).run();
		return `session/${live.session.id}/theme/${theme.key}`;
	}

	const storedText = (docName: string, key: string) => {
		const doc = new Y.Doc();
		new YjsStore(server.runtime.db).loadInto(docName, doc, 'load');
		return doc.getText(key).toString();
	};

	it('waits a bounded time for a lock held by another connection, then refuses cleanly; works again once it is released', async () => {
		const db = server.runtime.db;
		const live = await liveWorld(db);
		const facilitator = await member(server.url, live.cookies.facilitator, live.session.id);
		for (let i = 0; i < 3; i++) expect((await facilitator.send('agenda:goto', { to: 'next' })).ok).toBe(true);
		expect((await facilitator.send('vote:open')).ok).toBe(true);
		const ans = await member(server.url, live.cookies.ans, live.session.id);
		const themeId = facilitator.latest.themes[0]!.id;
		const planned = await plannedWorld(db);
		const qm = await qualityManagerCookie('busy');
		const docName = await coEditDoc(live);
		const editors = await twoEditors(docName, live.cookies);
		const stickerCount = () => db.select().from(stickers).where(eq(stickers.dialogueSessionId, live.session.id)).all().length;

		// Another process holds a write transaction on the same database file.
		const lock = new (sqliteDriver())(path.join(server.dataDir, DATABASE_FILE));
		lock.exec('BEGIN IMMEDIATE');
		let editorsClosed: YClient[] = [];
		try {
			// A participant's vote: waits about busy_timeout (1 s), then a plain message; nothing stored.
			const t0 = performance.now();
			const vote = await ans.send('sticker:place', { themeId });
			const waited = performance.now() - t0;
			expect(vote).toEqual({ ok: false, error: 'error.busyPlain' });
			expect(waited).toBeGreaterThan(900);
			expect(waited).toBeLessThan(4000);
			expect(stickerCount()).toBe(0);
			// The facilitator gets the staff message, at once: after one write has waited in vain,
			// the next ones do not freeze the server for another second each (BUSY_BACKOFF_MS).
			const t1 = performance.now();
			expect(await facilitator.send('vote:close')).toEqual({ ok: false, error: 'error.dbBusy' });
			expect(performance.now() - t1).toBeLessThan(500);

			// The JSON API: 503 with a Dutch message and Retry-After, nothing created.
			const api = await createProviderRequest(qm, 'Zorg aan Huis');
			expect(api.status).toBe(503);
			expect(api.headers.get('retry-after')).toBe('5');
			expect(await api.json()).toEqual({ error: { code: 'error.dbBusy', message: nl('error.dbBusy') } });
			expect(db.select().from(providers).where(eq(providers.name, 'Zorg aan Huis')).all()).toHaveLength(0);

			// A form (sending six invitations in one transaction): 503, and not one of them half-written.
			const form = await postAction(`/sessions/${planned.session.id}/participants?/send`, planned.cookie);
			expect(form.status).toBe(503);
			const body = (await form.json()) as { type: string; error: { message: string; code: string } };
			expect(body).toEqual({ type: 'error', error: { message: nl('error.dbBusy'), code: 'error.dbBusy' } });
			expect(db.select().from(mailMessages).where(eq(mailMessages.dialogueSessionId, planned.session.id)).all()).toHaveLength(0);
			expect(
				db
					.select()
					.from(participants)
					.where(and(eq(participants.dialogueSessionId, planned.session.id), isNotNull(participants.invitedAt)))
					.all()
			).toHaveLength(0);

			// A co-edit that cannot be stored is not relayed; its connection is closed so it comes back later.
			editors.a.doc.getText('testQuestion').insert(0, 'blijft bewaard');
			await eventually(() => editors.closes.includes(4503), 10_000, 'the server to close the connection with 4503');
			await sleep(200);
			expect(editors.b.doc.getText('testQuestion').toString()).toBe('');
			expect(storedText(docName, 'testQuestion')).toBe('');
			expect(editors.a.doc.getText('testQuestion').toString()).toBe('blijft bewaard');
			editorsClosed = [editors.a, editors.b];
		} finally {
			lock.exec('ROLLBACK');
			lock.close();
		}

		// Released: everything works again, and each refused write can be redone.
		const placed = await ans.send('sticker:place', { themeId });
		expect(placed, JSON.stringify(placed)).toMatchObject({ ok: true });
		expect(stickerCount()).toBe(1);
		expect((await createProviderRequest(qm, 'Zorg aan Huis')).status).toBe(201);
		const again = await postAction(`/sessions/${planned.session.id}/participants?/send`, planned.cookie);
		expect(again.status).toBe(200);
		expect(((await again.json()) as { type: string }).type).toBe('success');
		expect(db.select().from(mailMessages).where(eq(mailMessages.dialogueSessionId, planned.session.id)).all()).toHaveLength(6);
		// The editor reconnected by itself and its edit reached the other editor and the database.
		await eventually(
			() => editors.b.doc.getText('testQuestion').toString() === 'blijft bewaard',
			15_000,
			'the edit to arrive after the lock'
		);
		expect(storedText(docName, 'testQuestion')).toBe('blijft bewaard');
		for (const e of editorsClosed) e.destroy();
		facilitator.socket.disconnect();
		ans.socket.disconnect();
	});

	it('disk full: a clear message, nothing half-written, the server stays up and works again once there is space', async () => {
		// The full disk is simulated with max_page_count, which holds for one database connection:
		// this process's. The co-editing process has a connection of its own, so this test runs
		// co-editing in the server's process (YJS_PROCESS=inline): the same server code, as the
		// co-editing process runs it too. A foreign lock reaches every connection, so the locked-
		// database test above shows the same refusal from the co-editing process itself.
		// (One server per process at a time: the app's runtime is process-wide.)
		// SvelteKit's handler keeps the origin it was loaded with, so the same port.
		const port = server.port;
		await server.close();
		server = await startTestServer({ port, env: { YJS_PROCESS: 'inline' } });
		onTestFinished(async () => {
			await server.close();
			server = await startTestServer({ port });
		});
		const db = server.runtime.db;
		const sqlite = db.$client;
		const planned = await plannedWorld(db);
		const live = await liveWorld(db);
		const docName = await coEditDoc(live);
		const editors = await twoEditors(docName, live.cookies);

		// Simulated full disk: the database may not grow beyond the pages it has, and those are filled up.
		sqlite.exec('CREATE TABLE IF NOT EXISTS test_ballast (x BLOB)');
		sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`);
		const ballast = sqlite.prepare('INSERT INTO test_ballast VALUES (randomblob(?))');
		for (const size of [2000, 500, 100, 20]) {
			try {
				for (;;) ballast.run(size);
			} catch (error) {
				expect((error as { code?: string }).code).toBe('SQLITE_FULL');
			}
		}
		try {
			// Sending six invitations with their calendar files needs new pages: refused as a whole.
			const form = await postAction(`/sessions/${planned.session.id}/participants?/send`, planned.cookie);
			expect(form.status).toBe(503);
			expect(await form.json()).toEqual({ type: 'error', error: { message: nl('error.diskFull'), code: 'error.diskFull' } });
			expect(nl('error.diskFull')).toMatch(/^De schijf van de server is vol\./);
			expect(db.select().from(mailMessages).where(eq(mailMessages.dialogueSessionId, planned.session.id)).all()).toHaveLength(0);
			expect(
				db
					.select()
					.from(participants)
					.where(and(eq(participants.dialogueSessionId, planned.session.id), isNotNull(participants.invitedAt)))
					.all()
			).toHaveLength(0);

			// A long co-edited text (within the toetsvraag's 5 000 characters) cannot be stored: not relayed, the connection closed for a later resync.
			const long = 'Wij willen zelf kiezen wie ons helpt. '.repeat(130);
			editors.a.doc.getText('testQuestion').insert(0, long);
			await eventually(() => editors.closes.includes(4503), 10_000, 'the server to close the connection with 4503');
			await sleep(200);
			expect(editors.b.doc.getText('testQuestion').toString()).toBe('');
			expect(storedText(docName, 'testQuestion')).toBe('');

			// The server stays up and keeps serving what only reads.
			expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
			const page = await fetch(`${server.url}/sessions/${planned.session.id}/participants`, { headers: { cookie: planned.cookie } });
			expect(page.status).toBe(200);
		} finally {
			// Space freed.
			sqlite.pragma('max_page_count = 1073741823');
			sqlite.exec('DROP TABLE test_ballast');
		}

		const again = await postAction(`/sessions/${planned.session.id}/participants?/send`, planned.cookie);
		expect(again.status).toBe(200);
		expect(db.select().from(mailMessages).where(eq(mailMessages.dialogueSessionId, planned.session.id)).all()).toHaveLength(6);
		await eventually(
			() =>
				editors.b.doc.getText('testQuestion').length === editors.a.doc.getText('testQuestion').length &&
				editors.b.doc.getText('testQuestion').length > 0,
			15_000,
			'the long edit to arrive'
		);
		expect(editors.b.doc.getText('testQuestion').toString()).toBe(editors.a.doc.getText('testQuestion').toString());
		expect(storedText(docName, 'testQuestion')).toBe(editors.a.doc.getText('testQuestion').toString());
		editors.a.destroy();
		editors.b.destroy();
	});

	it('keeps mail in the outbox and retries when the .eml file cannot be written', async () => {
		const db = server.runtime.db;
		const mail = server.runtime.mail!;
		expect(mail.transport.kind).toBe('file');
		const mailDir = path.join(server.dataDir, 'mail');
		fs.rmSync(mailDir, { recursive: true, force: true });
		// Something that is not a directory where the mail should go: every write fails.
		fs.writeFileSync(mailDir, 'geen map');
		const planned = await plannedWorld(db);
		sendInvitations(db, planned.actor, planned.session.id, server.url);
		await mail.deliverDue();
		const queued = db.select().from(mailMessages).where(eq(mailMessages.dialogueSessionId, planned.session.id)).all();
		expect(queued).toHaveLength(6);
		// The first write fails; the round stops there (the others would fail the same way) and
		// leaves the other five untouched. Every message stays queued, with its text.
		const tried = queued.filter((m) => m.attempts === 1);
		expect(tried).toHaveLength(1);
		expect(tried[0]!.lastError).toMatch(/^file: /);
		expect(queued.filter((m) => m.attempts === 0 && m.lastError === null)).toHaveLength(5);
		for (const m of queued) {
			expect(m.status).toBe('queued');
			expect(m.textBody.length).toBeGreaterThan(0);
		}
		// The disk is usable again: the next round (after the backoff) writes every message once.
		fs.rmSync(mailDir);
		await mail.deliverDue(() => new Date(Date.now() + 10 * 60_000));
		const sent = db.select().from(mailMessages).where(eq(mailMessages.dialogueSessionId, planned.session.id)).all();
		expect(sent.every((m) => m.status === 'sent')).toBe(true);
		expect(sent.map((m) => m.attempts).sort()).toEqual([1, 1, 1, 1, 1, 2]);
		const files = fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
		for (const m of sent) expect(files.some((f) => f.includes(m.messageId.replace(/[<>]/g, '').split('@')[0]!))).toBe(true);
	});

	it('keeps serving pages while the mail server accepts connections but never answers', async () => {
		const db = server.runtime.db;
		const held: net.Socket[] = [];
		const silent = net.createServer((socket) => held.push(socket));
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
		const port = (silent.address() as net.AddressInfo).port;
		const queue = new MailQueue(db, createSmtpTransport(`smtp://127.0.0.1:${port}`), {
			from: 'dialoog@gemeente.test',
			retrySeconds: 60,
			maxAttempts: 8
		});
		try {
			// Queued for a moment the app's own queue does not reach; this queue's clock does.
			const later = new Date(Date.now() + 86_400_000);
			const dedupeKey = `faults-silent-${Date.now()}`;
			enqueueMail(
				db,
				{ dedupeKey, kind: 'invitation', to: 'ans@example.org', subject: 'Uitnodiging', text: 'Welkom bij het gesprek.' },
				later
			);
			// Two more behind it: they must not cost another 10 s each against the same silent server.
			const behind = [`${dedupeKey}-2`, `${dedupeKey}-3`];
			for (const key of behind)
				enqueueMail(
					db,
					{ dedupeKey: key, kind: 'invitation', to: 'bas@example.org', subject: 'Uitnodiging', text: 'Welkom.' },
					new Date(later.getTime() + 1)
				);
			const roundStart = performance.now();
			const round = queue.deliverDue(() => new Date(later.getTime() + 1000));
			await eventually(() => held.length > 0, 5000, 'a connection to the silent mail server');
			for (let i = 0; i < 3; i++) {
				const t0 = performance.now();
				expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
				expect((await fetch(`${server.url}/login`)).status).toBe(200);
				expect(performance.now() - t0).toBeLessThan(1000);
				await sleep(500);
			}
			// The greeting never comes: the attempt times out (10 s) and the mail stays queued for a retry.
			await round;
			const rows = db.select().from(mailMessages).where(eq(mailMessages.dedupeKey, dedupeKey)).all();
			expect(rows).toHaveLength(1);
			expect(rows[0]!.status).toBe('queued');
			expect(rows[0]!.attempts).toBe(1);
			expect(rows[0]!.lastError).toBeTruthy();
			// The round stopped at the first: the other two are untouched, for the next round.
			expect(performance.now() - roundStart).toBeLessThan(20_000);
			for (const key of behind)
				expect(db.select().from(mailMessages).where(eq(mailMessages.dedupeKey, key)).get()).toMatchObject({
					status: 'queued',
					attempts: 0
				});
		} finally {
			await queue.stop();
			for (const s of held) s.destroy();
			await new Promise((resolve) => silent.close(resolve));
		}
	}, 60_000);
});
