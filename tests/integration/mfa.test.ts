/**
 * MFA for password accounts (issue 20) through the real HTTP server: a beheerder must set it
 * up before anything else, login with a code as a second step, wrong codes refused with a
 * Dutch message and throttled, recovery codes, the JSON login, and the beheerder's reset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { createAccount, updateAccount } from '../../src/lib/server/auth/accounts';
import { confirmEnrolment, FREE_CODE_FAILURES, mfaStatus, startEnrolment, timeStep } from '../../src/lib/server/auth/mfa';
import { createSession } from '../../src/lib/server/auth/sessions';
import { auditLog, mfaCredentials, users } from '../../src/lib/server/db/schema';
import { SYSTEM } from '../../src/lib/server/audit';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer } from '../helpers/server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server?.close());

const PASSWORD = 'een goed lang wachtwoord';
const db = () => server.runtime.db;

/** The app's code for a step relative to now (0: now, 1: the next 30 seconds). */
function code(secret: Uint8Array, stepsAhead = 0): string {
	return generateHOTP(secret, BigInt(timeStep(Date.now()) + stepsAhead), 6);
}

function cookieOf(response: Response, name: string): string | null {
	const c = response.headers.getSetCookie().find((v) => v.startsWith(`${name}=`) && !v.startsWith(`${name}=;`));
	return c ? c.split(';')[0]! : null;
}

async function post(path: string, fields: Record<string, string>, cookie = ''): Promise<Response> {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, accept: 'text/html', cookie },
		body: new URLSearchParams(fields),
		redirect: 'manual'
	});
}

const get = (path: string, cookie = '') => fetch(`${server.url}${path}`, { headers: { cookie }, redirect: 'manual' });

/** A staff account with MFA on, set up a few minutes ago (so the codes of now are unused). */
async function withMfa(roles: ('facilitator' | 'admin')[] = ['facilitator']) {
	const email = `m${crypto.randomUUID().slice(0, 6)}@gemeente.test`;
	const user = await createAccount(db(), SYSTEM, { email, name: 'Mo', roles }, PASSWORD);
	await startEnrolment(db(), user.id);
	const secret = new Uint8Array(db().select().from(mfaCredentials).where(eq(mfaCredentials.userId, user.id)).get()!.secret);
	const earlier = Date.now() - 5 * 60_000;
	const codes = confirmEnrolment(db(), user.id, generateHOTP(secret, BigInt(timeStep(earlier)), 6), earlier);
	return { user, email, secret, codes };
}

/** The first step: the password. Returns the pending-login cookie. */
async function password(email: string): Promise<string> {
	const response = await post('/login', { email, password: PASSWORD, next: '/sessions' });
	expect(response.status).toBe(303);
	expect(response.headers.get('location')).toBe('/login/code?next=%2Fsessions');
	// No session yet: the login is not complete.
	expect(cookieOf(response, 'kd_session')).toBeNull();
	const pending = response.headers.getSetCookie().find((c) => c.startsWith('kd_mfa='))!;
	expect(pending).toMatch(/HttpOnly/i);
	expect(pending).toMatch(/Path=\/login/);
	expect(pending).toMatch(/Max-Age=300/);
	return pending.split(';')[0]!;
}

function auditsOf(userId: number, action: string) {
	return db()
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.subjectId, userId), eq(auditLog.action, action)))
		.all();
}

describe('a beheerder without MFA', () => {
	it('is sent to set it up after the password, can do nothing else, and is in after the first code', async () => {
		const login = await post('/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
		expect(login.status).toBe(303);
		expect(login.headers.get('location')).toBe('/account/mfa');
		const cookie = cookieOf(login, 'kd_session')!;

		for (const page of ['/dashboard', '/admin/accounts', '/account']) {
			const response = await get(page, cookie);
			expect(response.status, page).toBe(303);
			expect(response.headers.get('location'), page).toBe('/account/mfa');
		}
		const api = await fetch(`${server.url}/api/frameworks`, { headers: { cookie } });
		expect(api.status).toBe(403);
		expect((await api.json()).error.message).toBe('Stel eerst tweestapsverificatie in op de pagina Mijn account.');

		const page = await get('/account/mfa', cookie);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('<svg');
		expect(html).toContain('autocomplete="one-time-code"');
		expect(html).toContain('inputmode="numeric"');
		const secret = decodeBase32IgnorePadding(/data-testid="mfa-secret">([A-Z2-7 ]+)</.exec(html)![1]!.replace(/ /g, ''));

		const wrong = await post('/account/mfa?/confirm', { code: code(secret) === '000000' ? '111111' : '000000' }, cookie);
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('Deze code klopt niet.');
		expect((await get('/dashboard', cookie)).status).toBe(303);

		const confirmed = await post('/account/mfa?/confirm', { code: code(secret) }, cookie);
		expect(confirmed.status).toBe(200);
		const codes = (await confirmed.text()).match(/[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}/g) ?? [];
		expect(new Set(codes).size).toBe(10);
		expect((await get('/dashboard', cookie)).status).toBe(200);
		const admin = db().select().from(users).where(eq(users.email, ADMIN_EMAIL)).get()!;
		expect(mfaStatus(db(), admin.id)).toBe('on');
		expect(auditsOf(admin.id, 'account.mfa-enable')).toHaveLength(1);
	});

	it('is what a logged-in staff member becomes when made beheerder: from the next request on, only setting MFA up', async () => {
		const email = `p${crypto.randomUUID().slice(0, 6)}@gemeente.test`;
		const user = await createAccount(db(), SYSTEM, { email, name: 'Pim', roles: ['facilitator'] }, PASSWORD);
		const login = await post('/login', { email, password: PASSWORD, next: '/sessions' });
		expect(login.headers.get('location')).toBe('/sessions');
		const cookie = cookieOf(login, 'kd_session')!;
		expect((await get('/sessions', cookie)).status).toBe(200);
		expect((await get('/admin/accounts', cookie)).status).toBe(403);

		updateAccount(db(), SYSTEM, user.id, { email, name: 'Pim', roles: ['facilitator', 'admin'] }, 'beheerder');
		for (const page of ['/admin/accounts', '/sessions']) {
			const response = await get(page, cookie);
			expect(response.status, page).toBe(303);
			expect(response.headers.get('location'), page).toBe('/account/mfa');
		}
		// A beheerder's action from the open login is refused too.
		const other = await createAccount(db(), SYSTEM, { email: `o${email}`, name: 'Olga', roles: ['facilitator'] }, PASSWORD);
		const disable = await post(`/admin/accounts/${other.id}?/status`, { disabled: 'true' }, cookie);
		expect(disable.status).toBe(303);
		expect(disable.headers.get('location')).toBe('/account/mfa');
		expect(db().select().from(users).where(eq(users.id, other.id)).get()!.disabledAt).toBeNull();
		expect((await get('/account/mfa', cookie)).status).toBe(200);
	});
});

describe('login with MFA', () => {
	it('needs the code as a second step; a wrong code is refused in Dutch and audited without the code; a code works once', async () => {
		const { user, email, secret } = await withMfa();
		const pending = await password(email);
		expect((await get('/login/code', pending)).status).toBe(200);
		// Without the pending login the second step sends back to the password.
		expect((await get('/login/code')).headers.get('location')).toBe('/login?next=%2Fdashboard');

		const wrongCode = code(secret) === '123456' ? '654321' : '123456';
		const wrong = await post('/login/code', { code: wrongCode, next: '/sessions' }, pending);
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('Deze code klopt niet.');
		expect(cookieOf(wrong, 'kd_session')).toBeNull();
		const refused = auditsOf(user.id, 'account.mfa-code-wrong');
		expect(refused).toHaveLength(1);
		expect(JSON.stringify(refused)).not.toContain(wrongCode);

		const good = code(secret);
		const ok = await post('/login/code', { code: good, next: '/sessions' }, pending);
		expect(ok.status).toBe(303);
		expect(ok.headers.get('location')).toBe('/sessions');
		const session = cookieOf(ok, 'kd_session')!;
		expect((await get('/sessions', session)).status).toBe(200);

		// The pending login was used up, and the same code does not work for a new login.
		const used = await post('/login/code', { code: good }, pending);
		expect(used.status).toBe(400);
		expect(await used.text()).toContain('Het inloggen duurde te lang. Log opnieuw in met uw e-mailadres en wachtwoord.');
		const again = await password(email);
		const replay = await post('/login/code', { code: good }, again);
		expect(replay.status).toBe(400);
		expect(cookieOf(replay, 'kd_session')).toBeNull();
	});

	it('throttles wrong codes per account; another account logs in as usual', async () => {
		const target = await withMfa();
		const other = await withMfa();
		const pending = await password(target.email);
		for (let i = 0; i < FREE_CODE_FAILURES; i++) expect((await post('/login/code', { code: '000001' }, pending)).status).toBe(400);
		const throttled = await post('/login/code', { code: code(target.secret) }, pending);
		expect(throttled.status).toBe(429);
		// The first wait is half a minute, said in seconds (it said "1 minuut").
		expect(await throttled.text()).toMatch(/Te veel verkeerde codes\. Probeer het over (2\d|30) seconden opnieuw\./);
		expect(cookieOf(throttled, 'kd_session')).toBeNull();

		const otherPending = await password(other.email);
		expect((await post('/login/code', { code: code(other.secret) }, otherPending)).status).toBe(303);
	});

	it('accepts a recovery code once instead of the app', async () => {
		const { email, codes } = await withMfa();
		const pending = await password(email);
		const ok = await post('/login/code', { code: codes[0]! }, pending);
		expect(ok.status).toBe(303);
		expect(ok.headers.get('location')).toBe('/account/mfa?recovery=used');
		const page = await (await get('/account/mfa?recovery=used', cookieOf(ok, 'kd_session')!)).text();
		expect(page).toContain('U heeft nog 9 herstelcodes.');
		const again = await password(email);
		expect((await post('/login/code', { code: codes[0]! }, again)).status).toBe(400);
	});

	it('over the JSON API asks for the code, and accepts it', async () => {
		const { email, secret } = await withMfa();
		const call = (body: object) =>
			fetch(`${server.url}/api/session`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: server.url },
				body: JSON.stringify({ email, password: PASSWORD, ...body })
			});
		const missing = await call({});
		expect(missing.status).toBe(401);
		expect((await missing.json()).error.code).toBe('mfa.error.codeMissing');
		expect(cookieOf(missing, 'kd_session')).toBeNull();
		const wrong = await call({ code: '000002' });
		expect(wrong.status).toBe(401);
		expect((await wrong.json()).error.code).toBe('mfa.error.codeWrong');
		const ok = await call({ code: code(secret) });
		expect(ok.status).toBe(200);
		expect((await ok.json()).user.mfaEnrolmentRequired).toBe(false);
		expect(cookieOf(ok, 'kd_session')).not.toBeNull();
	});
});

describe('the beheerder’s reset', () => {
	it('switches MFA off for someone who lost their device, is audited and logs them out everywhere', async () => {
		const { user, email, secret } = await withMfa();
		const pending = await password(email);
		const theirs = cookieOf(await post('/login/code', { code: code(secret) }, pending), 'kd_session')!;
		expect((await fetch(`${server.url}/api/me`, { headers: { cookie: theirs } })).status).toBe(200);

		const admin = db().select().from(users).where(eq(users.email, ADMIN_EMAIL)).get()!;
		const adminCookie = `kd_session=${createSession(db(), admin.id, 1).token}`;
		const page = await (await get(`/admin/accounts/${user.id}`, adminCookie)).text();
		expect(page).toContain('Deze medewerker gebruikt tweestapsverificatie.');
		const reset = await post(`/admin/accounts/${user.id}?/mfa`, {}, adminCookie);
		expect(reset.status).toBe(200);
		expect(await reset.text()).toContain('Tweestapsverificatie is uitgezet. De medewerker is overal uitgelogd.');

		expect(mfaStatus(db(), user.id)).toBe('off');
		expect((await fetch(`${server.url}/api/me`, { headers: { cookie: theirs } })).status).toBe(401);
		expect(auditsOf(user.id, 'account.mfa-reset')).toMatchObject([{ actorId: admin.id }]);
		// Next login: the password alone is enough again (a facilitator, MFA_REQUIRED=beheerder).
		const login = await post('/login', { email, password: PASSWORD });
		expect(login.headers.get('location')).toBe('/dashboard');
	});
});

describe('MFA_REQUIRED=all', () => {
	it('sends every staff member without MFA to set it up', async () => {
		const strict = await startTestServer({ env: { MFA_REQUIRED: 'all' } });
		try {
			await createAccount(strict.runtime.db, SYSTEM, { email: 'f@gemeente.test', name: 'Fee', roles: ['facilitator'] }, PASSWORD);
			const response = await fetch(`${strict.url}/api/session`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: strict.url },
				body: JSON.stringify({ email: 'f@gemeente.test', password: PASSWORD })
			});
			expect(response.status).toBe(200);
			expect((await response.json()).user.mfaEnrolmentRequired).toBe(true);
			const cookie = cookieOf(response, 'kd_session')!;
			const sessions = await fetch(`${strict.url}/sessions`, { headers: { cookie }, redirect: 'manual' });
			expect(sessions.headers.get('location')).toBe('/account/mfa');
		} finally {
			await strict.close();
		}
	});
});
