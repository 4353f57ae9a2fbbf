/**
 * The page "Hoe rekenen we?": the decision rule and the level bands in words from the one
 * definition (./rule.ts, LEVEL_BANDS), and, when opened from an assessment, that assessment's
 * own arithmetic. Plain data for the page; the explanations of the source's contradictions
 * are fixed texts in the catalogue (method.source.*).
 */
import { LANGUAGE_TAG, translator, type Locale } from '../../i18n';
import { levelBandText } from '../../shared/assessments';
import { formatDay } from '../../shared/dates';
import type { Db } from '../db';
import { assessmentDetail } from './assessments';
import { boundaryRule, outcomeName, unmetText } from './report-view';
import { arithmetic, DEFAULT_THRESHOLDS, SCORE_LEVELS, scoreOf, type Thresholds } from './rule';

function thresholdParams(thresholds: Thresholds, locale: Locale) {
	const n = (v: number) => v.toLocaleString(LANGUAGE_TAG[locale], { maximumFractionDigits: 1 });
	return { good: n(thresholds.good), sufficient: n(thresholds.sufficient), theme: n(thresholds.theme) };
}

export interface MethodAssessment {
	id: number;
	provider: string;
	date: string;
	overall: string | null;
	outcome: string;
	unmet: string;
	notApplicable: number;
	unscored: number;
	themes: { key: string; name: string; arithmetic: string | null; flagged: boolean }[];
	/** The thresholds differ from the defaults: they are stated. */
	customThresholds: boolean;
}

export function methodPage(db: Pick<Db, 'select'>, locale: Locale, assessmentId: number | null) {
	const t = translator(locale);
	let assessment: MethodAssessment | null = null;
	let thresholds = DEFAULT_THRESHOLDS;
	if (assessmentId !== null) {
		const detail = assessmentDetail(db, assessmentId);
		const { result } = detail;
		thresholds = result.thresholds;
		const names = new Map(detail.themes.map((th) => [th.key, th.name]));
		assessment = {
			id: detail.assessment.id,
			provider: detail.provider.name,
			date: formatDay(detail.assessment.assessedOn, locale),
			overall: result.overall.assessed > 0 ? arithmetic(result.overall, locale) : null,
			outcome: outcomeName(t, result.overall.outcome),
			unmet: unmetText(t, locale, result.unmet),
			notApplicable: detail.items.filter((i) => !i.item.applicable).length,
			unscored: result.unscored,
			themes: result.themes.map((r) => ({
				key: r.themeKey,
				name: names.get(r.themeKey) ?? r.themeKey,
				arithmetic: r.assessed > 0 ? arithmetic(r, locale) : null,
				flagged: r.flagged
			})),
			customThresholds:
				thresholds.good !== DEFAULT_THRESHOLDS.good ||
				thresholds.sufficient !== DEFAULT_THRESHOLDS.sufficient ||
				thresholds.theme !== DEFAULT_THRESHOLDS.theme
		};
	}
	return {
		rule: boundaryRule(t, locale, thresholds).slice(0, 4),
		thresholds: thresholdParams(thresholds, locale),
		bands: SCORE_LEVELS.map((level) => ({
			level,
			name: t(`scoring.level.${level}`),
			scoreValue: scoreOf(level).toLocaleString(LANGUAGE_TAG[locale]),
			band: levelBandText(t, level)
		})),
		assessment
	};
}
