/**
 * Personal links are credentials, shown to nobody but their owner: the outbox (list, detail,
 * their data endpoints) and the other staff pages hold no /j/<token> that opens anything, for
 * the facilitator or the beheerder, nor does the beheerder's privacy download. "Nieuwe link"
 * ends every earlier credential at once, on pages, socket.io and Yjs (real clients), and the
 * new link works; by letter it is shown once, and a reload does not end it again. "Opnieuw
 * sturen" sends the invitation again with a new link, once per form. Both are audited.
 *
 * One server per file: adapter-node reads ORIGIN once per process, and form posts are
 * checked against it.
 */
import { deliveredText } from '../helpers/smtp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, mailMessages, participantLinks, participants, sessionThemes } from '../../src/lib/server/db/schema';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { SYSTEM } from '../../src/lib/server/audit';
import { validateParticipantToken } from '../../src/lib/server/sessions/participants';
import { plannedWorld } from '../helpers/follow-up';
import { emit } from '../helpers/live';
import { connected, socketClient, yjsClient, type YClient } from '../helpers/realtime';
import { startTestServer } from '../helpers/server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** Every `/j/<something>` in a text (HTML, JSON, a download), as the something. */
const linksIn = (text: string) => [...text.matchAll(/\/j\/([^\s"'<>\\)\]&]+)/g)].map((m) => m[1]!);
const tokenIn = (text: string) => /\/j\/([a-z2-7]+\.[a-z2-7]+)/.exec(text)?.[1] ?? null;

describe('personal links', () => {
	let server: Server;
	let world: Awaited<ReturnType<typeof plannedWorld>>;
	let adminCookie: string;
	let docName: string;
	const cleanup: (() => unknown)[] = [];

	beforeAll(async () => {
		server = await startTestServer();
		world = await plannedWorld(server.runtime.db);
		const admin = await createAccount(
			server.runtime.db,
			SYSTEM,
			{ email: 'links-beheer@gemeente.test', name: 'Bea Beheer', roles: ['admin'] },
			'een goed wachtwoord'
		);
		adminCookie = `kd_session=${createSession(server.runtime.db, admin.id, 7).token}`;
		const theme = db().select().from(sessionThemes).where(eq(sessionThemes.dialogueSessionId, world.session.id)).all()[0]!;
		db().update(sessionThemes).set({ chosenRank: 1 }).where(eq(sessionThemes.id, theme.id)).run();
		docName = `session/${world.session.id}/theme/${theme.key}`;
		// The invitations, through the page, delivered (as files: no mail server here).
		expect((await act(`/sessions/${world.session.id}/participants`, 'send', {}, world.cookie)).type).toBe('success');
		await server.runtime.mail!.deliverDue();
	});
	afterAll(async () => {
		for (const fn of cleanup.reverse()) await fn();
		await server?.close();
	});

	const db = () => server.runtime.db;
	/** A mail's text as sent (delivered: from its file; still queued: the stored text). */
	const sentText = (m: { status: string; messageId: string; textBody: string }) =>
		m.status === 'sent' ? deliveredText(server.dataDir, m) : m.textBody;
	const get = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
	const text = async (path: string, cookie: string) => {
		const response = await get(path, cookie);
		expect(response.status, path).toBe(200);
		return response.text();
	};
	async function act(path: string, action: string, fields: Record<string, string>, cookie: string) {
		const response = await fetch(`${server.url}${path}?/${action}`, {
			method: 'POST',
			headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' },
			body: new URLSearchParams(fields)
		});
		return (await response.json()) as { type: string; status: number; data?: string };
	}
	/** A form posted as a browser without JavaScript does: the page comes back as HTML. */
	const post = (path: string, fields: Record<string, string>, cookie: string) =>
		fetch(`${server.url}${path}`, {
			method: 'POST',
			headers: { cookie, origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(fields)
		});
	/** Whether /j/<token> opens anything: it then gives the browser a participant cookie. */
	const opens = async (token: string) => (await get(`/j/${token}`)).headers.getSetCookie().some((c) => c.startsWith('kd_participant='));
	const cookieFor = async (token: string) =>
		(await get(`/j/${token}`)).headers
			.getSetCookie()
			.find((c) => c.startsWith('kd_participant='))!
			.split(';')[0]!;
	/** The working tokens the outbox sent: the delivered files (a delivered mail's stored copy keeps its link hidden), and queued mail. */
	const mailTokens = () => [
		...new Set(
			db()
				.select()
				.from(mailMessages)
				.all()
				.flatMap((m) => (m.status === 'sent' ? [deliveredText(server.dataDir, m)] : [m.subject, m.textBody]))
				.map(tokenIn)
				.filter((t): t is string => t !== null)
		)
	];
	const person = (name: string) =>
		db()
			.select()
			.from(participants)
			.where(and(eq(participants.dialogueSessionId, world.session.id), eq(participants.displayName, name)))
			.get()!;
	const requestOf = (html: string) => /name="request" value="([a-z2-7]{16})"/.exec(html)![1]!;
	const pageOf = (p: { id: number }) => `/sessions/${world.session.id}/participants/${p.id}`;

	/** Every page of the outbox and of the person the staff member can open, with their data endpoints. */
	async function staffPages(cookie: string, admin: boolean) {
		const pages: Record<string, string> = {};
		const outbox = await text('/outbox', cookie);
		pages['/outbox'] = outbox;
		pages['/outbox/__data.json'] = await text('/outbox/__data.json', cookie);
		const ids = [...outbox.matchAll(/href="\/outbox\/(\d+)"/g)].map((m) => m[1]!);
		expect(ids.length).toBeGreaterThanOrEqual(6);
		for (const id of ids) {
			pages[`/outbox/${id}`] = await text(`/outbox/${id}`, cookie);
			pages[`/outbox/${id}/__data.json`] = await text(`/outbox/${id}/__data.json`, cookie);
		}
		if (admin) {
			const ids = db()
				.select()
				.from(participants)
				.where(eq(participants.dialogueSessionId, world.session.id))
				.all()
				.map((p) => `id=${p.id}`);
			const download = await fetch(`${server.url}/admin/privacy/export`, {
				method: 'POST',
				headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
				body: ids.join('&')
			});
			expect(download.status).toBe(200);
			pages['/admin/privacy/export'] = await download.text();
			pages['/admin/audit'] = await text('/admin/audit', cookie);
		} else {
			const base = `/sessions/${world.session.id}`;
			for (const path of [
				base,
				`${base}/participants`,
				`${base}/participants/letter`,
				`${base}/follow-up`,
				pageOf(person('Ans')),
				pageOf(person('Bas'))
			])
				pages[path] = await text(path, cookie);
		}
		return pages;
	}

	/** No page holds a working link: neither one of the real tokens, nor anything after /j/ that opens. */
	async function expectNoWorkingLinks(pages: Record<string, string>, real: string[]) {
		expect(real.length).toBeGreaterThan(0);
		for (const token of real) expect(await opens(token), 'the real tokens work').toBe(true);
		for (const [path, body] of Object.entries(pages)) {
			for (const token of real) {
				expect(body.includes(token), `${path} holds a real token`).toBe(false);
				expect(body.includes(token.split('.')[1]!), `${path} holds a token's secret`).toBe(false);
			}
			for (const found of linksIn(body)) expect(await opens(found), `${path}: /j/${found}`).toBe(false);
		}
	}

	it('shows in the outbox that a personal link was sent, never the link, to the facilitator and the beheerder', async () => {
		// Delivered mail keeps no working link in the database (text, subject, calendar item).
		const sent = db()
			.select()
			.from(mailMessages)
			.all()
			.filter((m) => m.status === 'sent');
		expect(sent.length).toBeGreaterThan(0);
		for (const m of sent) expect(tokenIn([m.subject, m.textBody, ...m.attachments.map((a) => a.content)].join('\n'))).toBeNull();
		const real = mailTokens();
		expect(real.length).toBe(6);
		const facilitator = await staffPages(world.cookie, false);
		const admin = await staffPages(adminCookie, true);
		await expectNoWorkingLinks({ ...facilitator, ...admin }, real);
		// What the page says instead.
		const ans = db().select().from(mailMessages).where(eq(mailMessages.toAddress, 'ans@example.org')).get()!;
		const detail = admin[`/outbox/${ans.id}`]!;
		expect(detail).toContain('Met deze persoonlijke link doet u mee. Deel de link niet met anderen:\n[persoonlijke link (verborgen)]');
		expect(detail).toContain('De persoonlijke link in dit bericht is verborgen.');
		expect(
			JSON.parse(admin['/admin/privacy/export']!).records.some((r: { mails: { text: string }[] }) =>
				r.mails.some((m) => m.text.includes('[persoonlijke link (verborgen)]'))
			)
		).toBe(true);
		// The beheerder cannot reach the session as its facilitator either.
		expect((await get(`/sessions/${world.session.id}/participants`, adminCookie)).status).toBe(403);
		expect((await get(pageOf(person('Ans')), adminCookie)).status).toBe(403);
	});

	it('"Nieuwe link" ends every earlier link at once, on pages, socket.io and Yjs, and the new link works', async () => {
		const ans = person('Ans');
		const invitation = tokenIn(sentText(db().select().from(mailMessages).where(eq(mailMessages.participantId, ans.id)).get()!))!;
		// A letter too: Ans has two links now (and her own token, which nobody was shown).
		const letterPage = await (
			await post(`/sessions/${world.session.id}/participants/letter`, { participantId: String(ans.id) }, world.cookie)
		).text();
		const letter = tokenIn(/aria-label="QR-code met uw persoonlijke link: ([^"]+)"/.exec(letterPage)![1]!)!;
		expect(validateParticipantToken(db(), letter)?.id).toBe(ans.id);
		const viaMail = await cookieFor(invitation);
		const viaLetter = await cookieFor(letter);
		const evaluation = `/live/${world.session.id}/evaluation`;
		expect((await get(evaluation, viaMail)).status).toBe(200);

		// Ans is live with both, and co-edits with the mailed one.
		const live = async (cookie: string) => {
			const socket = socketClient(server.url, { cookie });
			cleanup.push(() => socket.disconnect());
			const ended: string[] = [];
			socket.on('session:ended', (info: { reason: string }) => ended.push(info.reason));
			const gone = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
			await connected(socket);
			expect(await emit(socket, 'session:join', { sessionId: world.session.id })).toMatchObject({ ok: true });
			return { socket, ended, gone };
		};
		const a = await live(viaMail);
		const b = await live(viaLetter);
		const editor: YClient = yjsClient(server.url, docName, { cookie: viaMail });
		cleanup.push(() => editor.destroy());
		await editor.synced;
		const closed = new Promise<number>((resolve) => editor.provider.ws!.addEventListener('close', (e) => resolve((e as CloseEvent).code)));

		// The facilitator makes a new link by e-mail, from Ans's page.
		const page = await text(pageOf(ans), world.cookie);
		expect(page).toContain('Nieuwe link per e-mail');
		const request = requestOf(page);
		expect((await act(pageOf(ans), 'renew', { request }, world.cookie)).status).toBe(400);
		const renewed = await act(pageOf(ans), 'renew', { request, confirm: 'yes' }, world.cookie);
		expect(renewed).toMatchObject({ type: 'success' });

		// Socket.io and Yjs end at once, whichever link they came with.
		expect(await a.gone).toBe('io server disconnect');
		expect(await b.gone).toBe('io server disconnect');
		expect(a.ended).toEqual(['linkEnded']);
		expect(await closed).toBe(4403);
		await new Promise((r) => setTimeout(r, 500));
		expect(editor.provider.wsconnected).toBe(false);
		// The old links open nothing any more: no page, no new connection.
		for (const [token, cookie] of [
			[invitation, viaMail],
			[letter, viaLetter]
		] as const) {
			expect(await opens(token)).toBe(false);
			expect((await get(evaluation, cookie)).status).toBe(404);
			const again = socketClient(server.url, { cookie });
			cleanup.push(() => again.disconnect());
			await expect(connected(again)).rejects.toThrow();
		}
		expect(db().select().from(participantLinks).where(eq(participantLinks.participantId, ans.id)).all()).toHaveLength(1);

		// The new link, in the mail that is queued for Ans, works everywhere.
		const mail = db()
			.select()
			.from(mailMessages)
			.where(and(eq(mailMessages.participantId, ans.id), eq(mailMessages.kind, 'link')))
			.get()!;
		expect(mail).toMatchObject({ toAddress: 'ans@example.org', subject: 'Uw nieuwe link voor het gesprek "Eerste gesprek"' });
		const fresh = tokenIn(sentText(mail))!;
		const viaFresh = await cookieFor(fresh);
		expect((await get(evaluation, viaFresh)).status).toBe(200);
		const c = await live(viaFresh);
		expect(c.socket.connected).toBe(true);
		const editorAgain = yjsClient(server.url, docName, { cookie: viaFresh });
		cleanup.push(() => editorAgain.destroy());
		await editorAgain.synced;

		// The same form once more does nothing: the new link stays.
		const twice = await act(pageOf(ans), 'renew', { request, confirm: 'yes' }, world.cookie);
		expect(twice).toMatchObject({ type: 'failure', status: 409 });
		expect(twice.data).toContain('error.link.alreadyDone');
		expect(await opens(fresh)).toBe(true);
		// Audited: who, for whom, how many credentials ended (two links and her own token).
		const audited = db().select().from(auditLog).where(eq(auditLog.action, 'participant.link.renew')).all();
		expect(
			audited.map(({ actorType, actorId, subjectType, subjectId, details }) => ({ actorType, actorId, subjectType, subjectId, details }))
		).toEqual([
			{
				actorType: 'user',
				actorId: world.facilitator.id,
				subjectType: 'participant',
				subjectId: ans.id,
				details: { dialogueSessionId: world.session.id, via: 'mail', ended: 3, request }
			}
		]);
		// The outbox shows the new mail without its link.
		await server.runtime.mail!.deliverDue();
		await expectNoWorkingLinks({ ...(await staffPages(world.cookie, false)), ...(await staffPages(adminCookie, true)) }, [fresh]);
	});

	it('"Nieuwe link" by letter shows the link once: a reload does not end it again', async () => {
		const bas = person('Bas');
		const page = await text(pageOf(bas), world.cookie);
		expect(page).not.toContain('Nieuwe link per e-mail');
		const fields = { participantId: String(bas.id), renew: 'yes', confirm: 'yes', request: requestOf(page) };
		const before = await (
			await post(`/sessions/${world.session.id}/participants/letter`, { participantId: String(bas.id) }, world.cookie)
		).text();
		const old = tokenIn(/aria-label="QR-code met uw persoonlijke link: ([^"]+)"/.exec(before)![1]!)!;
		const response = await post(`/sessions/${world.session.id}/participants/letter`, fields, world.cookie);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const html = await response.text();
		expect(html).toContain('De oude links van Bas werken niet meer.');
		const fresh = tokenIn(/aria-label="QR-code met uw persoonlijke link: ([^"]+)"/.exec(html)![1]!)!;
		expect(await opens(old)).toBe(false);
		expect(await opens(fresh)).toBe(true);
		// A reload sends the same form again: refused, and the printed link keeps working.
		const reload = await (await post(`/sessions/${world.session.id}/participants/letter`, fields, world.cookie)).text();
		expect(reload).toContain('Dit is al gedaan.');
		expect(reload).not.toContain('kd-letter__qr');
		expect(await opens(fresh)).toBe(true);
		// Another visit to the letter page shows no letter: it is not kept.
		expect(await text(`/sessions/${world.session.id}/participants/letter`, world.cookie)).not.toContain(fresh);
		expect(
			db()
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.action, 'participant.link.renew'), eq(auditLog.subjectId, bas.id)))
				.get()!.details
		).toMatchObject({ via: 'letter', ended: 2 });
	});

	it('"Opnieuw sturen" sends the invitation again with a new link, once per form, and earlier links keep working', async () => {
		const carla = person('Carla');
		const first = tokenIn(
			sentText(
				db()
					.select()
					.from(mailMessages)
					.where(and(eq(mailMessages.participantId, carla.id), eq(mailMessages.kind, 'invitation')))
					.get()!
			)
		)!;
		const request = requestOf(await text(pageOf(carla), world.cookie));
		expect(await act(pageOf(carla), 'again', { request }, world.cookie)).toMatchObject({ type: 'success' });
		const twice = await act(pageOf(carla), 'again', { request }, world.cookie);
		expect(twice).toMatchObject({ type: 'failure', status: 409 });
		const invitations = db()
			.select()
			.from(mailMessages)
			.where(and(eq(mailMessages.participantId, carla.id), eq(mailMessages.kind, 'invitation')))
			.all();
		expect(invitations).toHaveLength(2);
		expect(invitations[1]!.dedupeKey).toBe(`invitation:${world.session.id}:${carla.id}:again:${request}`);
		const second = tokenIn(sentText(invitations[1]!))!;
		expect(second).not.toBe(first);
		expect(await opens(first)).toBe(true);
		expect(await opens(second)).toBe(true);
		expect(
			db()
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.action, 'invitation.again'), eq(auditLog.subjectId, carla.id)))
				.all()
		).toHaveLength(1);
		// The beheerder reads who did it on the audit page.
		const audit = await text('/admin/audit?action=invitation.again', adminCookie);
		expect(audit).toContain('uitnodiging opnieuw gestuurd, met een nieuwe link');
		expect(audit).toContain(`deelnemer (nummer ${carla.id})`);
		// Still nothing that works in what staff see.
		await server.runtime.mail!.deliverDue();
		await expectNoWorkingLinks({ ...(await staffPages(world.cookie, false)), ...(await staffPages(adminCookie, true)) }, [first, second]);
	});
});
