/**
 * Single sign-on in the browser (issue 20): the login page with the provider's button, checked
 * with axe; keyboard to the button, through a real OpenID provider's login and consent pages,
 * back into the app, and out at the provider again; and a refusal shown as an alert on the
 * login page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickAndWait, expectNoAxeViolations, useBrowserWorld } from '../helpers/browser';
import { freePort, startProvider, type TestProvider } from '../helpers/oidc-provider';
import type { TestServerOptions } from '../helpers/server';
import { nl } from '../helpers/i18n';

let provider: TestProvider;
// Filled in before the server starts: the provider must know the app's address, and the app the provider's.
const options: TestServerOptions & { env: Record<string, string> } = { env: {} };
beforeAll(async () => {
	options.port = await freePort();
	provider = await startProvider(`http://127.0.0.1:${options.port}`);
	Object.assign(options.env, {
		OIDC_ISSUER: provider.issuer,
		OIDC_CLIENT_ID: provider.clientId,
		OIDC_CLIENT_SECRET: provider.clientSecret,
		OIDC_ROLES_CLAIM: 'groups',
		OIDC_ROLE_MAP: 'kd-gl=gespreksleider',
		OIDC_LABEL: 'Gemeente Testdorp'
	});
});
const world = useBrowserWorld(options);
afterAll(() => provider?.close());

/** Through the provider's own (development) login and consent pages. */
async function atProvider(subject: string): Promise<void> {
	const page = world.page;
	await page.waitForURL((url) => url.origin === provider.issuer);
	await page.locator('input[name="login"]').fill(subject);
	await page.locator('input[name="password"]').fill('wat-dan-ook');
	await clickAndWait(page, page.locator('button[type="submit"]'));
	if (new URL(page.url()).origin === provider.issuer) await clickAndWait(page, page.locator('button[type="submit"]'));
}

describe('single sign-on in the browser', () => {
	it('logs in with the keyboard through the provider, into the dashboard', async () => {
		provider.people.set('sub-gl-1', { email: 'gl@gemeente.test', email_verified: true, name: 'Gerrit Leider', groups: ['kd-gl'] });
		const page = world.page;
		await page.goto(`${world.server.url}/login`);
		const button = page.getByRole('button', { name: nl('login.oidc.button', { label: 'Gemeente Testdorp' }) });
		expect(await button.count()).toBe(1);
		// The password form is still there (PASSWORD_LOGIN is on), below the button.
		expect(await page.getByLabel(nl('login.password')).count()).toBe(1);
		await expectNoAxeViolations(page);
		await button.focus();
		await Promise.all([page.waitForURL((url) => url.origin === provider.issuer), page.keyboard.press('Enter')]);
		await atProvider('sub-gl-1');
		await page.waitForURL((url) => url.origin === world.server.url && url.pathname === '/dashboard');
		expect(await page.locator('body').textContent()).toContain('Gerrit Leider');
		await expectNoAxeViolations(page);
		// Logging out goes on to the provider (the CSP lets the form lead there), which asks to confirm.
		await Promise.all([
			page.waitForURL((url) => url.origin === provider.issuer && url.pathname.startsWith('/session/end')),
			page.getByRole('button', { name: nl('layout.logout') }).click()
		]);
		// (Cookies are per host, not per port: the provider's own are there too.)
		expect((await world.context.cookies(world.server.url)).filter((c) => c.name === 'kd_session')).toEqual([]);
	});

	it('shows a refusal as an alert on the login page', async () => {
		provider.people.set('sub-geen-rol', { email: 'x@gemeente.test', email_verified: true, name: 'X', groups: ['anders'] });
		const page = world.page;
		await page.goto(`${world.server.url}/login`);
		await clickAndWait(page, page.getByRole('button', { name: nl('login.oidc.button', { label: 'Gemeente Testdorp' }) }));
		await atProvider('sub-geen-rol');
		await page.waitForURL((url) => url.origin === world.server.url && url.pathname === '/login');
		expect((await page.getByRole('alert').textContent())?.trim()).toBe(nl('login.oidc.noRole'));
		await expectNoAxeViolations(page);
	});
});
