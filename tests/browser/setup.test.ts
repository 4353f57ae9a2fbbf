/**
 * First run without ADMIN_EMAIL/ADMIN_PASSWORD: the one-time set-up link creates the first
 * beheerder in the browser, and works only once. Every page visited is checked with axe-core.
 */
import { describe, expect, it } from 'vitest';
import { clickAndWait, enrolMfa, expectNoAxeViolations, loginWithForm, useBrowserWorld } from '../helpers/browser';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld({ admin: false });

const path = () => new URL(world.page.url()).pathname;
const h1 = () => world.page.getByRole('heading', { level: 1 }).textContent();

describe('first-run set-up', () => {
	it('prints a set-up link', () => {
		expect(world.server.setupLink).toMatch(new RegExp(`^${world.server.url}/setup\\?token=.+`));
	});

	it('is 404 without the token or with a wrong one', async () => {
		const link = new URL(world.server.setupLink!);
		const wrong = `${world.server.url}/setup?token=${link.searchParams.get('token')!.slice(0, -2)}xx`;
		for (const url of [`${world.server.url}/setup`, wrong, `${world.server.url}/setup?token=`]) {
			const response = await world.page.goto(url);
			expect(response?.status(), url).toBe(404);
			expect(await h1(), url).toBe(nl('error.notFound.title'));
			expect(await world.page.getByRole('textbox').count(), url).toBe(0);
		}
		await expectNoAxeViolations(world.page);
	});

	it('creates the first beheerder with the link, logs in, and the link then stops working', async () => {
		const response = await world.page.goto(world.server.setupLink!);
		expect(response?.status()).toBe(200);
		expect(await h1()).toBe(nl('setup.title'));
		await expectNoAxeViolations(world.page);

		// A password that is too short is refused with an error on the password field.
		await world.page.getByLabel(nl('setup.name')).fill('Sanne Visser');
		await world.page.getByLabel(nl('setup.email')).fill('s.visser@gemeente.test');
		await world.page.getByLabel(nl('setup.password')).fill('te kort');
		await clickAndWait(world.page, world.page.getByRole('button', { name: nl('setup.submit') }));
		const alert = world.page.getByRole('alert');
		expect((await alert.textContent())?.trim()).toBe(nl('error.password.tooShort', { min: 12 }));
		const password = world.page.getByLabel(nl('setup.password'));
		expect(await password.getAttribute('aria-invalid')).toBe('true');
		expect(await password.getAttribute('aria-describedby')).toContain((await alert.getAttribute('id'))!);
		expect(await world.page.getByLabel(nl('setup.name')).inputValue()).toBe('Sanne Visser');
		await expectNoAxeViolations(world.page);

		await password.fill('een goede lange wachtzin');
		await clickAndWait(world.page, world.page.getByRole('button', { name: nl('setup.submit') }));
		// A beheerder sets up MFA first (MFA_REQUIRED, tests/browser/mfa.test.ts).
		expect(path()).toBe('/account/mfa');
		await enrolMfa(world.page, world.server.url, 's.visser@gemeente.test');
		await world.page.goto(`${world.server.url}/dashboard`);
		expect(path()).toBe('/dashboard');
		expect(await world.page.getByText(nl('dashboard.welcome', { name: 'Sanne Visser' })).isVisible()).toBe(true);
		expect(await world.page.getByText(nl('dashboard.roles', { roles: nl('role.admin') })).isVisible()).toBe(true);
		await expectNoAxeViolations(world.page);

		// The same link now gives 404, also for someone who is not logged in.
		const again = await world.page.goto(world.server.setupLink!);
		expect(again?.status()).toBe(404);
		const other = await world.browser.newContext();
		const otherPage = await other.newPage();
		expect((await otherPage.goto(world.server.setupLink!))?.status()).toBe(404);

		// The new beheerder can log in with the chosen password.
		await loginWithForm(otherPage, world.server.url, 's.visser@gemeente.test', 'een goede lange wachtzin');
		expect(new URL(otherPage.url()).pathname).toBe('/dashboard');
		await other.close();
	});
});
