/**
 * Page data of the provider and assessment pages, made from the scoring modules (arithmetic,
 * outcome, trend) for a `Locale`: plain data the components render ($lib/shared/assessments).
 */
import { formatNumber, translate, translator, type Locale } from '../../i18n';
import { formatDay, today } from '../../shared/dates';
import { ADDRESSEES, CARE_SETTINGS } from '../../shared/vocabulary';
import {
	FUNDINGS,
	type FollowUpView,
	type ItemView,
	type ShareChangeView,
	type Level,
	type OutcomeKey,
	type ShareView,
	type TrendPoint
} from '../../shared/assessments';
import { getAccount } from '../auth/accounts';
import type { Db } from '../db';
import type { Assessment, Provider } from '../db/schema';
import { versionNames } from '../frameworks/view';
import { addresseeNames as namesOfAddressees, requirementTitle } from '../../shared/frameworks';
import { allLeftOut, amendmentsOf, assessmentDetail, findAssessments, valuesStamp, type AssessmentDetail } from './assessments';
import { listProviders, providerHistory } from './providers';
import { arithmetic, formatPercent, formatPoints, type Share, type Thresholds } from './rule';
import { unmetText } from './report-view';
import { trustBehaviours, trustGlossary } from './trust';
import { asksPlan, planStamp, retestOf, retestTrend, type ShareChange } from './retest';

/** How the provider is paid for, in words, in the order of the form. */
export function fundingNames(locale: Locale, fundings: readonly string[]): string {
	return FUNDINGS.filter((f) => fundings.includes(f))
		.map((f) => translate(locale, `assessments.funding.${f}`))
		.join(', ');
}

/** The provider as its page and its assessments show it: the facts, the fundings in words. */
export function providerView(provider: Provider, locale: Locale) {
	return {
		id: provider.id,
		name: provider.name,
		careType: provider.careType,
		fundings: fundingNames(locale, provider.fundings),
		residential: provider.residential,
		dayCare: provider.dayCare,
		guardianParent: provider.guardianParent
	};
}

/** Whom a requirement addresses, in words, in the vocabulary's order. */
export function addresseeNames(locale: Locale, addressees: readonly string[]): string {
	return namesOfAddressees(
		translator(locale),
		ADDRESSEES.filter((a) => addressees.includes(a))
	);
}

/**
 * The pre-selection of one requirement in words, with its reason: from the reason stored when
 * the assessment started, the requirement's rules and the provider's fundings.
 */
export function presumedText(locale: Locale, item: AssessmentDetail['items'][number], provider: Pick<Provider, 'fundings'>): string {
	const { presumedApplicable: yes, presumedReason: reason } = item.item;
	const rules = item.requirement.applicabilityRules ?? [];
	if (yes) return translate(locale, reason === 'where_relevant' ? 'assessments.presumed.whereRelevant' : 'assessments.item.presumedYes');
	switch (reason) {
		case 'funding': {
			const excluded = rules.flatMap((r) => (r.kind === 'not_for_funding' ? r.fundings : []));
			const names = FUNDINGS.filter((f) => excluded.includes(f) && provider.fundings.includes(f)).map((f) =>
				translate(locale, `assessments.report.funding.${f}`)
			);
			return translate(locale, 'assessments.presumed.funding', { fundings: names.join(', ') });
		}
		case 'guardian_parent':
			return translate(locale, 'assessments.presumed.guardianParent');
		case 'column_no':
			return translate(locale, 'assessments.presumed.columnNo', { fundings: fundingNames(locale, provider.fundings) });
		case 'blank_cell':
			return translate(locale, 'assessments.presumed.blankCell', { fundings: fundingNames(locale, provider.fundings) });
		case 'setting': {
			const setting = rules.find((r) => r.kind === 'setting');
			if (!setting) return translate(locale, 'assessments.item.presumedNoResidential');
			const settings = CARE_SETTINGS.filter((c) => setting.settings.includes(c)).map((c) => translate(locale, `assessments.setting.${c}`));
			return translate(locale, 'assessments.presumed.setting', { settings: settings.join(translate(locale, 'assessments.presumed.or')) });
		}
		default:
			return translate(locale, item.requirement.residentialOnly ? 'assessments.item.presumedNoResidential' : 'assessments.item.presumedNo');
	}
}

// ---------------------------------------------------------------------------------------------
// Computed results

export function shareView(share: Share, locale: Locale): ShareView {
	return {
		assessed: share.assessed,
		percent: share.percent,
		percentLabel: formatPercent(share.percent, locale),
		arithmetic: arithmetic(share, locale)
	};
}

/** A threshold as people read it: "75" or "72,5". */
const number = (n: number, locale: Locale) => formatNumber(n, locale, { maximumFractionDigits: 1 });

export function thresholdLabels(t: Thresholds, locale: Locale): { good: string; sufficient: string; theme: string } {
	return { good: number(t.good, locale), sufficient: number(t.sufficient, locale), theme: number(t.theme, locale) };
}

/** The outcome the list and history show: the decision once final, otherwise the rule's proposal so far. */
function outcomes(a: Assessment, detail: AssessmentDetail) {
	return {
		proposed: (a.status === 'final' ? a.proposedOutcome : detail.result.overall.outcome) as OutcomeKey | null,
		decided: (a.status === 'final' ? a.decidedOutcome : null) as OutcomeKey | null
	};
}

/** One row of an assessment in a list: provider, version, date, status, outcome and share. */
function assessmentRow(db: Pick<Db, 'select'>, a: Assessment, provider: Provider, names: Map<number, { name: string }>, locale: Locale) {
	const detail = assessmentDetail(db, a.id);
	return {
		id: a.id,
		provider: { id: provider.id, name: provider.name },
		version: names.get(a.frameworkVersionId)?.name ?? '',
		assessedOn: a.assessedOn,
		dateLabel: formatDay(a.assessedOn, locale),
		status: a.status,
		...outcomes(a, detail),
		deviated: a.decision === 'deviate',
		share: shareView(detail.result.overall, locale),
		thresholds: detail.result.thresholds,
		unscored: detail.unscored.length
	};
}
export type AssessmentRow = ReturnType<typeof assessmentRow>;

/** Every assessment, newest first, optionally only drafts or only final ones. */
export function assessmentRows(db: Pick<Db, 'select'>, locale: Locale, status: 'draft' | 'final' | null): AssessmentRow[] {
	const names = versionNames(db, locale);
	const providersById = new Map(listProviders(db).map((p) => [p.id, p]));
	return findAssessments(db, status === null ? {} : { status }).map((a) =>
		assessmentRow(db, a, providersById.get(a.providerId)!, names, locale)
	);
}

/** The provider's assessments, newest first, with their shares. */
export function historyOf(db: Pick<Db, 'select'>, provider: Provider, locale: Locale): AssessmentRow[] {
	const names = versionNames(db, locale);
	return providerHistory(db, provider.id).map((a) => assessmentRow(db, a, provider, names, locale));
}

/** The trend: the overall share of each final assessment, oldest first. */
export function trendOf(history: AssessmentRow[]): TrendPoint[] {
	return history
		.filter((r) => r.status === 'final')
		.reverse()
		.map((r) => ({
			id: r.id,
			dateLabel: r.dateLabel,
			percent: r.share.percent,
			percentLabel: r.share.percentLabel,
			arithmetic: r.share.arithmetic,
			outcome: r.decided
		}));
}

/** The register: each provider with its latest final outcome, and whether an assessment is under way. */
export function providerRows(db: Pick<Db, 'select'>, locale: Locale) {
	return listProviders(db).map((p) => {
		const history = providerHistory(db, p.id);
		const last = history.find((a) => a.status === 'final');
		return {
			id: p.id,
			name: p.name,
			careType: p.careType,
			fundings: fundingNames(locale, p.fundings),
			residential: p.residential,
			dayCare: p.dayCare,
			latest: last ? { id: last.id, outcome: last.decidedOutcome as OutcomeKey, dateLabel: formatDay(last.assessedOn, locale) } : null,
			ongoing: history.filter((a) => a.status === 'draft').length
		};
	});
}

// ---------------------------------------------------------------------------------------------
// One assessment

/** A text field of an amendment, or a level, for people. */
function changeText(locale: Locale, field: string, value: unknown): string {
	if (value === null || value === undefined || value === '') return translate(locale, 'assessments.amend.empty');
	if (field === 'level') return translate(locale, `assessments.level.${value as Level}`);
	return String(value);
}

/** Everything the assessment page shows, computed and formatted for `locale`. */
export function assessmentPage(db: Db, id: number, locale: Locale) {
	const userName = (id: number | null) => (id === null ? null : (getAccount(db, id)?.name ?? null));
	const detail = assessmentDetail(db, id);
	const { assessment: a, provider, result } = detail;
	const names = versionNames(db, locale);
	const itemLabel = (i: AssessmentDetail['items'][number]) =>
		translate(locale, 'assessments.item.label', {
			theme: i.theme.name,
			number: i.requirement.number ?? String(i.requirement.position + 1)
		});
	const items = new Map(detail.items.map((i) => [i.item.id, i]));
	const themeResults = new Map(result.themes.map((t) => [t.themeKey, t]));
	const behaviours = trustBehaviours();
	const previous =
		a.previousAssessmentId !== null ? (providerHistory(db, provider.id).find((x) => x.id === a.previousAssessmentId) ?? null) : null;
	return {
		assessment: {
			id: a.id,
			status: a.status,
			assessedOn: a.assessedOn,
			dateLabel: formatDay(a.assessedOn, locale),
			version: names.get(a.frameworkVersionId)?.name ?? '',
			severity: a.severity ?? '',
			groupSize: a.groupSize ?? '',
			organisation: a.organisation ?? '',
			/** What the weighing form sends back: the saved values it showed (valuesStamp). */
			weighingStamp: valuesStamp([a.severity, a.groupSize, a.organisation]),
			decision: a.decision,
			proposedOutcome: a.proposedOutcome as OutcomeKey | null,
			decidedOutcome: a.decidedOutcome as OutcomeKey | null,
			motivation: a.motivation,
			improvementPlanDue: a.improvementPlanDue ? formatDay(a.improvementPlanDue, locale) : null,
			retestDue: a.retestDue ? formatDay(a.retestDue, locale) : null,
			decidedBy: userName(a.decidedById),
			finalizedOn: a.finalizedAt ? formatDay(today(a.finalizedAt), locale) : null,
			assessor: userName(a.assessorId),
			previous: previous ? { id: previous.id, dateLabel: formatDay(previous.assessedOn, locale) } : null
		},
		provider: providerView(provider, locale),
		overall: { ...shareView(result.overall, locale), outcome: result.overall.outcome as OutcomeKey | null },
		thresholds: thresholdLabels(result.thresholds, locale),
		themes: detail.themes.map((th) => {
			const r = themeResults.get(th.key)!;
			return {
				key: th.key,
				name: th.name,
				share: shareView(r, locale),
				flagged: r.flagged,
				/** Every requirement of the theme is left out for this provider: nothing to score, not unfinished. */
				notApplicable: allLeftOut(detail.items.filter((i) => i.theme.key === th.key)),
				items: detail.items
					.filter((i) => i.theme.key === th.key)
					.map((i): ItemView => ({
						id: i.item.id,
						revision: i.item.revision,
						// As the framework pages name it: an unnumbered requirement by its place, said so.
						title: requirementTitle(translator(locale), i.requirement.number, i.requirement.position),
						label: itemLabel(i),
						text: i.requirement.text,
						testMethod: i.requirement.testMethod,
						evidenceHint: i.requirement.evidence,
						conditions: i.requirement.conditions,
						exceptions: i.requirement.exceptions,
						residentialOnly: i.requirement.residentialOnly,
						addressees: addresseeNames(locale, i.requirement.addressees),
						presumedApplicable: i.item.presumedApplicable,
						presumedText: presumedText(locale, i, provider),
						applicable: i.item.applicable,
						applicabilityReason: i.item.applicabilityReason,
						level: i.item.level,
						evidence: i.item.evidence,
						explanation: i.item.explanation
					}))
			};
		}),
		unscored: detail.unscored.map((i) => ({ id: i.item.id, label: itemLabel(i) })),
		unmet: unmetText(translator(locale), locale, result.unmet),
		notApplicable: detail.items.filter((i) => !i.item.applicable).length,
		trust: detail.trust.map((tr) => {
			const b = behaviours.find((x) => x.key === tr.behaviour)!;
			return {
				key: tr.behaviour,
				name: b.name,
				description: b.description,
				indicators: b.indicators,
				note: b.note ?? null,
				judgement: tr.judgement,
				motivation: tr.motivation,
				stamp: valuesStamp([tr.judgement, tr.motivation])
			};
		}),
		glossary: trustGlossary(),
		followUp: followUpView(db, a, locale),
		recurrence: detail.recurrence.map((r) => ({
			label: translate(locale, 'assessments.item.label', { theme: r.theme, number: r.number ?? r.key }),
			dates: r.earlier.map((d) => formatDay(d, locale))
		})),
		amendments: amendmentsOf(db, id).map((m) => ({
			id: m.id,
			at: formatDay(today(m.at), locale),
			by: userName(m.byId) ?? translate(locale, 'assessments.amend.unknownPerson'),
			reason: m.reason,
			changes: m.changes.map((c) => {
				const item = c.itemId !== null ? items.get(c.itemId) : undefined;
				return {
					item: item ? itemLabel(item) : '',
					field: c.field,
					before: changeText(locale, c.field, c.before),
					after: changeText(locale, c.field, c.after)
				};
			})
		}))
	};
}
export type AssessmentPage = ReturnType<typeof assessmentPage>;

const direction = (points: number | null): 'up' | 'down' | 'same' | 'none' =>
	points === null ? 'none' : Math.round(points * 10) === 0 ? 'same' : points > 0 ? 'up' : 'down';

function changeView(c: ShareChange, locale: Locale): ShareChangeView {
	return {
		before: formatPercent(c.before.percent, locale),
		after: formatPercent(c.after.percent, locale),
		points: formatPoints(c.points, locale),
		direction: direction(c.points)
	};
}

/**
 * The follow-up of an assessment for its page: the improvement plan and its judgement, the
 * retest started from it, and for a retest the trend against the assessment it retests.
 */
export function followUpView(db: Db, a: Assessment, locale: Locale): FollowUpView {
	const retest = retestOf(db, a.id);
	const trend = retestTrend(db, a.id);
	const judgedBy = a.improvementPlanJudgedById !== null ? (getAccount(db, a.improvementPlanJudgedById)?.name ?? null) : null;
	return {
		asksPlan: asksPlan(a),
		planStamp: planStamp(a),
		plan:
			a.improvementPlanJudgement && a.improvementPlanReceivedOn
				? {
						receivedOn: a.improvementPlanReceivedOn,
						receivedLabel: formatDay(a.improvementPlanReceivedOn, locale),
						judgement: a.improvementPlanJudgement,
						motivation: a.improvementPlanMotivation,
						judgedBy
					}
				: null,
		retest: retest ? { id: retest.id, dateLabel: formatDay(retest.assessedOn, locale), status: retest.status } : null,
		trend: trend && {
			before: {
				id: trend.before.id,
				dateLabel: formatDay(trend.before.assessedOn, locale),
				outcome: trend.overall.outcomeBefore as OutcomeKey | null
			},
			outcomeAfter: trend.overall.outcomeAfter as OutcomeKey | null,
			overall: changeView(trend.overall, locale),
			themes: trend.themes.map((th) => ({ key: th.themeKey, name: th.name, ...changeView(th, locale) })),
			requirements: trend.requirements
		}
	};
}
