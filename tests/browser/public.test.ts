/**
 * Public pages in a real browser: home page, language switch, login, keyboard access.
 * Every page visited is checked with axe-core (WCAG 2.1 A/AA).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { translate } from '../../src/lib/i18n';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer } from '../helpers/server';
import { clickAndWait, expectNoAxeViolations, launchBrowser, loginWithForm } from '../helpers/browser';


const nl = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('nl', key, params);
const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('en', key, params);

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	server = await startTestServer();
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

const lang = () => page.locator('html').getAttribute('lang');

describe('home page', () => {
	it('shows the introduction in Dutch, with landmarks, and passes axe', async () => {
		const response = await page.goto(server.url);
		expect(response?.status()).toBe(200);
		expect(await lang()).toBe('nl');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(nl('home.title'));
		expect(await page.getByText(nl('home.steps.title')).isVisible()).toBe(true);
		expect(await page.getByRole('banner').count()).toBe(1);
		expect(await page.getByRole('main').count()).toBe(1);
		expect(await page.getByRole('contentinfo').count()).toBe(1);
		expect(await page.getByRole('navigation', { name: nl('layout.nav') }).count()).toBe(1);
		await expectNoAxeViolations(page);
	});
});

describe('language', () => {
	it('switches to English and back; the html lang attribute follows', async () => {
		await page.goto(server.url);
		await clickAndWait(page, page.getByRole('button', { name: nl('layout.switchLanguage') }));
		expect(new URL(page.url()).pathname).toBe('/');
		expect(await lang()).toBe('en');
		expect(await page.getByRole('heading', { name: en('home.steps.title') }).isVisible()).toBe(true);
		expect(await page.getByRole('navigation').getByRole('link', { name: en('layout.login') }).isVisible()).toBe(true);
		await expectNoAxeViolations(page);

		// The choice is remembered on other pages.
		await page.goto(`${server.url}/login`);
		expect(await lang()).toBe('en');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(en('login.title'));
		await expectNoAxeViolations(page);

		await clickAndWait(page, page.getByRole('button', { name: en('layout.switchLanguage') }));
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(await lang()).toBe('nl');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(nl('login.title'));
	});
});

describe('login', () => {
	it('shows an error linked to the fields when the password is wrong', async () => {
		await loginWithForm(page, server.url, ADMIN_EMAIL, 'dit is niet het goede wachtwoord');
		expect(new URL(page.url()).pathname).toBe('/login');
		const alert = page.getByRole('alert');
		expect((await alert.textContent())?.trim()).toBe(nl('login.invalid'));
		const alertId = await alert.getAttribute('id');
		expect(alertId).toBeTruthy();
		const email = page.getByLabel(nl('login.email'));
		expect(await email.getAttribute('aria-invalid')).toBe('true');
		expect(await email.getAttribute('aria-describedby')).toContain(alertId);
		expect(await email.inputValue()).toBe(ADMIN_EMAIL);
		// Still not logged in.
		expect(await page.getByRole('button', { name: nl('layout.logout') }).count()).toBe(0);
		await expectNoAxeViolations(page);
	});

	it('logs in and lands on the dashboard', async () => {
		await loginWithForm(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
		expect(new URL(page.url()).pathname).toBe('/dashboard');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(nl('dashboard.title'));
		expect(await page.getByText(nl('dashboard.welcome', { name: 'Beheerder' })).isVisible()).toBe(true);
		expect(await page.getByRole('button', { name: nl('layout.logout') }).isVisible()).toBe(true);
		await expectNoAxeViolations(page);

		await clickAndWait(page, page.getByRole('button', { name: nl('layout.logout') }));
		await page.goto(`${server.url}/dashboard`);
		expect(new URL(page.url()).pathname).toBe('/login');
	});

	it('sends a visitor who is not logged in to the login page, and back afterwards', async () => {
		await page.goto(`${server.url}/account`);
		expect(new URL(page.url()).pathname).toBe('/login');
		await page.getByLabel(nl('login.email')).fill(ADMIN_EMAIL);
		await page.getByLabel(nl('login.password')).fill(ADMIN_PASSWORD);
		await page.locator('main').getByRole('button', { name: nl('login.submit') }).click();
		await page.waitForURL((url) => url.pathname !== '/login', { timeout: 10_000 }).catch(async () => {
			const alert = await page.getByRole('alert').allTextContents();
			throw new Error(`still on the login page; alert: ${JSON.stringify(alert)}`);
		});
		expect(new URL(page.url()).pathname).toBe('/account');
	});
});

describe('keyboard', () => {
	it('Tab from the top of the page focuses the skip link first; Enter moves focus to main', async () => {
		await page.goto(server.url);
		await page.keyboard.press('Tab');
		const focused = page.locator(':focus');
		expect(await focused.textContent()).toBe(nl('layout.skip'));
		expect(await focused.getAttribute('href')).toBe('#inhoud');
		// The skip link becomes visible when it has focus.
		const box = await focused.boundingBox();
		expect(box && box.width > 10 && box.height > 10).toBe(true);
		expect(await focused.isVisible()).toBe(true);

		await page.keyboard.press('Enter');
		await page.waitForFunction(() => document.activeElement?.id === 'inhoud');
		expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');

		// The next Tab continues inside the main content, not in the header.
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
	});

	it('shows a visible focus indicator on links and form fields', async () => {
		await page.goto(`${server.url}/login`);
		await page.getByLabel(nl('login.email')).focus();
		await page.keyboard.press('Tab');
		const outline = await page.evaluate(() => {
			const style = getComputedStyle(document.activeElement as Element);
			return { id: document.activeElement?.id, width: parseFloat(style.outlineWidth), style: style.outlineStyle };
		});
		expect(outline.id).toBe('password');
		expect(outline.style).not.toBe('none');
		expect(outline.width).toBeGreaterThanOrEqual(2);
	});
});
