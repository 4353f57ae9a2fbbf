/**
 * Single sign-on with private_key_jwt instead of a client secret (OIDC_PRIVATE_KEY_FILE), and
 * with the roles kept in the app (no OIDC_ROLES_CLAIM): an unknown person gets no account, an
 * existing account is linked by its verified e-mail address and keeps the roles the app gave
 * it, whatever groups the provider sends.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/lib/server/db/schema';
import { ADMIN_EMAIL, startTestServer, tempDataDir } from '../helpers/server';
import { Browser, freePort, startProvider, throughProvider, type TestProvider } from '../helpers/oidc-provider';

let server: Awaited<ReturnType<typeof startTestServer>>;
let provider: TestProvider;
let appUrl: string;

beforeAll(async () => {
	const port = await freePort();
	appUrl = `http://127.0.0.1:${port}`;
	const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	const dataDir = tempDataDir();
	const keyFile = path.join(dataDir, 'oidc-key.pem');
	fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
	provider = await startProvider(appUrl, { clientKey: publicKey });
	server = await startTestServer({
		port,
		dataDir,
		env: { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_PRIVATE_KEY_FILE: keyFile }
	});
}, 60_000);

afterAll(async () => {
	await server?.close();
	await provider?.close();
});

async function login(subject: string): Promise<{ browser: Browser; location: string }> {
	const browser = new Browser();
	const start = await browser.post(`${appUrl}/login/oidc`, { next: '/dashboard' });
	expect(start.status).toBe(303);
	const callback = await throughProvider(browser, start.headers.get('location')!, appUrl, subject);
	const answer = await browser.fetch(callback);
	expect(answer.status).toBe(303);
	return { browser, location: answer.headers.get('location')! };
}

describe('single sign-on with private_key_jwt, roles kept in the app', () => {
	it('shows the default button text next to the password form', async () => {
		const html = await (await new Browser().fetch(`${appUrl}/login`)).text();
		expect(html).toContain('Inloggen met uw organisatieaccount');
		expect(html).toContain('type="password"');
	});

	it('gives an unknown person no account', async () => {
		provider.people.set('sub-onbekend', { email: 'nieuw@gemeente.test', email_verified: true, name: 'Nieuw', groups: ['kd-beheer'] });
		const { location } = await login('sub-onbekend');
		expect(location).toBe('/login?sso=noRole');
		expect(server.runtime.db.select().from(users).where(eq(users.email, 'nieuw@gemeente.test')).get()).toBeUndefined();
	});

	it('links the existing account by verified e-mail and keeps its roles', async () => {
		provider.people.set('sub-beheer', { email: ADMIN_EMAIL, email_verified: true, name: 'Beheer', groups: ['iets'] });
		const { browser, location } = await login('sub-beheer');
		expect(location).toBe('/dashboard');
		expect((await browser.fetch(`${appUrl}/admin/accounts`)).status).toBe(200);
		const admin = server.runtime.db.select().from(users).where(eq(users.email, ADMIN_EMAIL)).get()!;
		expect(admin).toMatchObject({ oidcSubject: 'sub-beheer', roles: ['admin'] });
		// The second time by subject alone, even with another e-mail address at the provider.
		provider.people.set('sub-beheer', { email: 'ander@gemeente.test', email_verified: true, name: 'Beheer' });
		expect((await login('sub-beheer')).location).toBe('/dashboard');
	});
});
