/**
 * The place of a session in a real browser (issue 18): entered where the next session of a
 * trajectory is planned and in the settings (a wrong online link is refused at its field;
 * a change of place sends the changed calendar item), and shown to a participant who opens
 * their personal link before the session opens: date, time, place and what to prepare,
 * not the first live step. The "Doel" field shows no error border before anything is typed.
 * Every page passes axe.
 */
import { describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { dialogueSessions, mailMessages } from '../../src/lib/server/db/schema';
import { sendInvitations } from '../../src/lib/server/sessions/invitations';
import { newParticipantLink } from '../../src/lib/server/sessions/participants';
import { formatSessionDate } from '../../src/lib/shared/sessions/time';
import { clickAndWait, expectNoAxeViolations, loginAs, useBrowserWorld } from '../helpers/browser';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { plannedWorld } from '../helpers/follow-up';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld();
const db = () => world.server.runtime.db;
const url = (path: string) => `${world.server.url}${path}`;

describe('the place of a session', () => {
	it('is entered when planning the next session; a wrong online link is refused at its field', async () => {
		const { page, context } = world;
		const w = await plannedWorld(db());
		await loginAs(context, world.server, w.facilitator.id);
		await page.goto(url(`/trajectories/${w.trajectory.id}`));
		const plan = page.locator('form[action^="?/plan"]');
		// The place of the last session is the starting point.
		expect(await plan.getByLabel(nl('session.form.locationAddress'), { exact: false }).inputValue()).toContain('Wijkcentrum De Kern');
		await plan.getByLabel(nl('session.form.scheduledAt'), { exact: false }).fill('2030-06-03T14:00');
		await plan.getByLabel(nl('session.form.locationAddress'), { exact: false }).fill('Raadhuis Assen, zaal 3\nBrink 1, 9401 HS Assen');
		await plan.getByLabel(nl('session.form.locationNotes'), { exact: false }).fill('Rolstoeltoegankelijk, lift aanwezig');
		await plan.getByLabel(nl('session.form.locationUrl'), { exact: false }).fill('meet.gemeente.nl/gesprek');
		await clickAndWait(page, plan.getByRole('button', { name: nl('trajectory.plan.submit') }));
		const url1 = plan.getByLabel(nl('session.form.locationUrl'), { exact: false });
		expect(await url1.getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#plan-locationUrl-error').textContent()).toBe(nl('error.session.locationUrl'));
		expect(
			await page
				.locator('#plan-errors')
				.getByRole('link', { name: nl('session.form.locationUrl'), exact: false })
				.count()
		).toBe(1);
		// What was typed stays.
		expect(await plan.getByLabel(nl('session.form.locationNotes'), { exact: false }).inputValue()).toBe(
			'Rolstoeltoegankelijk, lift aanwezig'
		);
		await expectNoAxeViolations(page);

		await url1.fill('https://meet.gemeente.nl/gesprek');
		await clickAndWait(page, plan.getByRole('button', { name: nl('trajectory.plan.submit') }));
		const id = Number(new URL(page.url()).pathname.split('/')[2]);
		expect(new URL(page.url()).pathname).toBe(`/sessions/${id}`);
		const saved = db().select().from(dialogueSessions).where(eq(dialogueSessions.id, id)).get()!;
		expect(saved).toMatchObject({
			locationAddress: 'Raadhuis Assen, zaal 3\nBrink 1, 9401 HS Assen',
			locationNotes: 'Rolstoeltoegankelijk, lift aanwezig',
			locationUrl: 'https://meet.gemeente.nl/gesprek'
		});
		// The session's page says where.
		const where = page.locator('dl.kd-details div', { has: page.getByText(nl('session.form.location'), { exact: true }) });
		expect(await where.textContent()).toContain('Raadhuis Assen, zaal 3');
		expect(await where.getByRole('link', { name: 'https://meet.gemeente.nl/gesprek' }).count()).toBe(1);
		await expectNoAxeViolations(page);
	});

	it('is changed in the settings, and who has the calendar item gets it changed', async () => {
		const { page, context } = world;
		const w = await plannedWorld(db());
		sendInvitations(db(), w.actor, w.session.id, world.server.url);
		await loginAs(context, world.server, w.facilitator.id);
		await page.goto(url(`/sessions/${w.session.id}/settings`));
		const room = page.getByLabel(nl('session.form.locationAddress'), { exact: false });
		expect(await room.inputValue()).toBe('Wijkcentrum De Kern, zaal 2\nKerkstraat 12, 9401 AB Assen');
		await expectNoAxeViolations(page);
		await room.fill('Wijkcentrum De Kern, zaal 4\nKerkstraat 12, 9401 AB Assen');
		await clickAndWait(page, page.getByRole('button', { name: nl('session.settings.submit') }));
		expect(new URL(page.url()).pathname).toBe(`/sessions/${w.session.id}`);
		expect(await page.getByRole('status').textContent()).toContain(nl('session.calendarUpdates', { count: 6 }));
		const updates = db()
			.select()
			.from(mailMessages)
			.where(and(eq(mailMessages.dialogueSessionId, w.session.id), like(mailMessages.dedupeKey, 'calendar:%')))
			.all();
		expect(updates).toHaveLength(6);
		expect(updates[0]!.attachments[0]!.content).toContain('LOCATION:Wijkcentrum De Kern\\, zaal 4');
		expect(updates[0]!.attachments[0]!.content).toContain('SEQUENCE:1');
		await expectNoAxeViolations(page);
	});

	it('is shown with date and time to a participant who opens their link before the session opens', async () => {
		const w = await plannedWorld(db(), new Date('2030-05-14T17:30:00Z'));
		sendInvitations(db(), w.actor, w.session.id, world.server.url);
		const mail = db()
			.select()
			.from(mailMessages)
			.where(and(eq(mailMessages.dialogueSessionId, w.session.id), eq(mailMessages.toAddress, 'ans@example.org')))
			.get()!;
		const link = /(http:\/\/\S+\/j\/\S+)/.exec(mail.textBody)![1]!;

		// On her phone, a week early.
		const phone = await world.browser.newContext({ viewport: { width: 390, height: 844 } });
		const page = await phone.newPage();
		await page.goto(link);
		expect(new URL(page.url()).pathname).toBe(`/live/${w.session.id}`);
		const before = page.locator('section.kd-before');
		await before.waitFor();
		expect(await before.getByRole('heading', { level: 2 }).textContent()).toBe(nl('live.before.title'));
		const text = (await before.textContent())!;
		expect(text).toContain(formatSessionDate(new Date('2030-05-14T17:30:00Z'), 'nl'));
		expect(text).toContain('19:30');
		expect(text).toContain(nl('live.before.whenText', { date: formatSessionDate(new Date('2030-05-14T17:30:00Z'), 'nl'), until: '21:30' }));
		expect(text).toContain('Wijkcentrum De Kern, zaal 2');
		expect(text).toContain('Rolstoeltoegankelijk, lift aanwezig');
		expect(await before.getByRole('heading', { name: nl('live.before.prepare') }).isVisible()).toBe(true);
		expect(await before.getByRole('link', { name: nl('live.before.prepareThemes') }).getAttribute('href')).toMatch(
			/^\/public\/versions\/\d+$/
		);
		// Once connected, still no first live step until the session opens.
		await page.waitForLoadState('networkidle');
		await page.waitForTimeout(500);
		expect(await page.locator('main').innerText()).not.toContain('Stap 1 van');
		expect(await page.locator('section.kd-where').isVisible()).toBe(false);
		expect(await before.isVisible()).toBe(true);
		await expectNoAxeViolations(page);

		// On the day, half an hour before the start: the first step as usual.
		db()
			.update(dialogueSessions)
			.set({ scheduledAt: new Date(Date.now() + 30 * 60_000) })
			.where(eq(dialogueSessions.id, w.session.id))
			.run();
		await page.reload();
		await page.getByRole('heading', { level: 2, name: nl('phase.intro') }).waitFor();
		expect(await page.locator('section.kd-before').count()).toBe(0);
		await phone.close();
	});

	it('"Doel" shows no error border before anything is typed, and the error after sending', async () => {
		const { page, context } = world;
		const admin = await createAccount(
			db(),
			SYSTEM,
			{ email: `doel${Date.now()}@gemeente.test`, name: 'Dora Doel', roles: ['facilitator'] },
			'een lang wachtwoord voor doel'
		);
		await loginAs(context, world.server, admin.id);
		await page.goto(url('/trajectories'));
		const goal = page.getByLabel(nl('trajectory.form.goal'), { exact: true });
		const look = () =>
			goal.evaluate((el) => {
				const s = getComputedStyle(el);
				return [s.borderTopColor, s.borderTopWidth, s.borderBottomWidth, s.backgroundColor].join(' ');
			});
		const untouched = await look();
		expect(await goal.getAttribute('aria-invalid')).toBeNull();
		// Filled in, the field is valid: it must look the same as before anything was typed.
		await goal.fill('Weten wat cliënten belangrijk vinden');
		await page.locator('h1').click();
		const filled = await look();
		expect(untouched).toBe(filled);
		await goal.fill('');
		await page.locator('h1').click();
		expect(await look()).toBe(filled);
		await expectNoAxeViolations(page);

		// Sent empty: now the field says what is wrong, and looks it.
		await clickAndWait(page, page.getByRole('button', { name: nl('trajectory.new.submit') }));
		expect(await goal.getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#new-goal-error').isVisible()).toBe(true);
		expect(await look()).not.toBe(filled);
		await expectNoAxeViolations(page);
	});

	it('is called off in the settings: agendas get a cancellation, links and the code open nothing', async () => {
		const { page, context } = world;
		const w = await plannedWorld(db());
		sendInvitations(db(), w.actor, w.session.id, world.server.url);
		// The invitations went out (what the mail worker does).
		db().update(mailMessages).set({ status: 'sent' }).where(like(mailMessages.dedupeKey, 'invitation:%')).run();
		const ans = w.people.find((p) => p.displayName === 'Ans')!;
		const link = newParticipantLink(db(), ans.id, 'test');
		const code = db().select().from(dialogueSessions).where(eq(dialogueSessions.id, w.session.id)).get()!.joinCode!;
		await loginAs(context, world.server, w.facilitator.id);
		await page.goto(url(`/sessions/${w.session.id}/settings`));
		const cancel = page.locator('form[action="?/cancel"]');
		await expectNoAxeViolations(page);

		// Without the tick nothing happens, and the page says what is missing.
		await clickAndWait(page, cancel.getByRole('button', { name: nl('session.cancel.submit') }));
		expect(await page.getByRole('alert').textContent()).toContain(nl('session.cancel.confirmMissing'));
		expect(db().select().from(dialogueSessions).where(eq(dialogueSessions.id, w.session.id)).get()!.status).toBe('planned');
		await expectNoAxeViolations(page);

		await cancel.getByLabel(nl('session.cancel.confirm')).check();
		await clickAndWait(page, cancel.getByRole('button', { name: nl('session.cancel.submit') }));
		expect(new URL(page.url()).pathname).toBe(`/sessions/${w.session.id}`);
		const note = page.getByRole('note');
		expect(await note.textContent()).toContain(nl('session.cancel.done', { date: '' }).trim());
		expect(await note.textContent()).toContain(nl('session.cancel.mailed', { count: 6 }));
		// The two without e-mail are to be called.
		expect(await note.getByRole('listitem').allTextContents()).toEqual(['Bas', 'Gert']);
		// No way to lead or show a cancelled session.
		expect(await page.getByRole('link', { name: nl('session.lead.link') }).count()).toBe(0);
		await expectNoAxeViolations(page);
		const cancels = db().select().from(mailMessages).where(like(mailMessages.dedupeKey, 'calendar-cancel:%')).all();
		expect(cancels.find((m) => m.toAddress === 'ans@example.org')?.attachments[0]?.content).toContain('METHOD:CANCEL');

		// Ans opens her personal link: she reads that it does not take place.
		await context.clearCookies();
		await page.goto(url(`/j/${link}`));
		expect(new URL(page.url()).pathname).toBe(`/live/${w.session.id}`);
		expect(await page.getByRole('note').textContent()).toContain(nl('error.session.cancelled'));
		await expectNoAxeViolations(page);
		// The code on the invitation: refused with the same words.
		await page.goto(url(`/join?code=${code}`));
		expect(await page.locator('main').textContent()).toContain(nl('error.session.cancelled'));
	});
});
