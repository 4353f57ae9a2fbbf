/**
 * The live dialogue session in a real browser. A facilitator sets a session up through the
 * pages; then a facilitator (lead view and projector view in one context) and three
 * participants (each in a browser context of their own) join with the code, vote with
 * stickers (one tries a fourth sticker and is told no), and end with the chosen themes after
 * a tie that the facilitator breaks with a reason. Every view passes axe-core.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { SYSTEM } from '../../src/lib/server/audit';
import { dialogueSessions, frameworks, frameworkVersions, stickers } from '../../src/lib/server/db/schema';
import { addParticipant } from '../../src/lib/server/sessions/participants';
import { gotoAgenda } from '../../src/lib/server/sessions/agenda';
import { createProposal } from '../../src/lib/server/sessions/proposals';
import { chooseThemes, openVote } from '../../src/lib/server/sessions/voting';
import { createDialogueSession, getDialogueSession } from '../../src/lib/server/sessions/setup';
import { sessionState } from '../../src/lib/server/sessions/state';
import { clickAndWait, expectNoAxeViolations, loginAs, shortHands, staffAccount, useBrowserWorld } from '../helpers/browser';
import { nl } from '../helpers/i18n';
import { eventually } from '../helpers/realtime';
import { movisieVersionId } from '../helpers/live';

const world = useBrowserWorld();
const { db, url, path, h1 } = shortHands(world);

const drentsVersionId = () =>
	db()
		.select({ id: frameworkVersions.id })
		.from(frameworkVersions)
		.innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
		.where(eq(frameworks.slug, 'drents-kwaliteitskader'))
		.get()!.id;

const facilitatorAccount = staffAccount(
	world,
	{ email: 'gl@gemeente.test', name: 'Gijs Gespreksleider', roles: ['facilitator'] },
	'een lang wachtwoord voor gesprekken'
);
const facilitator = () => facilitatorAccount.ready();

/** Joins through /join as a person would: the code, then a name and a perspective. */
async function joinWithCode(page: Page, code: string, name: string, perspective: string, check = false): Promise<void> {
	await page.goto(url('/join'));
	await page.getByLabel(nl('join.code'), { exact: true }).fill(code.toLowerCase());
	if (check) await expectNoAxeViolations(page);
	await clickAndWait(page, page.getByRole('button', { name: nl('join.codeSubmit') }));
	await page.getByText(nl('join.sessionIs', { title: 'Welke thema’s vinden wij belangrijk?' })).waitFor();
	await page.getByLabel(nl('join.name'), { exact: true }).fill(name);
	await page.getByLabel(perspective, { exact: true }).check();
	if (check) await expectNoAxeViolations(page);
	await clickAndWait(page, page.getByRole('button', { name: nl('join.submit'), exact: true }));
	await page.getByRole('heading', { level: 2, name: nl('phase.intro') }).waitFor();
}

const placeButton = (page: Page, theme: string) =>
	page.getByRole('button', { name: `${nl('live.vote.place')} ${nl('live.vote.placeTarget', { name: theme })}`, exact: true });

describe('setting up a session', () => {
	it('creates a session through the form, shows the code and QR code, and gives a personal link once', async () => {
		const { page, context } = world;
		await loginAs(context, world.server, await facilitator());
		// An earlier session on the Drents framework, of which one theme was treated: the new one follows up on it.
		const earlier = createDialogueSession(db(), SYSTEM, {
			title: 'Eerste gesprek',
			facilitatorId: await facilitator(),
			frameworkVersionId: drentsVersionId(),
			themeSelection: 'fixed',
			themesToTreat: 1
		});
		const earlierThemes = sessionState(db(), earlier.id, { kind: 'facilitator' }).themes;
		chooseThemes(db(), SYSTEM, earlier.id, { themeIds: [earlierThemes[0]!.id] });
		await page.goto(url('/sessions/new'));
		expect(await h1(page)).toBe(nl('session.new.title'));
		// The source's first step: an independent facilitator.
		expect(await page.getByText(nl('session.new.independence')).isVisible()).toBe(true);
		await expectNoAxeViolations(page);

		// Without a title, date and framework: errors at the fields, and a summary that links to them.
		await clickAndWait(page, page.getByRole('button', { name: nl('session.new.submit') }));
		const summary = page.getByRole('alert');
		expect(await summary.getByRole('link', { name: `${nl('session.form.title')}: ${nl('error.field.required')}` }).count()).toBe(1);
		expect(await page.getByLabel(nl('session.form.title'), { exact: true }).getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#set-frameworkVersionId-error').textContent()).toBe(nl('error.session.frameworkVersion'));
		await expectNoAxeViolations(page);

		await page.getByLabel(nl('session.form.title'), { exact: true }).fill('Gesprek over vervoer');
		await page.getByLabel(nl('session.form.scheduledAt'), { exact: true }).fill('2025-05-14T19:30');
		await page.getByLabel(nl('session.form.duration'), { exact: true }).fill('150');
		await page.getByLabel(nl('session.form.framework'), { exact: true }).selectOption(String(movisieVersionId(db())));
		await page.getByLabel(nl('session.form.stickersCount', { count: 2 }), { exact: true }).check();
		await page
			.getByLabel(nl('session.new.carry'))
			.selectOption({ label: nl('session.new.carryOption', { title: 'Eerste gesprek', date: nl('session.new.carryNoDate') }) });
		await clickAndWait(page, page.getByRole('button', { name: nl('session.new.submit') }));

		expect(path(page)).toMatch(/^\/sessions\/\d+$/);
		const id = Number(path(page).split('/')[2]);
		const session = getDialogueSession(db(), id)!;
		expect(session).toMatchObject({
			title: 'Gesprek over vervoer',
			durationMinutes: 150,
			stickersPerParticipant: 2,
			themesToTreat: 3,
			hideTallies: true,
			status: 'planned'
		});
		expect(session.scheduledAt!.toISOString()).toBe('2025-05-14T17:30:00.000Z');
		// The themes the earlier session did not treat are offered again, labelled as such.
		const carried = sessionState(db(), id, { kind: 'facilitator' }).themes.filter((t) => t.origin === 'carried');
		expect(carried.map((t) => t.name)).toEqual(earlierThemes.slice(1).map((t) => t.name));
		expect(await page.locator('#themes-title ~ ul .kd-tag--carried').allTextContents()).toEqual(
			carried.map(() => nl('session.themes.carried'))
		);
		expect(await h1(page)).toBe('Gesprek over vervoer');
		// More than two hours is allowed, with the method's warning.
		expect(await page.getByText(nl('session.warning.duration')).isVisible()).toBe(true);
		expect(await page.getByText('woensdag 14 mei 2025 om 19:30').isVisible()).toBe(true);
		expect(await page.locator('.kd-join-code').textContent()).toContain(session.joinCode!);
		expect(
			await page
				.getByRole('img', { name: /QR-code/ })
				.locator('svg')
				.count()
		).toBe(1);
		expect(await page.getByRole('link', { name: nl('session.lead.link') }).getAttribute('href')).toBe(`/sessions/${id}/lead`);
		expect(await page.getByRole('link', { name: nl('session.screen.link') }).getAttribute('href')).toBe(`/sessions/${id}/screen`);
		await expectNoAxeViolations(page);

		// A personal link, shown once.
		await page.getByLabel(nl('join.name'), { exact: true }).fill('Mevrouw Bakker');
		await page.getByLabel(nl('join.perspective'), { exact: true }).selectOption('client');
		await clickAndWait(page, page.getByRole('button', { name: nl('session.people.addSubmit') }));
		const link = await page.getByLabel(nl('session.people.link', { name: 'Mevrouw Bakker' })).inputValue();
		expect(link).toMatch(new RegExp(`^${world.server.url}/j/[^/]+$`));
		expect(await page.getByRole('rowheader', { name: 'Mevrouw Bakker' }).count()).toBe(1);
		await expectNoAxeViolations(page);
		// The next form on this answer still works (with Referrer-Policy no-referrer the browser sent
		// "Origin: null" and SvelteKit's CSRF check refused it, losing what was typed).
		await page.getByLabel(nl('join.name'), { exact: true }).fill('Meneer Smit');
		await page.getByLabel(nl('join.perspective'), { exact: true }).selectOption('official');
		await clickAndWait(page, page.getByRole('button', { name: nl('session.people.addSubmit') }));
		expect(await page.getByLabel(nl('session.people.link', { name: 'Meneer Smit' })).inputValue()).toMatch(/\/j\/[^/]+$/);
		await clickAndWait(page, page.getByRole('button', { name: new RegExp(`^${nl('session.people.remove')}\\s*: Meneer Smit$`) }));
		expect(await page.getByText(nl('session.people.removed', { name: 'Meneer Smit' })).isVisible()).toBe(true);
		await page.reload();
		expect(await page.getByLabel(nl('session.people.link', { name: 'Mevrouw Bakker' })).count()).toBe(0);

		// The link logs her in and leaves the address bar.
		const phone = await world.browser.newContext();
		const her = await phone.newPage();
		await her.goto(link);
		expect(path(her)).toBe(`/live/${id}`);
		expect(await h1(her)).toBe('Gesprek over vervoer');
		expect((await phone.cookies()).find((c) => c.name === 'kd_participant')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

		// Removed: the link no longer works.
		await clickAndWait(page, page.getByRole('button', { name: new RegExp(`^${nl('session.people.remove')}\\s*: Mevrouw Bakker$`) }));
		expect(await page.getByText(nl('session.people.removed', { name: 'Mevrouw Bakker' })).isVisible()).toBe(true);
		await her.goto(link);
		expect(await h1(her)).toBe(nl('link.title'));
		await expectNoAxeViolations(her);
		await phone.close();

		// The dashboard lists the session.
		await page.goto(url('/dashboard'));
		expect(await page.getByRole('link', { name: 'Gesprek over vervoer' }).getAttribute('href')).toBe(`/sessions/${id}`);
		expect(await page.getByRole('link', { name: nl('session.new.link') }).count()).toBe(1);
	});

	it('tells a person clearly when a code is unknown or joining is locked', async () => {
		const { page } = world;
		const session = createDialogueSession(db(), SYSTEM, {
			title: 'Gesloten gesprek',
			facilitatorId: await facilitator(),
			frameworkVersionId: movisieVersionId(db())
		});
		await page.goto(url('/join?code=ZZZZZZ'));
		expect(await page.getByText(nl('error.join.unknownCode')).isVisible()).toBe(true);
		expect(await page.getByLabel(nl('join.code'), { exact: true }).getAttribute('aria-invalid')).toBe('true');
		db().update(dialogueSessions).set({ joinLocked: true }).where(eq(dialogueSessions.id, session.id)).run();
		await page.goto(url(`/join?code=${session.joinCode}`));
		expect(await page.getByText(nl('error.join.locked')).isVisible()).toBe(true);
		await expectNoAxeViolations(page);
	});
});

describe('a live session', () => {
	it('runs with a facilitator and three participants through sticker voting to the chosen themes', async () => {
		const facilitatorContext = world.context;
		await loginAs(facilitatorContext, world.server, await facilitator());
		const session = createDialogueSession(db(), SYSTEM, {
			title: 'Welke thema’s vinden wij belangrijk?',
			facilitatorId: await facilitator(),
			frameworkVersionId: movisieVersionId(db()),
			themesToTreat: 2
		});
		const names = sessionState(db(), session.id, { kind: 'facilitator' }).themes.map((t) => t.name);
		const [a, b, c, d] = names as [string, string, string, string];

		// The facilitator: the lead view, and the projector view in a second page.
		const lead = world.page;
		await lead.goto(url(`/sessions/${session.id}/lead`));
		await lead.getByRole('heading', { level: 2, name: nl('phase.intro') }).waitFor();
		const screen = await facilitatorContext.newPage();
		await screen.goto(url(`/sessions/${session.id}/screen`));
		await screen.locator('.kd-projector__code').getByText(session.joinCode!).waitFor();
		expect(await screen.getByRole('img', { name: /QR-code/ }).count()).toBe(1);
		await expectNoAxeViolations(screen);

		// Three participants, each on a device of their own.
		const people: { name: string; perspective: string; context: BrowserContext; page: Page }[] = [];
		for (const [name, perspective] of [
			['Ans', nl('perspective.client')],
			['Bas', nl('perspective.official')],
			['Cor', nl('perspective.wmo_council')]
		] as const) {
			const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
			const page = await context.newPage();
			await joinWithCode(page, session.joinCode!, name, perspective, name === 'Ans');
			people.push({ name, perspective, context, page });
		}
		const [ans, bas, cor] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
		expect(path(ans.page)).toBe(`/live/${session.id}`);
		expect(await ans.page.getByText(nl('live.me', { name: 'Ans', perspective: nl('perspective.client') })).isVisible()).toBe(true);
		await expectNoAxeViolations(ans.page);

		// The facilitator sees who is present, and everyone sees where the session is.
		await lead.getByRole('heading', { name: nl('live.lead.people', { present: 3, total: 3 }) }).waitFor();
		expect(await lead.locator('[aria-current="step"]').textContent()).toContain(nl('phase.intro'));
		await expectNoAxeViolations(lead);

		const next = lead.getByRole('button', { name: nl('live.lead.next'), exact: true });
		for (let i = 0; i < 3; i++) await next.click();
		await lead.getByRole('heading', { level: 2, name: nl('phase.voting') }).waitFor();
		expect(await lead.locator('[aria-current="step"]').textContent()).toContain(nl('phase.voting'));
		for (const p of people) {
			await p.page
				.getByRole('heading', { level: 2, name: nl('phase.voting') })
				.first()
				.waitFor();
			expect(await p.page.getByText(nl('live.stepOf', { n: 4, total: 5 + 2 * 3 + 1 }), { exact: true }).isVisible()).toBe(true);
			await p.page.getByText(nl('live.vote.notYet')).waitFor();
		}
		await lead.getByRole('button', { name: nl('live.lead.voteOpen') }).click();
		await lead
			.getByRole('region', { name: nl('live.lead.vote'), exact: true })
			.getByText(nl('live.lead.voteStatus.open'))
			.waitFor();
		await ans.page.getByText(nl('live.vote.left', { count: 3 })).waitFor();

		// a: 3 stickers; b, c and d: 2 each, so they tie for the second and last place.
		const votes: [(typeof people)[0], string[]][] = [
			[ans, [a, b, c]],
			[bas, [a, b, d]],
			[cor, [a, c, d]]
		];
		for (const [person, themes] of votes) {
			for (const [i, theme] of themes.entries()) {
				await placeButton(person.page, theme).click();
				const left = 2 - i;
				await person.page.getByText(left === 0 ? nl('live.vote.noneLeft') : nl('live.vote.left', { count: left })).waitFor();
			}
		}
		// The last sticker is told as the last one, not as "Nog 0 over".
		await expect
			.poll(() => cor.page.locator('.kd-visually-hidden[role=status]').allTextContents())
			.toContain(nl('live.vote.placedLast', { name: d }));
		// The focus stays on the button that was pressed while the state updates.
		expect(await cor.page.evaluate(() => document.activeElement?.id)).toMatch(/^place-\d+$/);

		// A fourth sticker: the button says why it cannot be used (issue 18), and a click sends nothing.
		const fourth = placeButton(ans.page, d);
		expect(await fourth.getAttribute('aria-disabled')).toBe('true');
		expect(await ans.page.locator(`#${await fourth.getAttribute('aria-describedby')}`).textContent()).toBe(nl('live.vote.why.budget'));
		await fourth.click({ force: true }); // aria-disabled: Playwright would wait for it to be enabled
		await expectNoAxeViolations(ans.page);
		expect(db().select().from(stickers).where(eq(stickers.dialogueSessionId, session.id)).all()).toHaveLength(9);

		// Taking one off and placing it back works.
		await ans.page
			.getByRole('button', { name: `${nl('live.vote.remove')} ${nl('live.vote.removeTarget', { name: c })}`, exact: true })
			.click();
		await ans.page.getByText(nl('live.vote.left', { count: 1 })).waitFor();
		expect(await ans.page.evaluate(() => document.activeElement?.id)).toMatch(/^place-\d+$/);
		await placeButton(ans.page, c).click();
		await ans.page.getByText(nl('live.vote.noneLeft')).waitFor();

		// The connections drop (a flaky network, a restarting proxy): every page connects and joins again.
		const sockets = world.server.runtime.realtime!.io.sockets.sockets;
		const before = new Set(sockets.keys());
		for (const socket of sockets.values()) socket.conn.close();
		await eventually(() => [...sockets.keys()].filter((id) => !before.has(id)).length >= 5, 10_000, 'everyone reconnected');
		// Connected is not yet joined: each page says it is reconnecting until its join is answered
		// (the state they show meanwhile is the one from before the drop).
		for (const page of [lead, screen, ans.page]) await page.getByText(nl('live.reconnecting')).waitFor({ state: 'detached' });
		await lead.getByRole('heading', { name: nl('live.lead.people', { present: 3, total: 3 }) }).waitFor();
		await ans.page.getByText(nl('live.vote.noneLeft')).waitFor();

		// The facilitator sees the tallies per perspective while they are hidden from the others.
		const tally = lead.getByRole('table', { name: nl('live.tally.caption') });
		await tally.getByRole('row', { name: new RegExp(`^${a} 3 1 1 1`) }).waitFor();
		expect(await ans.page.getByText(nl('live.vote.total', { count: 3 })).count()).toBe(0);
		const votePanel = lead.getByRole('region', { name: nl('live.lead.vote'), exact: true });
		expect(await votePanel.getByText(nl('live.lead.talliesHidden')).count()).toBe(1);
		await expectNoAxeViolations(lead);
		await expectNoAxeViolations(screen);

		// Close the vote and move to the result: tallies are revealed, the tie is shown as a tie.
		await lead.getByRole('button', { name: nl('live.lead.voteClose') }).click();
		await votePanel.getByText(nl('live.lead.voteStatus.closed')).waitFor();
		// Everyone sees the counts now, and the lead view says so.
		expect(await votePanel.getByText(nl('live.lead.talliesRevealed')).count()).toBe(1);
		expect(await votePanel.getByText(nl('live.lead.talliesHidden')).count()).toBe(0);
		// The counts stay in front of the facilitator, and there is nothing left to reveal.
		expect(
			await votePanel
				.getByRole('table', { name: nl('live.tally.caption') })
				.getByRole('row', { name: new RegExp(`^${a} 3 1 1 1`) })
				.isVisible()
		).toBe(true);
		expect(await votePanel.getByRole('button', { name: nl('live.lead.reveal') }).getAttribute('aria-disabled')).toBe('true');
		// A phone's status line says so too (what the last sticker said, "Nog … over", would contradict it).
		await expect.poll(() => ans.page.locator('p.kd-visually-hidden[role="status"]').textContent()).toBe(nl('live.vote.closed'));
		await next.click();
		await lead.getByRole('heading', { level: 2, name: nl('phase.result') }).waitFor();
		for (const page of [lead, screen, ans.page]) {
			await page.getByText(nl('live.result.tieTitle')).waitFor();
			expect(await page.locator('.kd-tag--tied').count()).toBe(3);
		}
		// The projector's table: the theme's total and its split per perspective, as numbers.
		expect(
			await screen
				.getByRole('table', { name: nl('live.tally.perPerspective') })
				.getByRole('row', { name: new RegExp(`^${a}.* 3 1 1 1$`) })
				.isVisible()
		).toBe(true);
		await expectNoAxeViolations(screen);
		await expectNoAxeViolations(bas.page);

		// Choosing a and c: a reason is required because of the tie.
		const choice = lead.locator('form', { has: lead.getByRole('group', { name: nl('session.themes.chooseLegend', { max: 2 }) }) });
		await choice.getByLabel(new RegExp(`^${c}`)).check();
		expect(await choice.textContent()).toContain(nl('live.lead.reasonHint'));
		expect(await choice.textContent()).not.toContain(nl('live.lead.reasonHintOptional'));
		await choice.getByRole('button', { name: nl('live.lead.chooseSubmit') }).click();
		// Said at the reason, which gets the focus (not a passing message with the focus left on the button).
		await expect.poll(() => lead.locator('#choice-reason-error').textContent()).toContain(nl('error.vote.reasonRequired'));
		await expect.poll(() => lead.evaluate(() => document.activeElement?.id)).toBe('choice-reason');
		expect(await lead.locator('#choice-reason').getAttribute('aria-invalid')).toBe('true');
		await choice.getByLabel(nl('live.lead.reasonRequired')).fill('Cliënten en Wmo-raad gaven dit thema stickers.');
		await choice.getByRole('button', { name: nl('live.lead.chooseSubmit') }).click();
		await lead.getByRole('heading', { level: 3, name: nl('live.chosen.title') }).waitFor();
		await expectNoAxeViolations(lead);

		// Every participant, and the projector, now shows the chosen themes.
		for (const page of [...people.map((p) => p.page), screen]) {
			const list = page
				.locator('ol')
				.filter({ has: page.getByText(a, { exact: true }) })
				.last();
			await page.getByRole('heading', { name: nl('live.chosen.title') }).waitFor();
			await list.getByText(c, { exact: true }).waitFor();
			expect(await list.locator('li').allTextContents()).toEqual([a, c]);
		}
		await ans.page.getByText('Cliënten en Wmo-raad gaven dit thema stickers.').waitFor();
		await expectNoAxeViolations(cor.page);
		const state = sessionState(db(), session.id, { kind: 'facilitator' });
		expect(state.themes.filter((t) => t.chosenRank !== null).map((t) => [t.name, t.chosenRank])).toEqual([
			[a, 1],
			[c, 2]
		]);
		expect(state.result?.reason).toBe('Cliënten en Wmo-raad gaven dit thema stickers.');

		// On to the first chosen theme: everyone sees it.
		await next.click();
		await ans.page
			.getByRole('heading', { level: 2, name: nl('live.agenda.themeStep', { n: 1, name: a, step: nl('step.meaning') }) })
			.waitFor();
		await screen.locator('.kd-projector__theme').getByText(a).waitFor();
		// The phone puts the theme's work first: the vote's result stays at hand, folded.
		const later = ans.page.locator('details.kd-result-later');
		expect(await later.locator('summary').textContent()).toBe(nl('live.result.later'));
		expect(await later.getByRole('heading', { name: nl('live.result.title') }).isVisible()).toBe(false);
		await later.locator('summary').click();
		expect(await later.getByRole('heading', { name: nl('live.result.title') }).isVisible()).toBe(true);

		for (const p of people) await p.context.close();
	}, 120_000);

	it('gives the facilitator the timer, locking, proposal triage and stickers for a participant without a device', async () => {
		await loginAs(world.context, world.server, await facilitator());
		const session = createDialogueSession(db(), SYSTEM, {
			title: 'Gesprek met voorstellen',
			facilitatorId: await facilitator(),
			frameworkVersionId: movisieVersionId(db())
		});
		const ans = addParticipant(db(), SYSTEM, session.id, { displayName: 'Ans', perspective: 'client' });
		gotoAgenda(db(), SYSTEM, session.id, 2);
		createProposal(db(), SYSTEM, session.id, ans.participant.id, {
			title: 'Veiligheid thuis',
			explanation: 'Je veilig voelen in je eigen huis.'
		});
		createProposal(db(), SYSTEM, session.id, ans.participant.id, { title: 'Vervoer', explanation: 'Op tijd bij de dagbesteding komen.' });

		const phone = await world.browser.newContext({ viewport: { width: 390, height: 844 } });
		await phone.addCookies([{ name: 'kd_participant', value: ans.token, url: world.server.url, httpOnly: true, sameSite: 'Lax' }]);
		const her = await phone.newPage();
		await her.goto(url(`/live/${session.id}`));
		await her.getByRole('heading', { level: 2, name: nl('phase.proposals') }).waitFor();

		const lead = world.page;
		await lead.goto(url(`/sessions/${session.id}/lead`));
		await lead.getByRole('heading', { level: 2, name: nl('phase.proposals') }).waitFor();

		// The timer: everyone sees it count down; pause and one more minute.
		await lead.getByLabel(nl('live.lead.minutes')).fill('5');
		await lead.getByRole('button', { name: nl('live.lead.timerStart') }).click();
		await her
			.getByRole('timer')
			.filter({ hasText: /^[45]:\d\d$/ })
			.waitFor();
		await lead.getByRole('button', { name: nl('live.lead.timerPause') }).click();
		await her.getByText(nl('live.timer.paused')).waitFor();
		await lead.getByRole('button', { name: nl('live.lead.timerAdd') }).click();
		await her
			.getByRole('timer')
			.filter({ hasText: /^[56]:\d\d$/ })
			.waitFor();

		// Proposals: the near-duplicate hint, merging into that theme, adding the other.
		const veilig = lead.getByRole('listitem').filter({ has: lead.getByRole('heading', { name: 'Veiligheid thuis' }) });
		expect(await veilig.getByText(nl('live.lead.similar')).isVisible()).toBe(true);
		// How alike, in words ('Veiligheid thuis' and 'Veiligheid' share most letter groups).
		expect(await veilig.textContent()).toContain(nl('live.lead.similarStrong', { name: 'Veiligheid' }));
		const themeId = sessionState(db(), session.id, { kind: 'facilitator' }).themes.find((t) => t.name === 'Veiligheid')!.id;
		await veilig.getByLabel(nl('live.lead.mergeInto')).selectOption(String(themeId));
		await veilig.getByRole('button', { name: new RegExp(`^${nl('live.lead.merge')}`) }).click();
		await her.getByText(nl('live.proposal.merged', { name: 'Veiligheid' })).waitFor();
		expect(await lead.evaluate(() => document.activeElement?.id)).toBe('proposals-heading');
		const vervoer = lead.getByRole('listitem').filter({ has: lead.getByRole('heading', { name: 'Vervoer' }) });
		await vervoer.getByRole('button', { name: new RegExp(`^${nl('live.lead.add')}`) }).click();
		await her.getByText('Vervoer', { exact: true }).first().waitFor();
		await her.getByText(nl('live.proposal.added')).waitFor();
		await expectNoAxeViolations(her);

		// She proposes one more theme herself.
		await her.getByLabel(nl('live.proposal.name')).fill('Eigen bijdrage');
		await her.getByRole('button', { name: nl('live.proposal.submit') }).click();
		await lead.getByRole('heading', { name: 'Eigen bijdrage' }).waitFor();
		const geld = lead.getByRole('listitem').filter({ has: lead.getByRole('heading', { name: 'Eigen bijdrage' }) });
		await geld.getByRole('button', { name: new RegExp(`^${nl('live.lead.park')}`) }).click();
		// Said at the reason field, which gets the focus (a passing message at the bottom covered the table).
		const parkField = geld.getByLabel(nl('live.lead.parkReason'));
		await expect.poll(() => parkField.evaluate((el) => el === document.activeElement)).toBe(true);
		expect(await parkField.getAttribute('aria-invalid')).toBe('true');
		expect(await geld.getByText(nl('live.lead.parkReasonMissing')).isVisible()).toBe(true);
		await geld.getByLabel(nl('live.lead.parkReason')).fill('Gaat over geld, niet over kwaliteit.');
		await geld.getByRole('button', { name: new RegExp(`^${nl('live.lead.park')}`) }).click();
		await her.getByText(nl('live.proposal.parked', { reason: 'Gaat over geld, niet over kwaliteit.' })).waitFor();

		// Locking joining: the code no longer works.
		await lead.getByRole('button', { name: nl('live.lead.lock') }).click();
		await lead.getByRole('button', { name: nl('live.lead.unlock') }).waitFor();
		expect(getDialogueSession(db(), session.id)!.joinLocked).toBe(true);

		// A participant without a device: the facilitator places her stickers, recorded as proxy.
		await lead.getByLabel(nl('join.name'), { exact: true }).fill('Mevrouw Jansen');
		await lead.locator('#proxy-perspective').selectOption('client');
		await lead.getByRole('button', { name: nl('live.lead.proxySubmit') }).click();
		await lead.getByRole('rowheader', { name: 'Mevrouw Jansen' }).waitFor();
		gotoAgenda(db(), SYSTEM, session.id, 3);
		openVote(db(), SYSTEM, session.id);
		world.server.runtime.realtime!.sessions.schedule(session.id);
		await lead
			.getByRole('region', { name: nl('live.lead.vote'), exact: true })
			.getByText(nl('live.lead.voteStatus.open'))
			.waitFor();
		await lead.getByLabel(nl('live.lead.proxyThemeFor', { name: 'Mevrouw Jansen' })).selectOption(String(themeId));
		await lead.getByRole('button', { name: `${nl('live.vote.place')} ${nl('live.lead.forPerson', { name: 'Mevrouw Jansen' })}` }).click();
		await lead.getByText(nl('live.lead.proxyLeft', { name: 'Mevrouw Jansen', count: 2 })).waitFor();
		const rows = db().select().from(stickers).where(eq(stickers.dialogueSessionId, session.id)).all();
		expect(rows).toMatchObject([{ sessionThemeId: themeId, proxy: true }]);
		await expectNoAxeViolations(lead);
		await phone.close();
	});
});

describe('fixed themes and guessing codes', () => {
	it('lets the facilitator fix the themes beforehand on the session page', async () => {
		const { page, context } = world;
		await loginAs(context, world.server, await facilitator());
		const session = createDialogueSession(db(), SYSTEM, {
			title: 'Vaste thema’s',
			facilitatorId: await facilitator(),
			frameworkVersionId: movisieVersionId(db()),
			themeSelection: 'fixed',
			themesToTreat: 2
		});
		// Hydrated before the first click, so that the ticks below go through the enhanced form.
		await page.goto(url(`/sessions/${session.id}`), { waitUntil: 'networkidle' });
		const form = page.locator('form[action^="?/choose"]');
		for (const name of ['Veiligheid', 'Bejegening', 'Informatie']) await form.getByLabel(name, { exact: true }).check();
		await clickAndWait(page, form.getByRole('button', { name: nl('session.themes.chooseSubmit') }));
		expect(await page.getByRole('alert').textContent()).toContain(nl('error.vote.tooManyChosen', { max: 2 }));
		await page.locator('form[action^="?/choose"]').getByLabel('Informatie', { exact: true }).uncheck();
		await clickAndWait(page, page.locator('form[action^="?/choose"]').getByRole('button', { name: nl('session.themes.chooseSubmit') }));
		expect(await page.getByText(nl('session.themes.chosen')).isVisible()).toBe(true);
		const chosen = page.getByRole('heading', { name: nl('live.chosen.title') }).locator('xpath=following-sibling::ol[1]');
		expect(await chosen.locator('li').allTextContents()).toEqual(['Veiligheid', 'Bejegening']);
		await expectNoAxeViolations(page);
	});

	it('makes an address wait half a minute after too many wrong codes', async () => {
		// Runs last in this file: it uses up the wrong codes of 127.0.0.1.
		let last = '';
		for (let i = 0; i < 21; i++) last = await (await fetch(url('/join?code=QQQQQQ'))).text();
		// A short wait (everyone on the building's wifi shares it), said in seconds.
		expect(last).toContain(nl('join.throttled', { seconds: 30 }));
	});
});
