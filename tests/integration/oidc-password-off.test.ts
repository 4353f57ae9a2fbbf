/**
 * PASSWORD_LOGIN=off (issue 20): with single sign-on configured, /login offers only the
 * provider's button and both password logins (the form and the API) are refused. The provider
 * here cannot be reached, so starting a login says so on the login page.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/lib/server/db/schema';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer } from '../helpers/server';
import { Browser, freePort } from '../helpers/oidc-provider';

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
	const closedPort = await freePort();
	server = await startTestServer({
		env: {
			OIDC_ISSUER: `http://127.0.0.1:${closedPort}`,
			OIDC_CLIENT_ID: 'kwaliteitsdialoog',
			OIDC_CLIENT_SECRET: 'een-geheim-voor-de-test',
			PASSWORD_LOGIN: 'off'
		}
	});
}, 60_000);
afterAll(() => server?.close());

describe('password login switched off', () => {
	it('shows only the single sign-on button', async () => {
		const html = await (await fetch(`${server.url}/login`)).text();
		expect(html).toContain('Inloggen met uw organisatieaccount');
		expect(html).not.toContain('type="password"');
	});

	it('refuses the password form and the API login', async () => {
		const browser = new Browser();
		const form = await browser.fetch(`${server.url}/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
			body: new URLSearchParams({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).toString()
		});
		expect(form.status).toBe(403);
		expect(await form.text()).toContain('Inloggen met een wachtwoord staat uit.');
		expect(browser.cookie(server.url, 'kd_session')).toBeUndefined();
		const api = await fetch(`${server.url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
		});
		expect(api.status).toBe(403);
		expect(api.headers.getSetCookie()).toEqual([]);
	});

	it('says so on the login page when the provider cannot be reached, and audits it', async () => {
		const browser = new Browser();
		const start = await browser.post(`${server.url}/login/oidc`, { next: '/dashboard' });
		expect(start.status).toBe(303);
		expect(start.headers.get('location')).toBe('/login?sso=unavailable');
		const html = await (await browser.fetch(`${server.url}/login?sso=unavailable`)).text();
		expect(html).toContain('Inloggen via uw organisatie lukt nu niet.');
		const refused = server.runtime.db.select().from(auditLog).where(eq(auditLog.action, 'account.login-refused')).all();
		expect(refused.map((r) => r.details)).toEqual([{ method: 'oidc', reason: 'unavailable' }]);
	});
});
