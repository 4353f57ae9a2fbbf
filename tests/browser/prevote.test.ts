/**
 * Voting before the session in a real browser. The facilitator opens it on the session page
 * with a deadline (Dutch local time); a member of the Wmo-raad votes from a personal link on
 * a phone and is told no at a fourth sticker; the facilitator closes it and sees the tallies,
 * which then stand beside the session's own on the lead view and the projector. A deadline
 * that passes while the phone is open closes the vote there without a reload. Every page
 * passes axe-core.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SYSTEM } from '../../src/lib/server/audit';
import { gotoAgenda } from '../../src/lib/server/sessions/agenda';
import { addParticipant } from '../../src/lib/server/sessions/participants';
import { createDialogueSession, getDialogueSession } from '../../src/lib/server/sessions/setup';
import { sessionState } from '../../src/lib/server/sessions/state';
import { openVote, setPrevote } from '../../src/lib/server/sessions/voting';
import { dateToLocalInput, formatDeadline } from '../../src/lib/shared/sessions/time';
import { clickAndWait, expectNoAxeViolations, loginAs, staffAccount, useBrowserWorld } from '../helpers/browser';
import { movisieVersionId } from '../helpers/live';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld();
const db = () => world.server.runtime.db;
const url = (path: string) => `${world.server.url}${path}`;

const facilitatorAccount = staffAccount(
	world,
	{ email: 'vooraf@gemeente.test', name: 'Greet Gespreksleider', roles: ['facilitator'] },
	'een lang wachtwoord voor gesprekken'
);
const facilitator = () => facilitatorAccount.ready();

const placeButton = (page: Page, theme: string) =>
	page.getByRole('button', { name: `${nl('live.vote.place')} ${nl('live.vote.placeTarget', { name: theme })}`, exact: true });
const prevoteSection = (page: Page) => page.getByRole('region', { name: nl('session.prevote.title'), exact: true });

/** A phone that opens a personal link (as a member of the Wmo-raad would). */
async function phoneWithLink(token: string): Promise<Page> {
	const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const page = await context.newPage();
	await page.goto(url(`/j/${token}`));
	return page;
}

describe('voting before the session', () => {
	it('is opened with a deadline on the session page, used from a personal link, closed, and shown beside the session’s own tallies', async () => {
		await loginAs(world.context, world.server, await facilitator());
		const session = createDialogueSession(db(), SYSTEM, {
			title: 'Gesprek met de Wmo-raad',
			facilitatorId: await facilitator(),
			frameworkVersionId: movisieVersionId(db()),
			hideTallies: false
		});
		const { token } = addParticipant(db(), SYSTEM, session.id, { displayName: 'Wim', perspective: 'wmo_council', role: 'participant' });
		const [a, b, c, d] = sessionState(db(), session.id, { kind: 'facilitator' }).themes.map((t) => t.name) as [
			string,
			string,
			string,
			string
		];

		// The facilitator: not open yet, with an explanation and a form.
		const page = world.page;
		await page.goto(url(`/sessions/${session.id}`));
		const section = prevoteSection(page);
		expect(await section.getByText(nl('session.prevote.statusNone')).isVisible()).toBe(true);
		expect(await section.getByText(nl('session.prevote.intro')).isVisible()).toBe(true);
		await expectNoAxeViolations(page);

		// A deadline in the past is refused at the field.
		const deadlineField = () => prevoteSection(page).getByLabel(nl('session.prevote.deadline'), { exact: true });
		await deadlineField().fill(dateToLocalInput(Date.now() - 3_600_000));
		await clickAndWait(page, section.getByRole('button', { name: nl('session.prevote.open') }));
		expect(await deadlineField().getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#prevote-deadline-error').textContent()).toBe(nl('error.vote.deadlinePast'));
		expect((await deadlineField().getAttribute('aria-describedby'))!.split(' ')).toContain('prevote-deadline-error');
		await expectNoAxeViolations(page);

		// Two days ahead, 20:00 Dutch time.
		const local = `${dateToLocalInput(Date.now() + 2 * 86_400_000).slice(0, 10)}T20:00`;
		await deadlineField().fill(local);
		await clickAndWait(page, prevoteSection(page).getByRole('button', { name: nl('session.prevote.open') }));
		const deadline = getDialogueSession(db(), session.id)!.prevoteDeadline!;
		expect(dateToLocalInput(deadline)).toBe(local);
		expect(await page.getByText(nl('session.prevote.done.opened'), { exact: true }).isVisible()).toBe(true);
		expect(
			await prevoteSection(page)
				.getByText(nl('session.prevote.statusOpen', { date: formatDeadline(deadline, 'nl') }))
				.isVisible()
		).toBe(true);
		expect(await prevoteSection(page).getByText(nl('session.prevote.votersNone')).isVisible()).toBe(true);
		await expectNoAxeViolations(page);

		// Wim opens his personal link on his phone: he can vote beforehand, until the deadline.
		const wim = await phoneWithLink(token);
		await wim.getByRole('heading', { level: 2, name: nl('live.prevote.title') }).waitFor();
		expect(await wim.getByText(nl('live.prevote.until', { date: formatDeadline(deadline, 'nl') })).isVisible()).toBe(true);
		await wim.getByText(nl('live.vote.left', { count: 3 })).waitFor();
		await expectNoAxeViolations(wim);
		for (const [i, theme] of [a, b, c].entries()) {
			await placeButton(wim, theme).click();
			const left = 2 - i;
			await wim.getByText(left === 0 ? nl('live.vote.noneLeft') : nl('live.vote.left', { count: left })).waitFor();
		}
		// A fourth sticker: the button says why it cannot be used (issue 18), and a click sends nothing.
		const fourth = placeButton(wim, d);
		expect(await fourth.getAttribute('aria-disabled')).toBe('true');
		expect(await wim.locator(`#${await fourth.getAttribute('aria-describedby')}`).textContent()).toBe(nl('live.vote.why.budget'));
		await fourth.click({ force: true }); // aria-disabled: Playwright would wait for it to be enabled
		await expectNoAxeViolations(wim);
		// Taking one off keeps the focus on that theme.
		await wim.getByRole('button', { name: `${nl('live.vote.remove')} ${nl('live.vote.removeTarget', { name: c })}`, exact: true }).click();
		await wim.getByText(nl('live.vote.left', { count: 1 })).waitFor();
		expect(await wim.evaluate(() => document.activeElement?.id)).toMatch(/^prevote-place-\d+$/);
		await placeButton(wim, d).click();
		await wim.getByText(nl('live.vote.noneLeft')).waitFor();

		// The facilitator sees the tallies while it runs, and closes it.
		await page.reload();
		expect(
			await prevoteSection(page)
				.getByText(nl('session.prevote.voters', { count: 1 }))
				.isVisible()
		).toBe(true);
		await clickAndWait(page, prevoteSection(page).getByRole('button', { name: nl('session.prevote.close') }));
		expect(await page.getByText(nl('session.prevote.done.closed')).isVisible()).toBe(true);
		const closedAt = getDialogueSession(db(), session.id)!.prevoteDeadline!;
		expect(
			await prevoteSection(page)
				.getByText(nl('session.prevote.statusClosed', { date: formatDeadline(closedAt, 'nl') }))
				.isVisible()
		).toBe(true);
		const tally = prevoteSection(page).getByRole('table', { name: nl('session.prevote.caption') });
		expect(await tally.getByRole('columnheader', { name: nl('perspective.wmo_council') }).count()).toBe(1);
		for (const theme of [a, b, d]) expect(await tally.getByRole('row', { name: `${theme} 1 1` }).count()).toBe(1);
		expect(await tally.getByRole('row', { name: `${c} 0 0` }).count()).toBe(1);
		expect(await tally.getByRole('row', { name: `${nl('live.tally.voters')} 1 1` }).count()).toBe(1);
		// It can be opened again, but no longer once the session's own vote has started.
		expect(
			await prevoteSection(page)
				.getByRole('button', { name: nl('session.prevote.reopen') })
				.count()
		).toBe(1);
		await expectNoAxeViolations(page);

		// On the phone: closed, with the result.
		await wim.getByText(nl('live.prevote.closed')).waitFor();
		expect(await wim.getByText(nl('live.prevote.yours', { count: 3 })).isVisible()).toBe(true);
		const result = wim.getByRole('table', { name: nl('live.prevote.result') });
		await result.getByRole('row', { name: `${a} 1 1` }).waitFor();
		expect(await placeButton(wim, a).count()).toBe(0);
		await expectNoAxeViolations(wim);

		// The lead view: the pre-vote's own panel, and in the session's vote a column beside the total.
		const lead = await world.context.newPage();
		await lead.goto(url(`/sessions/${session.id}/lead`));
		const panel = lead.getByRole('region', { name: nl('session.prevote.title'), exact: true });
		await panel
			.getByRole('table', { name: nl('session.prevote.caption') })
			.getByRole('row', { name: `${a} 1 1` })
			.waitFor();
		gotoAgenda(db(), SYSTEM, session.id, 3);
		openVote(db(), SYSTEM, session.id);
		world.server.runtime.realtime!.sessions.schedule(session.id);
		const vote = lead.getByRole('region', { name: nl('live.lead.vote'), exact: true });
		const column = nl('live.prevote.columnOf', { perspective: nl('perspective.wmo_council') });
		await vote.getByRole('columnheader', { name: column }).waitFor();
		await vote.getByRole('row', { name: new RegExp(`^${a} 0 1`) }).waitFor();
		await expectNoAxeViolations(lead);

		// The projector: the pre-vote count beside each theme's count.
		const screen = await world.context.newPage();
		await screen.goto(url(`/sessions/${session.id}/screen`));
		await screen.getByRole('listitem').filter({ hasText: a }).getByText(`${column}: 1`).waitFor();
		await expectNoAxeViolations(screen);

		// The session's own vote with a sticker of Wim: his pre-vote stickers stay apart.
		await wim.getByText(nl('live.vote.left', { count: 3 })).waitFor();
		await placeButton(wim, c).click();
		await vote.getByRole('row', { name: new RegExp(`^${c} 1 0`) }).waitFor();
		await wim.context().close();
	});

	it('closes on the phone when the deadline passes, without a reload', async () => {
		const session = createDialogueSession(db(), SYSTEM, {
			title: 'Korte stemming',
			facilitatorId: await facilitator(),
			frameworkVersionId: movisieVersionId(db()),
			hideTallies: false
		});
		const { token } = addParticipant(db(), SYSTEM, session.id, { displayName: 'Wil', perspective: 'wmo_council', role: 'participant' });
		// A deadline far enough away for the phone to open and vote on a busy machine; then
		// the facilitator moves it close, and it passes without anyone acting.
		setPrevote(db(), SYSTEM, session.id, new Date(Date.now() + 60_000));
		const wil = await phoneWithLink(token);
		await wil.getByText(nl('live.vote.left', { count: 3 })).waitFor();
		const [first] = sessionState(db(), session.id, { kind: 'facilitator' }).themes.map((t) => t.name) as [string];
		await placeButton(wil, first).click();
		await wil.getByText(nl('live.vote.left', { count: 2 })).waitFor();
		setPrevote(db(), SYSTEM, session.id, new Date(Date.now() + 1500));
		world.server.runtime.realtime!.sessions.schedule(session.id);
		await wil.getByText(nl('live.prevote.closed')).waitFor({ timeout: 10_000 });
		await wil
			.getByRole('table', { name: nl('live.prevote.result') })
			.getByRole('row', { name: `${first} 1 1` })
			.waitFor();
		expect(await placeButton(wil, first).count()).toBe(0);
		await wil.context().close();
	});
});
