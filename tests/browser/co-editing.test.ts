/**
 * Co-editing a chosen theme in a real browser (issue 5): a facilitator and two participants,
 * each in a browser context of their own, build the keywords of the brainstorm (the
 * facilitator groups one), type in the toetsvraag at the same time (both see the merged
 * text), add criteria and the facilitator marks one agreed and addressed to the municipality;
 * then the facilitator closes the session. The content is in the relational tables, the
 * report says whom each criterion addresses, and the participant can no longer edit.
 * A participant whose change the server refuses (a text too long, the toetsvraag just agreed)
 * is told what was not saved and why. Every view passes axe-core in every step.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { dialogueSessions, sessionCriteria, themeResults } from '../../src/lib/server/db/schema';
import { createSession } from '../../src/lib/server/auth/sessions';
import { gotoAgenda } from '../../src/lib/server/sessions/agenda';
import { storedDocument } from '../../src/lib/server/realtime/yjs/host';
import { markTheme } from '../../src/lib/server/sessions/closing';
import { startReport } from '../../src/lib/server/reports/reports';
import { addParticipant } from '../../src/lib/server/sessions/participants';
import { createDialogueSession } from '../../src/lib/server/sessions/setup';
import { sessionState } from '../../src/lib/server/sessions/state';
import { chooseThemes } from '../../src/lib/server/sessions/voting';
import { expectNoAxeViolations, loginAs, useBrowserWorld } from '../helpers/browser';
import { member, movisieVersionId } from '../helpers/live';
import { DOC_LIMITS, docNameOf, rootsOf } from '../../src/lib/shared/theme-document';
import { nl } from '../helpers/i18n';
import { eventually } from '../helpers/realtime';

const world = useBrowserWorld();
const db = () => world.server.runtime.db;
const url = (path: string) => `${world.server.url}${path}`;

const THEME = 'Regie van de cliënt';
const connected = (page: Page) =>
	page
		.getByRole('status', { name: nl('coedit.status.label') })
		.getByText(nl('coedit.status.connected'))
		.waitFor();
const keywordsOf = (page: Page, perspective: string) =>
	page.getByRole('region', { name: new RegExp(`^${perspective}`) }).locator('.kd-keyword__text');

/** A session of one chosen theme (THEME), at the first of its three steps, with its facilitator. */
async function atTheme(email: string, name: string, title: string) {
	const facilitator = await createAccount(db(), SYSTEM, { email, name, roles: ['facilitator'] }, 'een lang wachtwoord voor gesprekken');
	const session = createDialogueSession(db(), SYSTEM, {
		title,
		facilitatorId: facilitator.id,
		frameworkVersionId: movisieVersionId(db()),
		themeSelection: 'fixed',
		themesToTreat: 1
	});
	const theme = sessionState(db(), session.id, { kind: 'facilitator' }).themes.find((t) => t.name === THEME)!;
	chooseThemes(db(), SYSTEM, session.id, { themeIds: [theme.id] });
	// intro, overview, proposals, then the theme's three steps (index 3, 4, 5) and closing.
	gotoAgenda(db(), SYSTEM, session.id, 3);
	return { facilitator, session, theme };
}

describe('co-editing a theme', () => {
	it('lets two participants and a facilitator build keywords, a toetsvraag and criteria, then closes the session', async () => {
		const { facilitator, session, theme } = await atTheme('gl-co@gemeente.test', 'Gijs Gespreksleider', 'Samen schrijven');

		await loginAs(world.context, world.server, facilitator.id);
		const lead = world.page;
		await lead.goto(url(`/sessions/${session.id}/lead`));

		const people: { context: BrowserContext; page: Page }[] = [];
		for (const [name, perspective] of [
			['Ans', 'client'],
			['Bas', 'official']
		] as const) {
			const { token } = addParticipant(db(), SYSTEM, session.id, { displayName: name, perspective });
			const context = await world.browser.newContext({ viewport: { width: 390, height: 844 } });
			await context.addCookies([{ name: 'kd_participant', value: token, url: world.server.url, httpOnly: true, sameSite: 'Lax' }]);
			const page = await context.newPage();
			await page.goto(url(`/live/${session.id}`));
			people.push({ context, page });
		}
		const [ans, bas] = people.map((p) => p.page) as [Page, Page];
		for (const page of [lead, ans, bas]) {
			await page.getByRole('heading', { level: 2, name: nl('coedit.theme', { name: THEME }) }).waitFor();
			await connected(page);
		}

		// 1. Betekenis: keywords from two perspectives; the same word from both is an overlap.
		const addKeyword = async (page: Page, text: string) => {
			await page.getByLabel(nl('coedit.keyword.add'), { exact: true }).fill(text);
			await page.getByRole('button', { name: nl('coedit.keyword.submit'), exact: true }).click();
		};
		const client = nl('perspective.client');
		const official = nl('perspective.official');
		await addKeyword(ans, 'zelf kiezen');
		// Bas adds his once Ans's has reached him: two keywords added at the same moment are
		// ordered by the editors' Yjs client ids, and the overlap is named after the first.
		await eventually(async () => (await keywordsOf(bas, client).count()) === 1, 10_000, 'Ans’s keyword on Bas’s view');
		await addKeyword(bas, 'Zelf kiezen!');
		await addKeyword(bas, 'eigen regie');
		for (const page of [lead, ans, bas]) {
			await eventually(async () => (await keywordsOf(page, official).count()) === 2, 10_000, 'both of Bas’s keywords');
			expect(await keywordsOf(page, client).allTextContents()).toEqual(['zelf kiezen']);
			expect(await keywordsOf(page, official).allTextContents()).toEqual(['Zelf kiezen!', 'eigen regie']);
		}
		await lead.getByText(nl('coedit.overlap.item', { text: 'zelf kiezen', perspectives: `${client}, ${official}` })).waitFor();
		expect(await ans.getByText(nl('coedit.keyword.shared', { perspectives: official })).count()).toBe(1);

		// The facilitator puts a keyword in a group; participants have no such controls.
		await lead.getByLabel(nl('coedit.keyword.groupOf', { text: 'eigen regie' })).fill('Zelf beslissen');
		await lead.getByRole('button', { name: new RegExp(`^${nl('coedit.keyword.groupSave')}\\s*: eigen regie$`) }).click();
		await ans.getByText(nl('coedit.keyword.grouped', { group: 'Zelf beslissen' })).waitFor();
		expect(await ans.getByRole('button', { name: new RegExp(`^${nl('coedit.keyword.groupSave')}`) }).count()).toBe(0);
		// A group with words of two backgrounds is where they meet too.
		const groupOverlap = nl('coedit.overlap.item', { text: 'Zelf beslissen', perspectives: `${client}, ${official}` });
		expect(await lead.getByText(groupOverlap).count()).toBe(0);
		await lead.getByLabel(nl('coedit.keyword.groupOf', { text: 'zelf kiezen' })).fill('Zelf beslissen');
		await lead.getByRole('button', { name: new RegExp(`^${nl('coedit.keyword.groupSave')}\\s*: zelf kiezen$`) }).click();
		await ans.getByText(groupOverlap).waitFor();

		// The meaning starts from the framework's definition.
		expect(await ans.getByLabel(nl('coedit.meaning.label')).inputValue()).toMatch(/^Zelfregie van de cliënt/);
		await expectNoAxeViolations(lead);
		await expectNoAxeViolations(ans);

		// 2. Toetsvraag: both type at the same time, one at the start and one at the end.
		await lead.getByRole('button', { name: nl('live.lead.next'), exact: true }).click();
		for (const page of [lead, ans, bas]) await page.getByRole('heading', { level: 3, name: nl('coedit.testQuestion.title') }).waitFor();
		for (const page of [ans, bas]) await connected(page);
		const question = (page: Page) => page.getByLabel(nl('coedit.testQuestion.label'), { exact: true });
		const start = await question(ans).inputValue();
		expect(start).toBe('Draagt de zorg en ondersteuning bij aan het vergroten van de zelfregie?');
		await question(ans).click();
		await question(ans).press('Control+End');
		await question(bas).click();
		await question(bas).press('Control+Home');
		await Promise.all([
			question(ans).pressSequentially(' Ja, altijd.', { delay: 25 }),
			question(bas).pressSequentially('Vraag: ', { delay: 25 })
		]);
		const merged = `Vraag: ${start} Ja, altijd.`;
		for (const page of [ans, bas, lead])
			await eventually(async () => (await question(page).inputValue()) === merged, 10_000, `the merged toetsvraag on ${page.url()}`);

		// The facilitator marks it agreed; the participants see so.
		await lead.getByLabel(nl('coedit.testQuestion.agree')).check();
		await ans.getByText(nl('coedit.testQuestion.agreed')).waitFor();
		await expectNoAxeViolations(lead);
		await expectNoAxeViolations(bas);

		// 3. Criteria: each adds one; who edits what is shown; one is agreed.
		await lead.getByRole('button', { name: nl('live.lead.next'), exact: true }).click();
		for (const page of [lead, ans, bas]) await page.getByRole('heading', { level: 3, name: nl('coedit.criteria.title') }).waitFor();
		for (const page of [ans, bas]) await connected(page);
		await ans.getByRole('button', { name: nl('coedit.criteria.add') }).click();
		await ans.getByLabel(nl('coedit.criteria.text', { n: 1 })).pressSequentially('De cliënt kiest zelf de dag en tijd.');
		await bas.getByLabel(nl('coedit.criteria.text', { n: 1 })).waitFor();
		await bas.getByRole('button', { name: nl('coedit.criteria.add') }).click();
		await bas.getByLabel(nl('coedit.criteria.text', { n: 2 })).pressSequentially('Het plan is in gewone taal.');
		// Bas is in criterion 2: Ans sees his name there.
		await ans.getByText(nl('coedit.criteria.editing', { names: 'Bas' })).waitFor();
		// A text area grows with its text: a long comment shows whole, without scrolling inside it.
		const comment = bas.getByLabel(nl('coedit.criteria.comment', { n: 2 }));
		const low = await comment.evaluate((el) => el.clientHeight);
		await comment.fill(Array(5).fill('Dit geldt ook als de cliënt zelf niet kan bellen.').join('\n'));
		await expect.poll(() => comment.evaluate((el) => el.clientHeight)).toBeGreaterThan(2 * low);
		expect(await comment.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
		// Only the facilitator can make a criterion agreed: participants see the option, not open to them.
		expect(
			await ans
				.getByLabel(nl('coedit.criteria.status', { n: 1 }))
				.locator('option[value="agreed"]')
				.isDisabled()
		).toBe(true);
		await lead.getByLabel(nl('coedit.criteria.status', { n: 1 })).selectOption('agreed');
		await eventually(
			async () => (await ans.getByLabel(nl('coedit.criteria.status', { n: 1 })).inputValue()) === 'agreed',
			10_000,
			'the status on Ans’s view'
		);
		await eventually(
			async () => (await lead.getByLabel(nl('coedit.criteria.text', { n: 2 })).inputValue()) === 'Het plan is in gewone taal.',
			10_000,
			'criterion 2 on the lead view'
		);
		// Whom a criterion addresses: the facilitator chooses (the provider until then); the others read it.
		const addressedTo = (who: string) => nl('coedit.criteria.addressedTo', { who });
		expect(await ans.getByLabel(nl('coedit.criteria.addressees', { n: 1 })).count()).toBe(0);
		expect(await ans.locator(`[id$="-addressees"]`).first().textContent()).toContain(addressedTo(nl('framework.addressee.provider')));
		const choice = lead.getByLabel(nl('coedit.criteria.addressees', { n: 1 }));
		expect(await choice.inputValue()).toBe('provider');
		await choice.focus();
		await choice.selectOption({ label: nl('framework.addressee.municipality') });
		await ans.getByText(addressedTo(nl('framework.addressee.municipality'))).waitFor();
		// Moving criterion 2 up keeps its text and status.
		await bas
			.getByRole('button', { name: new RegExp(`^${nl('coedit.criteria.up')}\\s*: ${nl('coedit.criteria.target', { n: 2 })}$`) })
			.click();
		await eventually(
			async () => (await ans.getByLabel(nl('coedit.criteria.text', { n: 1 })).inputValue()) === 'Het plan is in gewone taal.',
			10_000,
			'the moved criterion'
		);
		expect(await ans.getByLabel(nl('coedit.criteria.status', { n: 2 })).inputValue()).toBe('agreed');
		// Removing: Bas his own criterion (now 1), not Ans; the agreed one (2) only the facilitator.
		const removeButton = (page: Page, n: number) =>
			page.getByRole('button', { name: new RegExp(`^${nl('coedit.criteria.remove')}\\s*: ${nl('coedit.criteria.target', { n })}$`) });
		expect(await removeButton(bas, 1).count()).toBe(1);
		expect(await removeButton(ans, 1).count()).toBe(0);
		expect(await removeButton(ans, 2).count()).toBe(0);
		expect(await removeButton(lead, 1).count()).toBe(1);
		expect(await removeButton(lead, 2).count()).toBe(1);
		await lead.getByLabel(nl('coedit.criteria.provisional')).check();
		await ans.getByText(nl('coedit.criteria.isProvisional')).waitFor();
		await expectNoAxeViolations(lead);
		await expectNoAxeViolations(ans);

		// 4. Closing: the summary, then the facilitator closes the session.
		await lead.getByRole('button', { name: nl('live.lead.next'), exact: true }).click();
		await lead.getByRole('heading', { level: 2, name: nl('coedit.summary.title') }).waitFor();
		await ans.getByRole('heading', { level: 2, name: nl('coedit.summary.title') }).waitFor();
		await ans.getByText(merged).waitFor();
		await lead.getByRole('button', { name: nl('coedit.close.button') }).click();
		await lead.getByRole('button', { name: nl('coedit.close.yes') }).click();
		await lead.getByRole('heading', { name: nl('coedit.reopen.title') }).waitFor();
		await expectNoAxeViolations(lead);
		// A closed session does not move and takes nobody in: no step buttons, no join controls.
		for (const name of [nl('live.lead.next'), nl('live.lead.previous'), nl('live.lead.lock')])
			expect(await lead.getByRole('button', { name, exact: true }).count()).toBe(0);
		// The way on: the follow-up page.
		expect(await lead.getByRole('link', { name: nl('coedit.close.followUp') }).getAttribute('href')).toBe(
			`/sessions/${session.id}/follow-up`
		);
		// Nobody is added, marked without a device or taken off the list here any more.
		expect(await lead.getByRole('heading', { name: nl('live.lead.proxyTitle') }).count()).toBe(0);
		for (const label of [nl('session.people.remove'), nl('identity.lead.withoutDevice')])
			expect(await lead.getByRole('button', { name: new RegExp(`^${label}`) }).count()).toBe(0);

		expect(db().select().from(dialogueSessions).where(eq(dialogueSessions.id, session.id)).get()!.status).toBe('closed');
		const result = db().select().from(themeResults).where(eq(themeResults.sessionThemeId, theme.id)).get()!;
		expect(result).toMatchObject({ testQuestion: merged, testQuestionAgreed: true, criteriaProvisional: true });
		expect(result.meaning).toMatch(/^Zelfregie van de cliënt/);
		expect(result.keywords).toEqual([
			{ text: 'zelf kiezen', perspective: 'client', group: 'Zelf beslissen' },
			{ text: 'Zelf kiezen!', perspective: 'official', group: null },
			{ text: 'eigen regie', perspective: 'official', group: 'Zelf beslissen' }
		]);
		const criteria = db()
			.select()
			.from(sessionCriteria)
			.where(eq(sessionCriteria.sessionThemeId, theme.id))
			.orderBy(sessionCriteria.position)
			.all();
		expect(criteria.map((c) => [c.text, c.status, c.addressees])).toEqual([
			['Het plan is in gewone taal.', 'provisional', ['provider']],
			['De cliënt kiest zelf de dag en tijd.', 'agreed', ['municipality']]
		]);

		// The report says whom each criterion addresses; the editor keeps it.
		startReport(db(), { type: 'user', id: facilitator.id }, session.id);
		const report = await lead.context().newPage();
		await report.goto(url(`/sessions/${session.id}/report`));
		expect(await report.getByLabel(nl('reports.edit.criterionAddressees', { n: 2 })).inputValue()).toBe('municipality');
		await expectNoAxeViolations(report);
		await report.goto(url(`/sessions/${session.id}/report/print/working`));
		const criterion = (text: string) => report.locator('.kd-report-criterion', { hasText: text });
		expect(await criterion('De cliënt kiest zelf de dag en tijd.').textContent()).toContain(
			addressedTo(nl('framework.addressee.municipality'))
		);
		expect(await criterion('Het plan is in gewone taal.').textContent()).toContain(addressedTo(nl('framework.addressee.provider')));
		await expectNoAxeViolations(report);
		await report.close();

		// The participant now reads only: the summary, no field that can be edited.
		await ans.getByText(nl('error.session.closed')).waitFor();
		await ans.getByText('Het plan is in gewone taal.').waitFor();
		expect(await ans.locator('textarea:not([readonly]), input:not([type="hidden"]):not([disabled])').count()).toBe(0);
		await expectNoAxeViolations(ans);

		// Reopening needs a reason.
		await lead.getByRole('button', { name: nl('coedit.reopen.button') }).click();
		await lead.getByText(nl('coedit.reopen.reasonMissing')).waitFor();
		await lead.getByLabel(nl('coedit.reopen.reason')).fill('Een criterium was vergeten.');
		await lead.getByRole('button', { name: nl('coedit.reopen.button') }).click();
		await lead.getByRole('button', { name: nl('coedit.close.button') }).waitFor();
		expect(db().select().from(dialogueSessions).where(eq(dialogueSessions.id, session.id)).get()!.status).toBe('open');
		await lead.getByRole('button', { name: nl('live.lead.previous'), exact: true }).waitFor();

		for (const p of people) await p.context.close();
	}, 120_000);
	it('wraps a long word inside its column: no sideways page on a phone, no control over the next column for the lead', async () => {
		const { facilitator, session } = await atTheme('gl-long@gemeente.test', 'Lotte Lang', 'Lange woorden');
		await loginAs(world.context, world.server, facilitator.id);
		const lead = world.page;
		const before = lead.viewportSize();
		await lead.setViewportSize({ width: 1366, height: 768 });
		const { token } = addParticipant(db(), SYSTEM, session.id, { displayName: 'Ans', perspective: 'client' });
		const context = await world.browser.newContext({ viewport: { width: 390, height: 844 } });
		try {
			await context.addCookies([{ name: 'kd_participant', value: token, url: world.server.url, httpOnly: true, sameSite: 'Lax' }]);
			const ans = await context.newPage();
			await ans.goto(url(`/live/${session.id}`));
			await lead.goto(url(`/sessions/${session.id}/lead`));
			for (const page of [lead, ans]) {
				await page.getByRole('heading', { level: 2, name: nl('coedit.theme', { name: THEME }) }).waitFor();
				await connected(page);
			}
			const long = 'Vervoersvoorzieningsaanvraagafhandelingstermijnoverschrijdingsmelding';
			await ans.getByLabel(nl('coedit.keyword.add'), { exact: true }).fill(long);
			await ans.getByRole('button', { name: nl('coedit.keyword.submit'), exact: true }).click();
			const client = nl('perspective.client');
			for (const page of [ans, lead]) await eventually(async () => (await keywordsOf(page, client).count()) === 1, 10_000, 'the keyword');
			// The phone's page is no wider than the phone.
			expect(await ans.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
			// On the lead view, nothing in a column (the word, the group field, the merge list) sticks out of it.
			const sticking = await lead.evaluate(() =>
				[...document.querySelectorAll('.kd-board__column')].flatMap((column) => {
					const edge = column.getBoundingClientRect().right + 1;
					return [...column.querySelectorAll('*')]
						.filter((el) => el.getBoundingClientRect().right > edge)
						.map((el) => el.outerHTML.slice(0, 80));
				})
			);
			expect(sticking).toEqual([]);
		} finally {
			await context.close();
			if (before) await lead.setViewportSize(before);
		}
	}, 60_000);

	it('tells a participant what was not saved and why when the server refuses a change, and keeps most refusals from happening', async () => {
		const { facilitator, session, theme } = await atTheme('gl-refuse@gemeente.test', 'Greet Gespreksleider', 'Grenzen');
		const lead = await member(world.server.url, `kd_session=${createSession(db(), facilitator.id, 7).token}`, session.id);
		const { token } = addParticipant(db(), SYSTEM, session.id, { displayName: 'Ans', perspective: 'client' });
		const context = await world.browser.newContext({ viewport: { width: 390, height: 844 } });
		try {
			await context.addCookies([{ name: 'kd_participant', value: token, url: world.server.url, httpOnly: true, sameSite: 'Lax' }]);
			const ans = await context.newPage();
			await ans.goto(url(`/live/${session.id}`));
			await ans.getByRole('heading', { level: 2, name: nl('coedit.theme', { name: THEME }) }).waitFor();
			await connected(ans);
			const work = ans.locator('.kd-coedit');
			const meaning = ans.getByLabel(nl('coedit.meaning.label'));
			// Connected is said once the document has synced; the field shows its text a render later.
			await eventually(async () => (await meaning.inputValue()) !== '', 10_000, 'the theme document synced');
			const start = await meaning.inputValue();
			expect(start).toMatch(/^Zelfregie van de cliënt/);
			// The hint says the text comes from the framework: for this theme it does.
			await work.getByText(nl('coedit.meaning.hint')).waitFor();

			// Close to the limit, the field says how much room is left.
			await meaning.fill('x'.repeat(DOC_LIMITS.text - 40));
			await work.getByText(nl('coedit.roomLeft', { n: 40 })).waitFor();
			// A text over the limit (the field's maxlength keeps typing from it; here it arrives at once) is not saved.
			await meaning.evaluate(
				(el: HTMLTextAreaElement, text) => {
					el.value = text;
					el.dispatchEvent(new Event('input', { bubbles: true }));
				},
				'y'.repeat(DOC_LIMITS.text + 1)
			);
			const tooLong = nl('coedit.notSaved.limit.text');
			await work.getByText(tooLong).waitFor();
			await ans.getByRole('alert').getByText(tooLong).waitFor();
			await eventually(async () => (await meaning.inputValue()) === 'x'.repeat(DOC_LIMITS.text - 40), 10_000, 'the text as stored');
			await connected(ans);
			await expectNoAxeViolations(ans);

			// Text pasted with a direction override and control characters (it would read otherwise on
			// the projector and in the report): the field leaves them out, so nothing is refused.
			await meaning.fill('De cliënt \u202ekiest\u202c zelf\u0007 wanneer.');
			await eventually(async () => (await meaning.inputValue()) === 'De cliënt kiest zelf wanneer.', 10_000, 'the field without them');
			const stored = () => rootsOf(storedDocument(db(), docNameOf(session.id, theme.key))).meaning.toString();
			await eventually(() => stored() === 'De cliënt kiest zelf wanneer.', 10_000, 'stored without them');
			expect(await work.getByText(nl('coedit.notSaved.text.unsafe')).count()).toBe(0);
			await meaning.pressSequentially(' Echt');
			await eventually(() => stored() === 'De cliënt kiest zelf wanneer. Echt', 10_000, 'typing goes on at the end');

			// The toetsvraag: the facilitator marks it agreed while Ans types, before her page has heard of it.
			expect(await lead.send('agenda:goto', { to: 'next' })).toMatchObject({ ok: true });
			await ans.getByRole('heading', { level: 3, name: nl('coedit.testQuestion.title') }).waitFor();
			await connected(ans);
			const question = ans.getByLabel(nl('coedit.testQuestion.label'), { exact: true });
			const asked = await question.inputValue();
			markTheme(db(), SYSTEM, session.id, { themeId: theme.id, testQuestionAgreed: true }, (name) => storedDocument(db(), name));
			await question.click();
			await question.press('Control+End');
			await question.pressSequentially(' Echt?');
			const agreed = nl('coedit.notSaved.forbidden.testQuestion');
			await work.getByText(agreed).waitFor();
			await ans.getByRole('alert').getByText(agreed).waitFor();
			await eventually(async () => (await question.inputValue()) === asked, 10_000, 'the toetsvraag as agreed');
			await expectNoAxeViolations(ans);
			// Once her page knows, the field is read only and says why.
			expect(await lead.send('theme:mark', { themeId: theme.id, testQuestionAgreed: true })).toMatchObject({ ok: true });
			await eventually(async () => (await question.getAttribute('readonly')) !== null, 10_000, 'a read-only toetsvraag');
			await work.getByText(nl('coedit.testQuestion.locked')).waitFor();
			await expectNoAxeViolations(ans);
		} finally {
			await context.close();
			lead.socket.disconnect();
		}
	}, 120_000);
	it('keeps the fields closed and says it is connecting until the document itself has come', async () => {
		const { session } = await atTheme('gl-wait@gemeente.test', 'Wim Gespreksleider', 'Traag netwerk');
		const { token } = addParticipant(db(), SYSTEM, session.id, { displayName: 'Cor', perspective: 'client' });
		const context = await world.browser.newContext({ viewport: { width: 390, height: 844 } });
		try {
			await context.addCookies([{ name: 'kd_participant', value: token, url: world.server.url, httpOnly: true, sameSite: 'Lax' }]);
			const cor = await context.newPage();
			// A slow network: the document's socket opens, but what the server sends is held back.
			let release = () => {};
			const held = new Promise<void>((resolve) => (release = resolve));
			await cor.routeWebSocket(/\/yjs\//, (socket) => {
				const server = socket.connectToServer();
				server.onMessage(async (message) => {
					await held;
					socket.send(message);
				});
			});
			await cor.goto(url(`/live/${session.id}`));
			await cor.getByRole('heading', { level: 2, name: nl('coedit.theme', { name: THEME }) }).waitFor();
			const status = cor.getByRole('status', { name: nl('coedit.status.label') });
			const meaning = cor.getByLabel(nl('coedit.meaning.label'));
			await new Promise((r) => setTimeout(r, 1000));
			// Nothing of the document yet: not "connected", and nothing to type into (text typed
			// now would end up beside the framework's text when that comes).
			expect(await status.textContent()).toContain(nl('coedit.status.connecting'));
			expect(await meaning.inputValue()).toBe('');
			expect(await meaning.getAttribute('readonly')).not.toBeNull();

			release();
			await connected(cor);
			await eventually(async () => (await meaning.inputValue()) !== '', 10_000, 'the theme document synced');
			expect(await meaning.inputValue()).toMatch(/^Zelfregie van de cliënt/);
			expect(await meaning.getAttribute('readonly')).toBeNull();
		} finally {
			await context.close();
		}
	}, 60_000);
});
