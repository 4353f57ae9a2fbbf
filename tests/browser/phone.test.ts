/**
 * Participants on phones (390 × 844) and by keyboard only (issue 18): the current step's
 * action first, one tab stop per theme card, sticker buttons that say why they cannot be
 * used, focus on the confirmation after sending, and no staff login in the header.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { gotoAgenda } from '../../src/lib/server/sessions/agenda';
import { openVote } from '../../src/lib/server/sessions/voting';
import { createDialogueSession } from '../../src/lib/server/sessions/setup';
import { sessionState } from '../../src/lib/server/sessions/state';
import { addParticipant, newParticipantLink } from '../../src/lib/server/sessions/participants';
import {
	closeCommentsEarly,
	commentsOf,
	finalizeReport,
	getReport,
	respondToComment,
	sendReport,
	startReport
} from '../../src/lib/server/reports/reports';
import type { ThemeState } from '../../src/lib/shared/live-state';
import { PLAIN_THEME_TEXTS } from '../../src/lib/shared/theme-texts';
import { clickAndWait, expectNoAxeViolations, useBrowserWorld } from '../helpers/browser';
import { heldWorld } from '../helpers/follow-up';
import { movisieVersionId } from '../helpers/live';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld();
const db = () => world.server.runtime.db;
const url = (path: string) => `${world.server.url}${path}`;

let counter = 0;
async function sessionWithAns(settings: { stickersPerParticipant?: 2 | 3; maxStickersPerTheme?: number } = {}) {
	const n = ++counter;
	const facilitator = await createAccount(
		db(),
		SYSTEM,
		{ email: `gl-phone${n}@gemeente.test`, name: 'Gijs', roles: ['facilitator'] },
		'een lang wachtwoord voor gesprekken'
	);
	const session = createDialogueSession(db(), SYSTEM, {
		title: 'Gesprek op de telefoon',
		facilitatorId: facilitator.id,
		frameworkVersionId: movisieVersionId(db()),
		...settings
	});
	const ans = addParticipant(db(), SYSTEM, session.id, { displayName: 'Ans', perspective: 'client' });
	const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	await context.addCookies([{ name: 'kd_participant', value: ans.token, url: world.server.url, httpOnly: true, sameSite: 'Lax' }]);
	const page = await context.newPage();
	return { session, ans, context, page };
}

/** Presses Tab until the element with `id` has the focus; returns how many presses that took. */
async function tabTo(page: Page, id: string): Promise<number> {
	for (let presses = 1; presses <= 300; presses++) {
		await page.keyboard.press('Tab');
		if ((await page.evaluate(() => document.activeElement?.id)) === id) return presses;
	}
	throw new Error(`Tab never reached #${id}`);
}

/** The ids of the elements inside `selector` that Tab stops at. */
function tabStops(page: Page, selector: string): Promise<number> {
	return page.locator(selector).evaluate((root) => {
		const focusable = root.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]');
		return [...focusable].filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0).length;
	});
}

const staffLogin = (page: Page) => page.locator('header').getByRole('link', { name: nl('layout.login') });

describe('voting on a phone by keyboard only', () => {
	it('places a sticker on three themes with fewer tab stops', async () => {
		const { session, page, context } = await sessionWithAns();
		gotoAgenda(db(), SYSTEM, session.id, 3);
		openVote(db(), SYSTEM, session.id);
		const themes = sessionState(db(), session.id, { kind: 'facilitator' }).themes;
		await page.goto(url(`/live/${session.id}`));
		await page.getByText(nl('live.vote.left', { count: 3 })).waitFor();
		// One tab stop per theme card that has none of her stickers.
		for (const theme of themes) expect(await tabStops(page, `li:has(> #theme-${theme.id})`)).toBe(1);

		let presses = 0;
		for (const [i, theme] of themes.slice(0, 3).entries()) {
			presses += await tabTo(page, `place-${theme.id}`);
			await page.keyboard.press('Enter');
			const left = 2 - i;
			await page
				.locator('.kd-budget')
				.getByText(left === 0 ? nl('live.vote.noneLeft') : nl('live.vote.left', { count: left }))
				.waitFor();
		}
		// On main before issue 18 this took 12 presses: the skip link, the brand, the staff
		// "Inloggen" link, the language button, then per theme "Wat houdt dit thema in?" and
		// "Sticker plakken" (and "Sticker weghalen" on a theme with her sticker). Now 8: no
		// login link, and one stop per theme card.
		expect(presses).toBeLessThan(12);
		expect(presses).toBe(8);
		expect(await page.locator('.kd-dot').count()).toBe(3);
		await context.close();
	});
});

describe('voting on a phone', () => {
	it('says why a sticker cannot be placed, shows plain texts, one heading, no staff login', async () => {
		const { session, page, context } = await sessionWithAns({ stickersPerParticipant: 2, maxStickersPerTheme: 1 });
		gotoAgenda(db(), SYSTEM, session.id, 3);
		openVote(db(), SYSTEM, session.id);
		const [a, b, c] = sessionState(db(), session.id, { kind: 'facilitator' }).themes as [ThemeState, ThemeState, ThemeState];
		await page.goto(url(`/live/${session.id}`));
		await page.getByText(nl('live.vote.left', { count: 2 })).waitFor();

		// "Stickers plakken" once; no staff login in a participant's header.
		expect(await page.getByRole('heading', { name: nl('phase.voting') }).count()).toBe(1);
		expect(await staffLogin(page).count()).toBe(0);
		// The plain text on the card; the source text one tap away, folded below the list.
		const card = page.locator(`li:has(> #theme-${a.id})`);
		expect(await card.getByText(PLAIN_THEME_TEXTS[a.key]!.plain).isVisible()).toBe(true);
		expect(await page.getByText(a.description!).isVisible()).toBe(false);
		await page.getByText(nl('live.vote.sources')).click();
		expect(await page.getByText(a.description!).isVisible()).toBe(true);
		await expectNoAxeViolations(page);

		// One sticker on a: its button says why it takes no more (at most 1 per theme).
		await page.locator(`#place-${a.id}`).click();
		await page.getByText(nl('live.vote.left', { count: 1 })).waitFor();
		const placeA = page.locator(`#place-${a.id}`);
		expect(await placeA.getAttribute('aria-disabled')).toBe('true');
		const whyA = await placeA.getAttribute('aria-describedby');
		expect(await page.locator(`#${whyA}`).textContent()).toBe(nl('live.vote.why.theme', { count: 1 }));
		expect(await page.locator(`#${whyA}`).isVisible()).toBe(true);
		expect(await page.locator(`#place-${b.id}`).getAttribute('aria-disabled')).toBeNull();
		// Clicking it does nothing: no error, no sticker.
		await placeA.click({ force: true }); // aria-disabled: Playwright would wait for it to be enabled
		expect(await page.getByRole('alert').filter({ hasText: /\S/ }).count()).toBe(0);

		// Both stickers used: the other themes say so.
		await page.locator(`#place-${b.id}`).click();
		await page.locator('.kd-budget').getByText(nl('live.vote.noneLeft')).waitFor();
		// Where they are, in one line at the top: no scrolling through every card to find them.
		const placedOn = (...names: string[]) =>
			nl('live.vote.placedOn', { list: new Intl.ListFormat('nl-NL').format(names.map((name) => `${name} (1)`)) });
		expect(await page.locator('.kd-placed').textContent()).toBe(placedOn(a.name, b.name));
		expect(placedOn(a.name, b.name)).toBe(`Uw stickers zitten op: ${a.name} (1) en ${b.name} (1).`);
		const placeC = page.locator(`#place-${c.id}`);
		expect(await placeC.getAttribute('aria-disabled')).toBe('true');
		expect(await page.locator(`#${await placeC.getAttribute('aria-describedby')}`).textContent()).toBe(nl('live.vote.why.budget'));
		// A theme that holds one of them says the same: there is no other theme to choose now.
		expect(await page.locator(`#${await placeA.getAttribute('aria-describedby')}`).textContent()).toBe(nl('live.vote.why.budget'));
		await placeC.click({ force: true });
		await page.waitForTimeout(300);
		expect(await page.locator('.kd-dot').count()).toBe(2);
		expect(await page.getByRole('alert').filter({ hasText: /\S/ }).count()).toBe(0);
		await expectNoAxeViolations(page);

		// Taking one off frees the others again.
		await page.locator(`#remove-${b.id}`).click();
		await page.getByText(nl('live.vote.left', { count: 1 })).waitFor();
		expect(await placeC.getAttribute('aria-disabled')).toBeNull();
		expect(await page.locator('.kd-placed').textContent()).toBe(placedOn(a.name));
		await context.close();
	});
});

describe('the proposals step on a phone', () => {
	it('puts the form first, folds the source texts and moves the focus to the confirmation', async () => {
		const { session, page, context } = await sessionWithAns();
		gotoAgenda(db(), SYSTEM, session.id, 2);
		const [a] = sessionState(db(), session.id, { kind: 'facilitator' }).themes as [ThemeState];
		await page.goto(url(`/live/${session.id}`));
		await page.getByRole('heading', { level: 2, name: nl('phase.proposals') }).waitFor();
		const field = page.getByLabel(nl('live.proposal.name'), { exact: true });
		await field.waitFor();
		// The form's field and button on the first screen (it was 3 600 px down), above the themes.
		const fieldBox = (await field.boundingBox())!;
		const submitBox = (await page.getByRole('button', { name: nl('live.proposal.submit') }).boundingBox())!;
		const themesBox = (await page.getByRole('heading', { name: nl('live.themes.title') }).boundingBox())!;
		expect(submitBox.y + submitBox.height).toBeLessThan(844 * 1.5);
		expect(fieldBox.y).toBeLessThan(844);
		expect(themesBox.y).toBeGreaterThan(submitBox.y);
		// The themes: the plain text, the source folded under "Tekst uit de bron".
		expect(await page.getByText(PLAIN_THEME_TEXTS[a.key]!.plain).isVisible()).toBe(true);
		expect(await page.getByText(a.description!).isVisible()).toBe(false);
		await page
			.getByRole('group')
			.filter({ hasText: nl('live.themes.source') })
			.first()
			.locator('summary')
			.click();
		expect(await page.getByText(a.description!).isVisible()).toBe(true);
		expect(await staffLogin(page).count()).toBe(0);
		await expectNoAxeViolations(page);

		await field.fill('Vervoer');
		await page.getByRole('button', { name: nl('live.proposal.submit') }).click();
		await page.getByText(nl('live.proposal.sent', { title: 'Vervoer' })).waitFor();
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('proposal-sent');
		await expectNoAxeViolations(page);
		await context.close();
	});
});

describe('after the session on a phone', () => {
	it('offers the report on the session page only once it is out', async () => {
		const held = await heldWorld(db());
		const context = await world.browser.newContext({ viewport: { width: 390, height: 844 } });
		const page = await context.newPage();
		await page.goto(url(`/j/${newParticipantLink(db(), held.people[1]!.id, 'test')}`));
		await page.goto(url(`/live/${held.session.id}`));
		const links = page.getByRole('navigation', { name: nl('reports.live.links') });
		await links.getByRole('link', { name: nl('reports.live.evaluation') }).waitFor();
		expect(await links.getByRole('link', { name: nl('reports.live.report') }).count()).toBe(0);
		startReport(db(), held.actor, held.session.id);
		sendReport(db(), held.actor, held.session.id, world.server.url);
		await page.reload();
		await links.getByRole('link', { name: nl('reports.live.report'), exact: true }).waitFor();
		// What is below is what the session wrote down; the report may have changed it since.
		await page.getByText(nl('reports.live.summaryNote')).waitFor();
		// Once responding has ended, the link no longer asks to respond; once final, it says so.
		closeCommentsEarly(db(), held.actor, held.session.id, { reason: 'Iedereen heeft gereageerd.' });
		await page.reload();
		await links.getByRole('link', { name: nl('reports.live.reportRead'), exact: true }).waitFor();
		expect(await links.getByRole('link', { name: nl('reports.live.report'), exact: true }).count()).toBe(0);
		finalizeReport(db(), held.actor, held.session.id, world.server.url);
		await page.reload();
		await links.getByRole('link', { name: nl('reports.live.reportFinal'), exact: true }).waitFor();
		expect(await links.getByRole('link', { name: nl('reports.live.reportRead'), exact: true }).count()).toBe(0);
		await expectNoAxeViolations(page);
		await context.close();
	});

	it('lets keyboard users reach the sticker table, focuses the thanks after a comment, says "u"', async () => {
		const held = await heldWorld(db());
		startReport(db(), held.actor, held.session.id);
		sendReport(db(), held.actor, held.session.id, world.server.url);
		const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
		const page = await context.newPage();
		await page.goto(url(`/j/${newParticipantLink(db(), held.people[0]!.id, 'test')}`));
		await page.waitForURL((u) => u.pathname === `/live/${held.session.id}/report`);
		expect(await staffLogin(page).count()).toBe(0);

		// The vote's table is wider than the phone: its scroll container is a named region in the tab order.
		const region = page.getByRole('region', {
			name: nl('reports.figures.voteCaption', { title: nl('reports.document.label.voteFigure') })
		});
		expect(await region.getAttribute('tabindex')).toBe('0');
		expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
		await region.focus();
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
		// The charts keep labels of at least 11 px and scroll sideways: a region in the tab order.
		const chart = page.locator('.kd-figure__chart').first();
		await expect.poll(() => chart.getAttribute('tabindex')).toBe('0');
		expect(await chart.getAttribute('role')).toBe('region');
		expect(await chart.getAttribute('aria-label')).toContain(nl('reports.document.label.voteFigure'));
		expect(await chart.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
		// And it says so where it shows: a chart cut off at the edge looked whole.
		expect(await page.getByText(nl('reports.figures.scrollHint')).first().isVisible()).toBe(true);
		const labelPx = await chart.locator('svg').evaluate((svg) => {
			const text = svg.querySelector('text')!;
			return (
				(Number(text.getAttribute('font-size')) * svg.getBoundingClientRect().width) / Number(svg.getAttribute('viewBox')!.split(' ')[2])
			);
		});
		expect(labelPx).toBeGreaterThanOrEqual(11);
		await expectNoAxeViolations(page);

		// An empty comment is refused: the focus is in that text box, which names the error.
		const label = nl('reports.read.commentOnCriterion', { n: 1 });
		await page
			.locator('form', { has: page.getByLabel(label, { exact: true }) })
			.getByRole('button')
			.click();
		await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^comment-criterion-[^-]/);
		expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');

		// A comment: after sending, the focus is on the thanks below that form.
		await page.getByLabel(label).fill('Schrijf ook op wie het plan uitlegt.');
		await page
			.locator('form', { has: page.getByLabel(label, { exact: true }) })
			.getByRole('button')
			.click();
		await page.getByText(nl('reports.read.posted')).waitFor();
		await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^comment-criterion-.+-posted$/);
		expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(nl('reports.read.posted'));
		await expectNoAxeViolations(page);

		// The evaluation says "u", as every other page.
		await page.goto(url(`/live/${held.session.id}/evaluation`));
		const text = (await page.locator('main').textContent())!;
		expect(text).toContain(nl('evaluation.q.heard'));
		expect(text).not.toMatch(/\b(je|jij|jouw)\b/i);
		await expectNoAxeViolations(page);

		// The final report: the reactienota (five columns) is wider than the phone, so its scroll
		// container is a named region in the tab order too.
		const report = getReport(db(), held.session.id)!;
		closeCommentsEarly(db(), held.actor, held.session.id, { reason: 'Iedereen heeft gereageerd.' });
		for (const comment of commentsOf(db(), report.id))
			respondToComment(db(), held.actor, held.session.id, comment.id, {
				decision: 'adopted',
				reason: 'We schrijven erbij wie het plan met de cliënt doorneemt en wanneer dat gebeurt.'
			});
		finalizeReport(db(), held.actor, held.session.id, world.server.url);
		await page.goto(url(`/live/${held.session.id}/report`));
		const responses = page
			.getByRole('region', { name: nl('reports.document.label.responses') })
			.and(page.locator('.kd-table-container', { has: page.locator('table.kd-responses') }));
		expect(await responses.getAttribute('tabindex')).toBe('0');
		expect(await responses.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
		// Its text columns keep a readable width: words are not broken into a letter or two a line.
		const narrowest = await responses.evaluate((el) =>
			Math.min(
				...[...el.querySelectorAll<HTMLElement>('td.kd-prewrap')]
					.filter((td) => td.textContent!.trim())
					.map((td) => td.getBoundingClientRect().width)
			)
		);
		expect(narrowest).toBeGreaterThanOrEqual(14 * 16);
		// One region of that name, not the part around it as well (axe: landmark-unique).
		expect(await page.getByRole('region', { name: nl('reports.document.label.responses') }).count()).toBe(1);
		await expectNoAxeViolations(page);
		await context.close();
	});
});

describe('the home page', () => {
	it('has the code field first, says what is wrong in Dutch, and leads to the join page', async () => {
		const { session, context } = await sessionWithAns();
		await context.close();
		const page = world.page;
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(url('/'));
		const field = page.getByLabel(nl('home.code.label'), { exact: true });
		// On the first screen of a phone, field and button, before anything else in the page.
		const submitBox = (await page.getByRole('button', { name: nl('home.code.submit'), exact: true }).boundingBox())!;
		expect(submitBox.y + submitBox.height).toBeLessThan(844);
		expect(await page.locator('main form input').first().getAttribute('id')).toBe('home-code');
		// Staff pages keep the login link.
		expect(await staffLogin(page).count()).toBe(1);
		await expectNoAxeViolations(page);

		// Nothing filled in, or too short: said at the field, in Dutch.
		const submit = page.getByRole('button', { name: nl('home.code.submit'), exact: true });
		await submit.click();
		await page.locator('#home-code-error').getByText(nl('join.codeMissing')).waitFor();
		expect(await field.getAttribute('aria-invalid')).toBe('true');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('home-code');
		await expectNoAxeViolations(page);
		await field.fill('K7M');
		await submit.click();
		await page.locator('#home-code-error').getByText(nl('join.codeLength')).waitFor();
		expect(new URL(page.url()).pathname).toBe('/');

		// A code that does not exist: the join page says so.
		await field.fill('zzzzzz');
		await clickAndWait(page, submit);
		expect(new URL(page.url()).pathname).toBe('/join');
		expect(await page.getByText(nl('error.join.unknownCode')).isVisible()).toBe(true);
		expect(await staffLogin(page).count()).toBe(0);

		// The right code: on to name and background.
		await page.goto(url('/'));
		await field.fill(session.joinCode!.toLowerCase());
		await clickAndWait(page, submit);
		await page.getByText(nl('join.sessionIs', { title: 'Gesprek op de telefoon' })).waitFor();
		await expectNoAxeViolations(page);

		// Without JavaScript's check the join page says the same.
		await page.goto(url('/join?code='));
		expect(await page.getByText(nl('join.codeMissing')).isVisible()).toBe(true);
		await page.goto(url('/join?code=ab'));
		expect(await page.getByText(nl('join.codeLength')).isVisible()).toBe(true);
		await expectNoAxeViolations(page);
		await page.goto(url('/login'));
		expect(await staffLogin(page).count()).toBe(1);
	});
});
