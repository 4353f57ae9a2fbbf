/**
 * Public pages in a real browser: home page, language switch, login, keyboard access.
 * Every page visited is checked with axe-core (WCAG 2.1 A/AA and best practices).
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/lib/i18n';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/server';
import { clickAndWait, expectNoAxeViolations, loginWithForm, useBrowserWorld } from '../helpers/browser';
import { nl } from '../helpers/i18n';

const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('en', key, params);

const world = useBrowserWorld();

const lang = () => world.page.locator('html').getAttribute('lang');

describe('home page', () => {
	it('shows the introduction in Dutch, with landmarks, and passes axe', async () => {
		const response = await world.page.goto(world.server.url);
		expect(response?.status()).toBe(200);
		expect(await lang()).toBe('nl');
		expect(await world.page.getByRole('heading', { level: 1 }).textContent()).toBe(nl('home.title'));
		expect(await world.page.getByText(nl('home.steps.title')).isVisible()).toBe(true);
		expect(await world.page.getByRole('banner').count()).toBe(1);
		expect(await world.page.getByRole('main').count()).toBe(1);
		expect(await world.page.getByRole('contentinfo').count()).toBe(1);
		expect(await world.page.getByRole('navigation', { name: nl('layout.nav') }).count()).toBe(1);
		await expectNoAxeViolations(world.page);
	});
});

describe('language', () => {
	it('switches to English and back; the html lang attribute follows', async () => {
		await world.page.goto(world.server.url);
		await clickAndWait(world.page, world.page.getByRole('button', { name: nl('layout.switchLanguage') }));
		expect(new URL(world.page.url()).pathname).toBe('/');
		expect(await lang()).toBe('en');
		expect(await world.page.getByRole('heading', { name: en('home.steps.title') }).isVisible()).toBe(true);
		expect(
			await world.page
				.getByRole('navigation')
				.getByRole('link', { name: en('layout.login') })
				.isVisible()
		).toBe(true);
		await expectNoAxeViolations(world.page);

		// The choice is remembered on other pages.
		await world.page.goto(`${world.server.url}/login`);
		expect(await lang()).toBe('en');
		expect(await world.page.getByRole('heading', { level: 1 }).textContent()).toBe(en('login.title'));
		await expectNoAxeViolations(world.page);

		await clickAndWait(world.page, world.page.getByRole('button', { name: en('layout.switchLanguage') }));
		expect(new URL(world.page.url()).pathname).toBe('/login');
		expect(await lang()).toBe('nl');
		expect(await world.page.getByRole('heading', { level: 1 }).textContent()).toBe(nl('login.title'));
	});
});

describe('login', () => {
	it('shows an error linked to the fields when the password is wrong', async () => {
		await loginWithForm(world.page, world.server.url, ADMIN_EMAIL, 'dit is niet het goede wachtwoord');
		expect(new URL(world.page.url()).pathname).toBe('/login');
		const alert = world.page.getByRole('alert');
		expect((await alert.textContent())?.trim()).toBe(nl('login.invalid'));
		const alertId = await alert.getAttribute('id');
		expect(alertId).toBeTruthy();
		const email = world.page.getByLabel(nl('login.email'));
		expect(await email.getAttribute('aria-invalid')).toBe('true');
		expect(await email.getAttribute('aria-describedby')).toContain(alertId);
		expect(await email.inputValue()).toBe(ADMIN_EMAIL);
		// Still not logged in.
		expect(await world.page.getByRole('button', { name: nl('layout.logout') }).count()).toBe(0);
		await expectNoAxeViolations(world.page);
	});

	it('logs in and lands on the dashboard', async () => {
		await loginWithForm(world.page, world.server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
		expect(new URL(world.page.url()).pathname).toBe('/dashboard');
		expect(await world.page.getByRole('heading', { level: 1 }).textContent()).toBe(nl('dashboard.title'));
		expect(await world.page.getByText(nl('dashboard.welcome', { name: 'Beheerder' })).isVisible()).toBe(true);
		expect(await world.page.getByRole('button', { name: nl('layout.logout') }).isVisible()).toBe(true);
		await expectNoAxeViolations(world.page);

		// The home page knows them: no "Inloggen" for someone logged in, but the way back.
		await world.page.goto(world.server.url);
		const staff = world.page.getByRole('region', { name: nl('home.staff.title') });
		expect(await staff.getByText(nl('home.staff.signedIn', { name: 'Beheerder' })).isVisible()).toBe(true);
		expect(await staff.getByRole('link', { name: nl('layout.login') }).count()).toBe(0);
		await clickAndWait(world.page, staff.getByRole('link', { name: nl('home.staff.dashboard') }));
		expect(new URL(world.page.url()).pathname).toBe('/dashboard');

		await clickAndWait(world.page, world.page.getByRole('button', { name: nl('layout.logout') }));
		await world.page.goto(world.server.url);
		expect(
			await world.page
				.getByRole('region', { name: nl('home.staff.title') })
				.getByRole('link', { name: nl('layout.login') })
				.count()
		).toBe(1);
		await world.page.goto(`${world.server.url}/dashboard`);
		expect(new URL(world.page.url()).pathname).toBe('/login');
	});

	it('sends a visitor who is not logged in to the login world.page, and back afterwards', async () => {
		// A gespreksleider: a beheerder's way back passes the MFA step (tests/browser/mfa.test.ts).
		const email = 'terug@gemeente.test';
		await createAccount(world.server.runtime.db, SYSTEM, { email, name: 'Tess', roles: ['facilitator'] }, ADMIN_PASSWORD);
		await world.page.goto(`${world.server.url}/account`);
		expect(new URL(world.page.url()).pathname).toBe('/login');
		await world.page.getByLabel(nl('login.email')).fill(email);
		await world.page.getByLabel(nl('login.password')).fill(ADMIN_PASSWORD);
		await world.page
			.locator('main')
			.getByRole('button', { name: nl('login.submit') })
			.click();
		await world.page
			.waitForURL((url) => url.pathname !== '/login', { timeout: 10_000 })
			.catch(async () => {
				const alert = await world.page.getByRole('alert').allTextContents();
				throw new Error(`still on the login world.page; alert: ${JSON.stringify(alert)}`);
			});
		expect(new URL(world.page.url()).pathname).toBe('/account');
	});
});

describe('keyboard', () => {
	it('Tab from the top of the world.page focuses the skip link first; Enter moves focus to main', async () => {
		await world.page.goto(world.server.url);
		await world.page.keyboard.press('Tab');
		const focused = world.page.locator(':focus');
		expect(await focused.textContent()).toBe(nl('layout.skip'));
		expect(await focused.getAttribute('href')).toBe('#inhoud');
		// The skip link becomes visible when it has focus.
		const box = await focused.boundingBox();
		expect(box && box.width > 10 && box.height > 10).toBe(true);
		expect(await focused.isVisible()).toBe(true);

		await world.page.keyboard.press('Enter');
		await world.page.waitForFunction(() => document.activeElement?.id === 'inhoud');
		expect(await world.page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');

		// The next Tab continues inside the main content, not in the header.
		await world.page.keyboard.press('Tab');
		expect(await world.page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
	});

	it('shows a visible focus indicator on links and form fields', async () => {
		await world.page.goto(`${world.server.url}/login`);
		await world.page.getByLabel(nl('login.email')).focus();
		await world.page.keyboard.press('Tab');
		const outline = await world.page.evaluate(() => {
			const style = getComputedStyle(document.activeElement as Element);
			return { id: document.activeElement?.id, width: parseFloat(style.outlineWidth), style: style.outlineStyle };
		});
		expect(outline.id).toBe('password');
		expect(outline.style).not.toBe('none');
		expect(outline.width).toBeGreaterThanOrEqual(2);
	});
});
