/**
 * The JSON API for providers and assessments (toetsingen): request bodies (the domain's own
 * schemas), response schemas (described in the OpenAPI document and checked against real
 * answers by the API tests), and the views that shape domain objects into those responses.
 */
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Locale } from '../../i18n';
import type { Db } from '../db';
import {
	ADDRESSEES,
	ASSESSMENT_STATUSES,
	DECISIONS,
	FUNDING_TYPES,
	OUTCOMES,
	PLAN_JUDGEMENTS,
	PRESELECTION_REASONS,
	frameworkVersions,
	frameworks,
	type Assessment,
	type Provider
} from '../db/schema';
import { VERSION_STATUSES } from '../frameworks/model';
import { providerSchema, providerUpdateSchema } from '../scoring/providers';
import {
	amendmentSchema,
	amendmentsOf,
	assessmentDetail,
	decisionSchema,
	itemSchema,
	startAssessmentSchema,
	trustSchema,
	weighingSchema,
	type AssessedItem,
	type AssessmentDetail
} from '../scoring/assessments';
import { SCORE_LEVELS, arithmetic, scoreOf, type RuleResult } from '../scoring/rule';
import { TRUST_BEHAVIOUR_KEYS, TRUST_JUDGEMENTS, trustBehaviours } from '../scoring/trust';

const id = z.number().int().positive();
const revision = z.number().int().min(1);
const count = z.number().int().min(0);
const nullableText = z.string().nullable();
const date = z.iso.date();
const datetime = z.iso.datetime();

// Requests ------------------------------------------------------------------------------------

export const providerBody = providerSchema;
export const updateProviderBody = providerUpdateSchema;
export const startAssessmentBody = startAssessmentSchema;
export const itemBody = itemSchema;
/** The behaviour comes from the path; the domain checks that a judgement has its motivation. */
export const trustBody = z.object({ judgement: trustSchema.shape.judgement, motivation: trustSchema.shape.motivation });
export const weighingBody = weighingSchema.omit({ seen: true });
export const decisionBody = decisionSchema;
export const amendmentBody = amendmentSchema;
export const assessmentQuery = z.object({
	status: z.enum(ASSESSMENT_STATUSES).optional(),
	providerId: z.coerce.number().int().positive().optional(),
	versionId: z.coerce.number().int().positive().optional()
});

// Responses -----------------------------------------------------------------------------------

export const providerView = z.object({
	id,
	name: z.string(),
	careType: z.string(),
	fundings: z
		.array(z.enum(FUNDING_TYPES))
		.describe('zin: zorg in natura; pgb_professional: PGB to a professional; pgb_informal: PGB to a relative (naaste).'),
	residential: z.boolean().describe('With residential stay (verblijf).'),
	dayCare: z.boolean().nullable().describe('With day care (dagbesteding); null: not recorded.'),
	guardianParent: z
		.boolean()
		.nullable()
		.describe('With a PGB for a naaste: whether the naaste is the client’s gezaghebbende ouder; null: not recorded or no PGB naaste.'),
	note: nullableText,
	revision,
	createdAt: datetime,
	updatedAt: datetime
});
export const providerList = z.object({ providers: z.array(providerView) });

const thresholds = z
	.object({ good: z.number(), sufficient: z.number(), theme: z.number() })
	.describe(
		'Percentages. Good: strictly above `good`; sufficient: from `sufficient` up to and including `good`; a theme strictly below `theme` is flagged.'
	);

const share = {
	assessed: count.describe('Requirements assessed: applicable and scored.'),
	sum: z.number().min(0).describe('Sum of their scores (1, 0.75, 0.25 or 0 each).'),
	percent: z.number().min(0).max(100).nullable().describe('sum / assessed × 100, unrounded; null when nothing was assessed.'),
	arithmetic: z.string().describe('The computation as shown to people, e.g. "29,75 / 40 = 74,4 %".')
};

export const overallView = z.object({
	...share,
	outcome: z.enum(OUTCOMES).nullable().describe('The decision rule’s proposal; null when nothing was assessed.')
});

export const resultView = z.object({
	overall: overallView,
	themes: z.array(
		z.object({ themeKey: z.string(), name: z.string(), ...share, flagged: z.boolean().describe('Below the theme threshold.') })
	),
	unscored: count.describe('Applicable requirements without a score.'),
	thresholds
});

export const itemView = z.object({
	id,
	requirementId: id,
	requirementKey: z.string(),
	number: nullableText,
	text: z.string(),
	theme: z.object({ id, key: z.string(), name: z.string() }),
	addressees: z.array(z.enum(ADDRESSEES)).describe('Whom the requirement addresses; always includes provider in an assessment.'),
	presumedApplicable: z.boolean().describe('What the provider’s facts suggest (proportionality).'),
	presumedReason: z
		.enum(PRESELECTION_REASONS)
		.nullable()
		.describe(
			'Why (not): column_no ("-" in the source), blank_cell (empty cell in the source), funding ("niet van toepassing op PGB\'s"), guardian_parent ("behalve gezaghebbende ouder"), setting (verblijf / dagbesteding), where_relevant ("indien van toepassing"); null: applies without condition.'
		),
	applicable: z.boolean(),
	applicabilityReason: nullableText.describe('Why it applies differently than the type suggests.'),
	level: z.enum(SCORE_LEVELS).nullable(),
	score: z.number().min(0).max(1).nullable(),
	evidence: nullableText,
	explanation: nullableText,
	revision
});

export const trustView = z.object({
	behaviour: z.enum(TRUST_BEHAVIOUR_KEYS),
	name: z.string(),
	judgement: z.enum(TRUST_JUDGEMENTS).nullable(),
	motivation: nullableText
});

export const weighingView = z.object({ severity: nullableText, groupSize: nullableText, organisation: nullableText });

const recurrenceView = z.object({
	key: z.string(),
	number: nullableText,
	theme: z.string(),
	earlier: z.array(date).describe('Dates of earlier final assessments where it was not met either.')
});

const amendmentView = z.object({
	id,
	at: datetime,
	byId: id.nullable(),
	reason: z.string(),
	changes: z.array(z.object({ field: z.string(), itemId: id.nullable(), before: nullableText, after: nullableText }))
});

const assessmentFields = z.object({
	id,
	providerId: id,
	frameworkVersionId: id,
	status: z.enum(ASSESSMENT_STATUSES),
	assessedOn: date,
	thresholds,
	assessorId: id.nullable(),
	severity: nullableText,
	groupSize: nullableText,
	organisation: nullableText.describe('How the care is organised for quality and safety (structuur/organisatie).'),
	decision: z.enum(DECISIONS).nullable(),
	proposedOutcome: z.enum(OUTCOMES).nullable().describe('The proposal when finalised (computed again after an amendment).'),
	decidedOutcome: z.enum(OUTCOMES).nullable(),
	motivation: nullableText,
	decidedById: id.nullable(),
	improvementPlanDue: date.nullable(),
	retestDue: date.nullable(),
	previousAssessmentId: id.nullable(),
	retestOfId: id.nullable().describe('A hertoets: the final assessment it tests again, after its improvement plan was accepted.'),
	improvementPlanReceivedOn: date.nullable(),
	improvementPlanJudgement: z.enum(PLAN_JUDGEMENTS).nullable(),
	improvementPlanMotivation: nullableText,
	improvementPlanJudgedById: id.nullable(),
	revision,
	createdAt: datetime,
	updatedAt: datetime,
	finalizedAt: datetime.nullable()
});

const frameworkRef = z.object({ id, name: z.string() });
const versionRef = z.object({ id, label: z.string(), status: z.enum(VERSION_STATUSES) });

export const assessmentSummary = z.object({
	id,
	status: z.enum(ASSESSMENT_STATUSES),
	assessedOn: date,
	provider: z.object({ id, name: z.string() }),
	framework: frameworkRef,
	version: versionRef,
	decision: z.enum(DECISIONS).nullable(),
	proposedOutcome: z.enum(OUTCOMES).nullable(),
	decidedOutcome: z.enum(OUTCOMES).nullable(),
	revision,
	updatedAt: datetime,
	finalizedAt: datetime.nullable(),
	overall: overallView,
	unscored: count,
	flaggedThemes: z.array(z.string()).describe('Keys of the themes below the theme threshold.')
});
export const assessmentList = z.object({ assessments: z.array(assessmentSummary) });
export const providerAssessments = z.object({ provider: providerView, assessments: z.array(assessmentSummary) });

export const assessmentDetailView = z.object({
	assessment: assessmentFields,
	provider: providerView,
	framework: frameworkRef,
	version: versionRef,
	items: z.array(itemView),
	trust: z.array(trustView).describe('Vertrouwen: a reasoned judgement per behaviour, never a score.'),
	result: resultView,
	unscoredItems: z
		.array(z.object({ itemId: id, label: z.string() }))
		.describe('Applicable requirements without a score, e.g. "Veiligheid 3".'),
	recurrence: z
		.array(recurrenceView)
		.describe('Requirements not met now that were not met in earlier final assessments of the same framework.'),
	amendments: z.array(amendmentView)
});

export const itemUpdateView = z.object({ item: itemView, result: resultView });

// Views ---------------------------------------------------------------------------------------

type Reader = Pick<Db, 'select'>;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toProviderView(p: Provider): z.output<typeof providerView> {
	return { ...p, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() };
}

export function toResultView(result: RuleResult, themes: { key: string; name: string }[], locale: Locale): z.output<typeof resultView> {
	const names = new Map(themes.map((t) => [t.key, t.name]));
	return {
		overall: { ...result.overall, arithmetic: arithmetic(result.overall, locale) },
		themes: result.themes.map((t) => ({ ...t, name: names.get(t.themeKey) ?? t.themeKey, arithmetic: arithmetic(t, locale) })),
		unscored: result.unscored,
		thresholds: result.thresholds
	};
}

export function toItemView({ item, requirement, theme }: AssessedItem): z.output<typeof itemView> {
	return {
		id: item.id,
		requirementId: requirement.id,
		requirementKey: requirement.key,
		number: requirement.number,
		text: requirement.text,
		theme,
		addressees: requirement.addressees,
		presumedApplicable: item.presumedApplicable,
		presumedReason: item.presumedReason,
		applicable: item.applicable,
		applicabilityReason: item.applicabilityReason,
		level: item.level,
		score: item.level ? scoreOf(item.level) : null,
		evidence: item.evidence,
		explanation: item.explanation,
		revision: item.revision
	};
}

export function toTrustView(t: AssessmentDetail['trust'][number]): z.output<typeof trustView> {
	const name = trustBehaviours().find((b) => b.key === t.behaviour)?.name ?? t.behaviour;
	return { behaviour: t.behaviour, name, judgement: t.judgement, motivation: t.motivation };
}

function toAssessmentFields(a: Assessment): z.output<typeof assessmentFields> {
	return { ...a, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString(), finalizedAt: iso(a.finalizedAt) };
}

/** Framework and version of each version id, for labels. */
function versionRefs(db: Reader, versionIds: number[]) {
	if (versionIds.length === 0) return new Map<number, { framework: z.output<typeof frameworkRef>; version: z.output<typeof versionRef> }>();
	const rows = db
		.select({
			id: frameworkVersions.id,
			label: frameworkVersions.label,
			status: frameworkVersions.status,
			frameworkId: frameworks.id,
			frameworkName: frameworks.name
		})
		.from(frameworkVersions)
		.innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
		.where(inArray(frameworkVersions.id, [...new Set(versionIds)]))
		.all();
	return new Map(
		rows.map((r) => [
			r.id,
			{ framework: { id: r.frameworkId, name: r.frameworkName }, version: { id: r.id, label: r.label, status: r.status } }
		])
	);
}

const textOrNull = (v: unknown) => (typeof v === 'string' ? v : null);

/** One assessment with everything about it and its computed result; 404 when there is none. */
export function toDetailView(db: Reader, assessmentId: number, locale: Locale): z.output<typeof assessmentDetailView> {
	const detail = assessmentDetail(db, assessmentId);
	const refs = versionRefs(db, [detail.assessment.frameworkVersionId]).get(detail.assessment.frameworkVersionId)!;
	return {
		assessment: toAssessmentFields(detail.assessment),
		provider: toProviderView(detail.provider),
		...refs,
		items: detail.items.map(toItemView),
		trust: detail.trust.map(toTrustView),
		result: toResultView(detail.result, detail.themes, locale),
		unscoredItems: detail.unscored.map((i) => ({
			itemId: i.item.id,
			label: `${i.theme.name} ${i.requirement.number ?? i.requirement.key}`
		})),
		recurrence: detail.recurrence,
		amendments: amendmentsOf(db, assessmentId).map((a) => ({
			id: a.id,
			at: a.at.toISOString(),
			byId: a.byId,
			reason: a.reason,
			changes: a.changes.map((c) => ({ field: c.field, itemId: c.itemId, before: textOrNull(c.before), after: textOrNull(c.after) }))
		}))
	};
}

/** Assessments in the given order, each with its overall result. */
export function toSummaries(db: Reader, rows: Assessment[], locale: Locale): z.output<typeof assessmentSummary>[] {
	const refs = versionRefs(
		db,
		rows.map((r) => r.frameworkVersionId)
	);
	return rows.map((row) => {
		const { assessment: a, provider, result } = assessmentDetail(db, row.id);
		return {
			id: a.id,
			status: a.status,
			assessedOn: a.assessedOn,
			provider: { id: provider.id, name: provider.name },
			...refs.get(a.frameworkVersionId)!,
			decision: a.decision,
			proposedOutcome: a.proposedOutcome,
			decidedOutcome: a.decidedOutcome,
			revision: a.revision,
			updatedAt: a.updatedAt.toISOString(),
			finalizedAt: iso(a.finalizedAt),
			overall: { ...result.overall, arithmetic: arithmetic(result.overall, locale) },
			unscored: result.unscored,
			flaggedThemes: result.themes.filter((t) => t.flagged).map((t) => t.themeKey)
		};
	});
}
