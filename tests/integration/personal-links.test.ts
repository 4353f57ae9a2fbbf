/**
 * Personal links are credentials, shown to nobody but their owner: the outbox (list, detail,
 * their data endpoints) and the other staff pages hold no /j/<token> that opens anything, for
 * the facilitator or the beheerder, nor does the beheerder's privacy download.
 *
 * One server per file: adapter-node reads ORIGIN once per process, and form posts are
 * checked against it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { mailMessages, participants } from '../../src/lib/server/db/schema';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { SYSTEM } from '../../src/lib/server/audit';
import { plannedWorld } from '../helpers/follow-up';
import { startTestServer } from '../helpers/server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** Every `/j/<something>` in a text (HTML, JSON, a download), as the something. */
const linksIn = (text: string) => [...text.matchAll(/\/j\/([^\s"'<>\\)\]&]+)/g)].map((m) => m[1]!);
const tokenIn = (text: string) => /\/j\/([a-z2-7]+\.[a-z2-7]+)/.exec(text)?.[1] ?? null;

describe('personal links', () => {
	let server: Server;
	let world: Awaited<ReturnType<typeof plannedWorld>>;
	let adminCookie: string;

	beforeAll(async () => {
		server = await startTestServer();
		world = await plannedWorld(server.runtime.db);
		const admin = await createAccount(server.runtime.db, SYSTEM, { email: 'links-beheer@gemeente.test', name: 'Bea Beheer', roles: ['admin'] }, 'een goed wachtwoord');
		adminCookie = `kd_session=${createSession(server.runtime.db, admin.id, 7).token}`;
		// The invitations, through the page, delivered (as files: no mail server here).
		expect((await act(`/sessions/${world.session.id}/participants`, 'send', {}, world.cookie)).type).toBe('success');
		await server.runtime.mail!.deliverDue();
	});
	afterAll(async () => {
		await server?.close();
	});

	const db = () => server.runtime.db;
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
	/** Whether /j/<token> opens anything: it then gives the browser a participant cookie. */
	const opens = async (token: string) => (await get(`/j/${token}`)).headers.getSetCookie().some((c) => c.startsWith('kd_participant='));
	/** The working tokens in the outbox's own storage (what delivery sends; the calendar attachment has the same, folded). */
	const mailTokens = () => [
		...new Set(
			db()
				.select()
				.from(mailMessages)
				.all()
				.flatMap((m) => [m.subject, m.textBody])
				.map(tokenIn)
				.filter((t): t is string => t !== null)
		)
	];
	const person = (name: string) => db().select().from(participants).where(and(eq(participants.dialogueSessionId, world.session.id), eq(participants.displayName, name))).get()!;
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
			const ids = db().select().from(participants).where(eq(participants.dialogueSessionId, world.session.id)).all().map((p) => `id=${p.id}`);
			const download = await fetch(`${server.url}/admin/privacy/export`, { method: 'POST', headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: ids.join('&') });
			expect(download.status).toBe(200);
			pages['/admin/privacy/export'] = await download.text();
			pages['/admin/audit'] = await text('/admin/audit', cookie);
		} else {
			const base = `/sessions/${world.session.id}`;
			for (const path of [base, `${base}/participants`, `${base}/participants/letter`, `${base}/follow-up`, pageOf(person('Ans')), pageOf(person('Bas'))]) pages[path] = await text(path, cookie);
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
		expect(JSON.parse(admin['/admin/privacy/export']!).records.some((r: { mails: { text: string }[] }) => r.mails.some((m) => m.text.includes('[persoonlijke link (verborgen)]')))).toBe(true);
		// The beheerder cannot reach the session as its facilitator either.
		expect((await get(`/sessions/${world.session.id}/participants`, adminCookie)).status).toBe(403);
		expect((await get(pageOf(person('Ans')), adminCookie)).status).toBe(403);
	});
});
