/**
 * An assessment as CSV for spreadsheets: one row per requirement (theme, number, text, whether
 * it applies and why, the level, its band and its score, the evidence seen and the explanation),
 * then a summary per theme and overall with the arithmetic, the share of unmet requirements
 * ("% niet voldaan"), the decision rule, the four levels with their bands and the decision.
 * Semicolon-separated UTF-8 with BOM, as Dutch Excel expects; cells are escaped like the
 * framework export, so nothing in them runs as a formula.
 */
import { DEFAULT_LOCALE, LANGUAGE_TAG, translate, type Locale, type MessageKey, type Params } from '../../i18n';
import { csvCell } from '../frameworks/exchange';
import { slugify } from '../frameworks/store';
import { levelBandText } from '../../shared/assessments';
import type { AssessmentDetail } from './assessments';
import { unmetText } from './report-view';
import { arithmetic, formatPercent, SCORE_LEVELS, scoreOf, type Outcome, type Share } from './rule';

const COLUMNS: MessageKey[] = [
	'framework.field.theme',
	'framework.field.number',
	'framework.field.text',
	'scoring.csv.applies',
	'scoring.csv.reason',
	'scoring.csv.level',
	'scoring.csv.band',
	'scoring.csv.score',
	'scoring.csv.evidence',
	'scoring.csv.explanation'
];

const SUMMARY_COLUMNS: MessageKey[] = [
	'scoring.csv.summary',
	'scoring.csv.assessed',
	'scoring.csv.sum',
	'scoring.csv.share',
	'scoring.csv.arithmetic',
	'scoring.csv.outcome'
];

/** A file name for the download: `toetsing-<provider>-<date>.csv`. */
export function assessmentCsvFileName(detail: Pick<AssessmentDetail, 'provider' | 'assessment'>): string {
	return `toetsing-${slugify(detail.provider.name)}-${detail.assessment.assessedOn}.csv`;
}

/** The assessment as CSV (see the module comment); labels in `locale`, Dutch by default. */
export function assessmentCsv(detail: AssessmentDetail, locale: Locale = DEFAULT_LOCALE): string {
	const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
	const number = (n: number) => n.toLocaleString(LANGUAGE_TAG[locale], { maximumFractionDigits: 2 });
	const percentage = (n: number) => `${n.toLocaleString(LANGUAGE_TAG[locale], { maximumFractionDigits: 1 })} %`;
	const outcome = (o: Outcome | null) => (o ? t(`scoring.outcome.${o}`) : '');
	const width = COLUMNS.length;
	const row = (cells: (string | null)[]) => [...cells, ...Array<null>(Math.max(0, width - cells.length)).fill(null)].map(csvCell).join(';');
	const shareCells = (s: Share) => [
		String(s.assessed),
		number(s.sum),
		formatPercent(s.percent, locale),
		s.assessed === 0 ? t('scoring.csv.notAssessed') : arithmetic(s, locale)
	];

	const rows = [row(COLUMNS.map((k) => t(k)))];
	for (const { item, requirement, theme } of detail.items) {
		rows.push(
			row([
				theme.name,
				requirement.number,
				requirement.text,
				t(item.applicable ? 'framework.applies.yes' : 'framework.applies.no'),
				item.applicabilityReason,
				item.level ? t(`scoring.level.${item.level}`) : null,
				item.level ? levelBandText(t, item.level) : null,
				item.level ? number(scoreOf(item.level)) : null,
				item.evidence,
				item.explanation
			])
		);
	}

	const { result, assessment } = detail;
	const thresholds = result.thresholds;
	const names = new Map(detail.themes.map((th) => [th.key, th.name]));
	rows.push(row([]), row(SUMMARY_COLUMNS.map((k) => t(k))));
	for (const theme of result.themes) {
		rows.push(
			row([
				names.get(theme.themeKey) ?? theme.themeKey,
				...shareCells(theme),
				theme.flagged ? t('scoring.csv.flagged', { threshold: percentage(thresholds.theme) }) : null
			])
		);
	}
	rows.push(
		row([
			t('scoring.csv.overall'),
			...shareCells(result.overall),
			result.overall.outcome ? t('scoring.csv.proposal', { outcome: outcome(result.overall.outcome) }) : null
		])
	);
	if (result.unscored > 0) rows.push(row([t('scoring.csv.unscored'), String(result.unscored)]));
	rows.push(
		row([
			t('scoring.csv.thresholds'),
			t('scoring.csv.boundaryRule', {
				good: percentage(thresholds.good),
				sufficient: percentage(thresholds.sufficient),
				theme: percentage(thresholds.theme)
			})
		])
	);
	rows.push(
		row([
			t('scoring.csv.unmet'),
			String(result.unmet.count),
			null,
			formatPercent(result.unmet.percent, locale),
			unmetText(t, locale, result.unmet)
		])
	);
	for (const level of SCORE_LEVELS)
		rows.push(row([t('scoring.csv.levels'), t(`scoring.level.${level}`), number(scoreOf(level)), levelBandText(t, level)]));
	if (assessment.status === 'final' && assessment.decidedOutcome) {
		const decided =
			assessment.decision === 'deviate'
				? t('scoring.csv.deviated', { outcome: outcome(assessment.decidedOutcome), motivation: assessment.motivation ?? '' })
				: t('scoring.csv.accepted', { outcome: outcome(assessment.decidedOutcome) });
		rows.push(row([t('scoring.csv.decision'), decided]));
	}
	return '\uFEFF' + rows.join('\r\n') + '\r\n';
}
