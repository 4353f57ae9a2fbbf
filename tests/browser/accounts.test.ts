/**
 * Staff pages in a real browser: dashboard, my account, and account management by the
 * beheerder. Every page visited is checked with axe-core (WCAG 2.1 A/AA and best practices).
 */
import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/server';
import { clickAndWait, expectNoAxeViolations, followLink, loginWithForm, useBrowserWorld } from '../helpers/browser';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld();

const path = () => new URL(world.page.url()).pathname;
const h1 = () => world.page.getByRole('heading', { level: 1 }).textContent();
const main = () => world.page.getByRole('main');

/** An account made directly in the database, for tests that need a second user. */
async function makeAccount(email: string, name: string, roles: ('admin' | 'facilitator' | 'quality_manager')[], password: string) {
	return createAccount(world.server.runtime.db, SYSTEM, { email, name, roles }, password);
}

describe('dashboard', () => {
	it('welcomes the beheerder, shows roles, empty states and the accounts card', async () => {
		await loginWithForm(world.page, world.server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
		expect(path()).toBe('/dashboard');
		expect(await h1()).toBe(nl('dashboard.title'));
		expect(
			await main()
				.getByText(nl('dashboard.roles', { roles: nl('role.admin') }))
				.isVisible()
		).toBe(true);
		expect(await main().getByText(nl('dashboard.sessions.empty')).isVisible()).toBe(true);
		expect(
			await main()
				.getByRole('link', { name: nl('dashboard.framework.item', { name: 'Drents kwaliteitskader', label: '2019' }) })
				.isVisible()
		).toBe(true);
		await expectNoAxeViolations(world.page);

		await followLink(world.page, main().getByRole('link', { name: nl('dashboard.accounts.link') }));
		expect(path()).toBe('/admin/accounts');
		expect(await h1()).toBe(nl('accounts.title'));
	});
});

describe('account management', () => {
	it('beheerder creates an account; the new user must choose a password, then reaches the dashboard', async () => {
		const email = 'fatima.devries@gemeente.test';
		const name = 'Fatima de Vries';
		const temporary = 'tijdelijk wachtwoord 4821';
		const chosen = 'mijn eigen lange zin om te onthouden';

		await loginWithForm(world.page, world.server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
		await followLink(world.page, world.page.getByRole('navigation').getByRole('link', { name: nl('layout.accounts') }));
		expect(path()).toBe('/admin/accounts');
		const table = world.page.getByRole('table', { name: nl('accounts.table.caption') });
		expect(await table.getByRole('rowheader', { name: 'Beheerder' }).count()).toBe(1);
		await expectNoAxeViolations(world.page);

		// Several mistakes at once: all are told, and only those fields are marked.
		const form = world.page.locator('form[action^="?/create"]');
		await form.getByLabel(nl('accounts.table.name')).fill(name);
		await form.getByLabel(nl('accounts.table.email')).fill('geen adres');
		await form.getByLabel(nl('accounts.new.password')).fill('kort');
		await clickAndWait(world.page, form.getByRole('button', { name: nl('accounts.new.submit') }));
		expect(await world.page.getByRole('alert').locator('li').allTextContents()).toEqual([
			nl('error.account.email'),
			nl('error.account.roles'),
			nl('error.password.tooShort', { min: 12 })
		]);
		expect(await form.getByLabel(nl('accounts.table.email')).getAttribute('aria-invalid')).toBe('true');
		expect(await form.getByLabel(nl('accounts.new.password')).getAttribute('aria-invalid')).toBe('true');
		expect(await form.getByLabel(nl('accounts.table.name')).getAttribute('aria-invalid')).toBeNull();
		await expectNoAxeViolations(world.page);

		// Without a role the form is refused, the error is linked to the roles fieldset and the entries stay.
		await form.getByLabel(nl('accounts.table.name')).fill(name);
		await form.getByLabel(nl('accounts.table.email')).fill(email);
		await form.getByLabel(nl('accounts.new.password')).fill(temporary);
		await clickAndWait(world.page, form.getByRole('button', { name: nl('accounts.new.submit') }));
		const alert = world.page.getByRole('alert');
		expect((await alert.textContent())?.trim()).toBe(nl('error.account.roles'));
		const fieldset = world.page.getByRole('group', { name: nl('accounts.rolesLegend') });
		expect(await fieldset.getAttribute('aria-describedby')).toContain((await alert.getAttribute('id'))!);
		expect(await form.getByLabel(nl('accounts.table.name')).inputValue()).toBe(name);
		expect(await form.getByLabel(nl('accounts.table.email')).inputValue()).toBe(email);
		expect(await table.getByText(email).count()).toBe(0);
		await expectNoAxeViolations(world.page);

		// With a role and the temporary password it works.
		await form.getByLabel(nl('accounts.new.password')).fill(temporary);
		await fieldset.getByLabel(nl('role.facilitator')).check();
		await clickAndWait(world.page, form.getByRole('button', { name: nl('accounts.new.submit') }));
		expect((await world.page.getByRole('status').textContent())?.trim()).toBe(nl('accounts.created', { name }));
		expect(await world.page.getByRole('alert').count()).toBe(0);
		const row = table.getByRole('row').filter({ hasText: email });
		expect(await row.getByRole('rowheader').textContent()).toBe(name);
		expect(await row.getByText(nl('role.facilitator')).count()).toBe(1);
		expect(await row.getByText(nl('accounts.status.mustChange')).count()).toBe(1);
		await expectNoAxeViolations(world.page);

		// Log out, log in as the new user: sent to "Mijn account" to choose a password.
		await clickAndWait(world.page, world.page.getByRole('button', { name: nl('layout.logout') }));
		await loginWithForm(world.page, world.server.url, email, temporary);
		expect(path()).toBe('/account');
		expect(await main().getByText(nl('account.password.mustChange')).isVisible()).toBe(true);
		expect(await main().getByText(email).isVisible()).toBe(true);
		await expectNoAxeViolations(world.page);

		// Other pages send the user back here until the password is changed.
		await world.page.goto(`${world.server.url}/dashboard`);
		expect(path()).toBe('/account');

		// Two different new passwords: refused, with the error on the repeat field.
		await world.page.getByLabel(nl('account.password.current')).fill(temporary);
		await world.page.getByLabel(nl('account.password.new'), { exact: true }).fill(chosen);
		await world.page.getByLabel(nl('account.password.repeat')).fill(chosen + ' anders');
		await clickAndWait(world.page, world.page.getByRole('button', { name: nl('account.password.submit') }));
		const mismatch = world.page.getByRole('alert');
		expect((await mismatch.textContent())?.trim()).toBe(nl('account.password.mismatch'));
		const repeat = world.page.getByLabel(nl('account.password.repeat'));
		expect(await repeat.getAttribute('aria-invalid')).toBe('true');
		expect(await repeat.getAttribute('aria-describedby')).toContain((await mismatch.getAttribute('id'))!);
		await expectNoAxeViolations(world.page);

		await world.page.getByLabel(nl('account.password.current')).fill(temporary);
		await world.page.getByLabel(nl('account.password.new'), { exact: true }).fill(chosen);
		await world.page.getByLabel(nl('account.password.repeat')).fill(chosen);
		await clickAndWait(world.page, world.page.getByRole('button', { name: nl('account.password.submit') }));
		expect((await world.page.getByRole('status').locator('p').first().textContent())?.trim()).toBe(nl('account.password.saved'));
		expect(await main().getByText(nl('account.password.mustChange')).count()).toBe(0);
		await expectNoAxeViolations(world.page);

		// Still logged in (a new session replaced the old ones) and free to go to the dashboard.
		await followLink(world.page, main().getByRole('link', { name: nl('account.password.continue') }));
		expect(path()).toBe('/dashboard');
		expect(await main().getByText(nl('dashboard.welcome', { name })).isVisible()).toBe(true);
		expect(
			await main()
				.getByText(nl('dashboard.roles', { roles: nl('role.facilitator') }))
				.isVisible()
		).toBe(true);
		expect(
			await main()
				.getByRole('link', { name: nl('dashboard.accounts.link') })
				.count()
		).toBe(0);
		await expectNoAxeViolations(world.page);

		// The chosen password works from now on; the temporary one no longer does.
		await clickAndWait(world.page, world.page.getByRole('button', { name: nl('layout.logout') }));
		await loginWithForm(world.page, world.server.url, email, temporary);
		expect(path()).toBe('/login');
		await loginWithForm(world.page, world.server.url, email, chosen);
		expect(path()).toBe('/dashboard');
	});

	it('a user without the beheerder role gets 403 on the accounts pages', async () => {
		const user = await makeAccount('kwaliteit@gemeente.test', 'Karin Jansen', ['quality_manager'], 'een ander lang wachtwoord');
		await loginWithForm(world.page, world.server.url, 'kwaliteit@gemeente.test', 'een ander lang wachtwoord');
		expect(path()).toBe('/dashboard');
		expect(
			await world.page
				.getByRole('navigation')
				.getByRole('link', { name: nl('layout.accounts') })
				.count()
		).toBe(0);

		const response = await world.page.goto(`${world.server.url}/admin/accounts`);
		expect(response?.status()).toBe(403);
		expect(await main().getByText(nl('error.forbidden')).isVisible()).toBe(true);
		expect(await world.page.getByRole('table').count()).toBe(0);
		await expectNoAxeViolations(world.page);

		const detail = await world.page.goto(`${world.server.url}/admin/accounts/${user.id}`);
		expect(detail?.status()).toBe(403);
	});

	it('beheerder edits, disables and re-enables an account and sets a temporary password', async () => {
		const user = await makeAccount('piet@gemeente.test', 'Piet Bakker', ['facilitator'], 'geheime zin voor bakker 123');
		await loginWithForm(world.page, world.server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
		await world.page.goto(`${world.server.url}/admin/accounts`);
		await followLink(
			world.page,
			world.page
				.getByRole('row')
				.filter({ hasText: 'piet@gemeente.test' })
				.getByRole('link', { name: nl('accounts.edit') })
		);
		expect(path()).toBe(`/admin/accounts/${user.id}`);
		expect(await h1()).toBe(nl('accounts.edit.title', { name: 'Piet Bakker' }));
		expect(await world.page.getByLabel(nl('role.facilitator')).isChecked()).toBe(true);
		await expectNoAxeViolations(world.page);

		// Change name and roles.
		await world.page.getByLabel(nl('accounts.table.name')).fill('Piet de Bakker');
		await world.page.getByLabel(nl('role.quality_manager')).check();
		await clickAndWait(world.page, world.page.getByRole('button', { name: nl('accounts.edit.submit') }));
		expect((await world.page.getByRole('status').textContent())?.trim()).toBe(nl('accounts.saved'));
		expect(await h1()).toBe(nl('accounts.edit.title', { name: 'Piet de Bakker' }));
		expect(await world.page.getByLabel(nl('role.quality_manager')).isChecked()).toBe(true);
		await expectNoAxeViolations(world.page);

		// An e-mail address that is taken: error on the e-mail field.
		await world.page.getByLabel(nl('accounts.table.email')).fill(ADMIN_EMAIL);
		await clickAndWait(world.page, world.page.getByRole('button', { name: nl('accounts.edit.submit') }));
		expect((await world.page.getByRole('alert').textContent())?.trim()).toBe(nl('error.account.emailTaken'));
		expect(await world.page.getByLabel(nl('accounts.table.email')).getAttribute('aria-invalid')).toBe('true');
		expect(await world.page.getByLabel(nl('accounts.table.name')).getAttribute('aria-invalid')).toBeNull();

		// Disable: Piet can no longer log in.
		await clickAndWait(world.page, world.page.getByRole('button', { name: nl('accounts.disable') }));
		expect((await world.page.getByRole('status').textContent())?.trim()).toBe(nl('accounts.disabled'));
		expect(
			await main()
				.getByText(nl('accounts.status.current', { status: nl('accounts.status.disabled') }))
				.isVisible()
		).toBe(true);
		await expectNoAxeViolations(world.page);
		const other = await world.browser.newContext();
		const otherPage = await other.newPage();
		await loginWithForm(otherPage, world.server.url, 'piet@gemeente.test', 'geheime zin voor bakker 123');
		expect(new URL(otherPage.url()).pathname).toBe('/login');

		// Enable again and set a temporary password: Piet must replace it at login.
		await clickAndWait(world.page, world.page.getByRole('button', { name: nl('accounts.enable') }));
		expect((await world.page.getByRole('status').textContent())?.trim()).toBe(nl('accounts.enabled'));
		await world.page.getByRole('textbox', { name: nl('accounts.new.password') }).fill('kort');
		await clickAndWait(world.page, world.page.getByRole('button', { name: nl('accounts.reset.submit') }));
		expect((await world.page.getByRole('alert').textContent())?.trim()).toBe(nl('error.password.tooShort', { min: 12 }));
		expect(await world.page.getByRole('textbox', { name: nl('accounts.new.password') }).getAttribute('aria-invalid')).toBe('true');
		await world.page.getByRole('textbox', { name: nl('accounts.new.password') }).fill('nieuw tijdelijk 9876');
		await clickAndWait(world.page, world.page.getByRole('button', { name: nl('accounts.reset.submit') }));
		expect((await world.page.getByRole('status').textContent())?.trim()).toBe(nl('accounts.reset.done'));
		await expectNoAxeViolations(world.page);

		await loginWithForm(otherPage, world.server.url, 'piet@gemeente.test', 'nieuw tijdelijk 9876');
		expect(new URL(otherPage.url()).pathname).toBe('/account');
		await other.close();
	});

	it('the last beheerder cannot be disabled', async () => {
		await loginWithForm(world.page, world.server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
		await world.page.goto(`${world.server.url}/admin/accounts/1`);
		expect(await h1()).toBe(nl('accounts.edit.title', { name: 'Beheerder' }));
		await clickAndWait(world.page, world.page.getByRole('button', { name: nl('accounts.disable') }));
		const alert = world.page.getByRole('alert');
		expect((await alert.textContent())?.trim()).toBe(nl('error.account.lastAdmin'));
		expect(await world.page.getByRole('button', { name: nl('accounts.disable') }).getAttribute('aria-describedby')).toContain(
			(await alert.getAttribute('id'))!
		);
		await expectNoAxeViolations(world.page);
		await world.page.goto(`${world.server.url}/dashboard`);
		expect(path()).toBe('/dashboard');
	});

	it('an account address that is not a positive whole number, or does not exist, is 404', async () => {
		await loginWithForm(world.page, world.server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
		for (const id of ['abc', '0', '-1', '1.5', '01', '99999']) {
			const response = await world.page.goto(`${world.server.url}/admin/accounts/${id}`);
			expect(response?.status(), id).toBe(404);
			expect(await h1(), id).toBe(nl('error.notFound.title'));
		}
		await expectNoAxeViolations(world.page);
	});
});

describe('without JavaScript', () => {
	it('logging in, creating an account and changing a password all work as plain HTML forms', async () => {
		const noJs = await world.browser.newContext({ javaScriptEnabled: false });
		const p = await noJs.newPage();
		await loginWithForm(p, world.server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
		expect(new URL(p.url()).pathname).toBe('/dashboard');

		await p.goto(`${world.server.url}/admin/accounts`);
		const form = p.locator('form[action^="?/create"]');
		await form.getByRole('textbox', { name: nl('accounts.table.name') }).fill('Ahmed Yilmaz');
		await form.getByRole('textbox', { name: nl('accounts.table.email') }).fill('a.yilmaz@gemeente.test');
		await form.getByLabel(nl('role.quality_manager')).check();
		await form.getByRole('textbox', { name: nl('accounts.new.password') }).fill('tijdelijke zin 2468');
		await clickAndWait(p, form.getByRole('button', { name: nl('accounts.new.submit') }));
		expect((await p.getByRole('status').textContent())?.trim()).toBe(nl('accounts.created', { name: 'Ahmed Yilmaz' }));

		await clickAndWait(p, p.getByRole('button', { name: nl('layout.logout') }));
		await loginWithForm(p, world.server.url, 'a.yilmaz@gemeente.test', 'tijdelijke zin 2468');
		expect(new URL(p.url()).pathname).toBe('/account');
		await p.getByLabel(nl('account.password.current')).fill('tijdelijke zin 2468');
		await p.getByLabel(nl('account.password.new'), { exact: true }).fill('een zelfgekozen zin 1357');
		await p.getByLabel(nl('account.password.repeat')).fill('een zelfgekozen zin 1357');
		await clickAndWait(p, p.getByRole('button', { name: nl('account.password.submit') }));
		expect((await p.getByRole('status').locator('p').first().textContent())?.trim()).toBe(nl('account.password.saved'));
		await clickAndWait(p, p.getByRole('main').getByRole('link', { name: nl('account.password.continue') }));
		expect(new URL(p.url()).pathname).toBe('/dashboard');
		await noJs.close();
	});
});
