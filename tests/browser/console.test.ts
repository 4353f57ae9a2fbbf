/**
 * The facilitator's console on a laptop (1366x768, issue 18): the current step's action is in
 * view without scrolling, Alt+Shift+Page Down/Up go to the next and the previous step (never
 * while typing) and the change is announced, the vote shows how many have voted, and the
 * stickers of someone without a device are shown per theme. On a large screen (1920x1080) the
 * work and the side column stand side by side without a horizontal scroll bar, and adding
 * someone without a device empties the form and puts the focus on the confirmation.
 * Screenshots go to /tmp/console-shots/.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import * as Y from 'yjs';
import { SYSTEM } from '../../src/lib/server/audit';
import { YjsStore } from '../../src/lib/server/realtime/yjs/persistence';
import { docNameOf, rootsOf } from '../../src/lib/shared/theme-document';
import { gotoAgenda } from '../../src/lib/server/sessions/agenda';
import { createProposal } from '../../src/lib/server/sessions/proposals';
import { getDialogueSession } from '../../src/lib/server/sessions/setup';
import { sessionState } from '../../src/lib/server/sessions/state';
import { chooseThemes } from '../../src/lib/server/sessions/voting';
import { expectNoAxeViolations, useBrowserWorld } from '../helpers/browser';
import { liveWorld, member } from '../helpers/live';
import type { ThemeState } from '../../src/lib/shared/live-state';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld();
const db = () => world.server.runtime.db;
const url = (path: string) => `${world.server.url}${path}`;
const SHOTS = '/tmp/console-shots';
const VIEWPORT = { width: 1366, height: 768 };

/** A lead page on a laptop screen, logged in with the facilitator's cookie. */
async function laptop(cookie: string, sessionId: number, viewport = VIEWPORT): Promise<Page> {
	const context = await world.browser.newContext({ viewport });
	const [name, value] = cookie.split('=') as [string, string];
	await context.addCookies([{ name, value, url: world.server.url, httpOnly: true, sameSite: 'Lax' }]);
	const page = await context.newPage();
	await page.goto(url(`/sessions/${sessionId}/lead`));
	return page;
}

/** Fails unless the element is wholly inside the window, with the page not scrolled. */
async function expectInView(page: Page, target: Locator, what: string): Promise<void> {
	await target.waitFor();
	expect(await page.evaluate(() => window.scrollY), `${what}: the page has not scrolled`).toBe(0);
	const box = (await target.boundingBox())!;
	expect(box, what).not.toBeNull();
	expect(box.y, `${what} starts inside the window`).toBeGreaterThanOrEqual(0);
	expect(box.y + box.height, `${what} ends inside the window (${VIEWPORT.height}px)`).toBeLessThanOrEqual(VIEWPORT.height);
	expect(box.x + box.width, `${what} is not cut off at the side`).toBeLessThanOrEqual(VIEWPORT.width);
}

async function shot(page: Page, name: string): Promise<void> {
	fs.mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: `${SHOTS}/${name}.png` });
	await page.screenshot({ path: `${SHOTS}/${name}-full.png`, fullPage: true });
}

/** Where the session is now, as the server has it. */
const step = (id: number) => sessionState(db(), id, { kind: 'facilitator' }).agendaIndex;

/** The polite live region the page announces in. */
const announced = (page: Page, text: string) => page.locator('p[role="status"]').filter({ hasText: text }).waitFor({ state: 'attached' });

describe('the facilitator console at 1366x768', () => {
	it('puts the step’s action in view, moves by shortcut, counts the votes and shows a proxy’s stickers', async () => {
		const w = await liveWorld(db(), { maxStickersPerTheme: 2 });
		const id = w.session.id;
		gotoAgenda(db(), SYSTEM, id, 2);
		createProposal(db(), SYSTEM, id, w.ans.participant.id, { title: 'Vervoer naar de dagbesteding', explanation: 'Op tijd komen.' });
		const total = sessionState(db(), id, { kind: 'facilitator' }).agenda.length;
		const [a, b] = sessionState(db(), id, { kind: 'facilitator' }).themes.slice(0, 2) as [ThemeState, ThemeState];

		// Two participants on their phones (Cor stays away for now).
		const ans = await member(world.server.url, w.cookies.ans, id);
		const bas = await member(world.server.url, w.cookies.bas, id);

		const lead = await laptop(w.cookies.facilitator, id);
		await lead.getByRole('heading', { level: 2, name: nl('phase.proposals') }).waitFor();

		// Proposals: what to do now, and the first proposal's actions without scrolling.
		expect(await lead.getByText(nl('console.do.proposals')).isVisible()).toBe(true);
		await shot(lead, '1-proposals');
		const proposal = lead.getByRole('listitem').filter({ has: lead.getByRole('heading', { name: 'Vervoer naar de dagbesteding' }) });
		await expectInView(lead, proposal.getByRole('button', { name: new RegExp(`^${nl('live.lead.add')}`) }), 'Toevoegen als thema');
		await expectInView(lead, proposal.getByRole('button', { name: new RegExp(`^${nl('live.lead.merge')}`) }), 'Samenvoegen');
		const next = lead.getByRole('button', { name: nl('live.lead.next'), exact: true });
		const previous = lead.getByRole('button', { name: nl('live.lead.previous'), exact: true });
		await expectInView(lead, next, 'Volgende stap');
		// The shortcuts are on screen beside the buttons, and told to assistive technology.
		expect(await next.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+PageDown');
		// The table of people beside the step shows every action whole (at 3 : 2 they were cut off).
		for (const width of [VIEWPORT.width, 1280]) {
			await lead.setViewportSize({ width, height: VIEWPORT.height });
			const side = (await lead.locator('.kd-console__side').boundingBox())!;
			const actions = lead.getByRole('table', { name: nl('live.lead.peopleCaption') }).getByRole('button');
			expect(await actions.count()).toBeGreaterThan(3);
			for (const button of await actions.all()) {
				const box = (await button.boundingBox())!;
				expect(box.x + box.width, `${await button.textContent()} at ${width}px`).toBeLessThanOrEqual(
					Math.min(side.x + side.width, width) + 0.5
				);
			}
		}
		await lead.setViewportSize(VIEWPORT);
		expect(await previous.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+PageUp');
		expect(await lead.getByText(nl('console.shortcut', { keys: nl('console.keys.next') })).isVisible()).toBe(true);
		expect(await lead.getByText(nl('console.shortcut', { keys: nl('console.keys.previous') })).isVisible()).toBe(true);
		await expectNoAxeViolations(lead);

		// Typing in a field: the shortcut does nothing.
		const field = proposal.getByLabel(nl('live.lead.addName'));
		await field.focus();
		await lead.keyboard.press('Alt+Shift+PageDown');
		await lead.waitForTimeout(500);
		expect(step(id)).toBe(2);
		expect(await lead.getByRole('heading', { level: 2, name: nl('phase.proposals') }).isVisible()).toBe(true);
		await lead.locator('#minutes, #timer-minutes').focus();
		await lead.keyboard.press('Alt+Shift+PageUp');
		await lead.waitForTimeout(500);
		expect(step(id)).toBe(2);

		// Outside a field: Alt+Shift+Page Down is the next step, announced; Page Up goes back.
		await lead.locator('#where-title').click();
		await lead.keyboard.press('Alt+Shift+PageDown');
		await lead.getByRole('heading', { level: 2, name: nl('phase.voting') }).waitFor();
		await announced(lead, nl('live.announce.step', { step: nl('phase.voting'), n: 4, total }));
		expect(step(id)).toBe(3);
		await lead.keyboard.press('Alt+Shift+PageUp');
		await lead.getByRole('heading', { level: 2, name: nl('phase.proposals') }).waitFor();
		await announced(lead, nl('live.announce.step', { step: nl('phase.proposals'), n: 3, total }));
		expect(step(id)).toBe(2);
		// A single key is not a shortcut.
		await lead.keyboard.press('PageDown');
		await lead.waitForTimeout(300);
		expect(step(id)).toBe(2);
		await lead.evaluate(() => window.scrollTo(0, 0)); // Page Down alone scrolls, as it should
		await lead.keyboard.press('Alt+Shift+PageDown');
		await lead.getByRole('heading', { level: 2, name: nl('phase.voting') }).waitFor();

		// Voting: opening the vote is in view; then how many have voted.
		expect(await lead.getByText(nl('console.do.voting.not_started')).isVisible()).toBe(true);
		const open = lead.getByRole('button', { name: nl('live.lead.voteOpen'), exact: true });
		await expectInView(lead, open, 'Stemmen openen');
		await open.click();
		const vote = lead.getByRole('region', { name: nl('live.lead.vote'), exact: true });
		await vote.getByText(nl('live.lead.voteStatus.open')).waitFor();
		await expectInView(lead, lead.getByRole('button', { name: nl('live.lead.voteClose'), exact: true }), 'Stemmen sluiten');
		const progressText = (done: number, of: number, started: number) =>
			`${nl('live.vote.progress', { count: done, of })} ${nl('live.vote.started', { count: started })}`;
		await vote.getByText(progressText(0, 2, 0)).waitFor();
		expect(await ans.send('sticker:place', { themeId: a.id })).toMatchObject({ ok: true });
		// One sticker of three: begun, not done (a facilitator who sees "all voted" closes too early).
		const progress = vote.getByText(progressText(0, 2, 1), { exact: true });
		await progress.waitFor();
		expect(await progress.getAttribute('aria-live')).toBe('polite');
		expect(progressText(0, 2, 1)).toBe('0 van 2 zijn klaar met plakken. 1 heeft er minstens één geplakt.');
		await shot(lead, '2-voting');

		// Cor has no device: the facilitator says so, then places two stickers on a and one on b.
		await lead.getByRole('button', { name: new RegExp(`^${nl('identity.lead.withoutDevice')}\\s*: Cor$`) }).click();
		await vote.getByText(nl('identity.lead.proxyNone', { name: 'Cor' })).waitFor();
		const chooser = lead.getByLabel(nl('live.lead.proxyThemeFor', { name: 'Cor' }));
		const place = lead.getByRole('button', { name: `${nl('live.vote.place')} ${nl('live.lead.forPerson', { name: 'Cor' })}` });
		for (const [theme, left] of [
			[a, 2],
			[a, 1],
			[b, 0]
		] as const) {
			await chooser.selectOption(String(theme.id));
			await place.click();
			await vote
				.getByText(left === 0 ? nl('console.proxy.noneLeft', { name: 'Cor' }) : nl('live.lead.proxyLeft', { name: 'Cor', count: left }))
				.waitFor();
		}
		const where = nl('identity.lead.proxyWhere', {
			name: 'Cor',
			themes: `${nl('console.proxy.theme', { theme: a.name, count: 2 })}, ${nl('console.proxy.theme', { theme: b.name, count: 1 })}`
		});
		await vote.getByText(where).waitFor();
		expect(where).toBe(`Stickers van Cor: ${a.name}: 2 stickers, ${b.name}: 1 sticker.`);
		expect(await vote.getByText('sticker(s)').count()).toBe(0);
		// Cor is in the room now (through the facilitator) and has placed all three stickers.
		await vote.getByText(progressText(1, 3, 2), { exact: true }).waitFor();
		await shot(lead, '3-voting-proxy');
		await expectNoAxeViolations(lead);

		// The result: choosing the themes comes first, the result below it.
		await lead.getByRole('button', { name: nl('live.lead.voteClose'), exact: true }).click();
		await vote.getByText(nl('live.lead.voteStatus.closed')).waitFor();
		await lead.evaluate(() => window.scrollTo(0, 0));
		await lead.locator('#where-title').click();
		await lead.keyboard.press('Alt+Shift+PageDown');
		await lead.getByRole('heading', { level: 2, name: nl('phase.result') }).waitFor();
		expect(await lead.getByText(nl('console.do.result')).isVisible()).toBe(true);
		await expectInView(lead, lead.getByRole('checkbox', { name: new RegExp(`^${a.name}`) }), 'the first theme to choose');
		await shot(lead, '6-result');
		await expectNoAxeViolations(lead);

		ans.socket.disconnect();
		bas.socket.disconnect();
		await lead.context().close();
	}, 90_000);

	it('lists at the start what to tell people first, as the source’s intro asks', async () => {
		const w = await liveWorld(db());
		const id = w.session.id;
		gotoAgenda(db(), SYSTEM, id, 0);
		const lead = await laptop(w.cookies.facilitator, id);
		await lead.getByRole('heading', { level: 2, name: nl('phase.intro') }).waitFor();
		const checklist = lead.getByRole('list', { name: nl('console.intro.checklist') });
		expect(await checklist.getByRole('listitem').allTextContents()).toEqual(
			(['meaning', 'plans', 'asked', 'after', 'names'] as const).map((point) => nl(`console.intro.${point}`))
		);
		await expectInView(lead, checklist.getByRole('listitem').last(), 'the last point of the intro');
		await expectNoAxeViolations(lead);
		// The next step has its own work: the list is gone.
		await lead.getByRole('button', { name: nl('live.lead.next'), exact: true }).click();
		await lead.getByRole('heading', { level: 2, name: nl('phase.overview') }).waitFor();
		expect(await lead.getByRole('list', { name: nl('console.intro.checklist') }).count()).toBe(0);
		await lead.context().close();
	});

	it('says before the first step on that the session has not started, and what the phones show', async () => {
		// Days ahead: phones show when and where it is.
		const later = await liveWorld(db(), { scheduledAt: new Date(Date.now() + 2 * 86_400_000) });
		const early = await laptop(later.cookies.facilitator, later.session.id);
		await early.getByRole('heading', { level: 2, name: nl('phase.intro') }).waitFor();
		await early.getByText(nl('console.planned')).waitFor();
		expect(await early.getByText(nl('console.plannedSoon')).count()).toBe(0);
		// "Next" two days early asks first; "not yet" changes nothing and gives the focus back.
		const next = early.getByRole('button', { name: nl('live.lead.next'), exact: true });
		await next.click();
		const question = early.getByRole('alert').filter({ hasText: nl('console.early.what') });
		await question.waitFor();
		expect(await question.evaluate((el) => el === document.activeElement)).toBe(true);
		await expectNoAxeViolations(early);
		await question.getByRole('button', { name: nl('console.early.no') }).click();
		await question.waitFor({ state: 'detached' });
		expect(await next.evaluate((el) => el === document.activeElement)).toBe(true);
		expect(getDialogueSession(db(), later.session.id)!.status).toBe('planned');
		// The keyboard shortcut asks too; "yes" starts the session for everyone.
		await early.keyboard.press('Alt+Shift+PageDown');
		await question.waitFor();
		expect(getDialogueSession(db(), later.session.id)!.status).toBe('planned');
		await question.getByRole('button', { name: nl('console.early.yes') }).click();
		await early.getByRole('heading', { level: 2, name: nl('phase.overview') }).waitFor();
		expect(getDialogueSession(db(), later.session.id)!.status).toBe('open');
		await early.context().close();
		// Without a date (or within the hour), phones show the first step already: the lead view says so.
		const w = await liveWorld(db());
		expect(getDialogueSession(db(), w.session.id)!.status).toBe('planned');
		const lead = await laptop(w.cookies.facilitator, w.session.id);
		await lead.getByRole('heading', { level: 2, name: nl('phase.intro') }).waitFor();
		await lead.getByText(nl('console.plannedSoon')).waitFor();
		expect(await lead.getByText(nl('console.planned')).count()).toBe(0);
		await expectNoAxeViolations(lead);
		await lead.getByRole('button', { name: nl('live.lead.next'), exact: true }).click();
		await lead.getByRole('heading', { level: 2, name: nl('phase.overview') }).waitFor();
		expect(getDialogueSession(db(), w.session.id)!.status).toBe('open');
		expect(await lead.getByText(nl('console.plannedSoon')).count()).toBe(0);
		await lead.context().close();
	});

	it('puts the theme step’s marks and the next step in view, and marks by button', async () => {
		const w = await liveWorld(db(), { themeSelection: 'fixed', themesToTreat: 2 });
		const id = w.session.id;
		const themes = sessionState(db(), id, { kind: 'facilitator' }).themes;
		chooseThemes(db(), SYSTEM, id, { themeIds: [themes[0]!.id, themes[1]!.id] });
		const agenda = sessionState(db(), id, { kind: 'facilitator' }).agenda;
		const index = agenda.findIndex((item) => item.phase === 'theme' && item.step === 'test_question');
		gotoAgenda(db(), SYSTEM, id, index);
		// The group wrote a toetsvraag (an empty one cannot be agreed).
		const written = new Y.Doc();
		rootsOf(written).testQuestion.insert(0, 'Kiest de cliënt zelf wie hem helpt?');
		new YjsStore(db()).append(docNameOf(id, themes[0]!.key), Y.encodeStateAsUpdate(written));

		const lead = await laptop(w.cookies.facilitator, id);
		const name = nl('live.agenda.themeStep', { n: 1, name: themes[0]!.name, step: nl('step.test_question') });
		await lead.getByRole('heading', { level: 2, name }).waitFor();
		expect(await lead.getByText(nl('console.do.test_question')).isVisible()).toBe(true);
		const agreed = lead.getByRole('button', { name: nl('console.mark.agreed'), exact: true });
		await expectInView(lead, agreed, 'Toetsvraag is afgesproken');
		await expectInView(lead, lead.getByRole('button', { name: nl('live.lead.next'), exact: true }), 'Volgende stap');
		// The theme's work starts on the first screen too.
		await expectInView(lead, lead.getByRole('heading', { level: 2, name: nl('coedit.theme', { name: themes[0]!.name }) }), 'the theme');
		expect(await agreed.getAttribute('aria-pressed')).toBe('false');
		await agreed.click();
		await expect.poll(() => agreed.getAttribute('aria-pressed')).toBe('true');
		expect(sessionState(db(), id, { kind: 'facilitator' }).themes.find((t) => t.id === themes[0]!.id)!.testQuestionAgreed).toBe(true);
		// The checkbox in the theme's work says the same.
		await expect.poll(() => lead.getByLabel(nl('coedit.testQuestion.agree')).isChecked()).toBe(true);
		await shot(lead, '4-theme-test-question');
		await expectNoAxeViolations(lead);

		// Typing in the co-edited toetsvraag: the shortcut does nothing.
		await lead.locator(`#tw-${themes[0]!.id}-test-question`).focus();
		await lead.keyboard.press('Alt+Shift+PageDown');
		await lead.waitForTimeout(500);
		expect(step(id)).toBe(index);

		// The next step by shortcut, also right after pressing a button in the console.
		await agreed.focus();
		await lead.keyboard.press('Alt+Shift+PageDown');
		const criteria = nl('live.agenda.themeStep', { n: 1, name: themes[0]!.name, step: nl('step.criteria') });
		await lead.getByRole('heading', { level: 2, name: criteria }).waitFor();
		await announced(lead, nl('live.announce.step', { step: criteria, n: index + 2, total: agenda.length }));
		await lead.evaluate(() => window.scrollTo(0, 0)); // focusing the toetsvraag above scrolled to it
		await expectInView(lead, lead.getByRole('button', { name: nl('console.mark.provisional'), exact: true }), 'Criteria zijn voorlopig');
		await shot(lead, '5-theme-criteria');
		await expectNoAxeViolations(lead);

		await lead.context().close();
	}, 60_000);

	it('uses a 1920x1080 screen well, and confirms adding someone without a device', async () => {
		const LARGE = { width: 1920, height: 1080 };
		const w = await liveWorld(db());
		const id = w.session.id;
		gotoAgenda(db(), SYSTEM, id, 2);
		createProposal(db(), SYSTEM, id, w.ans.participant.id, { title: 'Vervoer naar de dagbesteding', explanation: 'Op tijd komen.' });
		const lead = await laptop(w.cookies.facilitator, id, LARGE);
		await lead.getByRole('heading', { level: 2, name: nl('phase.proposals') }).waitFor();

		/** No horizontal scroll bar; the step's work and the side column side by side, both starting on the first screen. */
		async function expectLaidOut(what: string): Promise<void> {
			const width = await lead.evaluate(() => ({
				scroll: document.documentElement.scrollWidth,
				client: document.documentElement.clientWidth
			}));
			expect(width.scroll, `${what}: no horizontal scrolling`).toBeLessThanOrEqual(width.client);
			const main = (await lead.locator('.kd-console__main').boundingBox())!;
			const side = (await lead.getByRole('complementary', { name: nl('console.side') }).boundingBox())!;
			expect(side.x, `${what}: the side column beside the work`).toBeGreaterThanOrEqual(main.x + main.width);
			expect(side.x + side.width, what).toBeLessThanOrEqual(LARGE.width);
			expect(main.y, what).toBeLessThan(LARGE.height / 3);
			expect(Math.abs(side.y - main.y), `${what}: both start at the top`).toBeLessThan(LARGE.height / 4);
			// Not a narrow strip in a wide screen: the work takes most of the width.
			expect(main.width, what).toBeGreaterThan(LARGE.width * 0.45);
			// Nothing sticks out sideways inside the page either.
			const wide = await lead.evaluate(
				(limit) =>
					[...document.querySelectorAll('main *')]
						.filter((el) => {
							const r = el.getBoundingClientRect();
							return r.width > 0 && r.right > limit + 0.5;
						})
						.map((el) => el.tagName + '.' + el.className),
				LARGE.width
			);
			expect(wide, what).toEqual([]);
		}

		await expectInView(lead, lead.getByRole('button', { name: nl('live.lead.next'), exact: true }), 'Volgende stap');
		await expectLaidOut('proposals');
		await shot(lead, '7-large-proposals');
		await expectNoAxeViolations(lead);

		// Voting, open: the progress in front, the people beside it.
		gotoAgenda(db(), SYSTEM, id, 3);
		world.server.runtime.realtime!.sessions.schedule(id);
		await lead.getByRole('heading', { level: 2, name: nl('phase.voting') }).waitFor();
		await lead.getByRole('button', { name: nl('live.lead.voteOpen'), exact: true }).click();
		await lead
			.getByRole('region', { name: nl('live.lead.vote'), exact: true })
			.getByText(nl('live.lead.voteStatus.open'))
			.waitFor();
		await expectLaidOut('voting');

		// Someone without a device: after adding, the form is empty and the focus is on the confirmation.
		const side = lead.getByRole('complementary', { name: nl('console.side') });
		const form = side.getByRole('form', { name: nl('live.lead.proxyTitle') });
		await form.getByLabel(nl('join.name'), { exact: true }).fill('Mevrouw Jansen');
		await form.getByLabel(nl('join.perspective')).selectOption('client');
		await form.getByRole('button', { name: nl('live.lead.proxySubmit') }).click();
		const confirmation = side.getByRole('status').filter({ hasText: nl('console.proxy.added', { name: 'Mevrouw Jansen' }) });
		await confirmation.waitFor();
		await expect.poll(() => confirmation.evaluate((el) => el === document.activeElement)).toBe(true);
		expect(await form.getByLabel(nl('join.name'), { exact: true }).inputValue()).toBe('');
		expect(await form.getByLabel(nl('join.perspective')).inputValue()).toBe('');
		await side.getByRole('rowheader', { name: 'Mevrouw Jansen' }).waitFor();
		expect(sessionState(db(), id, { kind: 'facilitator' }).people!.some((p) => p.displayName === 'Mevrouw Jansen' && p.proxy)).toBe(true);
		await expectLaidOut('voting, after adding');
		await shot(lead, '8-large-voting-proxy-added');
		await expectNoAxeViolations(lead);
		// Starting on the next person takes the old confirmation away.
		await form.getByLabel(nl('join.name'), { exact: true }).fill('Meneer');
		await expect.poll(() => confirmation.count()).toBe(0);

		await lead.context().close();
	}, 60_000);
});
