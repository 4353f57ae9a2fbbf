/**
 * Finishing the follow-up in a real browser (issue 18): on the follow-up page the facilitator
 * records what a non-responder said on the phone, closes the comment window early (the
 * reason is required, told at the field), answers the phone response on the report page and
 * makes the report final. The quality manager finds "Criteria overnemen" in the menu and on
 * the dashboard; a facilitator does not. Every page passes axe-core.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { mailMessages } from '../../src/lib/server/db/schema';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { closeCommentsEarly, finalizeReport, getReport, sendReport, startReport } from '../../src/lib/server/reports/reports';
import { clickAndWait, expectNoAxeViolations, followLink, loginAs, useBrowserWorld } from '../helpers/browser';
import { heldWorld } from '../helpers/follow-up';
import { newParticipantLink } from '../../src/lib/server/sessions/participants';
import { nl } from '../helpers/i18n';
import { parseMail } from '../helpers/smtp';
import fs from 'node:fs';
import path from 'node:path';

const world = useBrowserWorld();
const db = () => world.server.runtime.db;
const url = (path: string) => `${world.server.url}${path}`;
const main = (page: Page) => page.locator('main');

/** A held session whose report was sent to the participants. */
async function sentWorld() {
	const held = await heldWorld(db());
	const actor = { type: 'user' as const, id: held.facilitator.id };
	startReport(db(), actor, held.session.id);
	sendReport(db(), actor, held.session.id, world.server.url);
	return { ...held, actor };
}

describe('finishing the follow-up', () => {
	it('records a phone response, closes the comment window early with a reason and makes the report final', async () => {
		const { session, facilitator } = await sentWorld();
		await loginAs(world.context, world.server, facilitator.id);
		const page = world.page;
		await page.goto(url(`/sessions/${session.id}/follow-up`));
		const round = page.locator('section', { has: page.getByRole('heading', { name: nl('reports.round.title'), exact: true }) });
		expect(await round.textContent()).toContain(nl('reports.phone.title'));
		await expectNoAxeViolations(page);

		// Whom to call: those with a number first, the others say they have none.
		const options = (await page.getByLabel(nl('reports.phone.participant'), { exact: true }).locator('option').allTextContents()).map((o) =>
			o.trim()
		);
		const people = options.filter((o) => o !== nl('reports.phone.choose'));
		expect(people[0]).toBe('Bas');
		expect(people).toContain(`Gert (${nl('reports.calls.noPhone')})`);
		// What Bas (no e-mail) said on the phone.
		await page.getByLabel(nl('reports.phone.participant'), { exact: true }).selectOption({ label: 'Bas' });
		await page.getByLabel(nl('reports.phone.body'), { exact: true }).fill('Ik mis in het verslag dat de taxi vaak te laat is.');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.phone.submit'), exact: true }));
		await page.getByText(nl('reports.phone.done')).waitFor();
		// A form posted without JavaScript: the focus goes to its answer, not to the top of the page.
		const focused = () => page.evaluate(() => ({ text: document.activeElement?.textContent ?? '', id: document.activeElement?.id ?? '' }));
		await expect.poll(async () => (await focused()).text).toContain(nl('reports.phone.done'));
		expect(await page.getByLabel(nl('reports.phone.participant'), { exact: true }).textContent()).not.toContain('Bas');
		await expectNoAxeViolations(page);

		// Before closing early: how many have neither responded nor been called (Bas now has).
		expect((await page.locator('#close-early-waiting').textContent())?.trim()).toBe(
			nl('reports.closeEarly.waiting', { count: people.length - 1 })
		);
		// Closing early needs a reason: told at the field.
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.closeEarly.submit'), exact: true }));
		const reason = page.getByLabel(nl('reports.closeEarly.reason'), { exact: true });
		expect(await reason.getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#close-early-reason-error').textContent()).toContain(nl('error.field.required'));
		await expect.poll(async () => (await focused()).id).toBe(await reason.getAttribute('id'));
		await expectNoAxeViolations(page);
		await reason.fill('Iedereen heeft gereageerd of is gebeld.');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.closeEarly.submit'), exact: true }));
		await page.getByText(nl('reports.closeEarly.done')).waitFor();
		expect(await page.locator('#closed-early').textContent()).toContain('Iedereen heeft gereageerd of is gebeld.');
		expect(
			await main(page)
				.getByRole('button', { name: nl('reports.closeEarly.submit') })
				.count()
		).toBe(0);
		await expectNoAxeViolations(page);

		// On the report page: the phone response, marked; answer it and make the report final.
		await followLink(page, main(page).getByRole('link', { name: nl('reports.round.toReport') }));
		const comment = page.locator('.kd-comment', { hasText: 'de taxi vaak te laat' });
		// The day of the call as people write it ("gebeld op 4 december 2026"), not as the form sent it.
		expect(await comment.textContent()).toMatch(/Telefonisch, gebeld op \d{1,2} [a-z]+ \d{4}/);
		expect(await page.getByRole('table', { name: nl('reports.document.label.responses') }).textContent()).toContain('cliënt, telefonisch');
		await expectNoAxeViolations(page);
		await comment.getByLabel(nl('comment.decision.adopted'), { exact: true }).check();
		await clickAndWait(page, comment.getByRole('button', { name: new RegExp(nl('reports.comments.submit')) }));
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.finalize.submit'), exact: true }));
		await page.getByText(nl('reports.finalize.sure')).waitFor();
		expect(getReport(db(), session.id)!.status).toBe('sent');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.finalize.yes'), exact: true }));
		// Everyone who got the draft gets the final report by e-mail; who has no address is named.
		const reportMails = db()
			.select()
			.from(mailMessages)
			.where(and(eq(mailMessages.kind, 'report'), eq(mailMessages.dialogueSessionId, session.id)))
			.all();
		await page.getByText(nl('reports.finalize.done', { number: 2, count: reportMails.length })).waitFor();
		expect(getReport(db(), session.id)!.status).toBe('final');
		const done = main(page).locator('[role="status"]', { hasText: nl('reports.finalize.withoutEmail') });
		// The answer is where the page comes back (it stood 3000 px below the top), and has the focus.
		await expect.poll(async () => (await focused()).text).toContain(nl('reports.finalize.withoutEmail'));
		expect(await page.getByRole('heading', { level: 2, name: nl('reports.finalize.doneTitle') }).isVisible()).toBe(true);
		expect(await done.locator('li').allTextContents()).toEqual(['Bas', 'Gert']);
		await expectNoAxeViolations(page);

		// The final mail's link opens the final text with the reactienota.
		const finalMails = db()
			.select()
			.from(mailMessages)
			.where(and(eq(mailMessages.kind, 'final'), eq(mailMessages.dialogueSessionId, session.id)))
			.all();
		expect(finalMails.map((m) => m.toAddress).sort()).toEqual(reportMails.map((m) => m.toAddress).sort());
		const reader = await world.browser.newContext();
		const phone = await reader.newPage();
		// The outbox keeps no working link once sent: read the .eml file the mail went out as.
		await world.server.runtime.mail!.deliverDue();
		const mailDir = path.join(world.server.dataDir, 'mail');
		const finalMail = fs
			.readdirSync(mailDir)
			.filter((f) => f.endsWith('.eml'))
			.map((f) => parseMail(fs.readFileSync(path.join(mailDir, f), 'utf8')))
			.find(
				(m) =>
					m.subject === nl('reports.finalMail.subject', { title: session.title }) && m.headers.get('to')?.includes(finalMails[0]!.toAddress)
			)!;
		await phone.goto(finalMail.text.match(/https?:\/\/\S+\/j\/\S+/)![0]);
		await phone.waitForURL((u) => u.pathname === `/live/${session.id}/report`);
		const nota = phone.getByRole('table', { name: nl('reports.document.label.responses') });
		expect(await nota.textContent()).toContain('de taxi vaak te laat');
		expect(await nota.textContent()).toContain(nl('comment.decision.adopted'));
		// …and says, as the printed report does, that responding stopped early and why.
		const stopped = phone.getByRole('note').filter({ hasText: nl('reports.read.final') });
		expect(await stopped.textContent()).toContain('Iedereen heeft gereageerd of is gebeld.');
		await expectNoAxeViolations(phone);
		await reader.close();
	});

	it('remembers that a participant has no comments: asked once, and said so on every later visit', async () => {
		const { session, people } = await sentWorld();
		const context = await world.browser.newContext();
		const page = await context.newPage();
		await page.goto(url(`/j/${newParticipantLink(db(), people[1]!.id, 'test')}`));
		await page.goto(url(`/live/${session.id}/report`));
		const mine = page.getByRole('region', { name: nl('reports.read.mine') });
		expect(await mine.textContent()).toContain(nl('reports.read.mineNone'));
		await followLink(page, page.getByRole('link', { name: nl('reports.read.toAck') }));
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.read.ack') }));
		await page.getByText(nl('reports.read.acknowledged')).waitFor();
		for (const visit of ['answer', 'later visit']) {
			if (visit === 'later visit') await page.goto(url(`/live/${session.id}/report`));
			expect(await mine.textContent(), visit).toContain(nl('reports.read.mineAcknowledged'));
			expect(await mine.textContent(), visit).not.toContain(nl('reports.read.mineNone'));
			expect(await page.getByRole('link', { name: nl('reports.read.toAck') }).count(), visit).toBe(0);
			expect(await page.getByRole('button', { name: nl('reports.read.ack') }).count(), visit).toBe(0);
		}
		await expectNoAxeViolations(page);
		await context.close();
	});

	it('shows the quality manager "Criteria overnemen" in the menu and on the dashboard, and a facilitator not', async () => {
		const { session, facilitator, actor } = await sentWorld();
		closeCommentsEarly(db(), actor, session.id, { reason: 'Iedereen is gebeld.' });
		finalizeReport(db(), actor, session.id, world.server.url);
		const qm = await createAccount(
			db(),
			SYSTEM,
			{ email: 'km-ft@gemeente.test', name: 'Kim Kwaliteit', roles: ['quality_manager'] },
			'een goed wachtwoord'
		);
		await loginAs(world.context, world.server, qm.id);
		const page = world.page;
		await page.goto(url('/dashboard'));
		const nav = page.getByRole('navigation', { name: nl('layout.nav') });
		const menuItem = nav.getByRole('link', { name: /^Criteria overnemen \(\d+\)$/ });
		expect(await menuItem.count()).toBe(1);
		const card = page.locator('section', { has: page.getByRole('heading', { name: nl('dashboard.promotion.title'), exact: true }) });
		const entry = card.getByRole('link', { name: new RegExp(session.title) }).first();
		expect(await entry.getAttribute('href')).toBe(`/promotion/${session.id}`);
		await expectNoAxeViolations(page);
		await followLink(page, entry);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBeTruthy();
		expect(await nav.getByRole('link', { name: /^Criteria overnemen/ }).getAttribute('aria-current')).toBe('true');
		await expectNoAxeViolations(page);

		// The facilitator sees neither.
		const other = await world.browser.newContext();
		try {
			await loginAs(other, world.server, facilitator.id);
			const fp = await other.newPage();
			await fp.goto(url('/dashboard'));
			expect(await fp.getByRole('link', { name: /Criteria overnemen/ }).count()).toBe(0);
			expect(await fp.getByRole('heading', { name: nl('dashboard.promotion.title'), exact: true }).count()).toBe(0);
		} finally {
			await other.close();
		}
	});
});
