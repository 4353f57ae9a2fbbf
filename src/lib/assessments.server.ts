/**
 * Server side of the provider and assessment pages: who may read and write, refusals mapped to
 * the field they are about, and page data made from the scoring modules (arithmetic, outcome,
 * trend) in the reader's language. The rules themselves live in $lib/server/scoring; this file
 * only calls and formats them.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { translate, type Locale, type MessageKey } from './i18n';
import { getAccount, type PublicUser } from './server/auth/accounts';
import type { Actor } from './server/audit';
import type { Db } from './server/db';
import type { Assessment, Provider } from './server/db/schema';
import { DomainError } from './server/errors';
import { listFrameworks } from './server/frameworks/store';
import { getRuntime } from './server/runtime';
import { amendmentsOf, assessmentDetail, findAssessments, type AssessmentDetail } from './server/scoring/assessments';
import { listProviders, providerHistory } from './server/scoring/providers';
import { arithmetic, formatPercent, type Share, type Thresholds } from './server/scoring/rule';
import { trustBehaviours, trustGlossary } from './server/scoring/trust';
import { ValidationError } from './server/validation';
import { formText, idParam, requireUser } from './server/web';
import { formatDay } from './reports.server';
import {
	FUNDINGS,
	type FieldErrors,
	type FieldProblem,
	type ItemView,
	type Level,
	type OutcomeKey,
	type ProviderFormValues,
	type ShareView,
	type TrendPoint
} from './components/assessments/types';

/** Quality managers read and write; administrators read; everyone else is refused. */
export function requireReader(event: Pick<RequestEvent, 'locals' | 'url'>): { user: PublicUser; canEdit: boolean } {
	const user = requireUser(event, 'quality_manager', 'admin');
	return { user, canEdit: user.roles.includes('quality_manager') };
}

/** Changes are for quality managers only. */
export function requireWriter(event: Pick<RequestEvent, 'locals' | 'url'>): PublicUser {
	return requireUser(event, 'quality_manager');
}

export const actorOf = (user: PublicUser): Actor => ({ type: 'user', id: user.id });

/** A positive id in the address, or the not-found page. */
export function idOr404(event: Pick<RequestEvent, 'locals'>, value: string | undefined): number {
	try {
		return idParam(value);
	} catch {
		error(404, { message: translate(event.locals.locale, 'error.notFound'), code: 'error.notFound' });
	}
}

export function notFound(event: Pick<RequestEvent, 'locals'>): never {
	error(404, { message: translate(event.locals.locale, 'error.notFound'), code: 'error.notFound' });
}

/**
 * A refusal as the form shows it: problems at the fields they are about (a validation path or a
 * domain code listed in `domainFields`), anything else for the whole form. Unexpected errors
 * are rethrown.
 */
export function problemsOf<F extends string>(
	err: unknown,
	fields: readonly F[],
	domainFields: Partial<Record<MessageKey, F>> = {}
): { errors: FieldErrors<F>; general: FieldProblem | null; status: number } {
	const errors: FieldErrors<F> = {};
	if (err instanceof ValidationError) {
		let general: FieldProblem | null = null;
		for (const p of err.problems) {
			const field = p.path[0];
			if (typeof field === 'string' && (fields as readonly string[]).includes(field)) errors[field as F] ??= { code: p.code, params: p.params };
			else general ??= { code: p.code, params: p.params };
		}
		return { errors, general: general ?? { code: 'error.validation' }, status: err.status };
	}
	if (err instanceof DomainError) {
		const field = domainFields[err.code];
		if (field) {
			errors[field] = { code: err.code, params: err.params };
			return { errors, general: { code: 'error.validation' }, status: err.status };
		}
		return { errors, general: { code: err.code, params: err.params }, status: err.status };
	}
	throw err;
}

/** Today in the Netherlands, as YYYY-MM-DD: the default date of a new assessment. */
export function today(now = new Date()): string {
	return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(now);
}

// ---------------------------------------------------------------------------------------------
// Providers

export function readProviderForm(data: FormData): { values: ProviderFormValues; input: Record<string, unknown> } {
	const values: ProviderFormValues = {
		name: formText(data, 'name'),
		careType: formText(data, 'careType'),
		fundings: data.getAll('fundings').filter((v): v is string => typeof v === 'string'),
		residential: formText(data, 'residential') === 'yes',
		note: formText(data, 'note')
	};
	return { values, input: { ...values, note: values.note.trim() || null } };
}

export function providerValues(p: Provider): ProviderFormValues {
	return { name: p.name, careType: p.careType, fundings: [...p.fundings], residential: p.residential, note: p.note ?? '' };
}

export const emptyProvider: ProviderFormValues = { name: '', careType: '', fundings: [], residential: false, note: '' };

/** How the provider is paid for, in words, in the order of the form. */
export function fundingNames(locale: Locale, fundings: readonly string[]): string {
	return FUNDINGS.filter((f) => fundings.includes(f))
		.map((f) => translate(locale, `assessments.funding.${f}`))
		.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Framework versions

/** Every version by id with its name for people: "Drents kwaliteitskader, versie 2019". */
export function versionNames(db: Pick<Db, 'select'>, locale: Locale): Map<number, { name: string; published: boolean }> {
	const names = new Map<number, { name: string; published: boolean }>();
	for (const f of listFrameworks(db)) {
		for (const v of f.versions) names.set(v.id, { name: translate(locale, 'assessments.versionName', { framework: f.name, label: v.label }), published: v.status === 'published' });
	}
	return names;
}

/** The published versions an assessment can start against, newest of each framework first. */
export function publishedVersionOptions(db: Pick<Db, 'select'>, locale: Locale): { value: string; label: string }[] {
	return listFrameworks(db).flatMap((f) =>
		f.versions
			.filter((v) => v.status === 'published')
			.map((v) => ({ value: String(v.id), label: translate(locale, 'assessments.versionName', { framework: f.name, label: v.label }) }))
	);
}

// ---------------------------------------------------------------------------------------------
// Computed results

export function shareView(share: Share, locale: Locale): ShareView {
	return { assessed: share.assessed, percent: share.percent, percentLabel: formatPercent(share.percent, locale), arithmetic: arithmetic(share, locale) };
}

/** A threshold as people read it: "75" or "72,5". */
const number = (n: number, locale: Locale) => n.toLocaleString(locale === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 });

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
	return findAssessments(db, status === null ? {} : { status }).map((a) => assessmentRow(db, a, providersById.get(a.providerId)!, names, locale));
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
		.map((r) => ({ id: r.id, dateLabel: r.dateLabel, percent: r.share.percent, percentLabel: r.share.percentLabel, arithmetic: r.share.arithmetic, outcome: r.decided }));
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
			latest: last ? { id: last.id, outcome: last.decidedOutcome as OutcomeKey, dateLabel: formatDay(last.assessedOn, locale) } : null,
			ongoing: history.filter((a) => a.status === 'draft').length
		};
	});
}

// ---------------------------------------------------------------------------------------------
// One assessment

const userName = (id: number | null) => (id === null ? null : (getAccount(getRuntime().db, id)?.name ?? null));

/** A text field of an amendment, or a level, for people. */
function changeText(locale: Locale, field: string, value: unknown): string {
	if (value === null || value === undefined || value === '') return translate(locale, 'assessments.amend.empty');
	if (field === 'level') return translate(locale, `assessments.level.${value as Level}`);
	return String(value);
}

/** Everything the assessment page shows, computed and formatted for `locale`. */
export function assessmentPage(db: Pick<Db, 'select'>, id: number, locale: Locale) {
	const detail = assessmentDetail(db, id);
	const { assessment: a, provider, result } = detail;
	const names = versionNames(db, locale);
	const itemLabel = (i: AssessmentDetail['items'][number]) =>
		translate(locale, 'assessments.item.label', { theme: i.theme.name, number: i.requirement.number ?? String(i.requirement.position + 1) });
	const items = new Map(detail.items.map((i) => [i.item.id, i]));
	const themeResults = new Map(result.themes.map((t) => [t.themeKey, t]));
	const behaviours = trustBehaviours();
	const previous = a.previousAssessmentId !== null ? (providerHistory(db, provider.id).find((x) => x.id === a.previousAssessmentId) ?? null) : null;
	return {
		assessment: {
			id: a.id,
			status: a.status,
			assessedOn: a.assessedOn,
			dateLabel: formatDay(a.assessedOn, locale),
			version: names.get(a.frameworkVersionId)?.name ?? '',
			severity: a.severity ?? '',
			groupSize: a.groupSize ?? '',
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
		provider: { id: provider.id, name: provider.name, careType: provider.careType, fundings: fundingNames(locale, provider.fundings), residential: provider.residential },
		overall: { ...shareView(result.overall, locale), outcome: result.overall.outcome as OutcomeKey | null },
		thresholds: thresholdLabels(result.thresholds, locale),
		themes: detail.themes.map((th) => {
			const r = themeResults.get(th.key)!;
			return {
				key: th.key,
				name: th.name,
				share: shareView(r, locale),
				flagged: r.flagged,
				items: detail.items
					.filter((i) => i.theme.key === th.key)
					.map(
						(i): ItemView => ({
							id: i.item.id,
							revision: i.item.revision,
							title: translate(locale, 'assessments.item.title', { number: i.requirement.number ?? String(i.requirement.position + 1) }),
							label: itemLabel(i),
							text: i.requirement.text,
							testMethod: i.requirement.testMethod,
							evidenceHint: i.requirement.evidence,
							conditions: i.requirement.conditions,
							exceptions: i.requirement.exceptions,
							residentialOnly: i.requirement.residentialOnly,
							presumedApplicable: i.item.presumedApplicable,
							applicable: i.item.applicable,
							applicabilityReason: i.item.applicabilityReason,
							level: i.item.level,
							evidence: i.item.evidence,
							explanation: i.item.explanation
						})
					)
			};
		}),
		unscored: detail.unscored.map((i) => ({ id: i.item.id, label: itemLabel(i) })),
		notApplicable: detail.items.filter((i) => !i.item.applicable).length,
		trust: detail.trust.map((tr) => {
			const b = behaviours.find((x) => x.key === tr.behaviour)!;
			return { key: tr.behaviour, name: b.name, description: b.description, indicators: b.indicators, note: b.note ?? null, judgement: tr.judgement, motivation: tr.motivation };
		}),
		glossary: trustGlossary(),
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
