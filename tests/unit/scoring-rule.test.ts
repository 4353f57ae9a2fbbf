/**
 * The decision rule of the NMD afwegingskader with the source's own cases (seed 004,
 * section 3.1): the Drents framework of 44 requirements, the 75 % and 65 % boundaries
 * exactly, small themes (Leefklimaat has 2 requirements), requirements that do not apply,
 * rounding for display; and properties that must hold for every assessment.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	applyRule,
	arithmetic,
	formatPercent,
	SCORE_LEVELS,
	scoreOf,
	type ScoreLevel,
	type ScoredItem,
	type Outcome
} from '../../src/lib/server/scoring/rule';

/** The Drents kwaliteitskader 2019: 18 + 6 + 5 + 13 + 2 = 44 requirements. */
const DRENTS: [string, number][] = [
	['veiligheid', 18],
	['doelmatigheid', 6],
	['doeltreffendheid', 5],
	['clientgerichtheid', 13],
	['leefklimaat', 2]
];

function framework(levels: (i: number) => ScoreLevel, applicable: (i: number) => boolean = () => true): ScoredItem[] {
	const items: ScoredItem[] = [];
	let i = 0;
	for (const [themeKey, n] of DRENTS)
		for (let k = 0; k < n; k++, i++) items.push({ themeKey, applicable: applicable(i), level: levels(i) });
	return items;
}

const theme = (items: ScoredItem[], key: string) => applyRule(items).themes.find((t) => t.themeKey === key)!;

describe('the decision rule', () => {
	it('scores the four levels 1, 0.75, 0.25 and 0', () => {
		expect(SCORE_LEVELS.map(scoreOf)).toEqual([1, 0.75, 0.25, 0]);
	});

	it('gives good for a full framework of 44 that meets everything', () => {
		const result = applyRule(framework(() => 'meets'));
		expect(result.overall).toMatchObject({ assessed: 44, sum: 44, percent: 100, outcome: 'good' });
		expect(result.themes.map((t) => t.assessed)).toEqual([18, 6, 5, 13, 2]);
		expect(result.themes.some((t) => t.flagged)).toBe(false);
	});

	it('puts exactly 75 % on the sufficient side and anything above it on the good side', () => {
		// 33 of 44 = 75 % exactly.
		const at75 = applyRule(framework((i) => (i < 33 ? 'meets' : 'not')));
		expect(at75.overall).toMatchObject({ sum: 33, percent: 75, outcome: 'sufficient' });
		// One "largely" more (33.75 / 44 = 76.7 %).
		const above = applyRule(framework((i) => (i < 33 ? 'meets' : i === 33 ? 'largely' : 'not')));
		expect(above.overall.outcome).toBe('good');
	});

	it('puts exactly 65 % on the sufficient side and anything below it on the insufficient side', () => {
		const items = (meets: number, extra: ScoreLevel): ScoredItem[] =>
			Array.from({ length: 20 }, (_, i) => ({ themeKey: 't', applicable: true, level: i < meets ? 'meets' : i === meets ? extra : 'not' }));
		expect(applyRule(items(13, 'not')).overall).toMatchObject({ sum: 13, percent: 65, outcome: 'sufficient' });
		expect(applyRule(items(12, 'largely')).overall).toMatchObject({ sum: 12.75, percent: 63.75, outcome: 'insufficient' });
	});

	it('flags Leefklimaat (2 requirements) below 65 %: 1.25 of 2 is 62.5 %', () => {
		const low = framework((i) => (i === 42 ? 'meets' : i === 43 ? 'largely_not' : 'meets'));
		expect(theme(low, 'leefklimaat')).toMatchObject({ assessed: 2, sum: 1.25, percent: 62.5, flagged: true });
		const ok = framework((i) => (i === 43 ? 'largely' : 'meets'));
		expect(theme(ok, 'leefklimaat')).toMatchObject({ sum: 1.75, flagged: false });
	});

	it('computes Veiligheid from its 18 requirements, not from the source’s rounded SCORE 11.5', () => {
		// 11.5 / 18 = 63.9 %: flagged. 11.75 / 18 = 65.3 %: not flagged.
		const at = (levels: ScoreLevel[]) => framework((i) => (i < 18 ? levels[i]! : 'meets'));
		const flagged = at([...Array(11).fill('meets'), 'largely_not', 'largely_not', ...Array(5).fill('not')]);
		expect(theme(flagged, 'veiligheid')).toMatchObject({ sum: 11.5, flagged: true });
		const fine = at([...Array(11).fill('meets'), 'largely', ...Array(6).fill('not')]);
		expect(theme(fine, 'veiligheid')).toMatchObject({ sum: 11.75, flagged: false });
	});

	it('leaves requirements that do not apply out of the sum and the count', () => {
		// Care by relatives (PGB naaste): say 10 requirements do not apply.
		const result = applyRule(
			framework(
				(i) => (i < 30 ? 'meets' : 'not'),
				(i) => i < 34 || i >= 44
			)
		);
		expect(result.overall).toMatchObject({ assessed: 34, sum: 30 });
		expect(result.overall.outcome).toBe('good'); // 88.2 %
	});

	it('counts applicable requirements without a score, and has no outcome with nothing assessed', () => {
		const items: ScoredItem[] = [
			{ themeKey: 'a', applicable: true, level: null },
			{ themeKey: 'a', applicable: false, level: null }
		];
		const result = applyRule(items);
		expect(result.unscored).toBe(1);
		expect(result.overall).toMatchObject({ assessed: 0, percent: null, outcome: null });
		expect(result.themes[0]).toMatchObject({ flagged: false, percent: null });
	});

	it('decides on the exact share and rounds only for display', () => {
		// 29.75 / 40 = 74.375 %: shown as 74,4 %, sufficient. 30.25 / 40 = 75.625 %: good.
		const forty = (meets: number, largely: number): ScoredItem[] =>
			Array.from({ length: 40 }, (_, i) => ({
				themeKey: 't',
				applicable: true,
				level: i < meets ? 'meets' : i < meets + largely ? 'largely' : 'not'
			}));
		const low = applyRule(forty(29, 1)).overall;
		expect(low.outcome).toBe('sufficient');
		expect(formatPercent(low.percent)).toBe('74,4 %');
		expect(arithmetic(low)).toBe('29,75 / 40 = 74,4 %');
		expect(applyRule(forty(30, 1)).overall.outcome).toBe('good');
		expect(formatPercent(74.95)).toBe('75,0 %');
	});

	it('uses configured thresholds and refuses thresholds it cannot apply', () => {
		const items = framework((i) => (i < 34 ? 'meets' : 'not')); // 77.3 %
		expect(applyRule(items).overall.outcome).toBe('good');
		expect(applyRule(items, { good: 80, sufficient: 70, theme: 65 }).overall.outcome).toBe('sufficient');
		expect(() => applyRule(items, { good: 60, sufficient: 70, theme: 65 })).toThrow(RangeError);
		expect(() => applyRule(items, { good: 75.55, sufficient: 65, theme: 65 })).toThrow(RangeError);
	});
});

const RANK: Record<Outcome, number> = { insufficient: 0, sufficient: 1, good: 2 };
const itemArb = fc.record({
	themeKey: fc.constantFrom('veiligheid', 'doelmatigheid', 'leefklimaat'),
	applicable: fc.boolean(),
	level: fc.option(fc.constantFrom(...SCORE_LEVELS), { nil: null })
});
const thresholdsArb = fc
	.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }))
	.map(([a, b, c]) => ({ good: Math.max(a, b) / 10, sufficient: Math.min(a, b) / 10, theme: c / 10 }));

describe('properties of the rule', () => {
	it('keeps every share between 0 and 100 %', () => {
		fc.assert(
			fc.property(fc.array(itemArb, { maxLength: 60 }), thresholdsArb, (items, thresholds) => {
				const r = applyRule(items, thresholds);
				for (const s of [r.overall, ...r.themes]) {
					if (s.percent === null) expect(s.assessed).toBe(0);
					else {
						expect(s.percent).toBeGreaterThanOrEqual(0);
						expect(s.percent).toBeLessThanOrEqual(100);
					}
				}
			})
		);
	});

	it('never lowers the outcome, or flags a theme, when a score goes up', () => {
		const better: Record<ScoreLevel, ScoreLevel[]> = {
			not: ['largely_not', 'largely', 'meets'],
			largely_not: ['largely', 'meets'],
			largely: ['meets'],
			meets: []
		};
		fc.assert(
			fc.property(
				fc.array(itemArb, { minLength: 1, maxLength: 60 }),
				fc.nat(),
				fc.nat(),
				thresholdsArb,
				(items, pick, step, thresholds) => {
					const i = pick % items.length;
					const item = items[i]!;
					if (!item.applicable || item.level === null || better[item.level].length === 0) return;
					const raised = items.map((it, k) => (k === i ? { ...it, level: better[item.level!][step % better[item.level!].length]! } : it));
					const before = applyRule(items, thresholds);
					const after = applyRule(raised, thresholds);
					expect(RANK[after.overall.outcome!]).toBeGreaterThanOrEqual(RANK[before.overall.outcome!]);
					for (const t of after.themes) if (t.flagged) expect(before.themes.find((b) => b.themeKey === t.themeKey)!.flagged).toBe(true);
				}
			)
		);
	});

	it('changes nothing else when requirements that do not apply are removed', () => {
		fc.assert(
			fc.property(fc.array(itemArb, { maxLength: 60 }), thresholdsArb, (items, thresholds) => {
				const kept = items.filter((it) => it.applicable);
				const all = applyRule(items, thresholds);
				const without = applyRule(kept, thresholds);
				expect(without.overall).toEqual(all.overall);
				expect(without.unscored).toBe(all.unscored);
				for (const t of without.themes) expect(t).toEqual(all.themes.find((a) => a.themeKey === t.themeKey));
				// Themes with only non-applicable requirements have nothing assessed.
				for (const t of all.themes.filter((a) => !without.themes.some((w) => w.themeKey === a.themeKey))) expect(t.assessed).toBe(0);
			})
		);
	});
});
