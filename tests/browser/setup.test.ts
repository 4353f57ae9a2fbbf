/**
 * First run without ADMIN_EMAIL/ADMIN_PASSWORD: the one-time set-up link creates the first
 * beheerder in the browser, and works only once. Every page visited is checked with axe-core.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { translate } from '../../src/lib/i18n';
import { startTestServer } from '../helpers/server';
import { clickAndWait, expectNoAxeViolations, launchBrowser, loginWithForm } from '../helpers/browser';


const nl = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('nl', key, params);

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	server = await startTestServer({ admin: false });
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.close();
});
beforeEach(async () => {
	context = await browser.newContext();
	page = await context.newPage();
});
afterEach(async () => {
	await context?.close();
});

const path = () => new URL(page.url()).pathname;
const h1 = () => page.getByRole('heading', { level: 1 }).textContent();

describe('first-run set-up', () => {
	it('prints a set-up link', () => {
		expect(server.setupLink).toMatch(new RegExp(`^${server.url}/setup\\?token=.+`));
	});

	it('is 404 without the token or with a wrong one', async () => {
		const link = new URL(server.setupLink!);
		const wrong = `${server.url}/setup?token=${link.searchParams.get('token')!.slice(0, -2)}xx`;
		for (const url of [`${server.url}/setup`, wrong, `${server.url}/setup?token=`]) {
			const response = await page.goto(url);
			expect(response?.status(), url).toBe(404);
			expect(await h1(), url).toBe(nl('error.notFound.title'));
			expect(await page.getByRole('textbox').count(), url).toBe(0);
		}
		await expectNoAxeViolations(page);
	});

	it('creates the first beheerder with the link, logs in, and the link then stops working', async () => {
		const response = await page.goto(server.setupLink!);
		expect(response?.status()).toBe(200);
		expect(await h1()).toBe(nl('setup.title'));
		await expectNoAxeViolations(page);

		// A password that is too short is refused with an error on the password field.
		await page.getByLabel(nl('setup.name')).fill('Sanne Visser');
		await page.getByLabel(nl('setup.email')).fill('s.visser@gemeente.test');
		await page.getByLabel(nl('setup.password')).fill('te kort');
		await clickAndWait(page, page.getByRole('button', { name: nl('setup.submit') }));
		const alert = page.getByRole('alert');
		expect((await alert.textContent())?.trim()).toBe(nl('error.password.tooShort', { min: 12 }));
		const password = page.getByLabel(nl('setup.password'));
		expect(await password.getAttribute('aria-invalid')).toBe('true');
		expect(await password.getAttribute('aria-describedby')).toContain((await alert.getAttribute('id'))!);
		expect(await page.getByLabel(nl('setup.name')).inputValue()).toBe('Sanne Visser');
		await expectNoAxeViolations(page);

		await password.fill('een goede lange wachtzin');
		await clickAndWait(page, page.getByRole('button', { name: nl('setup.submit') }));
		expect(path()).toBe('/dashboard');
		expect(await page.getByText(nl('dashboard.welcome', { name: 'Sanne Visser' })).isVisible()).toBe(true);
		expect(await page.getByText(nl('dashboard.roles', { roles: nl('role.admin') })).isVisible()).toBe(true);
		await expectNoAxeViolations(page);

		// The same link now gives 404, also for someone who is not logged in.
		const again = await page.goto(server.setupLink!);
		expect(again?.status()).toBe(404);
		const other = await browser.newContext();
		const otherPage = await other.newPage();
		expect((await otherPage.goto(server.setupLink!))?.status()).toBe(404);

		// The new beheerder can log in with the chosen password.
		await loginWithForm(otherPage, server.url, 's.visser@gemeente.test', 'een goede lange wachtzin');
		expect(new URL(otherPage.url()).pathname).toBe('/dashboard');
		await other.close();
	});
});
