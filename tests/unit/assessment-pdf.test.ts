/**
 * The assessment report as PDF: a view rendered with pdfkit and read back, so we check what
 * the provider will read (name, the story behind a score, the arithmetic, the motivation of
 * the decision). Also the view built from a real assessment, in Dutch and English.
 */
import { describe, expect, it } from 'vitest';
import { scoringWorld } from '../helpers/scoring';
import { extractPdfText, extractPdfTextFlat } from '../helpers/pdf-text';
import { checkPdfUa } from '../helpers/pdf-structure';
import { createProvider } from '../../src/lib/server/scoring/providers';
import {
	amendAssessment,
	assessmentDetail,
	finalizeAssessment,
	judgeTrust,
	startAssessment,
	updateItem
} from '../../src/lib/server/scoring/assessments';
import { renderAssessmentPdf, type AssessmentReportView } from '../../src/lib/server/scoring/export-pdf';
import { assessmentReportView } from '../../src/lib/server/scoring/report-view';

function view(): AssessmentReportView {
	return {
		lang: 'nl-NL',
		title: 'Verslag van de toetsing: Thuiszorg Noord',
		provider: 'Thuiszorg Noord',
		meta: [
			{ label: 'Aanbieder', value: 'Thuiszorg Noord' },
			{ label: 'Kader', value: 'Drents kwaliteitskader, versie 2026' },
			{ label: 'Datum van de toetsing', value: '1 juni 2026' }
		],
		statusNote: null,
		themes: [
			{
				name: 'Cliëntgerichtheid',
				arithmetic: '1,75 / 2 = 87,5 %',
				flag: null,
				requirements: [
					{
						title: 'Eis 14',
						text: 'De cliënt ontvangt het ondersteuningsplan op papier, in begrijpelijke taal.',
						level: 'Voldoet grotendeels (0,75)',
						band: '75–65 %: 65 % tot en met 75 % van de indicatoren gehaald',
						evidence: 'Vijf dossiers ingezien.',
						explanation: 'Twee cliënten hadden het plan nog niet op papier → dat volgt deze week.'
					},
					{ title: 'Eis 1', text: 'Er is een klachtenregeling.', level: 'Voldoet (1)', band: null, evidence: null, explanation: null }
				],
				notApplicable: [{ title: 'Eis 3', text: 'Bij verblijf: eigen kamer.', reason: 'Geen verblijf' }]
			},
			{
				name: 'Veiligheid',
				arithmetic: '0,25 / 1 = 25,0 %',
				flag: 'Dit thema zit onder de grens van 65 %.',
				requirements: [
					{
						title: 'Eis 2',
						text: 'Er is een meldcode.',
						level: 'Voldoet grotendeels niet (0,25)',
						band: null,
						evidence: null,
						explanation: 'Meldcode is niet bekend bij het team.'
					}
				],
				notApplicable: []
			}
		],
		computation: {
			overall: '2 / 3 = 66,7 %',
			themes: [
				{ label: 'Cliëntgerichtheid', value: '1,75 / 2 = 87,5 %' },
				{ label: 'Veiligheid', value: '0,25 / 1 = 25,0 % (onder de grens)' }
			],
			outcome: 'Voldoende',
			rule: ['Meer dan 75 %: goed.', 'Van 65 % tot en met 75 %: voldoende.', 'Minder dan 65 %: onvoldoende.'],
			bands: ['Voldoet niet (0): 45–0 %: minder dan 45 % van de indicatoren gehaald'],
			unscored: null
		},
		flagged: ['Veiligheid: 25,0 %, onder de grens'],
		weighing: [{ label: 'Ernst', value: 'Laag risico' }],
		recurrence: [],
		trust: [{ name: 'Lerend vermogen tonen', judgement: 'Versterkt', motivation: 'De aanbieder pakte de punten van vorig jaar op.' }],
		decision: [
			{ label: 'Voorstel volgens de beslisregel', value: 'Voldoende' },
			{ label: 'Besluit', value: 'Onvoldoende' },
			{ label: 'Motivering', value: 'De meldcode is een wettelijke plicht; daarom wijken we af.' }
		],
		followUp: [{ label: 'Hertoets gepland', value: '1 december 2026' }],
		amendments: [],
		labels: {
			themesHeading: 'Eisen per thema',
			themesIntro: 'Per eis de score en de toelichting.',
			shareLabel: 'Score van dit thema',
			levelLabel: 'Score',
			bandLabel: 'Bandbreedte',
			evidenceLabel: 'Wat we zagen',
			explanationLabel: 'Toelichting',
			noExplanation: 'Geen toelichting.',
			notApplicableHeading: 'Eisen die niet gelden',
			reasonLabel: 'reden',
			computationHeading: 'Zo is de uitkomst berekend',
			computationIntro: 'Som gedeeld door aantal.',
			overallLabel: 'Totaal',
			perThemeLabel: 'Per thema',
			outcomeLabel: 'Uitkomst volgens de beslisregel',
			ruleHeading: 'De beslisregel',
			bandsHeading: 'Wat de vier oordelen betekenen',
			methodNote: 'Zie ook “Hoe rekenen we?”.',
			flaggedHeading: 'Thema’s onder de grens',
			flaggedNone: 'Geen.',
			weighingHeading: 'Wat verder meeweegt',
			recurrenceHeading: 'Eerder ook niet voldaan',
			recurrenceNone: 'Geen.',
			trustHeading: 'Vertrouwen',
			trustIntro: 'Geen score.',
			judgementLabel: 'Oordeel',
			motivationLabel: 'Waarom',
			decisionHeading: 'Besluit',
			followUpHeading: 'Vervolg',
			followUpNone: 'Geen.',
			amendmentsHeading: 'Aanpassingen',
			amendmentsNone: 'Niets aangepast.',
			amendmentReason: 'Reden'
		}
	};
}

describe('the assessment report as PDF', () => {
	it('holds the provider, the explanation of a score, the arithmetic and the motivation', async () => {
		const pdf = await renderAssessmentPdf(view());
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const raw = pdf.toString('latin1');
		expect(raw).toContain('/Lang (nl-NL)');
		expect(raw).toContain('/StructTreeRoot');
		const text = extractPdfTextFlat(pdf);
		expect(text).toContain('Verslag van de toetsing: Thuiszorg Noord');
		expect(text).toContain('Thuiszorg Noord');
		expect(text).toContain('Cliëntgerichtheid');
		expect(text).toContain('Voldoet grotendeels (0,75)');
		// WinAnsi has no arrow: it is written as "->", the rest stays as it was.
		expect(text).toContain('Twee cliënten hadden het plan nog niet op papier -> dat volgt deze week.');
		expect(text).toContain('2 / 3 = 66,7 %');
		expect(text).toContain('Van 65 % tot en met 75 %: voldoende.');
		expect(text).toContain('Veiligheid: 25,0 %, onder de grens');
		expect(text).toContain('De meldcode is een wettelijke plicht; daarom wijken we af.');
		expect(text).toContain('Bij verblijf: eigen kamer. (reden: Geen verblijf)');
		expect(text).toContain('Geen toelichting.');
		expect(text).toContain('De aanbieder pakte de punten van vorig jaar op.');
		// Footer with page numbers on every page.
		expect(extractPdfText(pdf)).toMatch(/1 \/ \d+/);
	});

	it('meets PDF/UA: tagged, language, title, XMP identifier, reading order, headings in order', async () => {
		const report = view();
		report.provider = 'Zorg & Welzijn <Noord>';
		const elements = checkPdfUa(await renderAssessmentPdf(report), { title: report.title, lang: 'nl-NL' });
		const types = elements.map((node) => node.type);
		for (const type of ['H1', 'H2', 'H3', 'H4', 'P', 'Span', 'L', 'LI', 'LBody']) expect(types).toContain(type);
		expect(types.filter((type) => type === 'H1')).toHaveLength(1);
	});

	it('is built from a real assessment, with the rule in words and the decision as decided', async () => {
		const { db, actor, drents } = await scoringWorld({ email: 'km-pdf@gemeente.test' });
		const provider = createProvider(db, actor, { name: 'Zorg & Co “Noord”', careType: 'Begeleiding', fundings: ['zin'] });
		const assessment = startAssessment(db, actor, { providerId: provider.id, frameworkVersionId: drents.id, assessedOn: '2026-06-01' });
		const items = assessmentDetail(db, assessment.id).items.filter((i) => i.item.applicable);
		items.forEach((i, n) =>
			updateItem(db, actor, assessment.id, i.item.id, {
				revision: i.item.revision,
				applicable: true,
				level: n === 0 ? 'not' : 'meets',
				explanation: n === 0 ? 'Geen meldcode gevonden in het team.' : null
			})
		);
		judgeTrust(db, actor, assessment.id, {
			behaviour: 'learning',
			judgement: 'harmed',
			motivation: 'Afspraken van vorig jaar niet nagekomen.'
		});
		finalizeAssessment(db, actor, assessment.id, {
			decision: 'deviate',
			decidedOutcome: 'sufficient',
			motivation: 'Het ontbreken van de meldcode weegt zwaar.',
			retestDue: '2026-12-01'
		});
		amendAssessment(db, actor, assessment.id, {
			reason: 'Meldcode alsnog aangetoond.',
			itemId: items[0]!.item.id,
			level: 'largely',
			evidence: 'Meldcode van 12 mei',
			explanation: 'Na het gesprek nagestuurd.'
		});

		const nl = assessmentReportView(db, assessmentDetail(db, assessment.id), 'nl');
		expect(nl.provider).toBe('Zorg & Co “Noord”');
		const count = items.length;
		const decided = nl.decision.map((d) => `${d.label}: ${d.value}`);
		expect(decided).toContain('Besluit: Voldoende');
		expect(decided).toContain('Motivering: Het ontbreken van de meldcode weegt zwaar.');
		expect(decided).toContain('Hoe besloten: Afgeweken van het voorstel.');
		expect(nl.followUp).toEqual([{ label: 'Hertoets gepland', value: '1 december 2026' }]);
		expect(nl.computation.rule).toContain('Van 65 % tot en met 75 %: voldoende.');
		expect(nl.computation.overall).toBe(
			`${(count - 0.25).toLocaleString('nl-NL', { maximumFractionDigits: 2 })} / ${count} = ${(Math.round(((count - 0.25) / count) * 1000) / 10).toLocaleString('nl-NL', { minimumFractionDigits: 1 })} %`
		);
		expect(nl.trust.find((t) => t.judgement === 'Geschaad')?.motivation).toBe('Afspraken van vorig jaar niet nagekomen.');
		expect(nl.amendments).toHaveLength(1);
		expect(nl.amendments[0]!.changes).toContain('Score van Voldoet niet (0) naar Voldoet grotendeels (0,75)');
		const first = nl.themes.flatMap((t) => t.requirements).find((r) => r.explanation === 'Na het gesprek nagestuurd.');
		expect(first?.level).toBe('Voldoet grotendeels (0,75)');

		expect(first?.band).toBe('75–65 %: 65 % tot en met 75 % van de indicatoren gehaald');
		expect(nl.computation.bands).toEqual([
			'Voldoet (1): 100–75 %: meer dan 75 % tot en met 100 % van de indicatoren gehaald',
			'Voldoet grotendeels (0,75): 75–65 %: 65 % tot en met 75 % van de indicatoren gehaald',
			'Voldoet grotendeels niet (0,25): 65–45 %: 45 % tot 65 % van de indicatoren gehaald',
			'Voldoet niet (0): 45–0 %: minder dan 45 % van de indicatoren gehaald'
		]);
		expect(nl.weighing.map((w) => w.label)).toEqual([
			'Ernst van het risico en de schade',
			'Hoeveel cliënten het raakt',
			'Hoe de zorg is georganiseerd voor kwaliteit en veiligheid',
			'% niet voldaan'
		]);
		const pct = (n: number) => `${(Math.round(n * 10) / 10).toLocaleString('nl-NL', { minimumFractionDigits: 1 })} %`;
		// After the amendment nothing is scored "grotendeels niet" or "niet".
		expect(nl.weighing.at(-1)!.value).toBe(`${pct(0)}: 0 van ${count} getoetste eisen voldoen grotendeels niet of niet`);

		const text = extractPdfTextFlat(await renderAssessmentPdf(nl));
		// Read back: the bands beside the levels, the four bands in the computation, % niet voldaan.
		expect(text).toContain('Bandbreedte: 75–65 %: 65 % tot en met 75 % van de indicatoren gehaald');
		expect(text).toContain('Wat de vier oordelen betekenen');
		for (const line of nl.computation.bands) expect(text).toContain(line);
		expect(text).toContain(`% niet voldaan: ${pct(0)}: 0 van ${count} getoetste eisen`);
		expect(text).toContain('Hoe rekenen we?');
		expect(text).toContain('Zorg & Co “Noord”');
		expect(text).toContain('Na het gesprek nagestuurd.');
		expect(text).toContain(nl.computation.overall);
		expect(text).toContain('Het ontbreken van de meldcode weegt zwaar.');

		const en = assessmentReportView(db, assessmentDetail(db, assessment.id), 'en');
		expect(en.lang).toBe('en-GB');
		expect(en.decision.map((d) => d.value)).toContain('Sufficient');
		expect(en.computation.rule).toContain('From 65 % up to and including 75 %: sufficient.');
	});
});
