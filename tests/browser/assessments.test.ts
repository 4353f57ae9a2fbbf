/**
 * Providers and assessments (toetsing) in a real browser: a quality manager registers a provider
 * (first forgetting how it is paid), starts an assessment against the Drents kwaliteitskader,
 * sees Leefklimaat pre-selected as not applicable, marks a requirement not applicable (a reason
 * is required), scores requirements and watches the arithmetic and the proposal change, judges
 * one behaviour of vertrouwen (a motivation is required), is told which requirements still lack
 * a score, deviates from the proposal (a motivation is required), and amends the final
 * assessment with a reason. The provider page shows the history and the trend, a second
 * assessment the recurrence of an unmet requirement; an administrator only reads, a facilitator
 * is refused. Every page passes axe-core.
 *
 * The tests run in order and share the server and the assessment made in the first ones.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { translate } from '../../src/lib/i18n';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { getFramework, latestPublishedBySlug } from '../../src/lib/server/frameworks/store';
import {
	assessmentDetail,
	finalizeAssessment,
	setWeighing,
	startAssessment,
	updateItem,
	valuesStamp,
	type AssessedItem
} from '../../src/lib/server/scoring/assessments';
import { arithmetic, formatPercent } from '../../src/lib/server/scoring/rule';
import { retestTrend } from '../../src/lib/server/scoring/retest';
import { levelBandText } from '../../src/lib/shared/assessments';
import { dateToLocalInput } from '../../src/lib/shared/sessions/time';
import { clickAndWait, expectNoAxeViolations, followLink, loginAs, shortHands, staffAccount, useBrowserWorld } from '../helpers/browser';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld();
const PASSWORD = 'een lang wachtwoord voor toetsingen';
const { db, url, path, main } = shortHands(world);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A button whose name starts with `visible` (the rest is visually hidden context). */
const button = (scope: ReturnType<Page['locator']>, visible: string) =>
	scope.getByRole('button', { name: new RegExp(`^${escape(visible)}`) });

let providerId: number;
let assessmentId: number;
/** The first assessment (decided with an outcome that asks for an improvement plan). */
let firstId: number;
/** The requirements the tests use by hand: one marked not applicable, two scored in the form. */
let offItem: AssessedItem;
let formItems: AssessedItem[];

const manager = staffAccount(world, { email: 'km@gemeente.test', name: 'Karin Kwaliteit', roles: ['quality_manager'] }, PASSWORD);
const asManager = (page?: Page) => manager.login(page);

const detail = () => assessmentDetail(db(), assessmentId);
const actor = () => ({ type: 'user' as const, id: manager.id });
const label = (i: AssessedItem) => nl('assessments.item.label', { theme: i.theme.name, number: i.requirement.number ?? '' });

/** Scores applicable requirements through the domain, as a quick stand-in for many form posts. */
function scoreByDomain(filter: (i: AssessedItem, n: number) => boolean, level: (n: number) => 'meets' | 'largely' | 'largely_not' | 'not') {
	detail().items.forEach((i, n) => {
		if (!i.item.applicable || i.item.level !== null || !filter(i, n)) return;
		updateItem(db(), actor(), assessmentId, i.item.id, {
			revision: i.item.revision,
			applicable: true,
			level: level(n),
			evidence: 'Dossiers ingezien',
			explanation: 'Besproken met de teamleider.'
		});
	});
}

describe('providers and assessments', () => {
	it('registers a provider: how it is paid is required, at the field', async () => {
		const page = world.page;
		await asManager(page);
		await page.goto(url('/dashboard'));
		await followLink(page, page.locator('header').getByRole('link', { name: nl('assessments.nav.providers') }));
		expect(path(page)).toBe('/providers');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(nl('assessments.providers.title'));
		expect(await main(page).textContent()).toContain(nl('assessments.providers.empty'));
		await expectNoAxeViolations(page);

		await page.getByLabel(nl('assessments.provider.name'), { exact: true }).fill('Zorg Thuis BV');
		await page.getByLabel(nl('assessments.provider.careType'), { exact: true }).fill('Begeleiding individueel');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('assessments.providers.create') }));
		await expect.poll(() => page.locator('#new-provider-fundings-error').textContent()).toBe(nl('error.field.chooseOne'));
		expect(await page.locator('#new-provider-fundings').getAttribute('aria-describedby')).toContain('new-provider-fundings-error');
		expect(await page.getByLabel(nl('assessments.provider.name'), { exact: true }).inputValue()).toBe('Zorg Thuis BV');
		expect(await page.locator('#new-provider-errors').textContent()).toContain(nl('assessments.provider.fundings'));
		await expectNoAxeViolations(page);

		await page.getByLabel(nl('assessments.funding.zin'), { exact: true }).check();
		await page.getByLabel(nl('assessments.funding.pgb_professional'), { exact: true }).check();
		expect(await page.locator('#new-provider-residential').isChecked()).toBe(false);
		expect(await page.locator('#new-provider-dayCare').isChecked()).toBe(false);
		// A gezaghebbende ouder without a PGB for a naaste: refused in the form's error summary, nothing saved.
		await page.locator('#new-provider-guardianParent').check();
		await clickAndWait(page, main(page).getByRole('button', { name: nl('assessments.providers.create') }));
		await expect.poll(() => page.locator('#new-provider-errors').textContent()).toContain(nl('error.provider.guardianWithoutInformal'));
		await expectNoAxeViolations(page);
		await page.locator('#new-provider-guardianParent').uncheck();
		await clickAndWait(page, main(page).getByRole('button', { name: nl('assessments.providers.create') }));
		expect(path(page)).toMatch(/^\/providers\/\d+$/);
		providerId = Number(path(page).split('/').pop());
		await page.getByText(nl('assessments.provider.created')).waitFor();
		expect(await main(page).textContent()).toContain(nl('assessments.provider.residentialNo'));
		expect(await main(page).textContent()).toContain(nl('assessments.provider.dayCareNo'));
		// No PGB for a naaste: the question of the gezaghebbende ouder does not arise.
		expect(await main(page).textContent()).not.toContain(nl('assessments.providers.guardianParent'));
		expect(await main(page).textContent()).toContain(nl('assessments.history.empty'));
		await expectNoAxeViolations(page);

		// A change saved in one tab; the other tab, opened before it, is told of the conflict.
		const stale = await world.context.newPage();
		await stale.goto(url(`/providers/${providerId}`));
		await page.locator('#edit-provider-careType').fill('Begeleiding individueel en groep');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('assessments.provider.save') }));
		await page.getByText(nl('assessments.provider.saved')).waitFor();
		await stale.locator('#edit-provider-note').fill('Contactpersoon: mevrouw Bakker.');
		await clickAndWait(stale, main(stale).getByRole('button', { name: nl('assessments.provider.save') }));
		await expect.poll(() => stale.locator('#edit-provider-errors').textContent()).toContain(nl('error.provider.conflict'));
		expect(await stale.locator('#edit-provider-note').inputValue()).toBe('Contactpersoon: mevrouw Bakker.');
		await stale.close();

		// The register lists it, with how it is paid and without an assessment yet.
		await page.goto(url('/providers'));
		const row = page.getByRole('table', { name: nl('assessments.providers.caption', { count: 1 }) }).locator('tbody tr');
		expect(await row.textContent()).toContain(`${nl('assessments.funding.zin')}, ${nl('assessments.funding.pgb_professional')}`);
		expect(await row.textContent()).toContain(nl('assessments.providers.noneFinal'));
	});

	it('starts an assessment on the Drents version, with Leefklimaat pre-selected as not applicable', async () => {
		const page = world.page;
		await asManager(page);
		const drents = latestPublishedBySlug(db(), 'drents-kwaliteitskader')!;
		await page.goto(url(`/providers/${providerId}`));
		// Hydration sets the date field to its value from the server: fill it in after that.
		await page.waitForLoadState('networkidle');
		await page.locator('#start-version').selectOption(String(drents.id));
		// The date box shows dd-mm-jjjj: its hint names no other form, such as 2026-01-15.
		expect(await page.locator('#start-date-hint').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}|JJJJ|YYYY/i);
		await page.locator('#start-date').fill('2026-01-15');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('assessments.start.submit') }));
		expect(path(page)).toMatch(/^\/assessments\/\d+$/);
		assessmentId = Number(path(page).split('/').pop());
		await page.getByText(nl('assessments.page.started')).waitFor();
		// The page opens at its answer, which has the focus (not at the start form's #start-errors).
		expect(new URL(page.url()).hash).toBe('#done');
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('done');
		expect(await page.locator('#assessment-status').textContent()).toBe(nl('assessments.status.draft'));
		expect(await page.locator('#assessment-header').textContent()).toContain('15 januari 2026');

		const leefklimaat = detail().items.filter((i) => i.theme.key === 'leefklimaat');
		expect(leefklimaat).toHaveLength(2);
		for (const i of leefklimaat) {
			expect(await page.locator(`#item-${i.item.id}-applicable-no`).isChecked()).toBe(true);
			// The source: Leefklimaat is "meestal om dagbesteding of verblijf"; the reason is shown in words.
			expect(await page.locator(`#item-${i.item.id}-applicable-hint`).textContent()).toBe(
				nl('assessments.presumed.setting', { settings: 'verblijf of dagbesteding' })
			);
		}
		// Whom each requirement addresses is shown with it.
		expect(await page.locator(`#item-${detail().items[0]!.item.id}`).textContent()).toContain(
			nl('assessments.item.addressees', { addressees: nl('framework.addressee.provider') })
		);
		// The four levels with their numbers, in a fieldset with a legend; the framework's testing hints folded away.
		const first = detail().items[0]!;
		const levels = page.getByRole('group', { name: nl('assessments.item.level') }).first();
		// Each level is named with its band of indicators met (seed 004), e.g. "Voldoet 100–75 %: …".
		for (const level of ['meets', 'largely', 'largely_not', 'not'] as const)
			expect(
				await levels
					.getByLabel(`${nl(`assessments.level.${level}`)} ${levelBandText((key, params) => translate('nl', key, params), level)}`, {
						exact: true
					})
					.count()
			).toBe(1);
		expect(await page.locator(`#item-${first.item.id} details`).first().getAttribute('open')).toBeNull();
		// Nothing scored yet: no proposal, and the boundary rule in words.
		expect(await page.locator('#calc-proposal').textContent()).toContain(nl('assessments.calc.noProposal'));
		const rule = await page.locator('#calc-rule').textContent();
		expect(rule).toContain(nl('assessments.rule.good', { good: '75' }));
		expect(rule).toContain(nl('assessments.rule.sufficient', { sufficient: '65', good: '75' }));
		expect(rule).toContain(nl('assessments.rule.boundary', { good: '75', sufficient: '65' }));
		await expectNoAxeViolations(page);
	}, 120_000);

	it('needs a reason to mark a requirement not applicable, and updates the arithmetic as requirements are scored', async () => {
		const page = world.page;
		await asManager(page);
		const items = detail().items;
		offItem = items.find((i) => i.theme.key === 'doelmatigheid')!;
		formItems = items.filter((i) => i.theme.key === 'veiligheid').slice(0, 2);
		await page.goto(url(`/assessments/${assessmentId}`));

		// Not applicable without a reason: refused at the reason field.
		const off = page.locator(`#item-${offItem.item.id}`);
		await page.locator(`#item-${offItem.item.id}-applicable-no`).check();
		await clickAndWait(page, button(off, nl('assessments.item.save')));
		await expect
			.poll(() => page.locator(`#item-${offItem.item.id}-reason-error`).textContent())
			.toBe(nl('error.assessment.reasonRequired', { requirement: `${offItem.theme.name} ${offItem.requirement.number}` }));
		expect(await page.locator(`#item-${offItem.item.id}-reason`).getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator(`#item-${offItem.item.id}-applicable-no`).isChecked()).toBe(true);
		await expectNoAxeViolations(page);
		await page.locator(`#item-${offItem.item.id}-reason`).fill('Deze aanbieder werkt niet met een wachtlijst.');
		await clickAndWait(page, button(page.locator(`#item-${offItem.item.id}`), nl('assessments.item.save')));
		await page.getByText(nl('assessments.item.saved', { title: label(offItem) })).waitFor();
		expect(await page.locator(`#item-${offItem.item.id}-applicable-no`).isChecked()).toBe(true);
		expect(detail().items.find((i) => i.item.id === offItem.item.id)!.item).toMatchObject({
			applicable: false,
			applicabilityReason: 'Deze aanbieder werkt niet met een wachtlijst.'
		});
		expect(await page.locator('#calc-proposal').textContent()).toContain(nl('assessments.calc.noProposal'));

		// One requirement "largely": 0,75 / 1 = 75 %, exactly the boundary, so sufficient.
		const [a, b] = formItems as [AssessedItem, AssessedItem];
		// Saved without a level: it says the requirement does not count yet.
		await clickAndWait(page, button(page.locator(`#item-${a.item.id}`), nl('assessments.item.save')));
		await page.getByText(nl('assessments.item.savedNoLevel', { title: label(a) })).waitFor();
		const stale = await world.context.newPage();
		await stale.goto(url(`/assessments/${assessmentId}`));
		await page.locator(`#item-${a.item.id}-level-largely`).check();
		await page.locator(`#item-${a.item.id}-evidence`).fill('Drie dossiers ingezien.');
		await page.locator(`#item-${a.item.id}-explanation`).fill('Het risicoplan is er, maar één dossier was niet bijgewerkt.');
		await clickAndWait(page, button(page.locator(`#item-${a.item.id}`), nl('assessments.item.save')));
		await page.getByText(nl('assessments.item.saved', { title: label(a) })).waitFor();
		expect(await page.locator('#calc-overall').textContent()).toBe('0,75 / 1 = 75,0 %');
		expect(await page.locator('#calc-proposal').textContent()).toContain(nl('assessments.outcome.sufficient'));
		expect(await page.locator('#calc-proposal').textContent()).toContain(nl('assessments.outcomeMeans.sufficient'));
		expect(await page.locator('#calc-themes').textContent()).toContain('0,75 / 1 = 75,0 %');
		// A tab opened before cannot overwrite it: the conflict is told, with what is saved now.
		await stale.locator(`#item-${a.item.id}-level-not`).check();
		await clickAndWait(stale, button(stale.locator(`#item-${a.item.id}`), nl('assessments.item.save')));
		await expect.poll(() => stale.locator(`#item-${a.item.id}-error`).textContent()).toContain(nl('error.assessment.conflict'));
		expect(await stale.locator(`#item-${a.item.id}`).textContent()).toContain(
			nl('assessments.item.nowSaved', { applies: nl('common.yes'), level: nl('assessments.level.largely') })
		);
		expect(await stale.locator(`#item-${a.item.id}-level-not`).isChecked()).toBe(true);
		await stale.close();
		expect(detail().items.find((i) => i.item.id === a.item.id)!.item.level).toBe('largely');

		// A second one "meets": 1,75 / 2 = 87,5 %, good.
		await page.locator(`#item-${b.item.id}-level-meets`).check();
		await page.locator(`#item-${b.item.id}-explanation`).fill('De meldcode is bekend bij alle medewerkers.');
		await clickAndWait(page, button(page.locator(`#item-${b.item.id}`), nl('assessments.item.save')));
		await page.getByText(nl('assessments.item.saved', { title: label(b) })).waitFor();
		expect(await page.locator('#calc-overall').textContent()).toBe('1,75 / 2 = 87,5 %');
		expect(await page.locator('#calc-proposal').textContent()).toContain(nl('assessments.outcome.good'));
		expect(await page.locator(`#item-${b.item.id}-level-meets`).isChecked()).toBe(true);
		await expectNoAxeViolations(page);

		// Most of the rest through the domain, some of them not met: Veiligheid falls below 65 %.
		const open = detail().unscored;
		const keep = new Set(open.slice(-2).map((i) => i.item.id));
		scoreByDomain(
			(i) => !keep.has(i.item.id),
			(n) => (n >= 2 && n < 9 ? 'not' : 'meets')
		);
		await page.reload();
		const now = detail();
		expect(now.unscored).toHaveLength(2);
		expect(await page.locator('#calc-overall').textContent()).toBe(arithmetic(now.result.overall, 'nl'));
		expect(await page.locator('#calc-unscored').textContent()).toContain(nl('assessments.calc.unscored', { count: 2 }));
		const flagged = now.result.themes.filter((th) => th.flagged).map((th) => now.themes.find((x) => x.key === th.themeKey)!.name);
		expect(flagged).toContain('Veiligheid');
		expect(await page.locator('#calc-flagged').textContent()).toContain(flagged.join(', '));
	}, 120_000);

	it('judges a behaviour of vertrouwen in words: the indicators are attention points, the motivation is required', async () => {
		const page = world.page;
		await asManager(page);
		await page.goto(url(`/assessments/${assessmentId}`));
		const trust = page.locator('section[aria-labelledby="trust-title"]');
		expect(await trust.locator('input[type="checkbox"]').count()).toBe(0);
		expect(await page.locator('#trust-learning details li').count()).toBeGreaterThan(0);
		expect(await page.locator('#trust-learning details').getAttribute('open')).toBeNull();

		await page.locator('#trust-learning-judgement-harmed').check();
		await clickAndWait(page, button(page.locator('#trust-learning'), nl('assessments.trust.save')));
		await expect.poll(() => page.locator('#trust-learning-motivation-error').textContent()).toBe(nl('error.assessment.trustMotivation'));
		expect(await page.locator('#trust-learning-motivation').getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#trust-learning-judgement-harmed').isChecked()).toBe(true);
		await expectNoAxeViolations(page);
		await page.locator('#trust-learning-motivation').fill('Klachten van vorig jaar kwamen terug; er is niets mee gedaan.');
		await clickAndWait(page, button(page.locator('#trust-learning'), nl('assessments.trust.save')));
		await page.locator('#trust-learning').getByRole('status').waitFor();
		expect(detail().trust.find((t) => t.behaviour === 'learning')).toEqual({
			behaviour: 'learning',
			judgement: 'harmed',
			motivation: 'Klachten van vorig jaar kwamen terug; er is niets mee gedaan.'
		});
		expect(await page.locator('#trust-learning-judgement-harmed').isChecked()).toBe(true);

		// Weighing factors in words.
		await page.locator('#weighing-severity').fill('Risico op vallen bij cliënten thuis.');
		await page.locator('#weighing-group').fill('Ongeveer 30 cliënten.');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('assessments.weighing.save') }));
		await page.getByText(nl('assessments.weighing.saved')).waitFor();
		expect(await page.locator('#weighing-group').inputValue()).toBe('Ongeveer 30 cliënten.');

		// A colleague saves the weighing while this page is open: the next save here is refused,
		// shows what is saved now, and keeps what was typed; saving again then works.
		setWeighing(db(), actor(), assessmentId, {
			severity: 'Collega: risico op vallen is groot.',
			groupSize: 'Ongeveer 30 cliënten.',
			seen: valuesStamp(['Risico op vallen bij cliënten thuis.', 'Ongeveer 30 cliënten.', null])
		});
		await page.locator('#weighing-severity').fill('Mijn tekst: het risico is klein.');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('assessments.weighing.save') }));
		const weighingSection = page.locator('section[aria-labelledby="weighing-title"]');
		expect(await weighingSection.getByRole('alert').textContent()).toContain(nl('error.assessment.changedMeanwhile'));
		expect(await weighingSection.textContent()).toContain('Collega: risico op vallen is groot.');
		expect(await page.locator('#weighing-severity').inputValue()).toBe('Mijn tekst: het risico is klein.');
		expect(detail().assessment.severity).toBe('Collega: risico op vallen is groot.');
		await expectNoAxeViolations(page);
		await clickAndWait(page, main(page).getByRole('button', { name: nl('assessments.weighing.save') }));
		await page.getByText(nl('assessments.weighing.saved')).waitFor();
		expect(detail().assessment.severity).toBe('Mijn tekst: het risico is klein.');
	}, 120_000);

	it('lists the requirements without a score, then refuses a deviation without motivation and finalises with one', async () => {
		const page = world.page;
		await asManager(page);
		await page.goto(url(`/assessments/${assessmentId}`));
		const unscored = detail().unscored;
		await clickAndWait(page, main(page).getByRole('button', { name: nl('assessments.decision.submit') }));
		const list = unscored.map((i) => `${i.theme.name} ${i.requirement.number}`).join(', ');
		const errors = page.locator('#decision-errors');
		await expect.poll(() => errors.textContent()).toContain(nl('error.assessment.unscored', { count: 2, list }));
		expect(await errors.getByRole('link').count()).toBe(2);
		expect(await errors.getByRole('link').first().getAttribute('href')).toBe(`#item-${unscored[0]!.item.id}`);
		await expectNoAxeViolations(page);

		// The rest scored; the proposal is now final.
		scoreByDomain(
			() => true,
			() => 'meets'
		);
		await page.goto(url(`/assessments/${assessmentId}`));
		const result = detail().result;
		expect(await page.locator('#calc-overall').textContent()).toBe(arithmetic(result.overall, 'nl'));
		expect(await page.locator('#calc-unscored').textContent()).toContain(nl('assessments.calc.allScored'));
		const proposal = result.overall.outcome!;
		const other = proposal === 'insufficient' ? 'sufficient' : 'insufficient';

		// A colleague changes scores while this page is open: accepting the proposal shown here is
		// refused, not taken as whatever the rule proposes now.
		const rescore = (level: 'meets' | 'not') =>
			detail()
				.items.filter((i) => i.item.applicable)
				.forEach((i) => updateItem(db(), actor(), assessmentId, i.item.id, { ...i.item, applicable: true, level }));
		rescore('not');
		expect(detail().result.overall.outcome).not.toBe(proposal);
		await clickAndWait(page, main(page).getByRole('button', { name: nl('assessments.decision.submit') }));
		await expect.poll(() => page.locator('#decision-errors').textContent()).toContain(nl('error.assessment.proposalChanged'));
		expect(detail().assessment.status).toBe('draft');
		rescore('meets');
		expect(detail().result.overall.outcome).toBe(proposal);
		await page.goto(url(`/assessments/${assessmentId}`));

		// Deviating without a motivation: refused at the field.
		await page.locator('#decision-choice-deviate').check();
		await page.locator(`#decision-outcome-${other}`).check();
		await clickAndWait(page, main(page).getByRole('button', { name: nl('assessments.decision.submit') }));
		await expect.poll(() => page.locator('#decision-motivation-error').textContent()).toBe(nl('error.assessment.motivationRequired'));
		expect(await page.locator('#decision-motivation').getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#decision-choice-deviate').isChecked()).toBe(true);
		expect(await page.locator(`#decision-outcome-${other}`).isChecked()).toBe(true);
		await expectNoAxeViolations(page);

		await page.locator('#decision-motivation').fill('Veiligheid schiet tekort en het vertrouwen is geschaad.');
		await page.locator('#decision-retest').fill('2026-06-01');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('assessments.decision.submit') }));
		await page.getByText(nl('assessments.decision.saved')).waitFor();
		expect(await page.locator('#assessment-status').textContent()).toBe(nl('assessments.status.final'));
		const decided = await page.locator('#decision-result').textContent();
		expect(decided).toContain(nl(`assessments.outcome.${proposal}`));
		expect(decided).toContain(nl(`assessments.outcome.${other}`));
		expect(decided).toContain(nl('assessments.decision.wasDeviated'));
		expect(decided).toContain('Veiligheid schiet tekort en het vertrouwen is geschaad.');
		expect(decided).toContain('1 juni 2026');

		// Read-only: no scoring, trust, weighing or decision forms any more; the scores and their story remain.
		for (const action of ['item', 'trust', 'weighing', 'finalize'])
			expect(await page.locator(`main form[action^="?/${action}"]`).count(), action).toBe(0);
		const a = page.locator(`#item-${formItems[0]!.item.id}`);
		expect(await a.textContent()).toContain(nl('assessments.level.largely'));
		expect(await a.textContent()).toContain('Het risicoplan is er, maar één dossier was niet bijgewerkt.');
		expect(await page.locator(`#item-${offItem.item.id}`).textContent()).toContain('Deze aanbieder werkt niet met een wachtlijst.');
		expect(await page.locator('#trust-learning').textContent()).toContain(nl('assessments.trust.judgement.harmed'));
		expect(await page.locator('#final-note').textContent()).toContain(nl('assessments.page.finalNote'));
		await expectNoAxeViolations(page);
	}, 120_000);

	it('amends a final assessment only with a reason, and lists the amendment', async () => {
		const page = world.page;
		await asManager(page);
		await page.goto(url(`/assessments/${assessmentId}`));
		const b = formItems[1]!;
		const card = page.locator(`#item-${b.item.id}`);
		await card.getByText(nl('assessments.amend.open')).click();
		await page.locator(`#amend-${b.item.id}-level-not`).check();
		await clickAndWait(page, button(card, nl('assessments.amend.submit')));
		await expect.poll(() => page.locator(`#amend-${b.item.id}-reason-error`).textContent()).toBe(nl('error.field.required'));
		expect(await page.locator(`#amend-${b.item.id}-level-not`).isChecked()).toBe(true);
		await expectNoAxeViolations(page);

		await page.locator(`#amend-${b.item.id}-reason`).fill('Na afronden bleek de meldcode niet te zijn besproken.');
		await clickAndWait(page, button(page.locator(`#item-${b.item.id}`), nl('assessments.amend.submit')));
		await page.getByText(nl('assessments.amend.saved', { title: label(b) })).waitFor();
		const table = page.getByRole('table', { name: nl('assessments.amend.caption', { count: 1 }) });
		expect(await table.textContent()).toContain('Na afronden bleek de meldcode niet te zijn besproken.');
		expect(await table.textContent()).toContain('Karin Kwaliteit');
		expect(await table.textContent()).toContain(
			nl('assessments.amend.change', {
				item: label(b),
				field: nl('assessments.item.level'),
				before: nl('assessments.level.meets'),
				after: nl('assessments.level.not')
			})
		);
		// The computation follows the amendment; the decision taken stands beside it.
		expect(await page.locator('#calc-overall').textContent()).toBe(arithmetic(detail().result.overall, 'nl'));
		expect(await page.locator(`#item-${b.item.id}`).textContent()).toContain(nl('assessments.level.not'));
		await expectNoAxeViolations(page);
	}, 120_000);

	it('shows the history and the trend on the provider page, and the assessment in the filtered list', async () => {
		const page = world.page;
		await asManager(page);
		await page.goto(url(`/providers/${providerId}`));
		const d = detail();
		const version = getFramework(db(), latestPublishedBySlug(db(), 'drents-kwaliteitskader')!.frameworkId)!;
		const history = page.getByRole('table', { name: nl('assessments.history.caption', { count: 1 }) });
		const row = await history.locator('tbody tr').textContent();
		expect(row).toContain('15 januari 2026');
		expect(row).toContain(
			nl('assessments.versionName', {
				framework: version.name,
				label: version.versions.find((v) => v.id === d.assessment.frameworkVersionId)!.label
			})
		);
		expect(row).toContain(nl(`assessments.outcome.${d.assessment.proposedOutcome!}`));
		expect(row).toContain(nl(`assessments.outcome.${d.assessment.decidedOutcome!}`));
		expect(row).toContain(arithmetic(d.result.overall, 'nl'));
		const trend = page.getByRole('table', { name: nl('assessments.trend.caption') });
		expect(await trend.textContent()).toContain(arithmetic(d.result.overall, 'nl'));
		const chart = page.getByRole('img', { name: nl('assessments.trend.chartAlt', { count: 1 }) });
		expect(await chart.count()).toBe(1);
		expect(await chart.locator('text').allTextContents()).toEqual(
			expect.arrayContaining([
				formatPercent(d.result.overall.percent, 'nl'),
				'15 januari 2026',
				nl(`assessments.outcome.${d.assessment.decidedOutcome!}`)
			])
		);
		await expectNoAxeViolations(page);

		await page.goto(url('/providers'));
		expect(await page.locator('tbody tr').textContent()).toContain(nl('assessments.providers.latestOn', { date: '15 januari 2026' }));

		await page.goto(url('/assessments'));
		await page.locator('#filter-status').selectOption('draft');
		await Promise.all([
			page.waitForURL((u) => u.searchParams.get('status') === 'draft'),
			main(page)
				.getByRole('button', { name: nl('assessments.list.apply') })
				.click()
		]);
		await page.getByText(nl('assessments.list.empty.draft')).waitFor();
		await page.goto(url('/assessments?status=final'));
		const list = page.getByRole('table', { name: nl('assessments.list.caption.final', { count: 1 }) });
		expect(await list.textContent()).toContain('Zorg Thuis BV');
		expect(await list.textContent()).toContain(nl('assessments.status.final'));
		await expectNoAxeViolations(page);
	}, 120_000);

	it('computes recurrence from the history, and draws the trend over two assessments', async () => {
		const page = world.page;
		await asManager(page);
		const first = assessmentId;
		firstId = first;
		const notMet = detail().items.find((i) => i.item.applicable && i.item.level === 'not' && i.theme.key === 'veiligheid')!;
		const second = startAssessment(db(), actor(), {
			providerId,
			frameworkVersionId: detail().assessment.frameworkVersionId,
			assessedOn: '2026-07-01'
		});
		assessmentId = second.id;
		expect(second.previousAssessmentId).toBe(first);
		scoreByDomain(
			() => true,
			() => 'meets'
		);
		const again = detail().items.find((i) => i.requirement.key === notMet.requirement.key)!;
		updateItem(db(), actor(), second.id, again.item.id, {
			revision: again.item.revision,
			applicable: true,
			level: 'largely_not',
			explanation: 'Nog steeds geen plan.'
		});
		await page.goto(url(`/assessments/${second.id}`));
		expect(await page.locator('#recurrence li').allTextContents()).toEqual([
			nl('assessments.recurrence.item', { item: label(again), dates: '15 januari 2026' })
		]);
		expect(await page.locator('#assessment-header').textContent()).toContain(nl('assessments.page.previous'));
		await expectNoAxeViolations(page);
		finalizeAssessment(db(), actor(), second.id, { decision: 'accept' });

		await page.goto(url(`/providers/${providerId}`));
		const trend = page.getByRole('table', { name: nl('assessments.trend.caption') });
		expect(await trend.locator('tbody tr').allTextContents()).toEqual([
			expect.stringContaining('15 januari 2026'),
			expect.stringContaining('1 juli 2026')
		]);
		expect(
			await page
				.getByRole('img', { name: nl('assessments.trend.chartAlt', { count: 2 }) })
				.locator('rect')
				.count()
		).toBe(2);
		expect(
			await page
				.getByRole('table', { name: nl('assessments.history.caption', { count: 2 }) })
				.locator('tbody tr')
				.first()
				.textContent()
		).toContain('1 juli 2026');
		await expectNoAxeViolations(page);
	}, 120_000);

	it('lets an administrator read without forms, and refuses a facilitator', async () => {
		const page = world.page;
		const admin = await createAccount(db(), SYSTEM, { email: 'beheer2@gemeente.test', name: 'Bea Beheer', roles: ['admin'] }, PASSWORD);
		await loginAs(page.context(), world.server, admin.id);
		expect((await page.goto(url(`/assessments/${assessmentId}`)))?.status()).toBe(200);
		expect(await page.locator('main form[method="POST"]').count()).toBe(0);
		await page.goto(url(`/providers/${providerId}`));
		expect(await page.locator('main form[method="POST"]').count()).toBe(0);
		await expectNoAxeViolations(page);
		const post = await page.request.post(url(`/providers/${providerId}?/start`), {
			headers: { origin: world.server.url, accept: 'text/html' },
			form: { frameworkVersionId: '1', assessedOn: '2026-02-01' }
		});
		expect(post.status()).toBe(403);

		const other = await world.browser.newContext();
		const facilitator = await createAccount(
			db(),
			SYSTEM,
			{ email: 'gl@gemeente.test', name: 'Gijs Gespreksleider', roles: ['facilitator'] },
			PASSWORD
		);
		await loginAs(other, world.server, facilitator.id);
		const p = await other.newPage();
		for (const address of ['/providers', `/providers/${providerId}`, '/assessments', `/assessments/${assessmentId}`]) {
			expect((await p.goto(url(address)))?.status(), address).toBe(403);
		}
		await expectNoAxeViolations(p);
		expect(
			await p
				.locator('header')
				.getByRole('link', { name: nl('assessments.nav.providers') })
				.count()
		).toBe(0);
		await other.close();
	}, 120_000);
	it('judges the improvement plan (a rejection needs a motivation), starts the hertoets and shows its trend', async () => {
		const page = world.page;
		await asManager(page);
		await page.goto(url(`/assessments/${firstId}#follow-up-title`));
		expect(await page.locator('#plan-judgement-result').textContent()).toBe(nl('assessments.followUp.notJudged'));
		expect(await page.locator('#retest-link').textContent()).toBe(nl('assessments.followUp.retestWaiting'));
		const save = main(page).getByRole('button', { name: nl('assessments.followUp.save') });

		// Rejected without a motivation: refused at the field, what was typed stays.
		await page.locator('#plan-received').fill('2026-02-10');
		await page.locator('#plan-judgement-rejected').check();
		await clickAndWait(page, save);
		await expect.poll(() => page.locator('#plan-motivation-error').textContent()).toBe(nl('error.retest.motivationRequired'));
		expect(await page.locator('#plan-received').inputValue()).toBe('2026-02-10');
		expect(await page.locator('#plan-judgement-rejected').isChecked()).toBe(true);
		await expectNoAxeViolations(page);

		await page.locator('#plan-motivation').fill('Het plan noemt geen termijnen.');
		// A plan that "came in" tomorrow is a typing error: the picker offers no later day than today…
		expect(await page.locator('#plan-received').getAttribute('max')).toBe(dateToLocalInput(new Date()).slice(0, 10));
		// …and typed anyway, it is said at the field, nothing stored.
		const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
		await page.locator('#plan-received').fill(tomorrow);
		await clickAndWait(page, save);
		await expect.poll(() => page.locator('#plan-received-error').textContent()).toBe(nl('error.assessment.dateFuture'));
		expect(await page.locator('#plan-judgement-result').textContent()).toBe(nl('assessments.followUp.notJudged'));
		await page.locator('#plan-received').fill('2026-02-10');
		await clickAndWait(page, save);
		await page.getByText(nl('assessments.followUp.saved')).waitFor();
		const judged = await page.locator('#plan-judgement-result').textContent();
		expect(judged).toContain('10 februari 2026');
		expect(judged).toContain(nl('assessments.followUp.judgement.rejected'));
		expect(judged).toContain('Het plan noemt geen termijnen.');
		expect(await page.locator('main form[action^="?/retest"]').count()).toBe(0);

		// The improved plan accepted: now the retest can start, not before the plan came in.
		await page.locator('#plan-received').fill('2026-03-01');
		await page.locator('#plan-judgement-accepted').check();
		await clickAndWait(page, save);
		await page.getByText(nl('assessments.followUp.saved')).waitFor();
		await page.locator('#retest-date').fill('2026-02-20');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('assessments.followUp.retestStart') }));
		await expect.poll(() => page.locator('#retest-date-error').textContent()).toBe(nl('error.retest.beforePlan'));
		await expectNoAxeViolations(page);
		await page.locator('#retest-date').fill('2026-09-01');
		await clickAndWait(page, main(page).getByRole('button', { name: nl('assessments.followUp.retestStart') }));
		await page.getByText(nl('assessments.page.started')).waitFor();
		const retestId = Number(path(page).split('/').pop());
		expect(retestId).not.toBe(firstId);
		assessmentId = retestId;
		expect(detail().assessment).toMatchObject({ retestOfId: firstId, status: 'draft', assessedOn: '2026-09-01' });

		// Scored: the trend against the first assessment, overall and per theme, in figures and words.
		scoreByDomain(
			() => true,
			() => 'meets'
		);
		await page.goto(url(`/assessments/${retestId}`));
		const trend = retestTrend(db(), retestId)!;
		expect(await page.locator('#assessment-header').textContent()).toContain(nl('assessments.page.retestOf'));
		const table = page.getByRole('table', { name: nl('assessments.retestTrend.caption') });
		const rows = await table.locator('tbody tr').allTextContents();
		expect(rows).toHaveLength(1 + trend.themes.length);
		expect(rows[0]).toContain(nl('assessments.retestTrend.overall'));
		expect(rows[0]).toContain(formatPercent(trend.overall.before.percent, 'nl'));
		expect(rows[0]).toContain(formatPercent(trend.overall.after.percent, 'nl'));
		expect(rows[0]).toContain(nl('assessments.retestTrend.direction.up'));
		expect(await page.locator('#retest-requirements').textContent()).toBe(nl('assessments.retestTrend.requirements', trend.requirements));
		expect(trend.requirements.better).toBeGreaterThan(0);
		await followLink(page, page.locator('#retest-trend-title').locator('..').getByRole('link', { name: '15 januari 2026' }));
		expect(path(page)).toBe(`/assessments/${firstId}`);
		expect(await page.locator('#retest-link').getByRole('link').getAttribute('href')).toBe(`/assessments/${retestId}`);
		// The retest has started: the plan's judgement no longer changes.
		expect(await page.locator('main form[action^="?/plan"]').count()).toBe(0);
		await expectNoAxeViolations(page);
	}, 120_000);
});
