/**
 * MFA in a real browser (issue 20): a beheerder sets it up after the password (QR code, the
 * secret to type, the first code, the recovery codes), and logs in again with a code as the
 * second step. Every page is checked with axe-core.
 */
import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { appCode, clickAndWait, expectNoAxeViolations, useBrowserWorld } from '../helpers/browser';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld();
const path = () => new URL(world.page.url()).pathname;
const main = () => world.page.getByRole('main');

async function password(email: string, secret: string) {
	await world.page.goto(`${world.server.url}/login`);
	await world.page.getByLabel(nl('login.email')).fill(email);
	await world.page.getByLabel(nl('login.password')).fill(secret);
	await clickAndWait(world.page, main().getByRole('button', { name: nl('login.submit') }));
}

describe('two-step verification', () => {
	it('a beheerder sets it up after the password, then logs in with a code from the app or a recovery code', async () => {
		const email = 'beheer.mfa@gemeente.test';
		const pass = 'een lang wachtwoord voor mfa';
		await createAccount(world.server.runtime.db, SYSTEM, { email, name: 'Bram Beheer', roles: ['admin'] }, pass);
		const { page } = world;

		await password(email, pass);
		expect(path()).toBe('/account/mfa');
		expect(await main().getByText(nl('mfa.required')).isVisible()).toBe(true);
		expect(
			await main()
				.getByRole('img', { name: nl('mfa.setup.qrLabel') })
				.isVisible()
		).toBe(true);
		const secret = (await page.getByTestId('mfa-secret').textContent())!;
		expect(secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
		await expectNoAxeViolations(page);

		// Nothing else opens until it is set up.
		await page.goto(`${world.server.url}/dashboard`);
		expect(path()).toBe('/account/mfa');

		const field = page.getByLabel(nl('mfa.code.label'));
		expect(await field.getAttribute('autocomplete')).toBe('one-time-code');
		expect(await field.getAttribute('inputmode')).toBe('numeric');
		// Keyboard only: type the code and press Enter.
		await field.focus();
		await page.keyboard.type(appCode(secret) === '000000' ? '111111' : '000000');
		await Promise.all([page.waitForURL(/\/account\/mfa/), page.keyboard.press('Enter')]);
		await page.waitForLoadState('networkidle');
		expect(await page.getByRole('alert').textContent()).toContain(nl('mfa.error.codeWrong'));
		expect(await page.getByLabel(nl('mfa.code.label')).getAttribute('aria-invalid')).toBe('true');
		await expectNoAxeViolations(page);

		await page.getByLabel(nl('mfa.code.label')).fill(appCode(secret));
		await clickAndWait(page, main().getByRole('button', { name: nl('mfa.setup.submit') }));
		expect(await main().getByText(nl('mfa.enabled')).isVisible()).toBe(true);
		const codes = await main().locator('li code').allTextContents();
		expect(codes).toHaveLength(10);
		await expectNoAxeViolations(page);
		await clickAndWait(page, main().getByRole('link', { name: nl('mfa.recovery.continue') }));
		expect(path()).toBe('/dashboard');

		// A new browser: the password alone is not enough.
		await world.context.clearCookies();
		await password(email, pass);
		expect(path()).toBe('/login/code');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(nl('mfa.login.title'));
		await expectNoAxeViolations(page);
		const code = page.getByLabel(nl('mfa.login.codeLabel'));
		expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
		await code.fill('000000' === appCode(secret, 1) ? '111111' : '000000');
		await clickAndWait(page, main().getByRole('button', { name: nl('mfa.login.submit') }));
		expect(await page.getByRole('alert').textContent()).toContain(nl('mfa.error.codeWrong'));
		await expectNoAxeViolations(page);
		// The code of the enrolment was used; the app's next one is accepted (one step of clock drift).
		await page.getByLabel(nl('mfa.login.codeLabel')).fill(appCode(secret, 1));
		await clickAndWait(page, main().getByRole('button', { name: nl('mfa.login.submit') }));
		expect(path()).toBe('/dashboard');

		await page.goto(`${world.server.url}/account`);
		expect(await main().getByText(nl('mfa.status.on')).isVisible()).toBe(true);
		await expectNoAxeViolations(page);

		// Phone lost: a recovery code (letters and digits) in a field of its own, with an
		// ordinary keyboard; the code from the app keeps its number pad.
		await world.context.clearCookies();
		await password(email, pass);
		expect(path()).toBe('/login/code');
		expect(await page.getByLabel(nl('mfa.login.codeLabel')).getAttribute('inputmode')).toBe('numeric');
		const recoveryField = page.getByLabel(nl('mfa.login.recoveryLabel'), { exact: true });
		expect(await recoveryField.isVisible()).toBe(false);
		// Keyboard only: the disclosure opens with Enter.
		await main().locator('summary').focus();
		await page.keyboard.press('Enter');
		expect(await recoveryField.isVisible()).toBe(true);
		expect(await recoveryField.getAttribute('inputmode')).toBeNull();
		expect(await recoveryField.getAttribute('autocapitalize')).toBe('none');
		expect(await recoveryField.getAttribute('autocomplete')).toBe('off');
		await expectNoAxeViolations(page);
		await recoveryField.fill('abcdefgh23456723');
		await clickAndWait(page, main().getByRole('button', { name: nl('mfa.login.recoverySubmit') }));
		// Refused: the answer is shown at the recovery code, which stays open.
		expect(await page.getByRole('alert').textContent()).toContain(nl('mfa.error.recoveryWrong'));
		expect(await recoveryField.isVisible()).toBe(true);
		expect(await recoveryField.getAttribute('aria-invalid')).toBe('true');
		expect(await page.getByLabel(nl('mfa.login.codeLabel')).getAttribute('aria-invalid')).not.toBe('true');
		await expectNoAxeViolations(page);
		// Typed on a phone: the first letter capitalised and a space in the middle still work.
		const typed = `${codes[0]!.charAt(0).toUpperCase()}${codes[0]!.slice(1, 8)} ${codes[0]!.slice(8)}`;
		await recoveryField.fill(typed);
		await clickAndWait(page, main().getByRole('button', { name: nl('mfa.login.recoverySubmit') }));
		expect(path()).toBe('/account/mfa');
		expect(await main().getByText(nl('mfa.login.recoveryUsed')).isVisible()).toBe(true);
	});
});
