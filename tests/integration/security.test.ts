/**
 * Issue 8, hostile input: security headers on every kind of response, CSRF on forms and
 * websocket origins, the cookies' flags, and login brute force (per account, per address,
 * across a restart, no oracle, and the lock ending after its window). Also the short join
 * code, which people type and could be guessed.
 *
 * One server per file (adapter-node reads ORIGIN once per process); the restart at the end
 * brings the same server back on the same port and data directory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import {
	agreements,
	evaluationResponses,
	jargonTerms,
	loginFailures,
	participants,
	reportComments,
	reports,
	users
} from '../../src/lib/server/db/schema';
import { createSession } from '../../src/lib/server/auth/sessions';
import { latestPublishedBySlug } from '../../src/lib/server/frameworks/store';
import { startAssessment } from '../../src/lib/server/scoring/assessments';
import { createProvider } from '../../src/lib/server/scoring/providers';
import { newParticipantLink } from '../../src/lib/server/sessions/participants';
import { sendReport, startReport } from '../../src/lib/server/reports/reports';
import { heldWorld } from '../helpers/follow-up';
import { nl } from '../helpers/i18n';
import { liveWorld } from '../helpers/live';
import { connected, rawUpgrade, socketClient } from '../helpers/realtime';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer } from '../helpers/server';
import { DEFAULT_CSP } from '../../server/http';

type Server = Awaited<ReturnType<typeof startTestServer>>;

let server: Server;
let url: string;
beforeAll(async () => {
	server = await startTestServer();
	url = server.url;
});
afterAll(() => server?.close());

const db = () => server.runtime.db;

/** A provider and a draft assessment against the published Drents framework. */
function assessmentWorld() {
	const version = latestPublishedBySlug(db(), 'drents-kwaliteitskader')!;
	const provider = createProvider(db(), SYSTEM, {
		name: `Zorg ${Math.random().toString(36).slice(2, 8)}`,
		careType: 'Begeleiding',
		fundings: ['zin'],
		residential: false
	});
	const assessment = startAssessment(db(), SYSTEM, { providerId: provider.id, frameworkVersionId: version.id, assessedOn: '2026-06-01' });
	return { assessmentId: assessment.id, versionId: version.id };
}

/** The headers every response carries, whatever made it. */
function expectBaseHeaders(response: Response, what: string) {
	const h = (name: string) => response.headers.get(name);
	expect(h('x-content-type-options'), what).toBe('nosniff');
	expect(h('x-frame-options'), what).toBe('DENY');
	expect(h('referrer-policy'), what).toBeTruthy();
	expect(h('cross-origin-opener-policy'), what).toBe('same-origin');
	expect(h('cross-origin-resource-policy'), what).toBe('same-origin');
	// Plain http (tests): no HSTS, which would pin a host that has no https.
	expect(h('strict-transport-security'), what).toBeNull();
	const csp = h('content-security-policy') ?? '';
	expect(csp, what).toContain("frame-ancestors 'none'");
	expect(csp, what).toMatch(/(^|;\s*)base-uri '(self|none)'/);
	expect(csp, what).toMatch(/(^|;\s*)form-action '(self|none)'/);
	expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-inline'/);
	expect(csp, what).not.toMatch(/default-src[^;]*'unsafe-inline'/);
	return csp;
}

/** The page policy of svelte.config.js: scripts only from the app itself or by hash. */
function expectPageCsp(response: Response, what: string) {
	const csp = expectBaseHeaders(response, what);
	expect(csp, what).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*(;|$)/);
	expect(csp, what).toContain("object-src 'none'");
	expect(csp, what).toContain("default-src 'self'");
}

function expectDownload(response: Response, what: string, type: RegExp) {
	expect(response.status, what).toBe(200);
	expectBaseHeaders(response, what);
	expect(response.headers.get('content-type'), what).toMatch(type);
	expect(response.headers.get('content-disposition'), what).toMatch(/^attachment; filename="[\w.-]+"$/);
	// Downloads run nothing, even when opened directly.
	expect(response.headers.get('content-security-policy'), what).toBe(DEFAULT_CSP);
}

describe('security headers on every kind of response', () => {
	it('pages, print view, 404, 500, redirects, JSON, errors, static files and downloads', async () => {
		const world = await heldWorld(db());
		startReport(db(), world.actor, world.session.id);
		sendReport(db(), world.actor, world.session.id, url);
		const cookie = world.cookie;
		const sid = world.session.id;

		const home = await fetch(url);
		expect(home.status).toBe(200);
		expectPageCsp(home, 'home page');
		const html = await home.text();
		expectPageCsp(await fetch(`${url}/sessions/${sid}/report`, { headers: { cookie } }), 'staff page');
		const print = await fetch(`${url}/sessions/${sid}/report/print/1`, { headers: { cookie } });
		expect(print.status).toBe(200);
		expectPageCsp(print, 'print view (an export served as HTML)');
		const notFound = await fetch(`${url}/bestaat-niet`);
		expect(notFound.status).toBe(404);
		expectPageCsp(notFound, '404 page');

		const redirect = await fetch(`${url}/dashboard`, { redirect: 'manual' });
		expect(redirect.status).toBe(303);
		expectBaseHeaders(redirect, 'redirect');

		const me = await fetch(`${url}/api/me`);
		expect(me.status).toBe(401);
		expect(me.headers.get('content-type')).toContain('application/json');
		expectBaseHeaders(me, 'API error');
		const openapi = await fetch(`${url}/api/openapi.json`);
		expect(openapi.status).toBe(200);
		expectBaseHeaders(openapi, 'API JSON');
		const tooLarge = await fetch(`${url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: url },
			body: 'x'.repeat(1024 * 1024 + 1)
		});
		expect(tooLarge.status).toBe(413);
		expectBaseHeaders(tooLarge, '413 before the app');

		for (const file of ['/favicon.svg', '/robots.txt']) {
			const response = await fetch(`${url}${file}`);
			expect(response.status, file).toBe(200);
			expect(response.headers.get('content-security-policy'), file).toBe(DEFAULT_CSP);
			expectBaseHeaders(response, file);
		}
		const script = /["'](?:\.|)(\/_app\/immutable\/[^"']+\.js)["']/.exec(html)![1]!;
		const asset = await fetch(`${url}${script}`);
		expect(asset.status).toBe(200);
		expectBaseHeaders(asset, 'built script');

		// A 500: a report whose stored content cannot be read.
		const report = db().select().from(reports).where(eq(reports.dialogueSessionId, sid)).get()!;
		db().run(sql`UPDATE reports SET content = '"kapot"' WHERE id = ${report.id}`);
		try {
			const broken = await fetch(`${url}/sessions/${sid}/report`, { headers: { cookie } });
			expect(broken.status).toBe(500);
			expectPageCsp(broken, '500 page');
			const body = await broken.text();
			expect(body).toContain('Er ging iets mis bij ons.');
			expect(body).not.toMatch(/at .*\.js:\d+/);
		} finally {
			db().update(reports).set({ content: report.content }).where(eq(reports.id, report.id)).run();
		}

		expectDownload(await fetch(`${url}/sessions/${sid}/report/export/1.pdf`, { headers: { cookie } }), 'report PDF', /^application\/pdf/);
		expectDownload(
			await fetch(`${url}/sessions/${sid}/report/export/working.docx`, { headers: { cookie } }),
			'report DOCX',
			/wordprocessingml/
		);
		expectDownload(
			await fetch(`${url}/sessions/${sid}/report/export/working.odt`, { headers: { cookie } }),
			'report ODT',
			/^application\/vnd\.oasis\.opendocument\.text$/
		);
		const karin = await createAccount(
			db(),
			SYSTEM,
			{ email: 'km-h@gemeente.test', name: 'Karin', roles: ['quality_manager'] },
			'een goed wachtwoord'
		);
		const km = `kd_session=${createSession(db(), karin.id, 1).token}`;
		const { assessmentId, versionId } = assessmentWorld();
		expectDownload(
			await fetch(`${url}/api/assessments/${assessmentId}/export.csv`, { headers: { cookie: km } }),
			'assessment CSV',
			/^text\/csv/
		);
		expectDownload(
			await fetch(`${url}/assessments/${assessmentId}/report.pdf`, { headers: { cookie: km } }),
			'assessment PDF',
			/^application\/pdf/
		);
		expectDownload(
			await fetch(`${url}/api/versions/${versionId}/export?format=csv`, { headers: { cookie: km } }),
			'framework CSV',
			/^text\/csv/
		);
		expectDownload(
			await fetch(`${url}/api/versions/${versionId}/export?format=json`, { headers: { cookie: km } }),
			'framework JSON',
			/^application\/json/
		);
	});

	it('a 304 for a page does not carry the default policy (the browser would store it with the page)', async () => {
		const first = await fetch(`${url}/login`);
		expect(first.status).toBe(200);
		const etag = first.headers.get('etag');
		expect(etag).toBeTruthy();
		const again = await fetch(`${url}/login`, { headers: { 'if-none-match': etag! } });
		expect(again.status).toBe(304);
		expect(again.headers.get('content-security-policy')).not.toBe(DEFAULT_CSP);
		expect(again.headers.get('x-frame-options')).toBe('DENY');
	});

	it('socket.io polling responses carry them too, and polling from another origin is refused', async () => {
		const ok = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: url } });
		expect(ok.status).toBe(200);
		expect(await ok.text()).toMatch(/^0\{"sid"/);
		expectBaseHeaders(ok, 'socket.io polling');
		for (const origin of ['https://evil.example', `${url}.evil.test`, 'null']) {
			const refused = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
			expect(refused.status, origin).toBeGreaterThanOrEqual(400);
			expect(await refused.text(), origin).not.toMatch(/"sid"/);
			expectBaseHeaders(refused, `socket.io refusal for ${origin}`);
		}
	});
});

describe('CSRF', () => {
	const BAD_ORIGINS = (u: string) => [
		{ name: 'another site', origin: 'https://evil.example' },
		{ name: 'a look-alike host', origin: `${u}.evil.test` },
		{ name: 'the same host on another port', origin: u.replace(/:\d+$/, ':1') },
		{ name: 'a null origin (sandboxed frame)', origin: 'null' },
		{ name: 'no origin', origin: null }
	];

	async function post(
		path: string,
		fields: Record<string, string>,
		cookie: string | null,
		origin: string | null,
		contentType = 'application/x-www-form-urlencoded'
	) {
		const headers: Record<string, string> = { 'content-type': contentType, 'x-sveltekit-action': 'true' };
		if (cookie) headers.cookie = cookie;
		if (origin !== null) headers.origin = origin;
		const body =
			contentType === 'text/plain'
				? Object.entries(fields)
						.map(([k, v]) => `${k}=${v}`)
						.join('\r\n')
				: new URLSearchParams(fields);
		return fetch(`${url}${path}`, { method: 'POST', headers, body, redirect: 'manual' });
	}

	it('refuses every kind of form post from a wrong, look-alike, null or missing origin, and changes nothing', async () => {
		const held = await heldWorld(db());
		startReport(db(), held.actor, held.session.id);
		sendReport(db(), held.actor, held.session.id, url);
		const carla = `kd_participant=${newParticipantLink(db(), held.people[2]!.id, 'test')}`;
		const live = await liveWorld(db());
		const admin = `kd_session=${createSession(db(), db().select().from(users).where(eq(users.email, ADMIN_EMAIL)).get()!.id, 1).token}`;
		const reportPage = await (await fetch(`${url}/live/${held.session.id}/report`, { headers: { cookie: carla } })).text();
		const clientKey = /name="clientKey" value="([A-Za-z0-9_-]+)"/.exec(reportPage)![1]!;
		const joinCode = live.session.joinCode!;

		const tally = () => ({
			comments: db().select({ n: count() }).from(reportComments).get()!.n,
			evaluations: db().select({ n: count() }).from(evaluationResponses).get()!.n,
			participants: db().select({ n: count() }).from(participants).get()!.n,
			agreements: db().select({ n: count() }).from(agreements).get()!.n,
			jargon: db().select({ n: count() }).from(jargonTerms).get()!.n,
			failures: db().select({ n: count() }).from(loginFailures).get()!.n
		});
		const forms: { what: string; path: string; fields: Record<string, string>; cookie: string | null }[] = [
			{ what: 'login', path: '/login', fields: { email: ADMIN_EMAIL, password: 'fout' }, cookie: null },
			{
				what: 'join with the code',
				path: '/join',
				fields: { code: joinCode, displayName: 'Indringer', perspective: 'client' },
				cookie: null
			},
			{
				what: 'comment on the report (participant)',
				path: `/live/${held.session.id}/report?/comment`,
				fields: { target: 'section:intro', body: 'Vervalst', clientKey },
				cookie: carla
			},
			{
				what: 'evaluation (participant)',
				path: `/live/${held.session.id}/evaluation`,
				fields: { sharedAll: 'yes', heard: 'yes', clear: 'yes', worthwhile: 'yes', grade: '1' },
				cookie: carla
			},
			{
				what: 'participant list',
				path: `/sessions/${live.session.id}/participants?/add`,
				fields: { displayName: 'Indringer', perspective: 'client' },
				cookie: live.cookies.facilitator
			},
			{
				what: 'agreement',
				path: `/sessions/${held.session.id}/follow-up?/addAgreement`,
				fields: { topic: 'council', what: 'Vervalst', owner: 'Iemand', dueDate: '2027-06-01' },
				cookie: held.cookie
			},
			{ what: 'jargon (beheerder)', path: '/jargon?/add', fields: { term: 'vervalst', suggestion: '' }, cookie: admin },
			{ what: 'logout', path: '/logout', fields: {}, cookie: held.cookie }
		];
		const before = tally();
		for (const form of forms) {
			for (const { name, origin } of BAD_ORIGINS(url)) {
				for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']) {
					const response = await post(form.path, form.fields, form.cookie, origin, type);
					expect(response.status, `${form.what} from ${name} as ${type}`).toBe(403);
					expect(response.headers.getSetCookie(), `${form.what} from ${name}`).toEqual([]);
				}
			}
		}
		expect(tally()).toEqual(before);
		// The staff login used for the logout is still valid.
		expect((await fetch(`${url}/sessions/${held.session.id}`, { headers: { cookie: held.cookie }, redirect: 'manual' })).status).toBe(200);

		// Control: the same forms from the app's own origin do work (so the refusals above are about the origin).
		for (const form of forms.filter((f) => f.what !== 'logout' && f.what !== 'login')) {
			const response = await post(form.path, form.fields, form.cookie, url);
			const result = (await response.json()) as { type: string };
			expect(['success', 'redirect'], form.what).toContain(result.type);
		}
		const after = tally();
		expect(after.comments).toBe(before.comments + 1);
		expect(after.evaluations).toBe(before.evaluations + 1);
		expect(after.participants).toBe(before.participants + 2);
		expect(after.agreements).toBe(before.agreements + 1);
		expect(after.jargon).toBe(before.jargon + 1);
	});

	it('refuses a JSON body to a form action (no CSRF check applies to JSON, so it must not be accepted)', async () => {
		const held = await heldWorld(db());
		const before = db().select({ n: count() }).from(agreements).get()!.n;
		const response = await fetch(`${url}/sessions/${held.session.id}/follow-up?/addAgreement`, {
			method: 'POST',
			headers: { cookie: held.cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
			body: JSON.stringify({ topic: 'council', what: 'Vervalst', owner: 'Iemand', dueDate: '2027-06-01' })
		});
		expect(response.status).toBeGreaterThanOrEqual(400);
		expect(db().select({ n: count() }).from(agreements).get()!.n).toBe(before);
		// From the right origin too; the sender gets "not valid", not "something went wrong on our
		// side" (which would also be logged as an error for anyone to fill the log with).
		const own = await fetch(`${url}/sessions/${held.session.id}/follow-up?/addAgreement`, {
			method: 'POST',
			headers: { cookie: held.cookie, origin: url, 'content-type': 'application/json' },
			body: '{}'
		});
		expect(own.status).toBe(415);
		const text = await own.text();
		expect(text).toContain(nl('error.badRequest'));
		expect(text).not.toContain('Er ging iets mis');
		expect(db().select({ n: count() }).from(agreements).get()!.n).toBe(before);
	});

	it('refuses socket.io and Yjs connections from a wrong, look-alike, null or missing origin', async () => {
		const world = await liveWorld(db());
		for (const { name, origin } of BAD_ORIGINS(url)) {
			const headers: Record<string, string> = { cookie: world.cookies.ans };
			if (origin !== null) headers.origin = origin;
			expect(await rawUpgrade(url, `/yjs/session/${world.session.id}/theme/regie-van-de-client`, headers), `Yjs from ${name}`).toEqual({
				status: 403
			});
			const upgraded = await rawUpgrade(url, '/socket.io/?EIO=4&transport=websocket', headers);
			expect('open' in upgraded, `socket.io from ${name}`).toBe(false);
		}
		// With the right origin the socket.io upgrade is accepted (control for the loop above).
		const socket = socketClient(url, { cookie: world.cookies.ans, origin: url });
		await connected(socket);
		socket.close();
		const evil = socketClient(url, { cookie: world.cookies.ans, origin: `${url}.evil.test` });
		await expect(connected(evil)).rejects.toThrow();
		evil.close();
	});

	it('sets HttpOnly, SameSite=Lax cookies for staff and participants, without Secure on plain http', async () => {
		const login = await fetch(`${url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: url },
			body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
		});
		expect(login.status).toBe(200);
		const staff = login.headers.getSetCookie().find((c) => c.startsWith('kd_session='))!;
		const world = await heldWorld(db());
		const token = newParticipantLink(db(), world.people[0]!.id, 'test');
		const link = await fetch(`${url}/j/${token}`, { redirect: 'manual' });
		expect(link.status).toBe(303);
		const participant = link.headers.getSetCookie().find((c) => c.startsWith('kd_participant='))!;
		for (const cookie of [staff, participant]) {
			expect(cookie).toMatch(/; HttpOnly/i);
			expect(cookie).toMatch(/; SameSite=Lax/i);
			expect(cookie).toMatch(/; Path=\//);
			expect(cookie).not.toMatch(/; Secure/i);
		}
	});
});

describe('login brute force', () => {
	const clear = () => db().delete(loginFailures).run();
	const attempt = (email: string, password: string, headers: Record<string, string> = {}) =>
		fetch(`${url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: url, ...headers },
			body: JSON.stringify({ email, password })
		});

	it('locks an account after 5 failures whatever the case or spacing of the address, and a right password is then refused too', async () => {
		clear();
		await createAccount(db(), SYSTEM, { email: 'doelwit@gemeente.test', name: 'Doelwit', roles: ['facilitator'] }, 'het echte wachtwoord');
		for (const email of [
			'Doelwit@Gemeente.test',
			' doelwit@gemeente.test ',
			'DOELWIT@GEMEENTE.TEST',
			'doelwit@gemeente.test\t',
			'doelWIT@gemeente.TEST'
		]) {
			expect((await attempt(email, 'geraden')).status).toBe(401);
		}
		const locked = await attempt('doelwit@gemeente.test', 'het echte wachtwoord');
		expect(locked.status).toBe(429);
		expect(locked.headers.getSetCookie()).toEqual([]);
		const lockedBody = await locked.json();
		// An unknown account, locked the same way, answers exactly alike (no oracle).
		for (let i = 0; i < 5; i++) expect((await attempt('niemand@gemeente.test', 'geraden')).status).toBe(401);
		const unknown = await attempt('niemand@gemeente.test', 'geraden');
		expect(unknown.status).toBe(429);
		expect(await unknown.json()).toEqual(lockedBody);
		expect(lockedBody.error.message).toMatch(/^Te veel mislukte pogingen/);

		// The login form refuses it too, with the Dutch message.
		const form = await fetch(`${url}/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url, 'x-sveltekit-action': 'true' },
			body: new URLSearchParams({ email: 'Doelwit@gemeente.test', password: 'het echte wachtwoord' })
		});
		const result = (await form.json()) as { type: string; status: number };
		expect(result).toMatchObject({ type: 'failure', status: 429 });
		expect(form.headers.getSetCookie()).toEqual([]);

		// After the window (the failures moved 16 minutes into the past) the right password works again.
		db()
			.update(loginFailures)
			.set({ failedAt: new Date(Date.now() - 16 * 60_000) })
			.run();
		expect((await attempt(' Doelwit@gemeente.test', 'het echte wachtwoord')).status).toBe(200);
	});

	it('answers an unknown account like a known one with a wrong password, in status, message and time', async () => {
		clear();
		await createAccount(db(), SYSTEM, { email: 'bekend@gemeente.test', name: 'Bekend', roles: ['facilitator'] }, 'het echte wachtwoord');
		const timed = async (email: string) => {
			const start = performance.now();
			const response = await attempt(email, 'geraden wachtwoord');
			const ms = performance.now() - start;
			clear();
			return { ms, status: response.status, body: await response.json() };
		};
		await timed('warmup@gemeente.test');
		const known: number[] = [];
		const unknown: number[] = [];
		let knownAnswer: unknown;
		let unknownAnswer: unknown;
		for (let i = 0; i < 6; i++) {
			const k = await timed('bekend@gemeente.test');
			const u = await timed(`onbekend${i}@gemeente.test`);
			known.push(k.ms);
			unknown.push(u.ms);
			knownAnswer = [k.status, k.body];
			unknownAnswer = [u.status, u.body];
		}
		expect(unknownAnswer).toEqual(knownAnswer);
		expect(knownAnswer).toEqual([401, { error: { code: 'login.invalid', message: expect.any(String) } }]);
		const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
		// Both run argon2; without the dummy check an unknown account answers in a few ms.
		expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
		expect(median(unknown)).toBeLessThan(median(known) * 3);
	});

	it('limits one address spraying many accounts, and a forwarded-for header does not get around it', async () => {
		clear();
		for (let i = 0; i < 30; i++) {
			expect((await attempt(`spray${i}@gemeente.test`, 'Welkom01!', { 'x-forwarded-for': `10.0.0.${i}` })).status).toBe(401);
		}
		const blocked = await attempt('nog-een@gemeente.test', 'Welkom01!', { 'x-forwarded-for': '10.9.9.9' });
		expect(blocked.status).toBe(429);
		// The real admin, from this address, waits too: half a minute after the last failure (../unit/accounts.test.ts).
		expect((await attempt(ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(429);
		clear();
		expect((await attempt(ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200);
	});

	it('throttles guessing the short join code per address', async () => {
		clear();
		const world = await liveWorld(db());
		const code = world.session.joinCode!;
		const wrong = (i: number) =>
			(code.startsWith('Z') ? 'A' : 'Z') +
			String(i)
				.padStart(code.length - 1, '0')
				.slice(-(code.length - 1));
		const join = (c: string) =>
			fetch(`${url}/join`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url, 'x-sveltekit-action': 'true' },
				body: new URLSearchParams({ code: c, displayName: 'Raad', perspective: 'client' })
			}).then((r) => r.json() as Promise<{ type: string; status: number }>);
		for (let i = 0; i < 20; i++) expect(await join(wrong(i))).toMatchObject({ type: 'failure', status: 404 });
		const before = db().select({ n: count() }).from(participants).get()!.n;
		// Now even the right code waits from this address (half a minute), on the form and on the page.
		expect(await join(code)).toMatchObject({ type: 'failure', status: 429 });
		const page = await (await fetch(`${url}/join?code=${code}`)).text();
		expect(page).toContain('Op dit netwerk zijn veel verkeerde codes ingevuld.');
		expect(db().select({ n: count() }).from(participants).get()!.n).toBe(before);
		db()
			.update(loginFailures)
			.set({ failedAt: new Date(Date.now() - 16 * 60_000) })
			.run();
		expect(await join(code)).toMatchObject({ type: 'redirect' });
		clear();
	});

	it('keeps a login wait across a server restart (failures are stored in SQLite)', async () => {
		clear();
		await createAccount(
			db(),
			SYSTEM,
			{ email: 'herstart@gemeente.test', name: 'Herstart', roles: ['facilitator'] },
			'het echte wachtwoord'
		);
		for (let i = 0; i < 5; i++) expect((await attempt('herstart@gemeente.test', 'geraden')).status).toBe(401);
		const { dataDir, port } = server;
		await server.close();
		server = await startTestServer({ dataDir, port });
		expect(server.url).toBe(url);
		// The first request may meet a kept-alive connection to the old server: try again once.
		const after = await attempt('herstart@gemeente.test', 'het echte wachtwoord').catch(() =>
			attempt('herstart@gemeente.test', 'het echte wachtwoord')
		);
		expect(after.status).toBe(429);
		// The first wait after five failures from one address (it grows with every further one).
		expect(Number(after.headers.get('retry-after'))).toBeGreaterThan(20);
		expect(Number(after.headers.get('retry-after'))).toBeLessThanOrEqual(30);
		// Said in seconds, as long as it is: not rounded up to "1 minuut".
		const told = (await after.json()).error;
		expect(told.code).toBe('login.throttledSeconds');
		expect(told.message).toBe(nl('login.throttledSeconds', { seconds: Number(after.headers.get('retry-after')) }));
	});
});
