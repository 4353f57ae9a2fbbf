/**
 * Single sign-on for staff (issue 20): the app's real HTTP server against a real OpenID
 * provider (oidc-provider) on 127.0.0.1, through the whole authorization code flow with PKCE,
 * and the refusals: wrong issuer, wrong audience, expired token (validly signed, wrong claims),
 * replayed state, an unknown person without a mapped role and a disabled account. Each refusal
 * shows a Dutch message on /login and is audited without personal data or tokens.
 */
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '../../src/lib/server/db/schema';
import { translate } from '../../src/lib/i18n';
import { ADMIN_EMAIL, startTestServer } from '../helpers/server';
import { Browser, freePort, startProvider, throughProvider, type TestProvider } from '../helpers/oidc-provider';

let server: Awaited<ReturnType<typeof startTestServer>>;
let provider: TestProvider;
let appUrl: string;

beforeAll(async () => {
	const port = await freePort();
	appUrl = `http://127.0.0.1:${port}`;
	provider = await startProvider(appUrl);
	server = await startTestServer({
		port,
		env: {
			OIDC_ISSUER: provider.issuer,
			OIDC_CLIENT_ID: provider.clientId,
			OIDC_CLIENT_SECRET: provider.clientSecret,
			OIDC_ROLES_CLAIM: 'groups',
			OIDC_ROLE_MAP: 'kd-beheer=beheerder,kd-gespreksleiders=gespreksleider,kd-kwaliteit=kwaliteitsmanager',
			OIDC_LABEL: 'Gemeente Testdorp'
		}
	});
	expect(server.url).toBe(appUrl);
}, 60_000);

afterAll(async () => {
	await server?.close();
	await provider?.close();
});

const db = () => server.runtime.db;

interface Flow {
	browser: Browser;
	/** The callback address the provider sent the browser to. */
	callback: string;
	/** The pending login's cookie, as it was before the callback. */
	oidcCookie: string;
	/** Where the app sent the browser after the callback. */
	location: string;
}

/** Logs in as `login` at the provider, from the button on /login to the app's answer at the callback. */
async function flow(login: string, next = '/account'): Promise<Flow> {
	const browser = new Browser();
	const page = await browser.fetch(`${appUrl}/login?next=${encodeURIComponent(next)}`);
	expect(page.status).toBe(200);
	// Forms may lead to the provider (the button, and logout), and nowhere else.
	expect(page.headers.get('content-security-policy')).toContain(`form-action 'self' ${provider.issuer};`);
	const html = await page.text();
	expect(html).toContain('Inloggen met Gemeente Testdorp');
	const action = /<form method="POST" action="(\/login\/oidc[^"]*)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
	expect(action).toBe(`/login/oidc?next=${encodeURIComponent(next)}`);
	const start = await browser.post(`${appUrl}${action}`, {});
	expect(start.status).toBe(303);
	const authorization = new URL(start.headers.get('location')!);
	expect(authorization.origin).toBe(provider.issuer);
	expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
	expect(authorization.searchParams.get('state')).toBeTruthy();
	expect(authorization.searchParams.get('nonce')).toBeTruthy();
	const oidcCookie = browser.cookie(appUrl, 'kd_oidc')!;
	expect(oidcCookie).toBeTruthy();
	const callback = await throughProvider(browser, authorization.href, appUrl, login);
	expect(callback.startsWith(`${appUrl}/login/oidc/callback?`)).toBe(true);
	const answer = await browser.fetch(callback);
	expect(answer.status).toBe(303);
	return { browser, callback, oidcCookie, location: answer.headers.get('location')! };
}

function lastRefusal() {
	return db().select().from(auditLog).where(eq(auditLog.action, 'account.login-refused')).orderBy(desc(auditLog.id)).limit(1).get();
}

/** The refusal's message is on the login page the app sends the browser to. */
async function expectRefusal(result: Flow, reason: string, message: string) {
	expect(result.location).toBe(`/login?sso=${reason}`);
	expect(result.browser.cookie(appUrl, 'kd_session')).toBeUndefined();
	const page = await result.browser.fetch(`${appUrl}${result.location}`);
	const html = await page.text();
	expect(html).toContain(message);
	expect(html).toContain('role="alert"');
	const entry = lastRefusal()!;
	expect(entry.details).toMatchObject({ method: 'oidc', reason });
	// No personal data, code or token in the audit log.
	const text = JSON.stringify(entry);
	const code = new URL(result.callback).searchParams.get('code')!;
	for (const secret of [code, 'eyJ', '@gemeente.test', 'Testdorp', provider.clientSecret]) expect(text).not.toContain(secret);
	return entry;
}

describe('single sign-on with OpenID Connect', () => {
	it('logs a new person in with PKCE, creates the account from the mapped group and shows it', async () => {
		provider.people.set('sub-anna-0001', {
			email: 'Anna.de.Vries@gemeente.test',
			email_verified: true,
			name: 'Anna de Vries',
			groups: ['kd-gespreksleiders', 'iets-anders']
		});
		const result = await flow('sub-anna-0001', '/account');
		expect(result.location).toBe('/account');
		expect(result.browser.cookie(appUrl, 'kd_oidc')).toBeUndefined();
		const account = await result.browser.fetch(`${appUrl}/account`);
		expect(account.status).toBe(200);
		const html = await account.text();
		expect(html).toContain('Anna de Vries');
		expect(html).toContain('anna.de.vries@gemeente.test');
		// No password of her own: nothing to change or to protect with a second step here.
		expect(html).toContain(translate('nl', 'account.ssoOnly'));
		expect(html).not.toContain(translate('nl', 'account.password.title'));
		expect(html).not.toContain('href="/account/mfa"');

		const user = db().select().from(users).where(eq(users.oidcSubject, 'sub-anna-0001')).get()!;
		expect(user).toMatchObject({ email: 'anna.de.vries@gemeente.test', roles: ['facilitator'], oidcIssuer: provider.issuer });
		const actions = db()
			.select({ action: auditLog.action, details: auditLog.details })
			.from(auditLog)
			.where(and(eq(auditLog.subjectType, 'user'), eq(auditLog.subjectId, user.id)))
			.all();
		expect(actions).toEqual([
			{ action: 'account.create', details: { roles: ['facilitator'], via: 'oidc' } },
			{ action: 'account.login', details: { method: 'oidc' } }
		]);
		// The dashboard is open to the new facilitator.
		expect((await result.browser.fetch(`${appUrl}/dashboard`)).status).toBe(200);
	});

	it('follows the groups at every login: roles updated and audited', async () => {
		provider.people.set('sub-anna-0001', { ...provider.people.get('sub-anna-0001'), groups: ['kd-kwaliteit'] });
		const result = await flow('sub-anna-0001', '/dashboard');
		expect(result.location).toBe('/dashboard');
		const user = db().select().from(users).where(eq(users.oidcSubject, 'sub-anna-0001')).get()!;
		expect(user.roles).toEqual(['quality_manager']);
		const change = db().select().from(auditLog).where(eq(auditLog.action, 'account.roles-from-provider')).orderBy(desc(auditLog.id)).get();
		expect(change).toMatchObject({ subjectId: user.id, details: { before: ['facilitator'], after: ['quality_manager'] } });
	});

	it('logs out at the provider too, with the ID token as hint', async () => {
		const { browser } = await flow('sub-anna-0001');
		const logout = await browser.post(`${appUrl}/logout`, {});
		expect(logout.status).toBe(303);
		const target = new URL(logout.headers.get('location')!);
		expect(target.origin).toBe(provider.issuer);
		expect(target.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
		expect(target.searchParams.get('post_logout_redirect_uri')).toBe(`${appUrl}/`);
		// The provider accepts the hint (it asks to confirm the logout) and the app's login is gone.
		const confirm = await browser.fetch(target.href);
		expect(confirm.status).toBe(200);
		expect((await browser.fetch(`${appUrl}/account`)).status).toBe(303);
	});

	it('refuses a replayed state, and a callback without the browser that started it', async () => {
		const result = await flow('sub-anna-0001');
		expect(result.location).toBe('/account');
		const replay = new Browser();
		const again = await replay.fetch(result.callback, { headers: { cookie: `kd_oidc=${result.oidcCookie}` } });
		expect(again.headers.get('location')).toBe('/login?sso=state');
		expect(lastRefusal()!.details).toEqual({ method: 'oidc', reason: 'state' });
		const stranger = await new Browser().fetch(result.callback);
		expect(stranger.headers.get('location')).toBe('/login?sso=state');
	});

	it.each([
		['a wrong issuer', 'iss', (c: Record<string, unknown>) => ({ ...c, iss: 'http://127.0.0.1:1' })],
		['a wrong audience (client id)', 'aud', (c: Record<string, unknown>) => ({ ...c, aud: 'een-andere-app' })],
		[
			'an expired token',
			'exp',
			(c: Record<string, unknown>) => ({ ...c, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })
		]
	])('refuses %s in a validly signed ID token', async (_name, claim, change) => {
		provider.tamper = change;
		try {
			const result = await flow('sub-anna-0001');
			const entry = await expectRefusal(result, 'token', 'Het antwoord van uw organisatie kon niet worden gecontroleerd.');
			expect(entry.details, JSON.stringify(entry.details)).toMatchObject({ check: claim });
		} finally {
			provider.tamper = null;
		}
	});

	it('refuses an unknown person whose groups map to no role, and makes no account', async () => {
		provider.people.set('sub-bert-0002', { email: 'bert@gemeente.test', email_verified: true, name: 'Bert', groups: ['kd-anders'] });
		const before = db().select().from(users).all().length;
		await expectRefusal(await flow('sub-bert-0002'), 'noRole', 'U heeft (nog) geen toegang tot Kwaliteitsdialoog.');
		expect(db().select().from(users).all().length).toBe(before);
	});

	it('refuses a disabled account', async () => {
		const anna = db().select().from(users).where(eq(users.oidcSubject, 'sub-anna-0001')).get()!;
		db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, anna.id)).run();
		try {
			const entry = await expectRefusal(await flow('sub-anna-0001'), 'disabled', 'Uw account staat uit.');
			expect(entry.subjectId).toBe(anna.id);
		} finally {
			db().update(users).set({ disabledAt: null }).where(eq(users.id, anna.id)).run();
		}
	});

	it('links an existing account by e-mail only when the provider verified the address', async () => {
		provider.people.set('sub-beheer-unverified', { email: ADMIN_EMAIL, email_verified: false, name: 'Beheer', groups: ['kd-beheer'] });
		await expectRefusal(await flow('sub-beheer-unverified'), 'emailTaken', 'Er is al een account met uw e-mailadres');
		provider.people.set('sub-beheer-0003', { email: ADMIN_EMAIL, email_verified: true, name: 'Beheer', groups: ['kd-beheer'] });
		const result = await flow('sub-beheer-0003');
		expect(result.location).toBe('/account');
		const admin = db().select().from(users).where(eq(users.email, ADMIN_EMAIL)).get()!;
		expect(admin).toMatchObject({ oidcSubject: 'sub-beheer-0003', oidcIssuer: provider.issuer, roles: ['admin'] });
		// A linked account keeps its own password, so its page still offers to change it.
		const page = await (await result.browser.fetch(`${appUrl}/account`)).text();
		expect(page).toContain(translate('nl', 'account.password.title'));
		expect(page).not.toContain(translate('nl', 'account.ssoOnly'));
	});

	it('lets a beheerder end a link: the person is logged out at once and links again by verified e-mail', async () => {
		const anna = db().select().from(users).where(eq(users.oidcSubject, 'sub-anna-0001')).get()!;
		const annaLogin = await flow('sub-anna-0001');
		expect((await annaLogin.browser.fetch(`${appUrl}/account`)).status).toBe(200);
		const admin = (await flow('sub-beheer-0003')).browser;
		const page = await (await admin.fetch(`${appUrl}/admin/accounts/${anna.id}`)).text();
		expect(page).toContain(translate('nl', 'oidc.admin.linked', { issuer: provider.issuer }));

		const answer = await admin.post(`${appUrl}/admin/accounts/${anna.id}?/sso`, {});
		expect(answer.status).toBe(200);
		expect(await answer.text()).toContain(translate('nl', 'oidc.admin.unlinked'));
		expect(db().select().from(users).where(eq(users.id, anna.id)).get()).toMatchObject({ oidcSubject: null, oidcIssuer: null });
		const entry = db().select().from(auditLog).where(eq(auditLog.action, 'account.oidc-unlink')).get()!;
		expect(entry).toMatchObject({ subjectId: anna.id, details: { issuer: provider.issuer } });
		expect(JSON.stringify(entry)).not.toContain('sub-anna');
		// Logged out everywhere at once.
		const after = await annaLogin.browser.fetch(`${appUrl}/account`);
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toContain('/login');
		// Ending a link that is not there: refused with a message, nothing changes.
		const again = await admin.post(`${appUrl}/admin/accounts/${anna.id}?/sso`, {});
		expect(again.status).toBe(409);
		expect(await again.text()).toContain(translate('nl', 'oidc.error.notLinked'));
		// The next login through the provider links the same account again (verified e-mail).
		const relinked = await flow('sub-anna-0001');
		expect(relinked.location).toBe('/account');
		expect(db().select().from(users).where(eq(users.id, anna.id)).get()).toMatchObject({ oidcSubject: 'sub-anna-0001' });
		expect(
			db()
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.action, 'account.oidc-link'), eq(auditLog.subjectId, anna.id)))
				.get()
		).toBeTruthy();
	});

	it('says on the login page when the provider cannot be reached', async () => {
		const page = await new Browser().fetch(`${appUrl}/login?sso=unavailable`);
		expect(await page.text()).toContain('Inloggen via uw organisatie lukt nu niet.');
		const unknown = await new Browser().fetch(`${appUrl}/login?sso=<script>`);
		expect(await unknown.text()).not.toContain('role="alert"');
	});
});
