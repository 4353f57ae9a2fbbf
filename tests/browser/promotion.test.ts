/**
 * From a final report to a provider's report, in a real browser. A kwaliteitsmanager opens
 * the sessions with a final report, makes a draft of the Drents framework and promotes a
 * criterion into its theme "Cliëntgerichtheid" with edited wording (an empty text is refused
 * at the field), declines one (a reason is required; reopening works), merges one, and
 * publishes the draft on the existing framework pages. An assessment against the new version
 * (through the domain) shows the promoted requirement in the provider's report and its PDF,
 * and the version overview lists the provider. Every page passes axe-core.
 */
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { frameworkRequirements } from '../../src/lib/server/db/schema';
import { getVersion, listFrameworks } from '../../src/lib/server/frameworks/store';
import { finalizeReport, sendReport, startReport } from '../../src/lib/server/reports/reports';
import { assessmentDetail, finalizeAssessment, startAssessment, updateItem } from '../../src/lib/server/scoring/assessments';
import { createProvider } from '../../src/lib/server/scoring/providers';
import { expectNoAxeViolations, followLink, loginAs, shortHands, useBrowserWorld } from '../helpers/browser';
import { nl } from '../helpers/i18n';
import { heldWorld } from '../helpers/follow-up';
import { extractPdfTextFlat } from '../helpers/pdf-text';

const world = useBrowserWorld();
const { db, url, path, main } = shortHands(world);
const drents = () => listFrameworks(db()).find((f) => f.slug === 'drents-kwaliteitskader')!;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A control's name with visually hidden context ("Niet overnemen" + ": Criterium 2"); Chromium spaces it loosely. */
const named = (visible: string, hidden: string) => new RegExp(`^${escape(visible)}\\s*:\\s*${escape(hidden)}$`);

/** The card of the n-th criterion (0-based) on the promotion page. */
const card = (page: Page, index: number) => page.locator(`#criterium-${index}`);
const stateOf = async (page: Page, index: number) => (await card(page, index).locator('.kd-promo-state').textContent())?.trim();

/** Clicks a submit button of an enhanced form, or follows a link, and waits until `outcome` shows. */
async function actAndWaitFor(target: ReturnType<Page['locator']>, outcome: ReturnType<Page['locator']>) {
	await target.click();
	await outcome.waitFor();
}

describe('promotion of agreed criteria, and the views of an assessment', () => {
	it('goes from a final report through a published draft to the provider’s report, its PDF and the overview', async () => {
		// A held session whose report went out and became final after the comment window.
		const held = await heldWorld(db(), new Date('2026-03-03T16:00:00Z'));
		startReport(db(), held.actor, held.session.id);
		sendReport(db(), held.actor, held.session.id, world.server.url, new Date('2026-03-05T10:00:00Z'));
		finalizeReport(db(), held.actor, held.session.id, world.server.url, new Date('2026-03-20T10:00:00Z'));
		const manager = await createAccount(
			db(),
			SYSTEM,
			{ email: 'km-promo@gemeente.test', name: 'Karin Kwaliteit', roles: ['quality_manager'] },
			'een goed wachtwoord'
		);
		const km = { type: 'user' as const, id: manager.id };

		// Others may not: a facilitator is refused.
		const other = await world.browser.newContext();
		await loginAs(other, world.server, held.facilitator.id);
		const refused = await (await other.newPage()).goto(url('/promotion'));
		expect(refused?.status()).toBe(403);
		await other.close();

		await loginAs(world.context, world.server, manager.id);
		const page = world.page;

		// --- The list of sessions with a final report.
		await page.goto(url('/promotion'));
		const table = page.getByRole('table', { name: nl('promotion.list.caption') });
		expect(await table.textContent()).toContain(nl('promotion.list.openCount', { open: 3, total: 3 }));
		await expectNoAxeViolations(page);
		await followLink(page, table.getByRole('link', { name: 'Eerste gesprek' }));
		expect(path(page)).toBe(`/promotion/${held.session.id}`);
		expect(await main(page).textContent()).toContain('De cliënt krijgt het ondersteuningsplan op papier en begrijpt het.');
		// The provenance that will be kept: the session, its date and the perspectives present.
		const provenance = page.locator('section[aria-labelledby="provenance-title"]');
		expect(await provenance.textContent()).toContain('3 maart 2026');
		expect(await provenance.textContent()).toContain(nl('perspective.wmo_council'));
		await expectNoAxeViolations(page);

		// --- Promote the first criterion: first a draft of the Drents framework.
		await actAndWaitFor(
			card(page, 0).getByRole('link', { name: named(nl('promotion.action.promote'), 'Criterium 1') }),
			card(page, 0).getByRole('heading', { name: nl('promotion.promote.title') })
		);
		expect(drents().versions.some((v) => v.status === 'draft')).toBe(false);
		await actAndWaitFor(
			card(page, 0).getByRole('button', { name: named(nl('promotion.promote.createDraft'), drents().name) }),
			card(page, 0).getByText(nl('promotion.done.draftCreated'))
		);
		const draft = drents().versions.find((v) => v.status === 'draft')!;
		expect(draft).toBeTruthy();
		await expectNoAxeViolations(page);
		const themeSelect = card(page, 0).getByLabel(nl('promotion.promote.theme'));
		const clientgerichtheid = getVersion(db(), draft.id)!.themes.find((t) => t.key === 'clientgerichtheid')!;
		await themeSelect.selectOption(String(clientgerichtheid.id));
		// The wording form is prefilled with the criterion; an empty text is refused at the field.
		const text = card(page, 0).getByLabel(nl('framework.field.text'), { exact: true });
		expect(await text.inputValue()).toBe('De cliënt krijgt het ondersteuningsplan op papier en begrijpt het.');
		await text.fill('');
		await actAndWaitFor(card(page, 0).getByRole('button', { name: nl('promotion.promote.submit') }), page.locator('#p0-text-error'));
		expect(await page.locator('#p0-text-error').textContent()).toBe(nl('error.field.required'));
		expect(await page.locator('#p0-text').getAttribute('aria-invalid')).toBe('true');
		expect(await card(page, 0).getByLabel(nl('promotion.promote.theme')).inputValue()).toBe(String(clientgerichtheid.id));
		await expectNoAxeViolations(page);
		await page.locator('#p0-text').fill('De cliënt ontvangt het ondersteuningsplan op papier, in begrijpelijke taal.');
		await page.locator('#p0-number').fill('14');
		await page.locator('#p0-testMethod').fill('Dossieronderzoek en gesprek met cliënten');
		await actAndWaitFor(
			card(page, 0).getByRole('button', { name: nl('promotion.promote.submit') }),
			card(page, 0).getByText(nl('promotion.done.promoted'))
		);
		expect(await stateOf(page, 0)).toBe(nl('promotion.state.promoted'));
		const promoted = db()
			.select()
			.from(frameworkRequirements)
			.where(eq(frameworkRequirements.text, 'De cliënt ontvangt het ondersteuningsplan op papier, in begrijpelijke taal.'))
			.get()!;
		expect(promoted.themeId).toBe(clientgerichtheid.id);
		expect(promoted.provenance).toMatchObject({
			kind: 'dialogue_session',
			date: '2026-03-03',
			originalText: 'De cliënt krijgt het ondersteuningsplan op papier en begrijpt het.'
		});
		await expectNoAxeViolations(page);

		// --- Decline the second: a reason is required; reopening and declining again works.
		await actAndWaitFor(
			card(page, 1).getByRole('link', { name: named(nl('promotion.action.decline'), 'Criterium 2') }),
			card(page, 1).getByLabel(nl('promotion.decline.reason'))
		);
		await actAndWaitFor(card(page, 1).getByRole('button', { name: nl('promotion.decline.submit') }), page.locator('#d1-reason-error'));
		expect(await page.locator('#d1-reason-error').textContent()).toBe(nl('error.field.required'));
		await expectNoAxeViolations(page);
		await card(page, 1).getByLabel(nl('promotion.decline.reason')).fill('Dit regelt de gemeente zelf, niet de aanbieder.');
		await actAndWaitFor(
			card(page, 1).getByRole('button', { name: nl('promotion.decline.submit') }),
			card(page, 1).getByText(nl('promotion.done.declined'))
		);
		expect(await stateOf(page, 1)).toBe(nl('promotion.state.not_promoted'));
		const declined = page.locator('section[aria-labelledby="declined-title"]');
		expect(await declined.textContent()).toContain('Dit regelt de gemeente zelf, niet de aanbieder.');
		await actAndWaitFor(
			card(page, 1).getByRole('button', { name: named(nl('promotion.reopen'), 'Criterium 2') }),
			card(page, 1).getByText(nl('promotion.done.reopened'))
		);
		expect(await stateOf(page, 1)).toBe(nl('promotion.state.open'));
		expect(await declined.textContent()).toContain(nl('promotion.declined.empty'));
		await actAndWaitFor(
			card(page, 1).getByRole('link', { name: named(nl('promotion.action.decline'), 'Criterium 2') }),
			card(page, 1).getByLabel(nl('promotion.decline.reason'))
		);
		await card(page, 1).getByLabel(nl('promotion.decline.reason')).fill('Dit regelt de gemeente zelf.');
		await actAndWaitFor(
			card(page, 1).getByRole('button', { name: nl('promotion.decline.submit') }),
			card(page, 1).getByText(nl('promotion.done.declined'))
		);
		expect(await declined.textContent()).toContain('Dit regelt de gemeente zelf.');

		// --- Merge the third into an existing requirement of the draft's Veiligheid theme.
		const target = getVersion(db(), draft.id)!.themes.find((t) => t.key === 'veiligheid')!.requirements[2]!;
		await actAndWaitFor(
			card(page, 2).getByRole('link', { name: named(nl('promotion.action.merge'), 'Criterium 3') }),
			card(page, 2).getByLabel(nl('promotion.merge.requirement'))
		);
		await card(page, 2).getByLabel(nl('promotion.merge.requirement')).selectOption(String(target.id));
		await actAndWaitFor(card(page, 2).getByRole('button', { name: nl('promotion.merge.choose') }), page.locator('#m2-text'));
		expect(await page.locator('#m2-text').inputValue()).toBe(target.text);
		await expectNoAxeViolations(page);
		await page.locator('#m2-text').fill(`${target.text} Er komt zo min mogelijk wisselend personeel.`);
		await actAndWaitFor(
			card(page, 2).getByRole('button', { name: nl('promotion.merge.submit') }),
			card(page, 2).getByText(nl('promotion.done.merged'))
		);
		expect(await stateOf(page, 2)).toBe(nl('promotion.state.merged'));
		const merged = db().select().from(frameworkRequirements).where(eq(frameworkRequirements.id, target.id)).get()!;
		expect(merged.text).toContain('Er komt zo min mogelijk wisselend personeel.');
		expect(merged.note).toContain('Aangevuld met een criterium uit het gesprek “Eerste gesprek” (');
		expect(merged.note).not.toMatch(/\d{4}-\d{2}-\d{2}/);
		await expectNoAxeViolations(page);

		// --- Publish the draft on the existing framework pages.
		const drafts = page.locator('section[aria-labelledby="drafts-title"]');
		expect(await drafts.getByRole('link', { name: new RegExp(`^${escape(nl('promotion.drafts.view'))}`) }).getAttribute('href')).toBe(
			`/frameworks/${drents().id}/versions/${draft.id}`
		);
		await followLink(page, drafts.getByRole('link', { name: new RegExp(`^${escape(nl('promotion.drafts.publish'))}`) }));
		expect(path(page)).toBe(`/frameworks/${drents().id}/versions/${draft.id}/edit`);
		await page.getByLabel(nl('framework.field.changeSummary')).fill('Criteria uit het gesprek van 3 maart toegevoegd.');
		await page.getByRole('checkbox', { name: nl('edit.publish.confirm', { label: draft.label }) }).check();
		await Promise.all([
			page.waitForURL((u) => u.pathname === `/frameworks/${drents().id}/versions/${draft.id}`),
			page.getByRole('button', { name: nl('edit.publish.submit') }).click()
		]);
		await page.getByRole('status').waitFor();
		expect(getVersion(db(), draft.id)!.version.status).toBe('published');
		await page.goto(url('/promotion'));
		expect(await page.getByRole('table', { name: nl('promotion.list.caption') }).textContent()).toContain(
			nl('promotion.list.allDone', { total: 3 })
		);

		// --- An assessment against the new version, through the domain, scored and decided.
		const provider = createProvider(db(), km, { name: 'Thuiszorg Noord', careType: 'Begeleiding', fundings: ['zin'] });
		const assessment = startAssessment(db(), km, { providerId: provider.id, frameworkVersionId: draft.id, assessedOn: '2026-06-01' });
		for (const i of assessmentDetail(db(), assessment.id).items) {
			if (!i.item.applicable) continue;
			const isPromoted = i.requirement.key === promoted.key;
			updateItem(db(), km, assessment.id, i.item.id, {
				revision: i.item.revision,
				applicable: true,
				level: isPromoted ? 'largely' : i.theme.key === 'veiligheid' ? 'largely_not' : 'meets',
				explanation: isPromoted ? 'Twee van de vijf cliënten hadden het plan niet op papier.' : null
			});
		}
		finalizeAssessment(db(), km, assessment.id, {
			decision: 'deviate',
			decidedOutcome: 'insufficient',
			motivation: 'Veiligheid schiet op veel punten tekort.',
			retestDue: '2026-12-01'
		});

		// --- The provider's report lists the promoted requirement with its score and story.
		await page.goto(url(`/assessments/${assessment.id}/report`));
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
			nl('assessments.report.title', { provider: 'Thuiszorg Noord' })
		);
		const report = await main(page).textContent();
		expect(report).toContain('De cliënt ontvangt het ondersteuningsplan op papier, in begrijpelijke taal.');
		expect(report).toContain('Twee van de vijf cliënten hadden het plan niet op papier.');
		expect(report).toContain('Voldoet grotendeels (0,75)');
		expect(report).toContain(nl('assessments.report.rule.sufficient', { sufficient: '65', good: '75' }));
		expect(report).toContain('Veiligheid schiet op veel punten tekort.');
		expect(report).toContain(nl('assessments.report.flagShort'));
		await expectNoAxeViolations(page);

		// --- The PDF holds the same.
		const response = await page.request.get(url(`/assessments/${assessment.id}/report.pdf`));
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('application/pdf');
		const pdf = extractPdfTextFlat(Buffer.from(await response.body()));
		expect(pdf).toContain('Thuiszorg Noord');
		expect(pdf).toContain('De cliënt ontvangt het ondersteuningsplan op papier, in begrijpelijke taal.');

		// --- The version overview, reached from the version page, lists the provider.
		await page.goto(url(`/frameworks/${drents().id}/versions/${draft.id}`));
		await followLink(page, page.getByRole('link', { name: nl('versionOverview.link') }));
		const overview = page.getByRole('table', { name: nl('versionOverview.caption', { label: draft.label }) });
		const row = overview.getByRole('row', { name: /Thuiszorg Noord/ });
		expect(await row.textContent()).toContain(nl('assessments.report.outcome.insufficient'));
		expect(await row.textContent()).toContain(nl('versionOverview.flagged'));
		expect(await overview.getByRole('columnheader', { name: clientgerichtheid.name }).count()).toBe(1);
		await expectNoAxeViolations(page);
		expect(await row.getByRole('link', { name: 'Thuiszorg Noord' }).getAttribute('href')).toBe(`/assessments/${assessment.id}/report`);
	});
});
