/**
 * Issue 19 in a real browser: the example criteria of MOVISIE bijlage 1 open on request in the
 * criteria step (closed at first, one tab stop, by keyboard), for the facilitator and on a
 * participant's phone, and put nothing into the shared document; and the facilitator's choice
 * to start a theme blank, on the session page, which then starts without the framework's text
 * and cannot change once the document was opened. Every view passes axe-core.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { sessionThemes } from '../../src/lib/server/db/schema';
import { gotoAgenda } from '../../src/lib/server/sessions/agenda';
import { addParticipant } from '../../src/lib/server/sessions/participants';
import { createDialogueSession } from '../../src/lib/server/sessions/setup';
import { sessionState } from '../../src/lib/server/sessions/state';
import { chooseThemes } from '../../src/lib/server/sessions/voting';
import { expectNoAxeViolations, loginAs, useBrowserWorld } from '../helpers/browser';
import { movisieVersionId } from '../helpers/live';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld();
const db = () => world.server.runtime.db;
const url = (path: string) => `${world.server.url}${path}`;

const REGIE = 'Regie van de cliënt';
const EIGEN_KRACHT = 'De cliënt heeft recht op een Eigen Kracht-conferentie.';

let n = 0;
async function sessionWith(step: number) {
	const facilitator = await createAccount(
		db(),
		SYSTEM,
		{ email: `gl-vb${++n}@gemeente.test`, name: 'Gijs Gespreksleider', roles: ['facilitator'] },
		'een lang wachtwoord voor gesprekken'
	);
	const session = createDialogueSession(db(), SYSTEM, {
		title: 'Voorbeelden',
		facilitatorId: facilitator.id,
		frameworkVersionId: movisieVersionId(db()),
		themeSelection: 'fixed',
		themesToTreat: 2
	});
	const themes = sessionState(db(), session.id, { kind: 'facilitator' }).themes;
	const regie = themes.find((t) => t.name === REGIE)!;
	const locatie = themes.find((t) => t.name === 'Locatie')!;
	chooseThemes(db(), SYSTEM, session.id, { themeIds: [regie.id, locatie.id] });
	// intro, overview, proposals, then the first theme's meaning (3), toetsvraag (4), criteria (5).
	if (step > 0) gotoAgenda(db(), SYSTEM, session.id, step);
	await loginAs(world.context, world.server, facilitator.id);
	return { session, regie, locatie };
}

const connected = (page: Page) =>
	page
		.getByRole('status', { name: nl('coedit.status.label') })
		.getByText(nl('coedit.status.connected'))
		.waitFor();

/** Opens the disclosure by keyboard only and checks what it shows. */
async function openByKeyboard(page: Page): Promise<Locator> {
	const summary = page.locator('summary', { hasText: nl('examples.toggle') });
	const details = page.locator('details.kd-criteria-examples');
	expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
	expect(await page.getByText(EIGEN_KRACHT).isVisible()).toBe(false);
	// One tab stop while closed: the summary is the only thing in it that takes the focus.
	await summary.focus();
	await page.keyboard.press('Shift+Tab');
	await page.keyboard.press('Tab');
	expect(await summary.evaluate((s) => s === document.activeElement)).toBe(true);
	await page.keyboard.press('Enter');
	await page.getByText(EIGEN_KRACHT).waitFor();
	expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
	return details;
}

describe('example criteria in the criteria step', () => {
	it('opens by keyboard, shows the source’s examples with their source, and copies nothing into the document', async () => {
		const { session } = await sessionWith(5);
		const lead = world.page;
		await lead.goto(url(`/sessions/${session.id}/lead`));
		await lead.getByRole('heading', { level: 2, name: nl('coedit.theme', { name: REGIE }) }).waitFor();
		await connected(lead);
		await expectNoAxeViolations(lead);

		const details = await openByKeyboard(lead);
		const items = await details.locator('li').allTextContents();
		expect(items).toEqual([
			'De cliënt stelt zoveel mogelijk zelf zijn participatie- of hulpverleningsplan op.',
			'Er is de mogelijkheid van een integraal participatiebudget.',
			EIGEN_KRACHT,
			'De cliënt beschikt over of heeft toegang tot voldoende informatie om keuzes te maken.'
		]);
		await details.getByText(/^Uit: MOVISIE \(2013\), .*Bijlage 1, Thema: Regie van de cliënt$/).waitFor();
		await expectNoAxeViolations(lead);
		// Inspiration, not a start: the list of criteria is still empty.
		expect(await lead.getByRole('button', { name: nl('coedit.criteria.add') }).count()).toBe(1);
		expect(await lead.locator('[id$="-text"]').count()).toBe(0);
		// Closes again with the keyboard.
		await lead.keyboard.press(' ');
		expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);

		// A participant on a phone has them too.
		const { token } = addParticipant(db(), SYSTEM, session.id, { displayName: 'Ans', perspective: 'client' });
		const context = await world.browser.newContext({ viewport: { width: 390, height: 844 } });
		try {
			await context.addCookies([{ name: 'kd_participant', value: token, url: world.server.url, httpOnly: true, sameSite: 'Lax' }]);
			const phone = await context.newPage();
			await phone.goto(url(`/live/${session.id}`));
			await phone.getByRole('heading', { level: 2, name: nl('coedit.theme', { name: REGIE }) }).waitFor();
			await connected(phone);
			await openByKeyboard(phone);
			await expectNoAxeViolations(phone);
		} finally {
			await context.close();
		}
	}, 60_000);

	it('offers nothing where the framework has no examples for the theme', async () => {
		const { session } = await sessionWith(8); // the second theme (Locatie): criteria at 3 + 3 + 2
		const lead = world.page;
		await lead.goto(url(`/sessions/${session.id}/lead`));
		await lead.getByRole('heading', { level: 2, name: nl('coedit.theme', { name: 'Locatie' }) }).waitFor();
		await lead.getByRole('button', { name: nl('coedit.criteria.add') }).waitFor();
		expect(await lead.locator('summary', { hasText: nl('examples.toggle') }).count()).toBe(0);
	}, 30_000);
});

describe('starting a theme blank', () => {
	it('is chosen on the session page, starts the document empty, and is fixed once the document opened', async () => {
		const { session, regie } = await sessionWith(0);
		const page = world.page;
		await page.goto(url(`/sessions/${session.id}`));
		await page.getByRole('heading', { level: 2, name: nl('themeStart.title') }).waitFor();
		const group = page.getByRole('group', { name: `${REGIE} (${nl('themeStart.chosen')})` });
		expect(await group.getByRole('radio', { name: nl('themeStart.framework') }).isChecked()).toBe(true);
		await expectNoAxeViolations(page);
		await group.getByRole('radio', { name: nl('themeStart.blank') }).check();
		await page.getByRole('button', { name: nl('themeStart.submit') }).click();
		await page.getByRole('status').getByText(nl('themeStart.saved')).waitFor();
		expect(db().select().from(sessionThemes).where(eq(sessionThemes.id, regie.id)).get()!.startBlank).toBe(true);
		expect(
			await page
				.getByRole('group', { name: `${REGIE} (${nl('themeStart.chosen')})` })
				.getByRole('radio', { name: nl('themeStart.blank') })
				.isChecked()
		).toBe(true);
		await expectNoAxeViolations(page);

		// The meaning step starts empty, and the hint does not claim a framework text.
		gotoAgenda(db(), SYSTEM, session.id, 3);
		await page.goto(url(`/sessions/${session.id}/lead`));
		await page.getByRole('heading', { level: 2, name: nl('coedit.theme', { name: REGIE }) }).waitFor();
		await connected(page);
		expect(await page.getByLabel(nl('coedit.meaning.label')).inputValue()).toBe('');
		await page.getByText(nl('coedit.meaning.hintEmpty')).waitFor();
		expect(await page.getByText(nl('coedit.meaning.hint')).count()).toBe(0);

		// Back on the session page: the choice is shown, with why it cannot change.
		await page.goto(url(`/sessions/${session.id}`));
		await page.getByText(nl('themeStart.locked')).waitFor();
		expect(await page.getByRole('group', { name: `${REGIE} (${nl('themeStart.chosen')})` }).count()).toBe(0);
		await expectNoAxeViolations(page);
	}, 60_000);
});
