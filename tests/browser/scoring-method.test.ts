/**
 * The level bands and "Hoe rekenen we?" in a real browser: a quality manager sees each level's
 * band beside the four choices (and in the amendment form once final), fills in the weighing
 * factor "structuur/organisatie", reads "% niet voldaan" in the computation, follows the link
 * "Hoe rekenen we?" from the assessment to the page with that assessment's arithmetic, and
 * downloads the CSV and the PDF with the bands and "% niet voldaan" in them. Every page passes
 * axe-core. The tests run in order and share the assessment made in the first.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/lib/i18n';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import { latestPublishedBySlug } from '../../src/lib/server/frameworks/store';
import { createProvider } from '../../src/lib/server/scoring/providers';
import { assessmentDetail, finalizeAssessment, startAssessment, updateItem } from '../../src/lib/server/scoring/assessments';
import { arithmetic, SCORE_LEVELS } from '../../src/lib/server/scoring/rule';
import { levelBandText } from '../../src/lib/shared/assessments';
import { extractPdfTextFlat } from '../helpers/pdf-text';
import { clickAndWait, expectNoAxeViolations, followLink, loginAs, useBrowserWorld } from '../helpers/browser';
import { nl } from '../helpers/i18n';

const band = (level: (typeof SCORE_LEVELS)[number]) => levelBandText((key, params) => translate('nl', key, params), level);

const world = useBrowserWorld();
const db = () => world.server.runtime.db;
const url = (path: string) => `${world.server.url}${path}`;

let manager: { id: number };
let assessmentId: number;
let firstItemId: number;

describe('level bands and "Hoe rekenen we?"', () => {
	it('shows the band beside each of the four levels where the assessor chooses', async () => {
		const page = world.page;
		manager = await createAccount(
			db(),
			SYSTEM,
			{ email: 'km-bands@gemeente.test', name: 'Kees Kwaliteit', roles: ['quality_manager'] },
			'een lang wachtwoord voor banden'
		);
		const actor = { type: 'user' as const, id: manager.id };
		const provider = createProvider(db(), actor, { name: 'Dagbesteding De Linde', careType: 'Dagbesteding', fundings: ['zin'] });
		const drents = latestPublishedBySlug(db(), 'drents-kwaliteitskader')!;
		assessmentId = startAssessment(db(), actor, { providerId: provider.id, frameworkVersionId: drents.id, assessedOn: '2027-03-01' }).id;
		const items = assessmentDetail(db(), assessmentId).items.filter((i) => i.item.applicable);
		firstItemId = items[0]!.item.id;
		// Three of the applicable requirements: "niet", "grotendeels niet", "voldoet".
		(['not', 'largely_not', 'meets'] as const).forEach((level, n) =>
			updateItem(db(), actor, assessmentId, items[n]!.item.id, { revision: items[n]!.item.revision, applicable: true, level })
		);

		await loginAs(page.context(), world.server, manager.id);
		await page.goto(url(`/assessments/${assessmentId}`));
		const fieldset = page.locator(`#item-${firstItemId}-level`);
		expect(await fieldset.locator('.utrecht-form-field-description').first().textContent()).toBe(nl('assessments.item.levelHint'));
		for (const level of SCORE_LEVELS) {
			const radio = page.locator(`#item-${firstItemId}-level-${level}`);
			expect(await radio.getAttribute('aria-describedby')).toBe(`item-${firstItemId}-level-${level}-hint`);
			expect(await page.locator(`#item-${firstItemId}-level-${level}-hint`).textContent()).toBe(band(level));
		}
		expect(band('largely')).toBe('75–65 %: 65 % tot en met 75 % van de indicatoren gehaald');
		// "% niet voldaan": two of the three assessed requirements.
		expect(await page.locator('#calc-unmet').textContent()).toBe('66,7 %: 2 van 3 getoetste eisen voldoen grotendeels niet of niet');
		await expectNoAxeViolations(page);
	});

	it('saves the weighing factor "structuur/organisatie"', async () => {
		const page = world.page;
		await loginAs(page.context(), world.server, manager.id);
		await page.goto(url(`/assessments/${assessmentId}`));
		await page.locator('#weighing-organisation').fill('Geen kwaliteitssysteem; de eigenaar doet alles zelf.');
		await clickAndWait(page, page.getByRole('button', { name: nl('assessments.weighing.save') }));
		await page.getByText(nl('assessments.weighing.saved')).waitFor();
		expect(await page.locator('#weighing-organisation').inputValue()).toBe('Geen kwaliteitssysteem; de eigenaar doet alles zelf.');
		expect(assessmentDetail(db(), assessmentId).assessment.organisation).toBe('Geen kwaliteitssysteem; de eigenaar doet alles zelf.');
	});

	it('reaches "Hoe rekenen we?" from the assessment, with this assessment’s arithmetic', async () => {
		const page = world.page;
		await loginAs(page.context(), world.server, manager.id);
		await page.goto(url(`/assessments/${assessmentId}`));
		await followLink(page, page.locator('#calc-how'));
		expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/how-we-calculate?assessment=${assessmentId}`);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(nl('method.title'));
		const detail = assessmentDetail(db(), assessmentId);
		const section = page.locator('#method-assessment');
		const text = (await section.textContent()) ?? '';
		expect(text).toContain(nl('method.assessment.intro', { provider: 'Dagbesteding De Linde', date: '1 maart 2027' }));
		expect(text).toContain(arithmetic(detail.result.overall, 'nl'));
		expect(detail.result.overall.sum).toBe(1.25);
		expect(text).toContain('1,25 / 3 = 41,7 %');
		expect(text).toContain(nl('assessments.report.outcome.insufficient'));
		expect(text).toContain('66,7 %: 2 van 3 getoetste eisen');
		expect(await page.locator('#method-themes').textContent()).toContain('1,25 / 3 = 41,7 %');
		// The bands, the boundary rule and the contradictions of the source.
		const bands = (await page.locator('#method-bands').textContent()) ?? '';
		for (const level of SCORE_LEVELS) expect(bands).toContain(band(level));
		expect(await page.locator('#method-rule').textContent()).toContain(
			nl('method.rule.boundaries', { good: '75', sufficient: '65', theme: '65' })
		);
		const source = (await page.locator('#method-source').textContent()) ?? '';
		expect(source).toContain('29 van 45 is 64,4 %');
		expect(source).toContain('Doelmatigheid 4 van 6 is 66,7 %');
		expect(source).toContain('Doeltreffendheid 3,25 van 5 is precies 65,0 %');
		expect(source).toContain('Cliëntgerichtheid 8,5 van 13 is 65,4 %');
		expect(source).toContain(nl('method.source.count.text'));
		await expectNoAxeViolations(page);

		// Back to the assessment by its link; the general page from a framework page.
		await followLink(page, page.getByRole('link', { name: nl('method.assessment.back') }));
		expect(new URL(page.url()).pathname).toBe(`/assessments/${assessmentId}`);
		await page.goto(url(`/frameworks/${latestPublishedBySlug(db(), 'drents-kwaliteitskader')!.frameworkId}`));
		await followLink(page, page.getByRole('main').getByRole('link', { name: nl('method.link') }));
		expect(new URL(page.url()).pathname).toBe('/how-we-calculate');
		expect(await page.locator('#method-assessment').count()).toBe(0);
		await expectNoAxeViolations(page);

		// An assessment's figures are for those who may read assessments: a facilitator gets the general page only.
		const facilitator = await createAccount(
			db(),
			SYSTEM,
			{ email: 'gl-bands@gemeente.test', name: 'Gerda Gesprek', roles: ['facilitator'] },
			'een lang wachtwoord voor gesprekken'
		);
		const other = await world.browser.newContext();
		await loginAs(other, world.server, facilitator.id);
		expect((await other.request.get(url('/how-we-calculate'))).status()).toBe(200);
		expect((await other.request.get(url(`/how-we-calculate?assessment=${assessmentId}`))).status()).toBe(403);
		await other.close();
		expect((await page.request.get(url('/how-we-calculate?assessment=999999'))).status()).toBe(404);
	});

	it('shows the bands in the amendment form once final, and puts them and % niet voldaan in the CSV and PDF', async () => {
		const page = world.page;
		await loginAs(page.context(), world.server, manager.id);
		const actor = { type: 'user' as const, id: manager.id };
		assessmentDetail(db(), assessmentId)
			.items.filter((i) => i.item.applicable && i.item.level === null)
			.forEach((i) => updateItem(db(), actor, assessmentId, i.item.id, { revision: i.item.revision, applicable: true, level: 'meets' }));
		finalizeAssessment(db(), actor, assessmentId, { decision: 'accept' });
		await page.goto(url(`/assessments/${assessmentId}`));
		await page
			.locator(`#item-${firstItemId} summary`)
			.filter({ hasText: nl('assessments.amend.open') })
			.click();
		for (const level of SCORE_LEVELS)
			expect(await page.locator(`#amend-${firstItemId}-level-${level}-hint`).textContent()).toBe(band(level));
		await expectNoAxeViolations(page);

		const csv = await page.request.get(url(`/api/assessments/${assessmentId}/export.csv`));
		expect(csv.status()).toBe(200);
		const csvText = await csv.text();
		expect(csvText).toContain(`;Voldoet niet;${band('not')};0;`);
		for (const level of SCORE_LEVELS) expect(csvText).toContain(band(level));
		expect(csvText).toMatch(/% niet voldaan;2;;\d+,\d %;/);

		const pdf = await page.request.get(url(`/assessments/${assessmentId}/report.pdf`));
		expect(pdf.status()).toBe(200);
		const pdfText = extractPdfTextFlat(Buffer.from(await pdf.body()));
		expect(pdfText).toContain(`Bandbreedte: ${band('not')}`);
		expect(pdfText).toContain(nl('assessments.report.computation.bands'));
		expect(pdfText).toMatch(/% niet voldaan: \d+,\d %: 2 van \d+ getoetste eisen voldoen grotendeels niet of niet/);
		expect(pdfText).toContain('Geen kwaliteitssysteem; de eigenaar doet alles zelf.');
	});
});
