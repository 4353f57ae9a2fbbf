/**
 * The decision rule of the NMD afwegingskader (Toetsingskader 2019 NMD Wmo en Jeugdzorg, section 3.1), as
 * a pure function: every assessed requirement gets one of four levels, the share is the sum
 * of the scores divided by the number of requirements assessed, overall and per theme, and
 * the outcome follows from configurable thresholds.
 *
 * Boundary rule (the source says "meer dan 75 %" is good, "75 % - 65 %" needs an improvement
 * plan and "minder dan 65 %" may lead to a heavier measure):
 * - good: share strictly above the good threshold (default 75 %);
 * - sufficient: from the sufficient threshold (65 %) up to and including the good threshold;
 * - insufficient: strictly below the sufficient threshold;
 * - a theme is flagged when its share is strictly below the theme threshold (65 %).
 *
 * Comparisons are exact: scores are multiples of a quarter and thresholds have at most one
 * decimal, so everything is compared in whole numbers and rounding only affects display.
 * Requirements that do not apply (proportionality) are left out of both sum and count.
 */

import { DEFAULT_LOCALE, LANGUAGE_TAG, type Locale } from '../../i18n/core';

/** The four levels: voldoet, voldoet grotendeels, voldoet grotendeels niet, voldoet niet. */
export { SCORE_LEVELS, LEVEL_BANDS, UNMET_LEVELS, type ScoreLevel } from '../../shared/vocabulary';
import { LEVEL_BANDS, SCORE_LEVELS, UNMET_LEVELS, type Outcome, type ScoreLevel } from '../../shared/vocabulary';

/** A level's score in quarters: 1 = 4/4, 0.75 = 3/4, 0.25 = 1/4, 0 = 0/4. */
const QUARTERS: Record<ScoreLevel, number> = { meets: 4, largely: 3, largely_not: 1, not: 0 };

export function scoreOf(level: ScoreLevel): number {
	return QUARTERS[level] / 4;
}

/**
 * The level whose band (LEVEL_BANDS) holds a share of a requirement's indicators met, in
 * percent: 80 → voldoet, 75 → voldoet grotendeels, 65 → voldoet grotendeels, 45 → voldoet
 * grotendeels niet, 44 → voldoet niet. Refuses a share outside 0–100.
 */
export function levelForShare(percent: number): ScoreLevel {
	if (!Number.isFinite(percent) || percent < 0 || percent > 100) throw new RangeError('percent must be between 0 and 100');
	const inBand = (level: ScoreLevel) => {
		const b = LEVEL_BANDS[level];
		return (b.minIncluded ? percent >= b.min : percent > b.min) && (b.maxIncluded ? percent <= b.max : percent < b.max);
	};
	const level = SCORE_LEVELS.find(inBand);
	if (!level) throw new RangeError(`no band holds ${percent} %`);
	return level;
}

/** The level for `met` of `total` indicators, compared exactly (no rounding). */
export function levelForIndicators(met: number, total: number): ScoreLevel {
	if (!Number.isInteger(met) || !Number.isInteger(total) || total < 1 || met < 0 || met > total)
		throw new RangeError('met and total must be whole numbers with 0 <= met <= total, total >= 1');
	// met/total*100 against whole-number boundaries: compare met*100 with boundary*total
	const inBand = (level: ScoreLevel) => {
		const b = LEVEL_BANDS[level];
		const low = Math.sign(met * 100 - b.min * total);
		const high = Math.sign(met * 100 - b.max * total);
		return (b.minIncluded ? low >= 0 : low > 0) && (b.maxIncluded ? high <= 0 : high < 0);
	};
	return SCORE_LEVELS.find(inBand)!;
}

export interface Thresholds {
	/** Percentage; above it the outcome is good. Default 75. */
	good: number;
	/** Percentage; from it up to `good` the outcome is sufficient. Default 65. */
	sufficient: number;
	/** Percentage; a theme below it is flagged. Default 65. */
	theme: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { good: 75, sufficient: 65, theme: 65 };

export type { Outcome };

export interface ScoredItem {
	themeKey: string;
	/** False: not applicable to this provider, left out of the computation. */
	applicable: boolean;
	/** Null: not scored yet. */
	level: ScoreLevel | null;
}

export interface Share {
	/** Requirements assessed (applicable and scored). */
	assessed: number;
	/** Sum of their scores. */
	sum: number;
	/** sum / assessed × 100, unrounded; null when nothing was assessed. */
	percent: number | null;
}

export interface ThemeResult extends Share {
	themeKey: string;
	/** Below the theme threshold. */
	flagged: boolean;
}

export interface RuleResult {
	overall: Share & { outcome: Outcome | null };
	themes: ThemeResult[];
	/** Applicable requirements without a score. */
	unscored: number;
	/**
	 * The weighing factor "% niet voldaan": assessed requirements scored "voldoet grotendeels
	 * niet" or "voldoet niet" (UNMET_LEVELS), as a count and a share of those assessed.
	 */
	unmet: { count: number; assessed: number; percent: number | null };
	thresholds: Thresholds;
}

/** Thresholds in tenths of a percent, as whole numbers; refuses values the rule cannot use. */
function tenths(value: number, name: string): number {
	const t = Math.round(value * 10);
	if (!Number.isFinite(value) || Math.abs(t - value * 10) > 1e-9 || t < 0 || t > 1000)
		throw new RangeError(`${name} must be a percentage with at most one decimal`);
	return t;
}

export function validThresholds(t: Thresholds): boolean {
	try {
		return tenths(t.sufficient, 'sufficient') <= tenths(t.good, 'good') && tenths(t.theme, 'theme') >= 0;
	} catch {
		return false;
	}
}

/** sum/assessed compared with a threshold, exactly: −1 below, 0 equal, 1 above. */
function compare(quarters: number, assessed: number, thresholdTenths: number): number {
	// quarters/4/assessed*100 vs t/10  ⇔  quarters*1000 vs t*assessed*4
	return Math.sign(quarters * 1000 - thresholdTenths * assessed * 4);
}

interface Tally {
	quarters: number;
	assessed: number;
}

function share({ quarters, assessed }: Tally): Share {
	return { assessed, sum: quarters / 4, percent: assessed === 0 ? null : (quarters * 100) / (assessed * 4) };
}

export function outcomeOf(quarters: number, assessed: number, thresholds: Thresholds): Outcome | null {
	if (assessed === 0) return null;
	if (compare(quarters, assessed, tenths(thresholds.good, 'good')) > 0) return 'good';
	if (compare(quarters, assessed, tenths(thresholds.sufficient, 'sufficient')) >= 0) return 'sufficient';
	return 'insufficient';
}

/** Applies the rule to scored requirements. Themes keep the order in which they first appear. */
export function applyRule(items: ScoredItem[], thresholds: Thresholds = DEFAULT_THRESHOLDS): RuleResult {
	if (!validThresholds(thresholds))
		throw new RangeError('thresholds: sufficient must not exceed good, all between 0 and 100 with at most one decimal');
	const total: Tally = { quarters: 0, assessed: 0 };
	const perTheme = new Map<string, Tally>();
	let unscored = 0;
	let unmet = 0;
	for (const item of items) {
		if (!perTheme.has(item.themeKey)) perTheme.set(item.themeKey, { quarters: 0, assessed: 0 });
		if (!item.applicable) continue;
		if (item.level === null) {
			unscored++;
			continue;
		}
		const q = QUARTERS[item.level];
		if (UNMET_LEVELS.includes(item.level)) unmet++;
		total.quarters += q;
		total.assessed++;
		const theme = perTheme.get(item.themeKey)!;
		theme.quarters += q;
		theme.assessed++;
	}
	const themeLimit = tenths(thresholds.theme, 'theme');
	return {
		overall: { ...share(total), outcome: outcomeOf(total.quarters, total.assessed, thresholds) },
		themes: [...perTheme].map(([themeKey, tally]) => ({
			themeKey,
			...share(tally),
			flagged: tally.assessed > 0 && compare(tally.quarters, tally.assessed, themeLimit) < 0
		})),
		unscored,
		unmet: { count: unmet, assessed: total.assessed, percent: total.assessed === 0 ? null : (unmet * 100) / total.assessed },
		thresholds
	};
}

/** The share for display: one decimal, Dutch decimal comma when asked. */
export function formatPercent(percent: number | null, locale: Locale = DEFAULT_LOCALE): string {
	if (percent === null) return '–';
	return `${(Math.round(percent * 10) / 10).toLocaleString(LANGUAGE_TAG[locale], { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

/** A change in percentage points for display: "+12,5", "−3,0" (a real minus), "0,0"; "–" when not comparable. */
export function formatPoints(points: number | null, locale: Locale = DEFAULT_LOCALE): string {
	if (points === null) return '–';
	const rounded = Math.round(points * 10) / 10;
	const text = Math.abs(rounded).toLocaleString(LANGUAGE_TAG[locale], { minimumFractionDigits: 1, maximumFractionDigits: 1 });
	return rounded > 0 ? `+${text}` : rounded < 0 ? `\u2212${text}` : text;
}

/** The arithmetic shown to the user, e.g. "29,75 / 40 = 74,4 %". */
export function arithmetic(s: Share, locale: Locale = DEFAULT_LOCALE): string {
	const number = (n: number) => n.toLocaleString(LANGUAGE_TAG[locale], { maximumFractionDigits: 2 });
	return `${number(s.sum)} / ${s.assessed} = ${formatPercent(s.percent, locale)}`;
}
