/**
 * The level bands of seed 004 (section 3.1): a requirement "voldoet" at 100–75 % of its
 * indicators met, "voldoet grotendeels" at 75–65 %, "voldoet grotendeels niet" at 65–45 % and
 * "voldoet niet" at 45–0 %. The source names no side for a shared boundary; the product reads
 * it like the decision rule the text pins down ("meer dan 75 %" is good, "minder dan 65 %" is
 * not): 75 % → voldoet grotendeels, 65 % → voldoet grotendeels, 45 % → voldoet grotendeels
 * niet. Also the "% niet voldaan" figure of the weighing factors.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	applyRule,
	LEVEL_BANDS,
	levelForIndicators,
	levelForShare,
	SCORE_LEVELS,
	UNMET_LEVELS,
	type ScoredItem
} from '../../src/lib/server/scoring/rule';
import { levelBandText } from '../../src/lib/shared/assessments';
import { translator } from '../../src/lib/i18n';

describe('the level bands', () => {
	it('are the source’s 100–75, 75–65, 65–45 and 45–0 %', () => {
		expect(SCORE_LEVELS.map((l) => [LEVEL_BANDS[l].max, LEVEL_BANDS[l].min])).toEqual([
			[100, 75],
			[75, 65],
			[65, 45],
			[45, 0]
		]);
	});

	it('puts exactly 75 % in "voldoet grotendeels" and anything above it in "voldoet"', () => {
		expect(levelForShare(75)).toBe('largely');
		expect(levelForShare(75.0001)).toBe('meets');
		expect(levelForShare(100)).toBe('meets');
		expect(levelForIndicators(3, 4)).toBe('largely');
		expect(levelForIndicators(4, 5)).toBe('meets');
	});

	it('puts exactly 65 % in "voldoet grotendeels" and anything below it in "voldoet grotendeels niet"', () => {
		expect(levelForShare(65)).toBe('largely');
		expect(levelForShare(64.9999)).toBe('largely_not');
		expect(levelForIndicators(13, 20)).toBe('largely');
		expect(levelForIndicators(2, 3)).toBe('largely');
		expect(levelForIndicators(3, 5)).toBe('largely_not');
	});

	it('puts exactly 45 % in "voldoet grotendeels niet" and anything below it in "voldoet niet"', () => {
		expect(levelForShare(45)).toBe('largely_not');
		expect(levelForShare(44.9999)).toBe('not');
		expect(levelForShare(0)).toBe('not');
		expect(levelForIndicators(9, 20)).toBe('largely_not');
		expect(levelForIndicators(4, 9)).toBe('not');
	});

	it('gives every share from 0 to 100 % exactly one level, the same by share and by count', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 200 }), fc.nat(), (total, m) => {
				const met = m % (total + 1);
				const level = levelForIndicators(met, total);
				const inBands = SCORE_LEVELS.filter((l) => {
					const b = LEVEL_BANDS[l];
					const p = (met * 100) / total;
					return (b.minIncluded ? p >= b.min : p > b.min) && (b.maxIncluded ? p <= b.max : p < b.max);
				});
				return inBands.length === 1 && inBands[0] === level;
			})
		);
	});

	it('refuses a share outside 0–100 % or counts that do not fit', () => {
		expect(() => levelForShare(-1)).toThrow(RangeError);
		expect(() => levelForShare(100.1)).toThrow(RangeError);
		expect(() => levelForShare(Number.NaN)).toThrow(RangeError);
		expect(() => levelForIndicators(3, 2)).toThrow(RangeError);
		expect(() => levelForIndicators(1, 0)).toThrow(RangeError);
	});

	it('states each band in words with the side of each boundary, in Dutch and English', () => {
		const nl = translator('nl');
		expect(SCORE_LEVELS.map((l) => levelBandText(nl, l))).toEqual([
			'100–75 %: meer dan 75 % tot en met 100 % van de indicatoren gehaald',
			'75–65 %: 65 % tot en met 75 % van de indicatoren gehaald',
			'65–45 %: 45 % tot 65 % van de indicatoren gehaald',
			'45–0 %: minder dan 45 % van de indicatoren gehaald'
		]);
		expect(levelBandText(translator('en'), 'largely')).toBe('75–65 %: 65 % up to and including 75 % of the indicators met');
	});
});

describe('% niet voldaan', () => {
	const item = (level: ScoredItem['level'], applicable = true): ScoredItem => ({ themeKey: 'veiligheid', applicable, level });

	it('counts the assessed requirements scored "voldoet grotendeels niet" or "voldoet niet"', () => {
		expect(UNMET_LEVELS).toEqual(['largely_not', 'not']);
		const result = applyRule([item('meets'), item('largely'), item('largely_not'), item('not'), item(null), item('not', false)]);
		expect(result.unmet).toEqual({ count: 2, assessed: 4, percent: 50 });
	});

	it('has no share when nothing was assessed', () => {
		expect(applyRule([item(null)]).unmet).toEqual({ count: 0, assessed: 0, percent: null });
	});
});
