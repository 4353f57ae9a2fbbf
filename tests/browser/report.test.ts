/**
 * Step 4 in a real browser: after a held session the facilitator writes agreements (a date
 * that does not exist is refused at the field), a participant answers the evaluation
 * anonymously, the facilitator makes the draft report, sees the plain-language check and the
 * charts' text alternative, and sends it (a second send from another tab is refused). The
 * participant opens the report through a personal link and comments on a criterion and a
 * section; the facilitator answers (not adopted needs a reason), sees the reactienota, the
 * call list and the refusal to finalize while the window is open, downloads PDF and DOCX, and
 * compares the sent version with an edit. Every page passes axe-core.
 */
import JSZip from 'jszip';
import { eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { dialogueSessions, evaluationResponses, participants, reports } from '../../src/lib/server/db/schema';
import { newParticipantLink } from '../../src/lib/server/sessions/participants';
import { submitEvaluation } from '../../src/lib/server/reports/evaluation';
import { dateToLocalInput, formatSessionDate } from '../../src/lib/shared/sessions/time';
import { clickAndWait, expectNoAxeViolations, followLink, loginAs, shortHands, useBrowserWorld } from '../helpers/browser';
import { nl } from '../helpers/i18n';
import { heldWorld } from '../helpers/follow-up';
import { today } from '../../src/lib/shared/dates';
import { unfinishedParts } from '../../src/lib/server/reports/view';
import { extractPdfTextFlat } from '../helpers/pdf-text';

const world = useBrowserWorld();
const { db, url, path, main } = shortHands(world);

/** The submit button of the form that holds the field labelled `label`. */
const formOf = (page: Page, label: string) => page.locator('form', { has: page.getByLabel(label, { exact: true }) });

/** Presses "Verslag opslaan" (the first of the page) and waits for the page that answers. */
const pressSave = (page: Page) =>
	clickAndWait(
		page,
		main(page)
			.getByRole('button', { name: nl('reports.edit.save') })
			.first()
	);

/** Saves the report and waits until the page says it is saved. */
async function saveReport(page: Page): Promise<void> {
	await pressSave(page);
	await page.getByText(nl('reports.edit.saved')).waitFor();
}

async function participantPage(participantId: number): Promise<{ context: BrowserContext; page: Page }> {
	const context = await world.browser.newContext();
	const page = await context.newPage();
	await page.goto(url(`/j/${newParticipantLink(db(), participantId, 'test')}`));
	return { context, page };
}

describe('after the session: agreements, evaluation, report and comments', () => {
	it('goes from agreements to answered comments, exports and a comparison', async () => {
		const held = await heldWorld(db());
		const { session, people, facilitator } = held;
		const ans = people[0]!;
		await loginAs(world.context, world.server, facilitator.id);
		const page = world.page;

		// --- Agreements: a date that does not exist is refused at the field, the rest is kept.
		await page.goto(url(`/sessions/${session.id}/follow-up`));
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(nl('reports.followUp.title'));
		await expectNoAxeViolations(page);
		await page.getByLabel(nl('reports.agreements.topicLabel')).selectOption('council');
		await page.getByLabel(nl('reports.agreements.whatLabel')).fill('De criteria voorleggen aan de gemeenteraad.');
		await page.getByLabel(nl('reports.agreements.ownerLabel')).fill('Wethouder Jansen');
		// The date box shows the date in the computer's own form (dd-mm-jjjj here): its hint names
		// no other form, such as 2026-03-17.
		const dueHint = (await page.locator('#agreement-due-hint').textContent())!;
		expect(dueHint).toBe(nl('reports.agreements.dueHint'));
		expect(dueHint).not.toMatch(/\d{4}-\d{2}-\d{2}|JJJJ|YYYY/i);
		expect(await page.locator('#agreement-due').getAttribute('type')).toBe('date');
		expect(await page.locator('#agreement-due').getAttribute('aria-describedby')).toContain('agreement-due-hint');
		// A browser's date box cannot hold 30 February: type it as text, as an old browser would.
		await page.locator('#agreement-due').evaluate((el) => ((el as HTMLInputElement).type = 'text'));
		await page.locator('#agreement-due').fill('2026-02-30');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.agreements.add'), exact: true }));
		const due = page.locator('#agreement-due');
		await expect
			.poll(() => page.locator('#agreement-due-error').textContent())
			.toBe(nl('error.field.dateNotReal', { day: '30', month: '02', year: '2026' }));
		expect(await due.getAttribute('aria-invalid')).toBe('true');
		expect(await due.getAttribute('aria-describedby')).toContain('agreement-due-error');
		expect(await page.getByLabel(nl('reports.agreements.ownerLabel')).inputValue()).toBe('Wethouder Jansen');
		await expectNoAxeViolations(page);
		// A date before the session is refused too, saying which day the session was.
		await due.fill('2020-06-01');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.agreements.add'), exact: true }));
		await expect
			.poll(() => page.locator('#agreement-due-error').textContent())
			.toBe(
				nl('error.agreement.beforeSession', {
					date: today(db().select().from(dialogueSessions).where(eq(dialogueSessions.id, session.id)).get()!.closedAt!)
				})
			);
		// …as people write a day, not as the form sends it.
		expect(await page.locator('#agreement-due-error').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
		const nextYear = new Date().getFullYear() + 1;
		// Typed day first in a text box, as people write it here: the same day.
		await due.evaluate((el) => ((el as HTMLInputElement).type = 'text'));
		await due.fill(`1-6-${nextYear}`);
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.agreements.add'), exact: true }));
		await page.getByText(nl('reports.agreements.added')).waitFor();
		const councilTable = page.getByRole('table', { name: nl('reports.agreements.caption', { topic: nl('agreement.topic.council') }) });
		expect(await councilTable.textContent()).toContain('Wethouder Jansen');
		expect(await councilTable.textContent()).toContain(`1 juni ${nextYear}`);
		// Deleting asks first, naming the agreement; "not yet" keeps it.
		await clickAndWait(page, councilTable.getByRole('button', { name: new RegExp(`^${nl('reports.agreements.delete')}`) }));
		await page.getByText(nl('reports.agreements.deleteSure')).waitFor();
		expect(await main(page).locator('.kd-prewrap', { hasText: 'De criteria voorleggen aan de gemeenteraad.' }).count()).toBeGreaterThan(1);
		await expectNoAxeViolations(page);
		await clickAndWait(page, main(page).getByRole('link', { name: nl('reports.confirm.no') }));
		expect(await councilTable.textContent()).toContain('Wethouder Jansen');
		// The evaluation link for participants, and the promise of anonymity.
		expect(await main(page).textContent()).toContain(`${world.server.url}/live/${session.id}/evaluation`);
		expect(await main(page).textContent()).toContain('anoniem');

		// --- A participant answers the evaluation anonymously (first forgetting one question).
		const phone = await participantPage(ans.id);
		const p = phone.page;
		expect(path(p)).toBe(`/live/${session.id}`);
		await p.goto(url(`/live/${session.id}/evaluation`));
		await expectNoAxeViolations(p);
		const firstQuestion = p.getByRole('group', { name: nl('evaluation.q.sharedAll') });
		expect(await firstQuestion.count()).toBe(1);
		expect(await p.getByLabel(nl('reports.eval.anonymous')).isChecked()).toBe(true);
		await firstQuestion.getByLabel(nl('reports.answer.yes'), { exact: true }).check();
		await p
			.getByRole('group', { name: nl('evaluation.q.heard') })
			.getByLabel(nl('reports.answer.partly'), { exact: true })
			.check();
		await p
			.getByRole('group', { name: nl('evaluation.q.clear') })
			.getByLabel(nl('reports.answer.yes'), { exact: true })
			.check();
		await clickAndWait(p, p.getByRole('button', { name: nl('reports.eval.submit') }));
		await expect.poll(() => p.locator('#q-worthwhile-error').textContent()).toBe(nl('reports.eval.chooseAnswer'));
		expect(await p.locator('#q-worthwhile').getAttribute('aria-describedby')).toContain('q-worthwhile-error');
		expect(
			await p
				.getByRole('group', { name: nl('evaluation.q.heard') })
				.getByLabel(nl('reports.answer.partly'), { exact: true })
				.isChecked()
		).toBe(true);
		await expectNoAxeViolations(p);
		await p
			.getByRole('group', { name: nl('evaluation.q.worthwhile') })
			.getByLabel(nl('reports.answer.yes'), { exact: true })
			.check();
		await p.getByLabel(nl('reports.eval.grade')).fill('8');
		await p.getByLabel(nl('reports.eval.better')).fill('Graag een pauze halverwege.');
		await clickAndWait(p, p.getByRole('button', { name: nl('reports.eval.submit') }));
		await p.getByText(nl('reports.eval.thanks')).waitFor();
		const stored = db().select().from(evaluationResponses).where(eq(evaluationResponses.dialogueSessionId, session.id)).all();
		expect(stored).toHaveLength(1);
		expect(stored[0]!.participantId).toBeNull();
		await p.goto(url(`/live/${session.id}/evaluation`));
		await p.getByText(nl('error.evaluation.already')).waitFor();

		// --- The facilitator sees the evaluation and makes the draft.
		await page.goto(url(`/sessions/${session.id}/follow-up`));
		await page.getByText(nl('reports.evaluation.count', { responses: 1, invited: 8 })).waitFor();
		// One answer is not shown: the facilitator could tell whose it is.
		expect(await main(page).textContent()).toContain(nl('reports.evaluation.tooFew', { minimum: 3 }));
		expect(await page.getByRole('table', { name: nl('reports.evaluation.caption') }).count()).toBe(0);
		expect(await main(page).textContent()).not.toContain('Graag een pauze halverwege.');
		await expectNoAxeViolations(page);
		// From the third answer on, the answers show.
		for (const other of [people[1]!, people[2]!])
			submitEvaluation(db(), db().select().from(participants).where(eq(participants.id, other.id)).get()!, {
				sharedAll: 'yes',
				heard: 'yes',
				clear: 'partly',
				worthwhile: 'yes'
			});
		await page.reload();
		await page.getByText(nl('reports.evaluation.count', { responses: 3, invited: 8 })).waitFor();
		expect(await main(page).textContent()).not.toContain(nl('reports.evaluation.tooFew', { minimum: 3 }));
		expect(await page.getByRole('table', { name: nl('reports.evaluation.caption') }).textContent()).toContain(nl('evaluation.q.sharedAll'));
		expect(await main(page).textContent()).toContain('Graag een pauze halverwege.');
		await expectNoAxeViolations(page);
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.start') }));
		expect(path(page)).toBe(`/sessions/${session.id}/report`);
		await expectNoAxeViolations(page);

		// --- The plain-language check on a saved text; the charts' text alternative.
		const stale = await world.context.newPage();
		await stale.goto(url(`/sessions/${session.id}/report`));
		const intro = page.locator('#s0-body');
		await intro.fill(`${await intro.inputValue()}\n\nWe gaan de nieuwe afspraken snel implementeren.`);
		await saveReport(page);
		const check = page.locator('#s0-body-check');
		expect(await check.textContent()).toContain(nl('reports.check.jargon', { suggestion: 'invoeren' }));
		expect(await check.locator('q').first().textContent()).toBe('implementeren');
		expect(await intro.getAttribute('aria-describedby')).toContain('s0-body-check');
		const words = await page.locator('.kd-figure__words').first().textContent();
		expect(words).toContain(nl('reports.document.label.voteFigureAlt'));
		expect(words).toContain('Regie van de cliënt');
		expect(
			await page.getByRole('table', { name: nl('reports.figures.voteCaption', { title: nl('reports.document.label.voteFigure') }) }).count()
		).toBe(1);
		// On a wide screen the chart fits: no extra stop for the Tab key.
		expect(await page.locator('.kd-figure__chart').first().getAttribute('tabindex')).toBeNull();
		await expectNoAxeViolations(page);
		// A tab with the older text cannot overwrite it: the conflict is told, the typed text kept.
		await stale.locator('#report-title').fill('Verslag van ons eerste gesprek');
		await pressSave(stale);
		await stale.getByText(nl('error.report.conflict')).waitFor();
		expect(await stale.locator('#report-title').inputValue()).toBe('Verslag van ons eerste gesprek');
		await stale.close();
		// A section made from data is made again (after saving what was typed).
		await intro.fill(`${await intro.inputValue()} Het was een goed gesprek.`);
		const recomposeAgreements = main(page).getByRole('button', {
			name: new RegExp(`^${nl('reports.edit.recompose')}\\W+${nl('reports.document.section.agreements').replace('?', '\\?')}$`)
		});
		await clickAndWait(page, recomposeAgreements);
		await page.getByText(nl('reports.edit.recomposed', { heading: nl('reports.document.section.agreements') })).waitFor();
		expect(await intro.inputValue()).toContain('Het was een goed gesprek.');
		expect(await page.locator('#s4-body').inputValue()).toContain('Wethouder Jansen');

		// --- Sending; a second send from a tab opened before is refused.
		const tab = await world.context.newPage();
		await tab.goto(url(`/sessions/${session.id}/report`));
		// Something typed and not saved is not lost by pressing "send": the page says to save first.
		const typed = `${await intro.inputValue()} Nog niet opgeslagen.`;
		await intro.fill(typed);
		await main(page)
			.getByRole('button', { name: nl('reports.send.submit') })
			.click();
		await page.getByRole('alert').getByText(nl('reports.edit.unsaved')).waitFor();
		expect(await intro.inputValue()).toBe(typed);
		expect(db().select().from(reports).where(eq(reports.dialogueSessionId, session.id)).get()!.status).toBe('draft');
		await saveReport(page);
		// Sending asks first, with how many get it by mail and how many do not; "not yet" changes nothing.
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.send.submit') }));
		await page.getByText(nl('reports.send.sureSome', { mailed: 6, withoutEmail: 2 })).waitFor();
		// …and with what still looks unfinished in the saved text, counted as the domain counts it.
		const unfinished = unfinishedParts(db(), db().select().from(reports).where(eq(reports.dialogueSessionId, session.id)).get()!.content);
		const warning = main(page).locator('.kd-unfinished');
		expect(unfinished.empty + unfinished.noAddressees + unfinished.plainLanguage).toBeGreaterThan(0);
		expect(await warning.textContent()).toContain(nl('reports.unfinished.intro'));
		for (const kind of ['empty', 'noAddressees', 'plainLanguage'] as const) {
			const line = nl(`reports.unfinished.${kind}`, { count: unfinished[kind] });
			expect((await warning.textContent())!.includes(line)).toBe(unfinished[kind] > 0);
		}
		await expectNoAxeViolations(page);
		await clickAndWait(page, main(page).getByRole('link', { name: nl('reports.confirm.no') }));
		expect(db().select().from(reports).where(eq(reports.dialogueSessionId, session.id)).get()!.status).toBe('draft');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.send.submit') }));
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.send.yes') }));
		const done = page.getByRole('status').filter({ hasText: nl('reports.send.done', { count: 6, number: 1 }) });
		await done.waitFor();
		expect(await done.textContent()).toContain('Bas');
		expect(await done.textContent()).toContain('Gert');
		await expectNoAxeViolations(page);
		// The tab opened before sending said until when people could respond: that is the day the window closes.
		const report = db().select().from(reports).where(eq(reports.dialogueSessionId, session.id)).get()!;
		expect(dateToLocalInput(report.commentsCloseAt!).slice(11)).toBe('23:59');
		await tab.getByText(nl('reports.send.intro', { date: formatSessionDate(report.commentsCloseAt!, 'nl') })).waitFor();
		// The tab opened before is told at once that it was sent, before any "are you sure?".
		await clickAndWait(tab, main(tab).getByRole('button', { name: nl('reports.send.submit') }));
		await tab.getByText(nl('error.report.alreadySent', { date: formatSessionDate(report.sentAt!, 'nl') })).waitFor();
		await tab.close();

		// --- The participant opens the report with a personal link and comments.
		await p.goto(url(`/j/${newParticipantLink(db(), ans.id, 'test')}`));
		expect(path(p)).toBe(`/live/${session.id}/report`);
		await p.getByText(nl('reports.read.window', { date: formatSessionDate(report.commentsCloseAt!, 'nl') })).waitFor();
		expect(await p.getByRole('heading', { level: 1 }).textContent()).toBe(nl('reports.document.title', { title: 'Eerste gesprek' }));
		expect(await p.getByRole('button', { name: nl('reports.read.ack') }).count()).toBe(1);
		await expectNoAxeViolations(p);
		const onCriterion = nl('reports.read.commentOnCriterion', { n: 1 });
		const onIntro = nl('reports.read.commentOnSection', { heading: nl('reports.document.section.intro') });
		// Half a comment under the introduction, then one sent under criterion 1: the half one stays.
		await p.getByLabel(onIntro).fill('Ik mis wie er niet');
		await p.getByLabel(onCriterion).fill('Schrijf ook op wie het plan uitlegt.');
		await formOf(p, onCriterion).getByRole('button').click();
		await p.getByText(nl('reports.read.posted')).waitFor();
		expect(await p.getByLabel(onIntro).inputValue()).toBe('Ik mis wie er niet');
		expect(await p.getByLabel(onCriterion).inputValue()).toBe('');
		await expect
			.poll(() => p.evaluate(() => document.activeElement?.id))
			.toBe('comment-criterion-' + (await formOf(p, onCriterion).locator('input[name=target]').inputValue()).split(':')[1] + '-posted');
		// Whoever commented has responded: no "I have no comments" any more.
		expect(await p.getByRole('button', { name: nl('reports.read.ack') }).count()).toBe(0);
		expect(await p.getByRole('link', { name: nl('reports.read.toAck') }).count()).toBe(0);
		await p.getByLabel(onIntro).fill('Ik mis wie er niet bij was.');
		await formOf(p, onIntro).getByRole('button').click();
		const mine = p.getByRole('region', { name: nl('reports.read.mine') });
		await expect.poll(() => mine.locator('li').count()).toBe(2);
		expect(await mine.textContent()).toContain('Schrijf ook op wie het plan uitlegt.');
		expect(await mine.textContent()).toContain(nl('reports.read.noAnswerYet'));
		await expectNoAxeViolations(p);
		// Their session page: the report is there now, not "within two weeks".
		const pLive = await p.context().newPage();
		await pLive.goto(url(`/live/${session.id}`));
		await pLive.getByText(nl('live.phaseText.closingReportOut')).waitFor();
		expect(await pLive.getByText(nl('live.phaseText.closing')).count()).toBe(0);
		await pLive.close();

		// --- An observer reads the draft but is not asked to respond: no forms, a note saying so.
		const observer = people[7]!;
		db().update(participants).set({ role: 'observer' }).where(eq(participants.id, observer.id)).run();
		const watching = await participantPage(observer.id);
		// Their session page thanks them for watching, says the report is there (it was sent), and offers it to read, not to respond to.
		await watching.page.goto(url(`/live/${session.id}`));
		await watching.page.getByText(nl('live.observerText.closingReportOut')).waitFor();
		expect(await watching.page.getByText(nl('live.observerText.closing')).count()).toBe(0);
		expect(await watching.page.getByText(nl('live.phaseText.closing')).count()).toBe(0);
		await followLink(watching.page, watching.page.getByRole('link', { name: nl('reports.live.reportRead'), exact: true }));
		await watching.page.getByText(nl('reports.read.readOnly')).waitFor();
		expect(await watching.page.getByRole('heading', { level: 1 }).textContent()).toBe(
			nl('reports.document.title', { title: 'Eerste gesprek' })
		);
		expect(await watching.page.getByRole('textbox').count()).toBe(0);
		expect(await watching.page.getByRole('button', { name: nl('reports.read.ack') }).count()).toBe(0);
		await expectNoAxeViolations(watching.page);
		await watching.context.close();
		db().update(participants).set({ role: 'participant' }).where(eq(participants.id, observer.id)).run();

		// --- The facilitator answers: not adopted needs a reason.
		await page.goto(url(`/sessions/${session.id}/report`));
		await expectNoAxeViolations(page);
		const introComment = page.locator('li.kd-comment', { hasText: 'Ik mis wie er niet bij was.' });
		const introId = (await introComment.getAttribute('id'))!.replace('comment-', '');
		expect(await introComment.textContent()).toContain(nl('perspective.client'));
		// Numbered as they came in: the intro comes first on the page but was written second.
		expect(await introComment.textContent()).toContain(nl('reports.comments.heading', { n: 2, perspective: nl('perspective.client') }));
		expect(await introComment.textContent()).not.toContain('Ans');
		// Three answers: a question or remark can be answered without a change.
		expect(await introComment.getByRole('radio').count()).toBe(3);
		expect(await introComment.getByLabel(nl('comment.decision.answered'), { exact: true }).count()).toBe(1);
		await introComment.getByLabel(nl('comment.decision.not_adopted'), { exact: true }).check();
		await clickAndWait(page, introComment.getByRole('button', { name: new RegExp(nl('reports.comments.submit')) }));
		const reason = page.locator(`#c${introId}-reason`);
		await expect.poll(() => page.locator(`#c${introId}-reason-error`).textContent()).toBe(nl('error.comment.reasonRequired'));
		expect(await reason.getAttribute('aria-invalid')).toBe('true');
		expect(await reason.getAttribute('aria-describedby')).toContain(`c${introId}-reason-error`);
		await expectNoAxeViolations(page);
		await reason.fill('Wie er niet was, noemen we niet bij naam.');
		await clickAndWait(page, page.locator(`#comment-${introId}`).getByRole('button', { name: new RegExp(nl('reports.comments.submit')) }));
		await page.getByText(nl('reports.comments.answered')).waitFor();
		const criterionComment = page.locator('li.kd-comment', { hasText: 'Schrijf ook op wie het plan uitlegt.' });
		await criterionComment.getByLabel(nl('comment.decision.adopted'), { exact: true }).check();
		await clickAndWait(page, criterionComment.getByRole('button', { name: new RegExp(nl('reports.comments.submit')) }));
		const nota = page.getByRole('table', { name: nl('reports.document.label.responses') });
		expect(await nota.textContent()).toContain(nl('comment.decision.adopted'));
		expect(await nota.textContent()).toContain(nl('comment.decision.not_adopted'));
		expect(await nota.textContent()).toContain('Wie er niet was, noemen we niet bij naam.');
		expect(await nota.textContent()).toContain(
			nl('reports.document.criterionTarget', { text: 'De cliënt krijgt het ondersteuningsplan op papier en begrijpt het.' })
		);

		// The call list (Ans responded; Bas has no e-mail, so he comes first) and the reminder.
		const calls = page.getByRole('table', { name: nl('reports.calls.caption', { count: 7 }) });
		expect(await calls.locator('tbody tr').first().textContent()).toContain('Bas');
		expect(await calls.textContent()).toContain('06 12345678');
		expect(await calls.textContent()).not.toContain('Ans');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.remind.submit') }));
		await page.getByText(nl('reports.remind.done', { count: 5 })).waitFor();
		// Finalizing is refused while participants can still respond (before any "are you sure?").
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.finalize.submit') }));
		await page.getByText(nl('error.report.windowOpen', { date: formatSessionDate(report.commentsCloseAt!, 'nl') })).waitFor();
		await expectNoAxeViolations(page);

		// The participant sees the answers.
		await p.reload();
		expect(await mine.textContent()).toContain(nl('comment.decision.not_adopted'));
		expect(await mine.textContent()).toContain('Wie er niet was, noemen we niet bij naam.');
		await phone.context.close();

		// --- Downloads: PDF and DOCX of version 1, for the facilitator only.
		const pdf = await world.context.request.get(url(`/sessions/${session.id}/report/export/1.pdf`));
		expect(pdf.status()).toBe(200);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		expect(pdf.headers()['content-disposition']).toContain(`verslag-${session.id}-v1.pdf`);
		expect(pdf.headers()['cache-control']).toBe('no-store');
		const pdfText = extractPdfTextFlat(await pdf.body());
		expect(pdfText).toContain('Eerste gesprek');
		expect(pdfText).toContain('De cliënt krijgt het ondersteuningsplan op papier en begrijpt het.');
		const docx = await world.context.request.get(url(`/sessions/${session.id}/report/export/1.docx`));
		expect(docx.status()).toBe(200);
		expect(docx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
		expect(docx.headers()['content-disposition']).toContain(`verslag-${session.id}-v1.docx`);
		const xml = await (await JSZip.loadAsync(await docx.body())).file('word/document.xml')!.async('string');
		// Version 1 as it was sent: the comments and answers came later (issue 18); the working copy has them.
		expect(xml).toContain('De cliënt krijgt het ondersteuningsplan op papier en begrijpt het.');
		expect(xml).not.toContain('Wie er niet was, noemen we niet bij naam.');
		const workingDocx = await world.context.request.get(url(`/sessions/${session.id}/report/export/working.docx`));
		const workingXml = await (await JSZip.loadAsync(await workingDocx.body())).file('word/document.xml')!.async('string');
		expect(workingXml).toContain('Wie er niet was, noemen we niet bij naam.');
		const working = await world.context.request.get(url(`/sessions/${session.id}/report/export/working.pdf`));
		expect(working.status()).toBe(200);
		expect((await world.context.request.get(url(`/sessions/${session.id}/report/export/7.pdf`))).status()).toBe(404);
		const other = await createAccount(
			db(),
			SYSTEM,
			{ email: 'andere-gl@gemeente.test', name: 'Andere Leider', roles: ['facilitator'] },
			'een lang wachtwoord voor gesprekken'
		);
		const stranger = await world.browser.newContext();
		await loginAs(stranger, world.server, other.id);
		expect((await stranger.request.get(url(`/sessions/${session.id}/report/export/1.pdf`))).status()).toBe(404);
		expect((await stranger.request.get(url(`/sessions/${session.id}/report`))).status()).toBe(404);
		await stranger.close();

		// --- The printable page, one version, and a comparison after an edit.
		await page.goto(url(`/sessions/${session.id}/report/print/1`));
		expect(await main(page).textContent()).toContain('De cliënt krijgt het ondersteuningsplan op papier en begrijpt het.');
		expect(await main(page).textContent()).not.toContain('Wie er niet was, noemen we niet bij naam.');
		// The header names the facilitator once: the label, then the name alone.
		const facilitatorField = page.locator('.kd-report__head dt', { hasText: nl('reports.print.facilitator') }).locator('+ dd');
		expect((await facilitatorField.textContent())?.trim()).not.toMatch(/^$|Gespreksleider/);
		await expectNoAxeViolations(page);
		await page.goto(url(`/sessions/${session.id}/report/versions/1`));
		await expectNoAxeViolations(page);
		await page.goto(url(`/sessions/${session.id}/report`));
		await intro.fill(`${await intro.inputValue()} Iedereen kreeg een samenvatting.`);
		// A new criterion in the empty row, and an emptied one (it is removed).
		await page.locator('#s2-new').fill('De cliënt weet wie hij kan bellen.');
		await page.locator('#s3-c0').fill('');
		await saveReport(page);
		expect(await page.locator('#s3-c0').count()).toBe(0);
		await page.goto(url(`/sessions/${session.id}/report/compare?from=1&to=working`));
		expect(await page.locator('ins.kd-ins', { hasText: 'samenvatting' }).count()).toBeGreaterThan(0);
		const criteriaChanges = await main(page).locator('.kd-diff-criteria').allTextContents();
		expect(criteriaChanges.join(' ')).toContain(nl('compare.kind.added'));
		expect(criteriaChanges.join(' ')).toContain('De cliënt weet wie hij kan bellen.');
		expect(criteriaChanges.join(' ')).toContain(nl('compare.kind.removed'));
		await expectNoAxeViolations(page);

		// --- The jargon list.
		await page.goto(url('/jargon'));
		await expectNoAxeViolations(page);
		await page.getByLabel(nl('reports.jargon.term')).fill('beleidskader');
		await page.getByLabel(nl('reports.jargon.suggestion')).fill('plan van de gemeente');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.jargon.add') }));
		await page.getByText(nl('reports.jargon.added', { term: 'beleidskader' })).waitFor();
		await page.getByLabel(nl('reports.jargon.term')).fill('Beleidskader');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('reports.jargon.add') }));
		await expect.poll(() => page.locator('#jargon-term-error').textContent()).toBe(nl('error.jargon.exists'));
		await expectNoAxeViolations(page);
	}, 180_000);

	it('shows participant pages only to participants of that session', async () => {
		const held = await heldWorld(db());
		const otherHeld = await heldWorld(db());
		// Before the report is sent: not ready yet.
		const { context, page } = await participantPage(held.people[2]!.id);
		await page.goto(url(`/live/${held.session.id}/report`));
		await page.getByText(nl('reports.read.notReady', { title: held.session.title })).waitFor();
		await expectNoAxeViolations(page);
		// Without an e-mail address, nobody will tell them: the page and the closing step say what to do instead.
		db().update(participants).set({ email: null }).where(eq(participants.id, held.people[2]!.id)).run();
		await page.reload();
		await page.getByText(nl('reports.read.notReadyNoEmail', { title: held.session.title })).waitFor();
		await page.goto(url(`/live/${held.session.id}`));
		await page.getByText(nl('live.phaseText.closingNoEmail')).waitFor();
		expect(await page.getByText(nl('live.phaseText.closing')).count()).toBe(0);
		// Another session's pages: not found.
		expect((await page.goto(url(`/live/${otherHeld.session.id}/report`)))!.status()).toBe(404);
		expect((await page.goto(url(`/live/${otherHeld.session.id}/evaluation`)))!.status()).toBe(404);
		await context.close();
		// Without a participant cookie: not found.
		expect((await world.page.goto(url(`/live/${held.session.id}/evaluation`)))!.status()).toBe(404);
	});
});
