/**
 * One person, one identity, in a real browser: the facilitator links someone who joined with
 * the code to their entry on the list in the lead view, by keyboard only, and marks someone
 * without a device; the person's phone goes on under their name on the list instead of saying
 * they were removed. A personal link opened on a phone that joined with the code asks first
 * ("Bent u …?") and merges when the person says yes. A name and perspective chosen on /join
 * before the page has hydrated (a slow phone) are kept. Every view passes axe-core.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { and, eq } from 'drizzle-orm';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { participants } from '../../src/lib/server/db/schema';
import { addListedParticipant, newParticipantLink } from '../../src/lib/server/sessions/participants';
import { createDialogueSession } from '../../src/lib/server/sessions/setup';
import { gotoAgenda } from '../../src/lib/server/sessions/agenda';
import { sessionState } from '../../src/lib/server/sessions/state';
import { openVote } from '../../src/lib/server/sessions/voting';
import { clickAndWait, expectNoAxeViolations, loginAs, useBrowserWorld } from '../helpers/browser';
import { movisieVersionId } from '../helpers/live';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld();
const db = () => world.server.runtime.db;
const url = (path: string) => `${world.server.url}${path}`;
const path = (page: Page) => new URL(page.url()).pathname;
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

let counter = 0;
async function session() {
	const n = ++counter;
	const facilitator = await createAccount(
		db(),
		SYSTEM,
		{ email: `gl-id${n}@gemeente.test`, name: 'Gijs Gespreksleider', roles: ['facilitator'] },
		'een lang wachtwoord voor gesprekken'
	);
	const created = createDialogueSession(db(), SYSTEM, {
		title: 'Gesprek over de Wmo',
		facilitatorId: facilitator.id,
		frameworkVersionId: movisieVersionId(db())
	});
	const actor = { type: 'user' as const, id: facilitator.id };
	const devries = addListedParticipant(db(), actor, created.id, {
		displayName: 'Mevrouw De Vries',
		perspective: 'client',
		email: 'devries@example.org'
	});
	const smit = addListedParticipant(db(), actor, created.id, { displayName: 'Meneer Smit', perspective: 'official' });
	return { facilitator, session: created, devries, smit };
}

/** Joins through /join as a person would: the code, then a name and a perspective. */
async function joinWithCode(page: Page, code: string, name: string, perspective: string): Promise<void> {
	await page.goto(url(`/join?code=${code}`));
	await page.getByLabel(nl('join.name'), { exact: true }).fill(name);
	await page.getByLabel(perspective, { exact: true }).check();
	await clickAndWait(page, page.getByRole('button', { name: nl('join.submit'), exact: true }));
	await page.getByRole('heading', { level: 2, name: nl('phase.intro') }).waitFor();
}

describe('the facilitator links someone to the list', () => {
	it('by keyboard in the lead view; the phone goes on as the person on the list', async () => {
		const { facilitator, session: s, devries, smit } = await session();
		const phoneContext = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
		const phone = await phoneContext.newPage();
		await joinWithCode(phone, s.joinCode!, 'Riet', nl('perspective.other'));
		await phone.getByText(nl('live.me', { name: 'Riet', perspective: nl('perspective.other') })).waitFor();
		const riet = db()
			.select()
			.from(participants)
			.where(and(eq(participants.displayName, 'Riet'), eq(participants.dialogueSessionId, s.id)))
			.get()!;

		await loginAs(world.context, world.server, facilitator.id);
		const lead = world.page;
		await lead.goto(url(`/sessions/${s.id}/lead`));
		// Three on the list as it stands: two from the invitation list, and Riet who typed the code.
		await lead.getByRole('heading', { name: nl('live.lead.people', { present: 1, total: 3 }) }).waitFor();
		const table = lead.getByRole('table', { name: nl('live.lead.peopleCaption') });
		expect(await table.getByRole('row', { name: /Riet/ }).textContent()).toContain(nl('identity.people.withCode'));
		await expectNoAxeViolations(lead);

		// Meneer Smit has no device: a toggle button, pressed with the space bar.
		const device = lead.getByRole('button', { name: new RegExp(`^${nl('identity.lead.withoutDevice')}\\s*: Meneer Smit$`) });
		expect(await device.getAttribute('aria-pressed')).toBe('false');
		// It looks like a mark to tick, not like an action: an empty box, then a check.
		const mark = () => device.evaluate((el) => getComputedStyle(el, '::before').content);
		expect(await mark()).toContain('☐');
		await device.focus();
		await lead.keyboard.press('Space');
		await expect.poll(() => device.getAttribute('aria-pressed')).toBe('true');
		expect(await mark()).toContain('✓');
		await lead
			.getByRole('status')
			.getByText(nl('identity.lead.deviceNone', { name: 'Meneer Smit' }))
			.waitFor();
		expect(db().select().from(participants).where(eq(participants.id, smit.id)).get()!.proxyUserId).toBe(facilitator.id);

		// "Koppelen aan de lijst" for Riet: Enter opens the choice, with the focus on it.
		await lead.setViewportSize({ width: 1366, height: 768 });
		await lead.getByRole('button', { name: new RegExp(`^${nl('identity.lead.link')}\\s*: Riet$`) }).focus();
		await lead.keyboard.press('Enter');
		await expect.poll(() => focused(lead)).toBe(`link-into-${riet.id}`);
		// On a laptop the choice and its buttons fit the column beside the step: nothing cut off.
		const overflow = await lead.evaluate((id) => {
			const form = document.getElementById(id)!.closest('form')!;
			const box = form.closest('.kd-table-container') ?? form.closest('section')!;
			const right = box.getBoundingClientRect().right;
			return {
				scrolls: box.scrollWidth - box.clientWidth,
				outside: [...form.querySelectorAll('select, button')].filter((el) => el.getBoundingClientRect().right > right + 1).length
			};
		}, `link-into-${riet.id}`);
		expect(overflow).toEqual({ scrolls: 0, outside: 0 });
		const choice = lead.getByLabel(nl('identity.lead.linkLabel', { name: 'Riet' }));
		await expectNoAxeViolations(lead);
		// Nothing chosen yet: told so, nothing happens.
		await lead.keyboard.press('Tab');
		await lead.keyboard.press('Enter');
		await lead.getByRole('alert').getByText(nl('identity.lead.linkChoose')).waitFor();
		await choice.focus();
		await lead.keyboard.press('ArrowDown');
		expect(await choice.inputValue()).toBe(String(devries.id));
		await lead.keyboard.press('Tab');
		expect(await lead.evaluate(() => document.activeElement?.textContent?.trim())).toBe(`${nl('identity.lead.linkSubmit')}: Riet`);
		await lead.keyboard.press('Enter');
		// Asked once more, with the focus on "Ja, koppelen".
		await lead.getByText(nl('identity.lead.linkSure', { from: 'Riet', into: 'Mevrouw De Vries' })).waitFor();
		await expect.poll(() => focused(lead)).toBe(`link-yes-${riet.id}`);
		await expectNoAxeViolations(lead);
		await lead.keyboard.press('Enter');

		await lead
			.getByRole('status')
			.getByText(nl('identity.lead.linked', { from: 'Riet', into: 'Mevrouw De Vries' }))
			.waitFor();
		await expect.poll(() => focused(lead)).toBe('people-heading');
		// One person, present through the phone that typed the code.
		await lead.getByRole('heading', { name: nl('live.lead.people', { present: 1, total: 2 }) }).waitFor();
		expect(await table.getByRole('row', { name: /Riet/ }).count()).toBe(0);
		expect(db().select().from(participants).where(eq(participants.id, riet.id)).get()!.mergedIntoId).toBe(devries.id);
		await expectNoAxeViolations(lead);

		// The phone: not "removed", but the same person under the name on the list.
		await phone.getByText(nl('live.me', { name: 'Mevrouw De Vries', perspective: nl('perspective.client') })).waitFor();
		expect(await phone.getByText(nl('live.removed')).count()).toBe(0);
		await phone
			.getByRole('status')
			.getByText(nl('identity.live.merged', { name: 'Mevrouw De Vries' }))
			.waitFor();
		await expectNoAxeViolations(phone);
		await phoneContext.close();

		// The vote: the facilitator places Meneer Smit's sticker and sees where it is.
		gotoAgenda(db(), SYSTEM, s.id, 3);
		openVote(db(), SYSTEM, s.id);
		world.server.runtime.realtime!.sessions.schedule(s.id);
		await lead.getByText(nl('identity.lead.proxyNone', { name: 'Meneer Smit' })).waitFor();
		// The phone has gone (a screen that went off does the same): she was there, and still counts.
		await lead.getByRole('heading', { name: nl('live.lead.people', { present: 1, total: 2 }) }).waitFor();
		await expect
			.poll(() =>
				lead
					.getByRole('table', { name: nl('live.lead.peopleCaption') })
					.getByRole('row', { name: /Mevrouw De Vries/ })
					.textContent()
			)
			.toContain(nl('identity.people.presentOffline'));
		const theme = sessionState(db(), s.id, { kind: 'facilitator' }).themes[1]!;
		await lead.getByLabel(nl('live.lead.proxyThemeFor', { name: 'Meneer Smit' })).selectOption(String(theme.id));
		await lead.getByRole('button', { name: `${nl('live.vote.place')} ${nl('live.lead.forPerson', { name: 'Meneer Smit' })}` }).click();
		// Where his stickers are, per theme with the count (issue 18).
		await lead
			.getByText(
				nl('identity.lead.proxyWhere', { name: 'Meneer Smit', themes: nl('console.proxy.theme', { theme: theme.name, count: 1 }) })
			)
			.waitFor();
		await lead.getByText(nl('live.lead.proxyLeft', { name: 'Meneer Smit', count: 2 })).waitFor();
		// A sticker placed for him: he is there.
		await lead.getByRole('heading', { name: nl('live.lead.people', { present: 2, total: 2 }) }).waitFor();
		expect(
			await lead
				.getByRole('table', { name: nl('live.lead.peopleCaption') })
				.getByRole('row', { name: /Meneer Smit/ })
				.textContent()
		).toContain(nl('identity.people.presentViaYou'));
		await expectNoAxeViolations(lead);
	});
});

describe('a personal link on a phone that joined with the code', () => {
	it('asks whether it is the same person, and merges when they say so', async () => {
		const { session: s, devries } = await session();
		const link = newParticipantLink(db(), devries.id, 'invitation');
		const phone = world.page;
		await joinWithCode(phone, s.joinCode!, 'Riet', nl('perspective.other'));

		await phone.goto(url(`/j/${link}`));
		expect(path(phone)).toBe('/j/confirm');
		expect(phone.url()).not.toContain(link.split('.')[1]!);
		expect(await phone.getByRole('heading', { level: 1 }).textContent()).toBe(nl('identity.link.title'));
		await phone.getByText(nl('identity.link.already', { current: 'Riet', session: s.title })).waitFor();
		await phone.getByText(nl('identity.link.samePerson', { name: 'Mevrouw De Vries' })).waitFor();
		expect(await phone.content()).not.toContain(link.split('.')[1]!);
		await expectNoAxeViolations(phone);

		await clickAndWait(phone, phone.getByRole('button', { name: nl('identity.link.mergeYes', { name: 'Mevrouw De Vries' }) }));
		expect(path(phone)).toBe(`/live/${s.id}`);
		await phone.getByText(nl('live.me', { name: 'Mevrouw De Vries', perspective: nl('perspective.client') })).waitFor();
		const riet = db()
			.select()
			.from(participants)
			.where(and(eq(participants.displayName, 'Riet'), eq(participants.dialogueSessionId, s.id)))
			.get()!;
		expect(riet.mergedIntoId).toBe(devries.id);
		await expectNoAxeViolations(phone);
		// Opening the link again asks nothing: it is the same person now.
		await phone.goto(url(`/j/${link}`));
		expect(path(phone)).toBe(`/live/${s.id}`);
	});
});

describe('joining on a slow phone', () => {
	it('keeps a name and a perspective chosen before the page was ready', async () => {
		const { session: s } = await session();
		const phoneContext = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
		const phone = await phoneContext.newPage();
		// The page's scripts arrive only after the person has filled in the form, as on a slow
		// line: the form works without them, and hydration must not undo what was chosen.
		let release!: () => void;
		const scriptsMayCome = new Promise<void>((resolve) => (release = resolve));
		await phone.route(/\/_app\/.*\.js$/, async (route) => {
			await scriptsMayCome;
			await route.continue();
		});
		await phone.goto(url(`/join?code=${s.joinCode}`), { waitUntil: 'commit' });
		await phone.getByLabel(nl('join.name'), { exact: true }).fill('Riet');
		const other = phone.getByLabel(nl('perspective.other'), { exact: true });
		await other.check();
		release();
		await phone.waitForLoadState('networkidle');
		expect(await phone.getByLabel(nl('join.name'), { exact: true }).inputValue()).toBe('Riet');
		expect(await other.isChecked()).toBe(true);

		await clickAndWait(phone, phone.getByRole('button', { name: nl('join.submit'), exact: true }));
		await phone.getByText(nl('live.me', { name: 'Riet', perspective: nl('perspective.other') })).waitFor();
		await phoneContext.close();
	});
});
