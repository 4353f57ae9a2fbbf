/**
 * The CSV export of an assessment: one row per requirement, then the result per theme and
 * overall with its arithmetic and the decision; semicolon-separated UTF-8 with BOM, and no
 * cell that a spreadsheet would run as a formula.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv as parse } from '../helpers/csv';
import { scoringWorld } from '../helpers/scoring';
import { createProvider } from '../../src/lib/server/scoring/providers';
import { assessmentDetail, finalizeAssessment, startAssessment, updateItem } from '../../src/lib/server/scoring/assessments';
import { assessmentCsv, assessmentCsvFileName } from '../../src/lib/server/scoring/csv';

async function world() {
	const { db, actor, drents } = await scoringWorld();
	// Professional care without residential stay: 42 of the 44 requirements apply (not Leefklimaat).
	const provider = createProvider(db, actor, { name: 'Zorg Thuis BV', careType: 'Begeleiding individueel', fundings: ['zin'] });
	const assessment = startAssessment(db, actor, { providerId: provider.id, frameworkVersionId: drents.id, assessedOn: '2027-01-15' });
	return { db, actor, assessment };
}

/**
 * Veiligheid 1–8 not met, the rest met; Doelmatigheid 1 does not apply (with a reason). That
 * leaves 41 assessed with a sum of 33: Veiligheid 10 / 18 (flagged), overall 80.5 % (good).
 */
async function scored() {
	const w = await world();
	const { db, actor, assessment } = w;
	assessmentDetail(db, assessment.id).items.forEach(({ item, theme, requirement }, n) => {
		if (!item.applicable) return;
		const base = { revision: item.revision, applicable: true, evidence: 'Dossier ingezien', explanation: 'Gesprek met de teamleider.' };
		if (theme.key === 'doelmatigheid' && requirement.number === '1') {
			updateItem(db, actor, assessment.id, item.id, {
				...base,
				applicable: false,
				applicabilityReason: 'Geen eigen administratie; loopt via de gemeente.',
				level: null
			});
		} else if (n === 0) {
			updateItem(db, actor, assessment.id, item.id, {
				...base,
				level: 'not',
				evidence: '=HYPERLINK("https://kwaad.example";"klik")',
				explanation: 'Protocol ontbreekt; zie notitie.\nTweede regel.'
			});
		} else if (n === 1) {
			updateItem(db, actor, assessment.id, item.id, { ...base, level: 'not', evidence: '-2+3', explanation: '@SUM(A1)' });
		} else {
			updateItem(db, actor, assessment.id, item.id, { ...base, level: theme.key === 'veiligheid' && n < 8 ? 'not' : 'meets' });
		}
	});
	return w;
}

describe('the CSV export of an assessment', () => {
	it('starts with a BOM and a Dutch header row, one row per requirement, semicolon-separated', async () => {
		const { db, assessment } = await scored();
		const csv = assessmentCsv(assessmentDetail(db, assessment.id));
		expect(csv.startsWith('\uFEFFThema;Nummer;Eis;Geldt;Reden;Oordeel;Bandbreedte;Score;Gezien bewijs;Toelichting\r\n')).toBe(true);
		expect(csv.endsWith('\r\n')).toBe(true);
		const rows = parse(csv.slice(1));
		expect(rows.every((r) => r.length === 10)).toBe(true);
		const requirements = rows.slice(1, 45);
		expect(requirements.map((r) => r[0])).toEqual([
			...Array(18).fill('Veiligheid'),
			...Array(6).fill('Doelmatigheid'),
			...Array(5).fill('Doeltreffendheid'),
			...Array(13).fill('Clientgerichtheid'),
			...Array(2).fill('Leefklimaat')
		]);
		expect(requirements[2]!.slice(0, 2)).toEqual(['Veiligheid', '3']);
		expect(requirements[2]!.slice(3)).toEqual([
			'Ja',
			'',
			'Voldoet niet',
			'45–0 %: minder dan 45 % van de indicatoren gehaald',
			'0',
			'Dossier ingezien',
			'Gesprek met de teamleider.'
		]);
		expect(requirements[8]!.slice(3, 8)).toEqual([
			'Ja',
			'',
			'Voldoet',
			'100–75 %: meer dan 75 % tot en met 100 % van de indicatoren gehaald',
			'1'
		]);
		// Not applicable: ja/nee with the reason, and no score.
		expect(requirements[18]!.slice(3, 8)).toEqual(['Nee', 'Geen eigen administratie; loopt via de gemeente.', '', '', '']);
		expect(requirements[42]!.slice(3, 8)).toEqual(['Nee', '', '', '', '']);
	});

	it('never lets a cell run as a formula, and keeps line breaks and semicolons inside their cell', async () => {
		const { db, assessment } = await scored();
		const csv = assessmentCsv(assessmentDetail(db, assessment.id));
		expect(csv).toContain(';"\'=HYPERLINK(""https://kwaad.example"";""klik"")";"Protocol ontbreekt; zie notitie.\nTweede regel."\r\n');
		const rows = parse(csv.slice(1));
		expect(rows[1]!.slice(8)).toEqual(['\'=HYPERLINK("https://kwaad.example";"klik")', 'Protocol ontbreekt; zie notitie.\nTweede regel.']);
		expect(rows[2]!.slice(8)).toEqual(["'-2+3", "'@SUM(A1)"]);
		for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+@]|^-\S/);
	});

	it('ends with the result per theme and overall, with the arithmetic and the decision rule', async () => {
		const { db, assessment } = await scored();
		const rows = parse(assessmentCsv(assessmentDetail(db, assessment.id)).slice(1));
		const summary = rows.slice(45);
		expect(summary[0]).toEqual(Array(10).fill(''));
		expect(summary[1]!.slice(0, 6)).toEqual(['Samenvatting', 'Getoetste eisen', 'Som van de scores', 'Aandeel', 'Berekening', 'Uitkomst']);
		expect(summary.slice(2, 8).map((r) => r.slice(0, 6))).toEqual([
			['Veiligheid', '18', '10', '55,6 %', '10 / 18 = 55,6 %', 'Onder de drempel voor een thema (65 %)'],
			['Doelmatigheid', '5', '5', '100,0 %', '5 / 5 = 100,0 %', ''],
			['Doeltreffendheid', '5', '5', '100,0 %', '5 / 5 = 100,0 %', ''],
			['Clientgerichtheid', '13', '13', '100,0 %', '13 / 13 = 100,0 %', ''],
			['Leefklimaat', '0', '0', '–', 'Niet getoetst', ''],
			['Totaal', '41', '33', '80,5 %', '33 / 41 = 80,5 %', 'Voorstel volgens de beslisregel: Goed']
		]);
		expect(summary[8]!.slice(0, 2)).toEqual([
			'Beslisregel',
			'Goed: meer dan 75 %. Voldoende (verbeterplan en hertoets): van 65 % tot en met 75 %. Onvoldoende: minder dan 65 %. Een thema onder 65 % valt op.'
		]);
		expect(summary[9]!.slice(0, 5)).toEqual([
			'% niet voldaan',
			'8',
			'',
			'19,5 %',
			'19,5 %: 8 van 41 getoetste eisen voldoen grotendeels niet of niet'
		]);
		expect(summary.slice(10, 14).map((r) => r.slice(0, 4))).toEqual([
			['Niveaus', 'Voldoet', '1', '100–75 %: meer dan 75 % tot en met 100 % van de indicatoren gehaald'],
			['Niveaus', 'Voldoet grotendeels', '0,75', '75–65 %: 65 % tot en met 75 % van de indicatoren gehaald'],
			['Niveaus', 'Voldoet grotendeels niet', '0,25', '65–45 %: 45 % tot 65 % van de indicatoren gehaald'],
			['Niveaus', 'Voldoet niet', '0', '45–0 %: minder dan 45 % van de indicatoren gehaald']
		]);
		expect(summary).toHaveLength(14);
	});

	it('shows quarter scores with a decimal comma, the requirements still without a score, and no decision yet', async () => {
		const { db, actor, assessment } = await world();
		const [first, second] = assessmentDetail(db, assessment.id).items;
		updateItem(db, actor, assessment.id, first!.item.id, { revision: first!.item.revision, applicable: true, level: 'largely' });
		updateItem(db, actor, assessment.id, second!.item.id, { revision: second!.item.revision, applicable: true, level: 'largely_not' });
		const rows = parse(assessmentCsv(assessmentDetail(db, assessment.id)).slice(1));
		expect(rows[1]!.slice(5, 8)).toEqual(['Voldoet grotendeels', '75–65 %: 65 % tot en met 75 % van de indicatoren gehaald', '0,75']);
		expect(rows[2]!.slice(5, 8)).toEqual(['Voldoet grotendeels niet', '65–45 %: 45 % tot 65 % van de indicatoren gehaald', '0,25']);
		expect(rows.find((r) => r[0] === '% niet voldaan')!.slice(0, 5)).toEqual([
			'% niet voldaan',
			'1',
			'',
			'50,0 %',
			'50,0 %: 1 van 2 getoetste eisen voldoet grotendeels niet of niet'
		]);
		expect(rows.find((r) => r[0] === 'Totaal')!.slice(1, 6)).toEqual([
			'2',
			'1',
			'50,0 %',
			'1 / 2 = 50,0 %',
			'Voorstel volgens de beslisregel: Onvoldoende'
		]);
		expect(rows.find((r) => r[0] === 'Nog zonder score')!.slice(0, 2)).toEqual(['Nog zonder score', '40']);
		expect(rows.some((r) => r[0] === 'Besluit')).toBe(false);
	});

	it('states the decision once final, with the motivation of a deviation', async () => {
		const { db, actor, assessment } = await scored();
		finalizeAssessment(db, actor, assessment.id, {
			decision: 'deviate',
			decidedOutcome: 'sufficient',
			motivation: 'Veiligheid weegt zwaar; eerst een verbeterplan.'
		});
		const rows = parse(assessmentCsv(assessmentDetail(db, assessment.id)).slice(1));
		expect(rows.at(-1)!.slice(0, 2)).toEqual([
			'Besluit',
			'Afgeweken van het voorstel: Voldoende. Motivering: Veiligheid weegt zwaar; eerst een verbeterplan.'
		]);
	});

	it('has a file name from the provider and the date, and English labels when asked', async () => {
		const { db, assessment } = await scored();
		const detail = assessmentDetail(db, assessment.id);
		expect(assessmentCsvFileName(detail)).toBe('toetsing-zorg-thuis-bv-2027-01-15.csv');
		const english = assessmentCsv(detail, 'en');
		expect(english.startsWith('\uFEFFTheme;Number;Requirement;Applies;Reason;Judgement;Band;Score;Evidence seen;Explanation\r\n')).toBe(
			true
		);
		expect(english).toContain('Total;41;33;80.5 %;33 / 41 = 80.5 %;Proposal by the decision rule: Good;;;;\r\n');
		expect(english).toContain('Levels;Largely meets;0.75;75–65 %: 65 % up to and including 75 % of the indicators met;;;;;;\r\n');
		expect(english).toContain('% not met;8;;19.5 %;19.5 %: 8 of 41 assessed requirements are largely not or not met;;;;;\r\n');
	});
});
