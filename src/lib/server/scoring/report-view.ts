/**
 * The assessment report for the provider (one view for the page and the PDF, every label
 * translated here so the PDF module holds no i18n) and the overview of a published version
 * across providers, for a `Locale`.
 */
import { formatNumber, LANGUAGE_TAG, translator, type Locale, type MessageKey, type Translator } from '../../i18n';
import { formatDay, formatDayOf } from '../../shared/dates';
import { levelBandText } from '../../shared/assessments';
import { requirementTitle } from '../../shared/frameworks';
import type { Db } from '../db';
import { getVersion, type VersionDetail } from '../frameworks/store';
import {
	allLeftOut,
	amendmentsOf,
	assessmentDetail,
	latestFinalAssessments,
	type AssessedItem,
	type AssessmentDetail
} from './assessments';
import {
	arithmetic,
	formatPercent,
	formatPoints,
	SCORE_LEVELS,
	scoreOf,
	type Outcome,
	type RuleResult,
	type ScoreLevel,
	type Thresholds
} from './rule';
import { trustBehaviours } from './trust';
import { planJudgementOf, retestOf, retestTrend } from './retest';
import type { AssessmentReportView, LabelledValue } from './export-pdf';

// ---------------------------------------------------------------------------------------------
// Words for scores and outcomes

function localeNumber(value: number, locale: Locale): string {
	return formatNumber(value, locale, { maximumFractionDigits: 2 });
}

/** A level in words with its number: "Voldoet grotendeels (0,75)". */
export function levelText(t: Translator, locale: Locale, level: ScoreLevel): string {
	return t('assessments.report.levelWithScore', {
		level: t(`assessments.report.level.${level}`),
		score: localeNumber(scoreOf(level), locale)
	});
}

/** The weighing factor "% niet voldaan" in words: "10,0 %: 4 van 40 getoetste eisen voldoen grotendeels niet of niet". */
export function unmetText(t: Translator, locale: Locale, unmet: RuleResult['unmet']): string {
	if (unmet.assessed === 0) return t('scoring.unmet.none');
	return t('scoring.unmet.value', { count: unmet.count, assessed: unmet.assessed, percent: formatPercent(unmet.percent, locale) });
}

/** The four levels with their score and band, one line each: "Voldoet (1): 100–75 %: meer dan 75 % …". */
export function levelBands(t: Translator, locale: Locale): string[] {
	return SCORE_LEVELS.map((level) => `${levelText(t, locale, level)}: ${levelBandText(t, level)}`);
}

export function outcomeName(t: Translator, outcome: Outcome | null): string {
	return outcome ? t(`assessments.report.outcome.${outcome}`) : t('assessments.report.outcome.none');
}

/** The boundary rule in words, with the assessment's own thresholds. */
export function boundaryRule(t: Translator, locale: Locale, thresholds: Thresholds): string[] {
	const pct = (n: number) => localeNumber(n, locale);
	return [
		t('assessments.report.rule.good', { good: pct(thresholds.good) }),
		t('assessments.report.rule.sufficient', { sufficient: pct(thresholds.sufficient), good: pct(thresholds.good) }),
		t('assessments.report.rule.insufficient', { sufficient: pct(thresholds.sufficient) }),
		t('assessments.report.rule.theme', { theme: pct(thresholds.theme) }),
		t('assessments.report.rule.exact', { good: pct(thresholds.good), sufficient: pct(thresholds.sufficient) })
	];
}

// ---------------------------------------------------------------------------------------------
// The assessment report

const itemTitle = (t: Translator, i: AssessedItem) => requirementTitle(t, i.requirement.number, i.requirement.position);

function amendmentChange(t: Translator, locale: Locale, change: { field: string; before: unknown; after: unknown }): string {
	const level = (v: unknown) => (typeof v === 'string' ? levelText(t, locale, v as ScoreLevel) : t('assessments.report.level.none'));
	const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : t('assessments.report.empty'));
	if (change.field === 'level')
		return t('assessments.report.amendment.level', { before: level(change.before), after: level(change.after) });
	if (change.field === 'evidence') return t('assessments.report.amendment.evidence', { after: text(change.after) });
	return t('assessments.report.amendment.explanation', { after: text(change.after) });
}

function fundingText(t: Translator, detail: AssessmentDetail): string {
	const fundings = detail.provider.fundings.map((f) => t(`assessments.report.funding.${f}`)).join(', ');
	return `${fundings}; ${detail.provider.residential ? t('assessments.report.residential.yes') : t('assessments.report.residential.no')}`;
}

/** Everything the provider's report shows, in the reader's language: for the page and the PDF alike. */
export function assessmentReportView(db: Pick<Db, 'select'>, detail: AssessmentDetail, locale: Locale): AssessmentReportView {
	const t = translator(locale);
	const { assessment, provider, result } = detail;
	const version = getVersion(db, assessment.frameworkVersionId)!;
	const final = assessment.status === 'final';
	const themeResult = new Map(result.themes.map((r) => [r.themeKey, r]));

	const themes = detail.themes.map((theme) => {
		const items = detail.items.filter((i) => i.theme.key === theme.key);
		const r = themeResult.get(theme.key);
		return {
			name: theme.name,
			arithmetic:
				r && r.assessed > 0
					? arithmetic(r, locale)
					: t(allLeftOut(items) ? 'assessments.calc.themeNotApplicable' : 'assessments.report.nothingAssessed'),
			flag: r?.flagged ? t('assessments.report.flag', { theme: localeNumber(result.thresholds.theme, locale) }) : null,
			requirements: items
				.filter((i) => i.item.applicable)
				.map((i) => ({
					title: itemTitle(t, i),
					text: i.requirement.text,
					level: i.item.level ? levelText(t, locale, i.item.level) : t('assessments.report.level.none'),
					band: i.item.level ? levelBandText(t, i.item.level) : null,
					evidence: i.item.evidence,
					explanation: i.item.explanation
				})),
			notApplicable: items
				.filter((i) => !i.item.applicable)
				.map((i) => ({ title: itemTitle(t, i), text: i.requirement.text, reason: i.item.applicabilityReason }))
		};
	});

	const flagged = result.themes
		.filter((r) => r.flagged)
		.map((r) =>
			t('assessments.report.flaggedLine', {
				theme: detail.themes.find((x) => x.key === r.themeKey)?.name ?? r.themeKey,
				share: formatPercent(r.percent, locale)
			})
		);

	const names = new Map(trustBehaviours().map((b) => [b.key, b.name]));
	const itemById = new Map(detail.items.map((i) => [i.item.id, i]));
	const proposed = final ? assessment.proposedOutcome : result.overall.outcome;

	const decision: LabelledValue[] = [{ label: t('assessments.report.decision.proposed'), value: outcomeName(t, proposed) }];
	if (final) {
		decision.push(
			{ label: t('assessments.report.decision.decided'), value: outcomeName(t, assessment.decidedOutcome) },
			{
				label: t('assessments.report.decision.how'),
				value: t(assessment.decision === 'deviate' ? 'assessments.report.decision.deviate' : 'assessments.report.decision.accept')
			},
			{ label: t('assessments.report.decision.motivation'), value: assessment.motivation ?? t('assessments.report.decision.noMotivation') }
		);
		if (assessment.decidedOutcome)
			decision.push({
				label: t('assessments.report.decision.meaning'),
				value: t(`assessments.report.outcomeMeaning.${assessment.decidedOutcome}`)
			});
	}

	const followUp: LabelledValue[] = [];
	if (assessment.improvementPlanDue)
		followUp.push({ label: t('assessments.report.followUp.plan'), value: formatDay(assessment.improvementPlanDue, locale) });
	if (assessment.retestDue)
		followUp.push({ label: t('assessments.report.followUp.retest'), value: formatDay(assessment.retestDue, locale) });
	const plan = planJudgementOf(assessment);
	if (plan)
		followUp.push({
			label: t('assessments.report.followUp.planJudged'),
			value: [
				t('assessments.report.followUp.planValue', {
					judgement: t(`assessments.followUp.judgement.${plan.judgement}`),
					date: formatDay(plan.receivedOn, locale)
				}),
				plan.motivation
			]
				.filter(Boolean)
				.join(' ')
		});
	const retest = retestOf(db, assessment.id);
	if (retest) followUp.push({ label: t('assessments.report.followUp.retestStarted'), value: formatDay(retest.assessedOn, locale) });
	const trend = retestTrend(db, assessment.id);
	if (trend)
		followUp.push({
			label: t('assessments.report.followUp.retestOf'),
			value: t('assessments.report.followUp.retestOfValue', {
				date: formatDay(trend.before.assessedOn, locale),
				before: formatPercent(trend.overall.before.percent, locale),
				after: formatPercent(trend.overall.after.percent, locale),
				points: formatPoints(trend.overall.points, locale)
			})
		});

	return {
		lang: LANGUAGE_TAG[locale],
		title: t('assessments.report.title', { provider: provider.name }),
		provider: provider.name,
		meta: [
			{ label: t('assessments.report.meta.provider'), value: provider.name },
			{ label: t('assessments.report.meta.careType'), value: provider.careType },
			{ label: t('assessments.report.meta.funding'), value: fundingText(t, detail) },
			{
				label: t('assessments.report.meta.framework'),
				value: t('assessments.report.meta.frameworkValue', { framework: version.framework.name, label: version.version.label })
			},
			{ label: t('assessments.report.meta.date'), value: formatDay(assessment.assessedOn, locale) },
			{
				label: t('assessments.report.meta.status'),
				value: t(final ? 'assessments.report.status.final' : 'assessments.report.status.draft')
			}
		],
		statusNote: final ? null : t('assessments.report.draftNote'),
		themes,
		computation: {
			overall: result.overall.assessed > 0 ? arithmetic(result.overall, locale) : t('assessments.report.nothingAssessed'),
			themes: result.themes.map((r) => ({
				label: detail.themes.find((x) => x.key === r.themeKey)?.name ?? r.themeKey,
				value:
					r.assessed > 0
						? `${arithmetic(r, locale)}${r.flagged ? ` (${t('assessments.report.flagShort')})` : ''}`
						: t('assessments.report.nothingAssessed')
			})),
			outcome: outcomeName(t, result.overall.outcome),
			rule: boundaryRule(t, locale, result.thresholds),
			bands: levelBands(t, locale),
			unscored: result.unscored > 0 ? t('assessments.report.unscored', { count: result.unscored }) : null
		},
		flagged,
		weighing: [
			{ label: t('assessments.report.weighing.severity'), value: assessment.severity ?? t('assessments.report.empty') },
			{ label: t('assessments.report.weighing.groupSize'), value: assessment.groupSize ?? t('assessments.report.empty') },
			{ label: t('assessments.report.weighing.organisation'), value: assessment.organisation ?? t('assessments.report.empty') },
			{ label: t('assessments.report.weighing.unmet'), value: unmetText(t, locale, result.unmet) }
		],
		recurrence: detail.recurrence.map((r) =>
			t('assessments.report.recurrenceLine', {
				requirement: requirementTitle(t, r.number, detail.items.find((i) => i.requirement.key === r.key)?.requirement.position ?? 0),
				theme: r.theme,
				dates: r.earlier.map((d) => formatDay(d, locale)).join(', ')
			})
		),
		trust: detail.trust.map((tr) => ({
			name: names.get(tr.behaviour) ?? tr.behaviour,
			judgement: t(tr.judgement ? `assessments.report.judgement.${tr.judgement}` : 'assessments.report.judgement.none'),
			motivation: tr.motivation
		})),
		decision,
		followUp,
		amendments: amendmentsOf(db, assessment.id).map((a) => {
			const items = [...new Set(a.changes.map((c) => c.itemId))]
				.map((id) => (id === null ? undefined : itemById.get(id)))
				.filter((i): i is AssessedItem => !!i);
			return {
				title: t('assessments.report.amendment.title', {
					date: formatDayOf(a.at, locale),
					requirements: items.map((i) => `${i.theme.name}: ${itemTitle(t, i)}`).join('; ') || '–'
				}),
				reason: a.reason,
				changes: a.changes.map((c) => amendmentChange(t, locale, c))
			};
		}),
		labels: reportLabels(t)
	};
}

const LABEL_KEYS = {
	themesHeading: 'assessments.report.themes.heading',
	themesIntro: 'assessments.report.themes.intro',
	shareLabel: 'assessments.report.themes.share',
	levelLabel: 'assessments.report.themes.level',
	bandLabel: 'assessments.report.themes.band',
	evidenceLabel: 'assessments.report.themes.evidence',
	explanationLabel: 'assessments.report.themes.explanation',
	noExplanation: 'assessments.report.themes.noExplanation',
	notApplicableHeading: 'assessments.report.themes.notApplicable',
	reasonLabel: 'assessments.report.themes.reason',
	computationHeading: 'assessments.report.computation.heading',
	computationIntro: 'assessments.report.computation.intro',
	overallLabel: 'assessments.report.computation.overall',
	perThemeLabel: 'assessments.report.computation.perTheme',
	outcomeLabel: 'assessments.report.computation.outcome',
	ruleHeading: 'assessments.report.computation.rule',
	bandsHeading: 'assessments.report.computation.bands',
	methodNote: 'assessments.report.computation.method',
	flaggedHeading: 'assessments.report.flagged.heading',
	flaggedNone: 'assessments.report.flagged.none',
	weighingHeading: 'assessments.report.weighing.heading',
	recurrenceHeading: 'assessments.report.recurrence.heading',
	recurrenceNone: 'assessments.report.recurrence.none',
	trustHeading: 'assessments.report.trust.heading',
	trustIntro: 'assessments.report.trust.intro',
	judgementLabel: 'assessments.report.trust.judgement',
	motivationLabel: 'assessments.report.trust.motivation',
	decisionHeading: 'assessments.report.decision.heading',
	followUpHeading: 'assessments.report.followUp.heading',
	followUpNone: 'assessments.report.followUp.none',
	amendmentsHeading: 'assessments.report.amendments.heading',
	amendmentsNone: 'assessments.report.amendments.none',
	amendmentReason: 'assessments.report.amendments.reason'
} as const satisfies Record<string, MessageKey>;

function reportLabels(t: Translator): AssessmentReportView['labels'] {
	return Object.fromEntries(Object.entries(LABEL_KEYS).map(([name, key]) => [name, t(key)])) as AssessmentReportView['labels'];
}

// ---------------------------------------------------------------------------------------------
// A version across providers

export interface OverviewRow {
	assessmentId: number;
	provider: string;
	assessedOn: string;
	/** Per theme of the version, in its order: the share as text and whether it is flagged. */
	themes: { share: string; flagged: boolean; assessed: number }[];
	overall: string;
	outcome: string;
	/** When the manager deviated from the rule: the rule's outcome. */
	proposed: string | null;
}

/** The table of the version overview: one row per provider, sorted by name. */
export function versionOverview(db: Pick<Db, 'select'>, version: VersionDetail, locale: Locale): OverviewRow[] {
	const t = translator(locale);
	return latestFinalAssessments(db, version.version.id)
		.map((a) => {
			const detail = assessmentDetail(db, a.id);
			const byKey = new Map(detail.result.themes.map((r) => [r.themeKey, r]));
			return {
				assessmentId: a.id,
				provider: detail.provider.name,
				assessedOn: formatDay(a.assessedOn, locale),
				themes: version.themes.map((theme) => {
					const r = byKey.get(theme.key);
					return { share: formatPercent(r?.percent ?? null, locale), flagged: !!r?.flagged, assessed: r?.assessed ?? 0 };
				}),
				overall: formatPercent(detail.result.overall.percent, locale),
				outcome: outcomeName(t, a.decidedOutcome),
				proposed: a.decision === 'deviate' ? outcomeName(t, a.proposedOutcome) : null
			};
		})
		.sort((x, y) => x.provider.localeCompare(y.provider, 'nl'));
}
