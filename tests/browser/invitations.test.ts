/**
 * Before and after a session in a real browser: a trajectory made through its form and its
 * next session planned; the participant list with its advice, an invalid e-mail address
 * refused at its field; the invitation text edited; invitations sent (and a second press that
 * sends nothing again); the outbox and a message with its personal link hidden; a printed
 * letter for someone without e-mail; the dashboard's to-do list after sessions. Every page
 * passes axe.
 */
import { mailText } from '../helpers/smtp';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { and, eq } from 'drizzle-orm';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { dialogueSessions, mailMessages, participants } from '../../src/lib/server/db/schema';
import { getDialogueSession } from '../../src/lib/server/sessions/setup';
import { listParticipants, validateParticipantToken } from '../../src/lib/server/sessions/participants';
import { sendInvitations } from '../../src/lib/server/sessions/invitations';
import { getTrajectory, planTrajectorySession, updateTrajectory } from '../../src/lib/server/sessions/trajectories';
import { clickAndWait, expectNoAxeViolations, loginAs, printedLetter, shortHands, useBrowserWorld } from '../helpers/browser';
import { nl } from '../helpers/i18n';
import { eventually } from '../helpers/realtime';
import { heldWorld, plannedWorld } from '../helpers/follow-up';
import { movisieVersionId } from '../helpers/live';

const world = useBrowserWorld();
const { db, url, path, h1 } = shortHands(world);
/** The rows of the body of the table with this caption (its caption text starts with `caption`). */
/** "Wijzigen: Ans": a control's visible text and the hidden name after it (the browser may put a space in between). */
const named = (text: string, name: string) => new RegExp(`^${text}\\s*: ${name}$`);
/** The fixed-theme boxes of one framework version in the trajectory form. */
const themeGroup = (page: Page, framework: string) =>
	page.locator('fieldset.kd-theme-group').filter({ has: page.locator('legend', { hasText: framework }) });
const rows = (page: Page, caption: string) =>
	page.locator('table', { has: page.locator('caption', { hasText: caption }) }).locator('tbody tr');

let counter = 0;
async function facilitator(name = 'Gijs Gespreksleider') {
	return createAccount(
		db(),
		SYSTEM,
		{ email: `inv${++counter}@gemeente.test`, name, roles: ['facilitator'] },
		'een lang wachtwoord voor gesprekken'
	);
}

describe('a trajectory', () => {
	it('is made through the form, shows its progress and themes, plans its next session and notices a change in between', async () => {
		const { page, context } = world;
		const me = await facilitator();
		const colleague = await facilitator('Carla Collega');
		await loginAs(context, world.server, me.id);
		const version = movisieVersionId(db());

		await page.goto(url('/trajectories'));
		expect(await h1(page)).toBe(nl('trajectory.list.title'));
		expect(await page.getByText(nl('trajectory.list.empty')).isVisible()).toBe(true);
		// The gespreksleider is yourself unless you choose a colleague.
		expect(await page.getByLabel(nl('trajectory.form.facilitator')).inputValue()).toBe(String(me.id));
		expect(await page.getByLabel(nl('trajectory.form.facilitator')).locator('option').allTextContents()).toEqual(
			expect.arrayContaining(['Gijs Gespreksleider', 'Carla Collega'])
		);
		await expectNoAxeViolations(page);

		// Nothing filled in: errors at the fields, and a summary linking to them.
		await clickAndWait(page, page.getByRole('button', { name: nl('trajectory.new.submit') }));
		expect(
			await page
				.getByRole('alert')
				.getByRole('link', { name: `${nl('trajectory.form.title')}: ${nl('error.field.required')}` })
				.count()
		).toBe(1);
		expect(await page.getByLabel(nl('trajectory.form.title'), { exact: true }).getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#new-goal-error').textContent()).toBe(nl('error.field.required'));
		expect(await page.locator('#new-frameworkVersionId-error').textContent()).toBe(nl('error.session.frameworkVersion'));
		await expectNoAxeViolations(page);

		// Fixed themes: before a version is chosen, the boxes of every version show, in groups.
		await page.getByLabel(nl('session.selection.fixed')).check();
		await themeGroup(page, 'Drents').waitFor();
		expect(await themeGroup(page, 'MOVISIE').isVisible()).toBe(true);
		await expectNoAxeViolations(page);

		// Fixed themes without choosing any: refused at the theme boxes, the other values kept.
		await page.getByLabel(nl('trajectory.form.title'), { exact: true }).fill('Kwaliteit Wmo 2027');
		await page.getByLabel(nl('trajectory.form.goal'), { exact: true }).fill('Samen met cliënten criteria opstellen.');
		await page.getByLabel(nl('session.form.framework')).selectOption(String(version));
		await page.getByLabel(nl('session.selection.fixed')).check();
		await page.getByLabel(nl('trajectory.form.plannedSessions')).fill('2');
		await clickAndWait(page, page.getByRole('button', { name: nl('trajectory.new.submit') }));
		expect(await page.locator('#new-fixedThemeKeys-error').textContent()).toBe(nl('error.trajectory.fixedThemes'));
		expect(await page.getByLabel(nl('trajectory.form.title'), { exact: true }).inputValue()).toBe('Kwaliteit Wmo 2027');
		expect(await page.getByLabel(nl('trajectory.form.plannedSessions')).inputValue()).toBe('2');
		await expectNoAxeViolations(page);

		// With JavaScript only the chosen version's themes show (without it, every version's do).
		const boxes = page.locator('#new-fixedThemeKeys input[type=checkbox]');
		await page.waitForFunction(
			(v) =>
				[...document.querySelectorAll<HTMLInputElement>('#new-fixedThemeKeys input[type=checkbox]')].every((e) =>
					e.value.startsWith(`${v}:`)
				),
			version
		);
		expect(await boxes.count()).toBe(10);
		await page.getByLabel('Veiligheid', { exact: true }).check();
		await page.getByLabel('Bejegening', { exact: true }).check();
		await clickAndWait(page, page.getByRole('button', { name: nl('trajectory.new.submit') }));

		expect(path(page)).toMatch(/^\/trajectories\/\d+$/);
		const id = Number(path(page).split('/')[2]);
		expect(getTrajectory(db(), id)).toMatchObject({
			title: 'Kwaliteit Wmo 2027',
			frameworkVersionId: version,
			themeSelection: 'fixed',
			fixedThemeKeys: ['veiligheid', 'bejegening'],
			plannedSessions: 2,
			facilitatorId: me.id
		});
		expect(await page.getByRole('status').textContent()).toContain(nl('trajectory.created'));
		expect(await page.getByText(nl('trajectory.progress', { held: 0, planned: 2 })).isVisible()).toBe(true);
		const candidates = page.locator('ul[aria-labelledby=candidates-heading] li');
		expect(await candidates.allTextContents()).toEqual(['Veiligheid', 'Bejegening']);
		await expectNoAxeViolations(page);

		// Plan the next session: a date that is not a date is refused at its field.
		expect(await page.getByLabel(nl('session.form.title'), { exact: true }).inputValue()).toBe(
			nl('trajectory.plan.defaultTitle', { title: 'Kwaliteit Wmo 2027', number: 1 })
		);
		await page.getByLabel(nl('session.form.scheduledAt'), { exact: true }).fill('2027-03-17T19:30');
		await clickAndWait(page, page.getByRole('button', { name: nl('trajectory.plan.submit') }));
		expect(path(page)).toMatch(/^\/sessions\/\d+$/);
		const sessionId = Number(path(page).split('/')[2]);
		const session = getDialogueSession(db(), sessionId)!;
		expect(session).toMatchObject({ trajectoryId: id, facilitatorId: me.id, themeSelection: 'fixed', durationMinutes: 120 });
		expect(session.scheduledAt!.toISOString()).toBe('2027-03-17T18:30:00.000Z');

		await page.goto(url(`/trajectories/${id}`));
		expect(await rows(page, nl('trajectory.sessions.caption', { count: 1 })).count()).toBe(1);
		expect(
			await rows(page, nl('trajectory.sessions.caption', { count: 1 }))
				.getByRole('link')
				.getAttribute('href')
		).toBe(`/sessions/${sessionId}`);
		// The fixed themes are chosen for that session: none are left to plan.
		expect(
			(await page.locator('ul[aria-labelledby=treated-heading] li').allTextContents()).map((x) => x.replace(/\s+/g, ' ').trim())
		).toEqual([
			`Veiligheid: ${nl('trajectory.themes.chosenFor')} ${nl('trajectory.plan.defaultTitle', { title: 'Kwaliteit Wmo 2027', number: 1 })}`,
			`Bejegening: ${nl('trajectory.themes.chosenFor')} ${nl('trajectory.plan.defaultTitle', { title: 'Kwaliteit Wmo 2027', number: 1 })}`
		]);
		expect(await page.getByText(nl('trajectory.plan.nothingLeft')).isVisible()).toBe(true);
		await expectNoAxeViolations(page);
		// The version is fixed now that there is a session.
		expect(await page.getByText(nl('trajectory.form.versionLocked')).isVisible()).toBe(true);

		// Someone changes the trajectory in between: saving says so, and keeps what was typed.
		const before = getTrajectory(db(), id)!;
		updateTrajectory(db(), SYSTEM, id, { ...before, frameworkVersionId: version, goal: 'Een ander doel.' });
		await page.locator('#edit-goal').fill('Mijn nieuwe doel.');
		await clickAndWait(page, page.getByRole('button', { name: nl('trajectory.edit.submit') }));
		expect(await page.locator('#edit-errors').textContent()).toContain(nl('error.trajectory.conflict'));
		expect(await page.getByText(nl('trajectory.edit.conflictHelp')).isVisible()).toBe(true);
		expect(await page.locator('#edit-goal').inputValue()).toBe('Mijn nieuwe doel.');
		expect(getTrajectory(db(), id)!.goal).toBe('Een ander doel.');
		await expectNoAxeViolations(page);
		// Saving again (after looking) works.
		await clickAndWait(page, page.getByRole('button', { name: nl('trajectory.edit.submit') }));
		expect(await page.getByRole('status').textContent()).toContain(nl('trajectory.saved'));
		expect(getTrajectory(db(), id)!.goal).toBe('Mijn nieuwe doel.');

		// The list shows it with its progress; a colleague cannot open it.
		await page.goto(url('/trajectories'));
		const row = rows(page, nl('trajectory.list.caption', { count: 1 })).first();
		expect(await row.textContent()).toContain(nl('trajectory.progress', { held: 0, planned: 2 }));
		const other = await world.browser.newContext();
		await loginAs(other, world.server, colleague.id);
		const otherPage = await other.newPage();
		expect((await otherPage.goto(url(`/trajectories/${id}`)))!.status()).toBe(404);
		await other.close();
	});
});

describe('without JavaScript', () => {
	it('makes a trajectory with fixed themes: only the boxes of the chosen version count', async () => {
		const me = await facilitator('Nina Zonderscript');
		const context = await world.browser.newContext({ javaScriptEnabled: false });
		await loginAs(context, world.server, me.id);
		const page = await context.newPage();
		const version = movisieVersionId(db());
		await page.goto(url('/trajectories'));
		// Every published version's themes are in the form, each in a group of its own.
		expect(await themeGroup(page, 'Drents').count()).toBe(1);
		await page.getByLabel(nl('trajectory.form.title'), { exact: true }).fill('Zonder script');
		await page.getByLabel(nl('trajectory.form.goal'), { exact: true }).fill('Het werkt ook zonder JavaScript.');
		await page.getByLabel(nl('session.form.framework')).selectOption(String(version));
		await page.getByLabel(nl('session.selection.fixed')).check();
		await themeGroup(page, 'MOVISIE').getByLabel('Regie van de cliënt').check();
		await themeGroup(page, 'Drents').getByLabel('Veiligheid').check();
		// (axe needs JavaScript: the test above checks this form with every version's boxes showing.)
		await clickAndWait(page, page.getByRole('button', { name: nl('trajectory.new.submit') }));
		expect(path(page)).toMatch(/^\/trajectories\/\d+$/);
		expect(getTrajectory(db(), Number(path(page).split('/')[2]))).toMatchObject({
			themeSelection: 'fixed',
			fixedThemeKeys: ['regie-van-de-client']
		});
		await context.close();
	});
});

describe('participants and invitations', () => {
	it('advises on the group and refuses an invalid e-mail address at its field', async () => {
		const { page, context } = world;
		const w = await plannedWorld(db());
		// A second session of the trajectory, with nobody on its list yet.
		const empty = planTrajectorySession(db(), w.actor, w.trajectory.id, {
			title: 'Tweede gesprek',
			scheduledAt: new Date(Date.now() + 14 * 86400_000),
			durationMinutes: 120
		});
		await loginAs(context, world.server, w.facilitator.id);

		await page.goto(url(`/sessions/${empty.id}/participants`));
		expect(await h1(page)).toBe(nl('invitations.pageTitle'));
		expect(await page.locator('#advice-size').textContent()).toContain(nl('invitations.advice.best', { min: 8, max: 15 }));
		expect(await page.locator('#advice-size').textContent()).toContain(nl('invitations.advice.count', { count: 0 }));
		expect(await page.locator('#advice-missing-client').textContent()).toContain(
			'Er doen geen cliënten mee. Zonder cliënten mist het gesprek zijn doel.'
		);
		expect(await page.locator('#advice-missing-client').textContent()).toContain(nl('invitations.advice.important'));
		expect(await page.locator('#advice-missing-official').isVisible()).toBe(true);
		await expectNoAxeViolations(page);

		await page.getByLabel(nl('join.name'), { exact: true }).fill('Mevrouw Jansen');
		await page.getByLabel(nl('join.perspective')).selectOption('client');
		await page.getByLabel(nl('invitations.field.email')).fill('jansen@voorbeeld');
		await page.getByLabel(nl('invitations.field.notes')).fill('Komt met haar dochter.');
		await clickAndWait(page, page.getByRole('button', { name: nl('invitations.add.submit') }));
		const email = page.getByLabel(nl('invitations.field.email'));
		expect(await email.getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#add-email-error').textContent()).toBe(nl('error.participant.email'));
		expect(await email.getAttribute('aria-describedby')).toContain('add-email-error');
		expect(await page.getByLabel(nl('join.name'), { exact: true }).inputValue()).toBe('Mevrouw Jansen');
		expect(listParticipants(db(), empty.id)).toHaveLength(0);
		await expectNoAxeViolations(page);

		await email.fill('Jansen@Voorbeeld.nl');
		await clickAndWait(page, page.getByRole('button', { name: nl('invitations.add.submit') }));
		expect(await page.getByRole('status').first().textContent()).toContain(nl('invitations.add.done', { name: 'Mevrouw Jansen' }));
		const list = rows(page, nl('invitations.list.caption', { count: 1 }));
		expect(await list.count()).toBe(1);
		expect(await list.first().locator('td').allTextContents()).toEqual([
			nl('perspective.client'),
			'jansen@voorbeeld.nl',
			nl('invitations.list.none'),
			'Komt met haar dochter.',
			nl('invitations.list.notYet'),
			expect.any(String)
		]);
		expect(listParticipants(db(), empty.id)).toMatchObject([
			{ displayName: 'Mevrouw Jansen', perspective: 'client', email: 'jansen@voorbeeld.nl', notes: 'Komt met haar dochter.' }
		]);
		// On a laptop the address stays whole (it broke as "jansen@voorbe eld.nl" beside empty room).
		const lines = await page.locator('td.kd-break', { hasText: 'jansen@voorbeeld.nl' }).evaluate((cell) => {
			const range = document.createRange();
			range.selectNodeContents(cell);
			return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
		});
		expect(lines).toBe(1);
		// Clients are there now: that warning is gone, the others stay.
		expect(await page.locator('#advice-missing-client').count()).toBe(0);
		expect(await page.locator('#advice-missing-council_member').isVisible()).toBe(true);

		// Change a row on its own page.
		await page.getByRole('link', { name: named(nl('invitations.list.edit'), 'Mevrouw Jansen') }).click();
		await page.waitForURL(/\/participants\/\d+$/);
		expect(await h1(page)).toBe(nl('invitations.edit.title', { name: 'Mevrouw Jansen' }));
		await expectNoAxeViolations(page);
		await page.getByLabel(nl('invitations.field.phone')).fill('bel me');
		await clickAndWait(page, page.getByRole('button', { name: nl('invitations.edit.submit') }));
		expect(await page.locator('#edit-phone-error').textContent()).toBe(nl('error.participant.phone'));
		await page.getByLabel(nl('invitations.field.phone')).fill('06 12345678');
		await clickAndWait(page, page.getByRole('button', { name: nl('invitations.edit.submit') }));
		expect(path(page)).toBe(`/sessions/${empty.id}/participants`);
		expect(await page.getByText(nl('invitations.list.updated', { name: 'Mevrouw Jansen' })).isVisible()).toBe(true);
		expect(listParticipants(db(), empty.id)[0]).toMatchObject({ phone: '06 12345678', email: 'jansen@voorbeeld.nl' });
	});

	it('edits the text, sends the invitations once, shows them in the outbox and prints a letter', async () => {
		const { page, context } = world;
		const w = await plannedWorld(db());
		await loginAs(context, world.server, w.facilitator.id);
		const base = `/sessions/${w.session.id}/participants`;

		await page.goto(url(base));
		expect(await rows(page, nl('invitations.list.caption', { count: 8 })).count()).toBe(8);
		// On a laptop every column fits, the buttons in the last one too: no sideways scrolling to find them.
		const viewport = page.viewportSize();
		await page.setViewportSize({ width: 1440, height: 900 });
		const overflow = await page
			.locator('.kd-people-list')
			.first()
			.evaluate((table) => {
				const box = table.closest('.kd-table-container') ?? table;
				return { scroll: box.scrollWidth, client: box.clientWidth };
			});
		if (viewport) await page.setViewportSize(viewport);
		expect(overflow.scroll, 'the list needs no sideways scrolling').toBeLessThanOrEqual(overflow.client);
		expect(await page.locator('#advice-size').textContent()).toContain(nl('invitations.advice.ok'));
		expect(await page.locator('[id^=advice-missing]').count()).toBe(0);
		expect(await page.getByText(nl('invitations.text.standard')).isVisible()).toBe(true);
		expect(await page.getByLabel(nl('invitations.text.body'), { exact: true }).inputValue()).toBe(nl('invite.template.body'));
		expect(await page.locator('.kd-placeholders dt').allTextContents()).toEqual([
			'{naam}',
			'{titel}',
			'{datum}',
			'{plaats}',
			'{link}',
			'{huiswerk}',
			'{gespreksleider}'
		]);
		await expectNoAxeViolations(page);

		// A text without the link is refused at the field.
		await page.getByLabel(nl('invitations.text.subject'), { exact: true }).fill('Doe mee: {titel}');
		await page.getByLabel(nl('invitations.text.body'), { exact: true }).fill('Beste {naam}, kom ook!');
		await clickAndWait(page, page.getByRole('button', { name: nl('invitations.text.submit') }));
		expect(await page.locator('#text-body-error').textContent()).toBe(nl('error.invite.linkMissing'));
		expect(await page.getByLabel(nl('invitations.text.subject'), { exact: true }).inputValue()).toBe('Doe mee: {titel}');
		await expectNoAxeViolations(page);
		await page
			.getByLabel(nl('invitations.text.body'), { exact: true })
			.fill('Beste {naam},\n\nKom op {datum} naar "{titel}".\n\nUw link: {link}\n\n{gespreksleider}');
		await clickAndWait(page, page.getByRole('button', { name: nl('invitations.text.submit') }));
		expect(await page.getByText(nl('invitations.text.saved')).isVisible()).toBe(true);
		expect(await page.getByText(nl('invitations.text.changed')).isVisible()).toBe(true);
		expect(getDialogueSession(db(), w.session.id)).toMatchObject({ invitationSubject: 'Doe mee: {titel}' });

		// Send: six people have an e-mail address, two do not.
		await clickAndWait(page, page.getByRole('button', { name: nl('invitations.send.submit') }));
		expect(await page.getByText(nl('invitations.send.done', { queued: 6, already: 0 })).isVisible()).toBe(true);
		const without = page.locator('ul[aria-labelledby=without-title] li');
		expect(await without.locator('> span').allTextContents()).toEqual(['Bas', 'Gert']);
		const mails = () => db().select().from(mailMessages).where(eq(mailMessages.dialogueSessionId, w.session.id)).all();
		expect(mails()).toHaveLength(6);
		expect(new Set(mails().map((m) => m.subject))).toEqual(new Set(['Doe mee: Eerste gesprek']));
		await expectNoAxeViolations(page);

		// Again: nothing is sent twice, and the page says so.
		await clickAndWait(page, page.getByRole('button', { name: nl('invitations.send.submit') }));
		expect(await page.locator('#send-error').textContent()).toContain(nl('error.invite.alreadySent', { count: 6 }));
		expect(mails()).toHaveLength(6);
		// The list shows who was invited.
		const ans = rows(page, nl('invitations.list.caption', { count: 8 })).filter({ has: page.getByRole('rowheader', { name: 'Ans' }) });
		expect(await ans.locator('td').nth(4).textContent()).not.toBe(nl('invitations.list.notYet'));

		// The outbox: without a mail server the messages are files, shown here.
		await eventually(() => mails().every((m) => m.status === 'sent'), 10_000, 'the invitations to be delivered');
		await page.goto(url('/outbox'));
		expect(await h1(page)).toBe(nl('outbox.title'));
		expect(await page.getByText(nl('outbox.transport.file')).isVisible()).toBe(true);
		const outbox = rows(page, nl('outbox.caption', { count: 6 }));
		expect(await outbox.count()).toBe(6);
		expect(await outbox.first().textContent()).toContain(nl('outbox.via.file'));
		expect(await outbox.first().textContent()).toContain(nl('outbox.status.sent'));
		await expectNoAxeViolations(page);

		const toAns = mails().find((m) => m.toAddress === 'ans@example.org')!;
		await page.goto(url(`/outbox/${toAns.id}`));
		expect(await h1(page)).toBe('Doe mee: Eerste gesprek');
		const body = await page.locator('pre.kd-mail-body').textContent();
		// The mail carries Ans's own link; the outbox shows that it does, never the link itself.
		const sent = mailText(world.server.dataDir, toAns);
		const link = /Uw link: (http:\/\/\S+\/j\/(\S+))/.exec(sent);
		expect(link, sent).not.toBeNull();
		expect(validateParticipantToken(db(), link![2])?.displayName).toBe('Ans');
		expect(body).toContain(`Uw link: ${nl('outbox.hiddenLink')}`);
		expect(await page.content()).not.toContain(link![2]!);
		expect(await page.getByText('gesprek.ics', { exact: false }).isVisible()).toBe(true);
		expect(await page.getByText('ans@example.org').first().isVisible()).toBe(true);
		await expectNoAxeViolations(page);

		// A letter for Bas, who has no e-mail address.
		await page.goto(url(base));
		await clickAndWait(page, page.getByRole('button', { name: named(nl('invitations.letter.button'), 'Bas') }).first());
		expect(path(page)).toBe(`${base}/letter`);
		expect(await h1(page)).toBe(nl('invitations.letter.title', { name: 'Bas' }));
		const letter = page.locator('article.kd-letter');
		expect(await letter.getByText(nl('invitations.letter.to', { name: 'Bas' })).isVisible()).toBe(true);
		expect(await letter.getByRole('heading', { level: 2 }).textContent()).toBe('Doe mee: Eerste gesprek');
		// The personal link is too long to type: it is only in the QR code (named for screen
		// readers); the session's short code and where to type it are the other way in.
		const qr = letter.locator('[role=img]');
		const written = (await qr.getAttribute('aria-label'))!.split(': ').at(-1)!;
		expect(written).toMatch(new RegExp(`^${world.server.url}/j/\\S+$`));
		expect(validateParticipantToken(db(), written.split('/j/')[1])?.displayName).toBe('Bas');
		expect(
			await letter
				.getByRole('img', { name: nl('invitations.letter.qrLabel', { url: written }) })
				.locator('svg')
				.count()
		).toBe(1);
		expect(await letter.textContent()).not.toContain(written);
		expect(await letter.getByTestId('letter-code').textContent()).toBe(w.session.joinCode);
		expect(await letter.textContent()).toContain(nl('invitations.letter.typeCode', { address: `${world.server.url}/join` }));
		expect(await letter.textContent()).not.toContain('In de bijlage');
		await page.getByRole('button', { name: nl('invitations.letter.print') }).waitFor();
		const bas = db()
			.select()
			.from(participants)
			.where(and(eq(participants.dialogueSessionId, w.session.id), eq(participants.displayName, 'Bas')))
			.get()!;
		expect(bas.invitedAt).not.toBeNull();
		await expectNoAxeViolations(page);
		// When printed, only the letter shows.
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('header.kd-header').isVisible()).toBe(false);
		expect(await page.getByRole('button', { name: nl('invitations.letter.print') }).isVisible()).toBe(false);
		expect(await letter.isVisible()).toBe(true);
		await page.emulateMedia({ media: 'screen' });
		// On one A4 page, with the QR code large enough to scan (4.5 cm).
		expect(await printedLetter(page)).toEqual({ pages: 1, a4: true, onlyLetter: true, qrCm: expect.closeTo(4.5, 1) });
	});

	it('keeps the outbox to staff: others get 403, another facilitator sees none of these messages', async () => {
		const { page, context } = world;
		const w = await plannedWorld(db());
		// The invitations of this world, queued directly.
		sendInvitations(db(), w.actor, w.session.id, world.server.url);
		const mail = db().select().from(mailMessages).where(eq(mailMessages.dialogueSessionId, w.session.id)).get()!;

		const manager = await createAccount(
			db(),
			SYSTEM,
			{ email: `km${++counter}@gemeente.test`, name: 'Kim Kwaliteit', roles: ['quality_manager'] },
			'een lang wachtwoord voor kwaliteit'
		);
		await loginAs(context, world.server, manager.id);
		expect((await page.goto(url('/outbox')))!.status()).toBe(403);

		const other = await world.browser.newContext();
		await loginAs(other, world.server, (await facilitator('Olaf Ander')).id);
		const otherPage = await other.newPage();
		await otherPage.goto(url('/outbox'));
		expect(await otherPage.getByText(nl('outbox.empty')).isVisible()).toBe(true);
		expect((await otherPage.goto(url(`/outbox/${mail.id}`)))!.status()).toBe(404);
		expect((await otherPage.goto(url(`/sessions/${w.session.id}/participants`)))!.status()).toBe(404);
		await other.close();

		// A refused message shows why, and can be tried again.
		db()
			.update(mailMessages)
			.set({ status: 'failed', attempts: 8, lastError: '550 mailbox unavailable' })
			.where(eq(mailMessages.id, mail.id))
			.run();
		const own = await world.browser.newContext();
		await loginAs(own, world.server, w.facilitator.id);
		const ownPage = await own.newPage();
		await ownPage.goto(url(`/outbox/${mail.id}`));
		expect(await ownPage.getByText(nl('outbox.status.failed'), { exact: true }).isVisible()).toBe(true);
		expect(await ownPage.getByText(nl('outbox.lastError', { error: '550 mailbox unavailable' })).isVisible()).toBe(true);
		await expectNoAxeViolations(ownPage);
		await clickAndWait(ownPage, ownPage.getByRole('button', { name: named(nl('outbox.retry'), '.+') }));
		expect(await ownPage.getByText(nl('outbox.retried')).isVisible()).toBe(true);
		expect(db().select().from(mailMessages).where(eq(mailMessages.id, mail.id)).get()!.status).not.toBe('failed');
		await own.close();
	});
});

describe('the dashboard', () => {
	it('shows what is still to do after the sessions, late in words', async () => {
		const { page, context } = world;
		const w = await heldWorld(db(), new Date(Date.now() - 20 * 86400_000));
		// A second session of the same trajectory, held today: its report is due in two weeks.
		const today = planTrajectorySession(db(), w.actor, w.trajectory.id, {
			title: 'Tweede gesprek',
			scheduledAt: new Date(Date.now() - 3600_000),
			durationMinutes: 120
		});
		db().update(dialogueSessions).set({ status: 'closed', closedAt: new Date() }).where(eq(dialogueSessions.id, today.id)).run();
		await loginAs(context, world.server, w.facilitator.id);

		await page.goto(url('/dashboard'));
		expect(await page.getByRole('heading', { level: 2, name: nl('dashboard.todo.title') }).isVisible()).toBe(true);
		const todo = rows(page, nl('dashboard.todo.caption', { count: 2 }));
		expect(await todo.count()).toBe(2);
		// The late one first, marked with the word.
		expect(await todo.nth(0).getByRole('link').textContent()).toBe('Eerste gesprek');
		expect(await todo.nth(0).getByRole('link').getAttribute('href')).toBe(`/sessions/${w.session.id}/follow-up`);
		expect(await todo.nth(0).textContent()).toContain(nl('dashboard.todo.lateTag'));
		expect(await todo.nth(1).getByRole('link').getAttribute('href')).toBe(`/sessions/${today.id}/follow-up`);
		expect(await todo.nth(1).textContent()).toContain('Verslag versturen, uiterlijk');
		expect(await todo.nth(1).textContent()).not.toContain(nl('dashboard.todo.lateTag'));
		expect(await page.getByRole('link', { name: nl('dashboard.trajectories.link') }).getAttribute('href')).toBe('/trajectories');
		expect(
			await page
				.getByRole('navigation', { name: nl('layout.nav') })
				.getByRole('link', { name: nl('nav.outbox') })
				.isVisible()
		).toBe(true);
		await expectNoAxeViolations(page);
	});
});
