/**
 * Server side of the pages after a final report and after an assessment: which sessions have
 * a final report (for promotion), the framework drafts a criterion can go to, the assessment
 * report for the provider (one view for the page and the PDF, every label translated here so
 * the PDF module holds no i18n), and the overview of a published version across providers.
 * The domain decides; this file only reads and puts things into words.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from './server/db';
import { assessments, dialogueSessions, reports, type Assessment, type DialogueSession } from './server/db/schema';
import { DomainError } from './server/errors';
import { promotableCriteria, type PromotableCriterion } from './server/frameworks/promotion';
import { getVersion, latestPublished, listFrameworks, type RequirementView, type VersionDetail } from './server/frameworks/store';
import { heldAt } from './server/reports/reports';
import { amendmentsOf, assessmentDetail, type AssessedItem, type AssessmentDetail } from './server/scoring/assessments';
import { arithmetic, formatPercent, scoreOf, type Outcome, type ScoreLevel, type Thresholds } from './server/scoring/rule';
import { trustBehaviours } from './server/scoring/trust';
import type { AssessmentReportView, LabelledValue } from './server/scoring/export-pdf';
import { translate, translator, type Locale, type MessageKey, type Translator } from './i18n';
import { requirementTitle } from './frameworks';
import { formatDay } from './reports.server';

// ---------------------------------------------------------------------------------------------
// Promotion

export interface FinalReportRow {
	sessionId: number;
	title: string;
	/** When the session was held (ISO), if known. */
	heldAt: string | null;
	finalAt: string | null;
	total: number;
	open: number;
}

/** Sessions whose report is final, newest final first, with how many criteria are still open. */
export function finalReports(db: Pick<Db, 'select'>): FinalReportRow[] {
	return db
		.select({ session: dialogueSessions, finalAt: reports.finalAt })
		.from(reports)
		.innerJoin(dialogueSessions, eq(dialogueSessions.id, reports.dialogueSessionId))
		.where(eq(reports.status, 'final'))
		.orderBy(desc(reports.finalAt), desc(reports.id))
		.all()
		.map(({ session, finalAt }) => {
			const criteria = promotableCriteria(db, session.id);
			return {
				sessionId: session.id,
				title: session.title,
				heldAt: heldAt(session)?.toISOString() ?? null,
				finalAt: finalAt?.toISOString() ?? null,
				total: criteria.length,
				open: criteria.filter((c) => c.state === 'open').length
			};
		});
}

/** The session of `/promotion/[sessionId]` with its criteria; 404 when unknown, 409 when the report is not final. */
export function promotionSession(event: Pick<RequestEvent, 'params' | 'locals'>, db: Pick<Db, 'select'>): { session: DialogueSession; criteria: PromotableCriterion[] } {
	const raw = (event.params as Record<string, string | undefined>).sessionId ?? '';
	const id = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : null;
	const session = id === null ? undefined : db.select().from(dialogueSessions).where(eq(dialogueSessions.id, id)).get();
	if (!session) error(404, { message: translate(event.locals.locale, 'error.notFound'), code: 'error.notFound' });
	try {
		return { session, criteria: promotableCriteria(db, session.id) };
	} catch (err) {
		if (err instanceof DomainError) error(err.status, { message: translate(event.locals.locale, err.code, err.params as Record<string, string | number>), code: err.code });
		throw err;
	}
}

export interface DraftTarget {
	frameworkId: number;
	frameworkName: string;
	/** The framework's draft, with its themes and requirements; null when it has none. */
	draft: VersionDetail | null;
	/** The newest published version, to make a draft from; null when there is none. */
	published: { id: number; label: string } | null;
}

/** Every framework with its draft (if any): where a criterion can be promoted or merged. */
export function draftTargets(db: Pick<Db, 'select'>): DraftTarget[] {
	return listFrameworks(db).map((f) => {
		const draft = f.versions.find((v) => v.status === 'draft');
		const published = latestPublished(db, f.id);
		return {
			frameworkId: f.id,
			frameworkName: f.name,
			draft: draft ? (getVersion(db, draft.id) ?? null) : null,
			published: published ? { id: published.id, label: published.label } : null
		};
	});
}

/** A requirement of a draft, found with its framework, version and theme. */
export function findDraftRequirement(targets: DraftTarget[], requirementId: number | null): { target: DraftTarget; themeName: string; requirement: RequirementView; index: number } | undefined {
	for (const target of targets) {
		for (const theme of target.draft?.themes ?? []) {
			const index = theme.requirements.findIndex((r) => r.id === requirementId);
			if (index !== -1) return { target, themeName: theme.name, requirement: theme.requirements[index]!, index };
		}
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Words for scores and outcomes

function localeNumber(value: number, locale: Locale): string {
	return value.toLocaleString(locale === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 2 });
}

/** A level in words with its number: "Voldoet grotendeels (0,75)". */
export function levelText(t: Translator, locale: Locale, level: ScoreLevel): string {
	return t('assessments.report.levelWithScore', { level: t(`assessments.report.level.${level}`), score: localeNumber(scoreOf(level), locale) });
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

/** The assessment of `/assessments/[id]/...`, or 404. */
export function loadAssessment(event: Pick<RequestEvent, 'params' | 'locals'>, db: Pick<Db, 'select'>): AssessmentDetail {
	const raw = (event.params as Record<string, string | undefined>).id ?? '';
	if (/^[1-9]\d{0,15}$/.test(raw)) {
		try {
			return assessmentDetail(db, Number(raw));
		} catch (err) {
			if (!(err instanceof DomainError) || err.status !== 404) throw err;
		}
	}
	error(404, { message: translate(event.locals.locale, 'error.notFound'), code: 'error.notFound' });
}

const itemTitle = (t: Translator, i: AssessedItem) => requirementTitle(t, i.requirement.number, i.requirement.position);

function amendmentChange(t: Translator, locale: Locale, change: { field: string; before: unknown; after: unknown }): string {
	const level = (v: unknown) => (typeof v === 'string' ? levelText(t, locale, v as ScoreLevel) : t('assessments.report.level.none'));
	const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : t('assessments.report.empty'));
	if (change.field === 'level') return t('assessments.report.amendment.level', { before: level(change.before), after: level(change.after) });
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
			arithmetic: r && r.assessed > 0 ? arithmetic(r, locale) : t('assessments.report.nothingAssessed'),
			flag: r?.flagged ? t('assessments.report.flag', { theme: localeNumber(result.thresholds.theme, locale) }) : null,
			requirements: items
				.filter((i) => i.item.applicable)
				.map((i) => ({
					title: itemTitle(t, i),
					text: i.requirement.text,
					level: i.item.level ? levelText(t, locale, i.item.level) : t('assessments.report.level.none'),
					evidence: i.item.evidence,
					explanation: i.item.explanation
				})),
			notApplicable: items.filter((i) => !i.item.applicable).map((i) => ({ title: itemTitle(t, i), text: i.requirement.text, reason: i.item.applicabilityReason }))
		};
	});

	const flagged = result.themes
		.filter((r) => r.flagged)
		.map((r) => t('assessments.report.flaggedLine', { theme: detail.themes.find((x) => x.key === r.themeKey)?.name ?? r.themeKey, share: formatPercent(r.percent, locale) }));

	const names = new Map(trustBehaviours().map((b) => [b.key, b.name]));
	const itemById = new Map(detail.items.map((i) => [i.item.id, i]));
	const proposed = final ? assessment.proposedOutcome : result.overall.outcome;

	const decision: LabelledValue[] = [{ label: t('assessments.report.decision.proposed'), value: outcomeName(t, proposed) }];
	if (final) {
		decision.push(
			{ label: t('assessments.report.decision.decided'), value: outcomeName(t, assessment.decidedOutcome) },
			{ label: t('assessments.report.decision.how'), value: t(assessment.decision === 'deviate' ? 'assessments.report.decision.deviate' : 'assessments.report.decision.accept') },
			{ label: t('assessments.report.decision.motivation'), value: assessment.motivation ?? t('assessments.report.decision.noMotivation') }
		);
		if (assessment.decidedOutcome) decision.push({ label: t('assessments.report.decision.meaning'), value: t(`assessments.report.outcomeMeaning.${assessment.decidedOutcome}`) });
	}

	const followUp: LabelledValue[] = [];
	if (assessment.improvementPlanDue) followUp.push({ label: t('assessments.report.followUp.plan'), value: formatDay(assessment.improvementPlanDue, locale) });
	if (assessment.retestDue) followUp.push({ label: t('assessments.report.followUp.retest'), value: formatDay(assessment.retestDue, locale) });

	return {
		lang: locale === 'en' ? 'en-GB' : 'nl-NL',
		title: t('assessments.report.title', { provider: provider.name }),
		provider: provider.name,
		meta: [
			{ label: t('assessments.report.meta.provider'), value: provider.name },
			{ label: t('assessments.report.meta.careType'), value: provider.careType },
			{ label: t('assessments.report.meta.funding'), value: fundingText(t, detail) },
			{ label: t('assessments.report.meta.framework'), value: t('assessments.report.meta.frameworkValue', { framework: version.framework.name, label: version.version.label }) },
			{ label: t('assessments.report.meta.date'), value: formatDay(assessment.assessedOn, locale) },
			{ label: t('assessments.report.meta.status'), value: t(final ? 'assessments.report.status.final' : 'assessments.report.status.draft') }
		],
		statusNote: final ? null : t('assessments.report.draftNote'),
		themes,
		computation: {
			overall: result.overall.assessed > 0 ? arithmetic(result.overall, locale) : t('assessments.report.nothingAssessed'),
			themes: result.themes.map((r) => ({
				label: detail.themes.find((x) => x.key === r.themeKey)?.name ?? r.themeKey,
				value: r.assessed > 0 ? `${arithmetic(r, locale)}${r.flagged ? ` (${t('assessments.report.flagShort')})` : ''}` : t('assessments.report.nothingAssessed')
			})),
			outcome: outcomeName(t, result.overall.outcome),
			rule: boundaryRule(t, locale, result.thresholds),
			unscored: result.unscored > 0 ? t('assessments.report.unscored', { count: result.unscored }) : null
		},
		flagged,
		weighing: [
			{ label: t('assessments.report.weighing.severity'), value: assessment.severity ?? t('assessments.report.empty') },
			{ label: t('assessments.report.weighing.groupSize'), value: assessment.groupSize ?? t('assessments.report.empty') }
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
			const items = [...new Set(a.changes.map((c) => c.itemId))].map((id) => (id === null ? undefined : itemById.get(id))).filter((i): i is AssessedItem => !!i);
			return {
				title: t('assessments.report.amendment.title', {
					date: formatDay(a.at.toISOString().slice(0, 10), locale),
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

/** Per provider its latest final assessment against this version (newest day, then newest id). */
export function latestFinalAssessments(db: Pick<Db, 'select'>, versionId: number): Assessment[] {
	const seen = new Set<number>();
	return db
		.select()
		.from(assessments)
		.where(and(eq(assessments.frameworkVersionId, versionId), eq(assessments.status, 'final')))
		.orderBy(desc(assessments.assessedOn), desc(assessments.id))
		.all()
		.filter((a) => !seen.has(a.providerId) && !!seen.add(a.providerId));
}

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
