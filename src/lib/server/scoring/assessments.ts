/**
 * Assessments (toetsingen): one provider against one published framework version.
 *
 * - Starting one pre-selects the requirements that apply to the provider's type
 *   (proportionality); a different choice needs a reason.
 * - Each applicable requirement gets a level, the evidence seen and an explanation: the story
 *   behind the number.
 * - The computation is the pure decision rule in ./rule.ts, with the thresholds copied in when
 *   the assessment started.
 * - Vertrouwen is judged per behaviour in words (strengthened, unchanged, harmed, restored),
 *   never scored.
 * - Recurrence is computed from the provider's earlier final assessments: requirements not met
 *   then and not met again now.
 * - Finalising lists missing scores. The manager accepts the proposed outcome or deviates from
 *   it with a motivation; decision and basis are audited. A final assessment changes only
 *   through an amendment with a reason, which is kept.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db';
import {
	ASSESSMENT_STATUSES,
	DECISIONS,
	FUNDING_TYPES,
	OUTCOMES,
	type Outcome,
	type PreselectionReason,
	assessmentAmendments,
	assessmentItems,
	assessmentTrust,
	assessments,
	frameworkRequirements,
	frameworkThemes,
	frameworkVersions,
	frameworks,
	providers,
	type Assessment,
	type AssessmentItem,
	type FrameworkRequirement,
	type Provider
} from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { calendarDate, optionalText, type Problem, validate, ValidationError } from '../validation';
import { today } from '../../shared/dates';
import { DEFAULT_THRESHOLDS, SCORE_LEVELS, applyRule, type RuleResult, type ScoreLevel } from './rule';
import { TRUST_BEHAVIOUR_KEYS, TRUST_JUDGEMENTS } from './trust-keys';

/** What a requirement's applicability tests: its columns, the verblijf flag and its rules. */
export type RequirementApplicability = Pick<
	FrameworkRequirement,
	'appliesProfessional' | 'appliesInformal' | 'residentialOnly' | 'applicabilityRules'
>;
/** The facts of the provider register that the rules test. */
export type ProviderFacts = Pick<Provider, 'fundings' | 'residential' | 'dayCare' | 'guardianParent'>;

export interface Preselection {
	applicable: boolean;
	/** Why (not): see PRESELECTION_REASONS; null when it applies without a condition. */
	reason: PreselectionReason | null;
}

/**
 * Whether a requirement applies to a provider, as far as its facts tell (proportionality):
 *
 * - a setting rule ("bij verblijf", "meestal om dagbesteding of verblijf"): only where the
 *   provider has one of those settings; without a rule, the flag residentialOnly asks for verblijf;
 * - per funding of the provider, the column for professional care (ZIN, PGB professional) or
 *   care by a naaste (PGB naaste): "-" does not apply; a blank cell where the source fills in
 *   the other column is read as not ticked; a column "yes" or "conditional" applies unless a
 *   rule excludes the funding ("niet van toepassing op PGB's") or, for a naaste who is the
 *   client's gezaghebbende ouder, the rule "behalve gezaghebbende ouder";
 * - it applies when it applies for one of the provider's fundings; "indien van toepassing"
 *   stays pre-selected with that reason, for the assessor to check.
 *
 * When the source states no column at all (e.g. MOVISIE) the requirement applies: the assessor
 * decides, rather than a requirement silently dropping out. Facts not recorded (null) count as
 * "no"; startAssessment refuses when the outcome depends on them (see missingFacts).
 */
export function presumeApplicable(requirement: RequirementApplicability, provider: ProviderFacts): Preselection {
	const rules = requirement.applicabilityRules ?? [];
	const setting = rules.find((r) => r.kind === 'setting');
	const inSetting = setting
		? (setting.settings.includes('residential') && provider.residential) ||
			(setting.settings.includes('day_care') && provider.dayCare === true)
		: !requirement.residentialOnly || provider.residential;
	if (!inSetting) return { applicable: false, reason: 'setting' };
	const silent = requirement.appliesProfessional === 'unspecified' && requirement.appliesInformal === 'unspecified';
	const excluded = new Set(rules.flatMap((r) => (r.kind === 'not_for_funding' ? r.fundings : [])));
	const guardianRule = rules.some((r) => r.kind === 'not_for_guardian_parent');
	let reason: PreselectionReason | null = null;
	for (const funding of FUNDING_TYPES.filter((f) => provider.fundings.includes(f))) {
		const column = funding === 'pgb_informal' ? requirement.appliesInformal : requirement.appliesProfessional;
		const why: PreselectionReason | null =
			column === 'no'
				? 'column_no'
				: column === 'unspecified' && !silent
					? 'blank_cell'
					: excluded.has(funding)
						? 'funding'
						: funding === 'pgb_informal' && guardianRule && provider.guardianParent === true
							? 'guardian_parent'
							: null;
		if (why === null) return { applicable: true, reason: rules.some((r) => r.kind === 'where_relevant') ? 'where_relevant' : null };
		reason ??= why;
	}
	return { applicable: false, reason };
}

/** Facts of the provider that are not recorded (null) but would change whether this requirement applies. */
export function missingFacts(requirement: RequirementApplicability, provider: ProviderFacts): ('dayCare' | 'guardianParent')[] {
	const missing: ('dayCare' | 'guardianParent')[] = [];
	for (const fact of ['dayCare', 'guardianParent'] as const) {
		if (provider[fact] !== null) continue;
		if (fact === 'guardianParent' && !provider.fundings.includes('pgb_informal')) continue;
		const yes = presumeApplicable(requirement, { ...provider, [fact]: true }).applicable;
		const no = presumeApplicable(requirement, { ...provider, [fact]: false }).applicable;
		if (yes !== no) missing.push(fact);
	}
	return missing;
}

/** A requirement belongs in an assessment of a provider when it addresses the provider (alone or with others). */
export function addressesProvider(requirement: Pick<FrameworkRequirement, 'addressees'>): boolean {
	return requirement.addressees.includes('provider');
}

export const startAssessmentSchema = z.object({
	providerId: z.number().int().positive(),
	frameworkVersionId: z.number().int().positive(),
	assessedOn: calendarDate
});

function lastFinal(tx: Pick<Db, 'select'>, providerId: number, exceptId?: number): Assessment | undefined {
	return tx
		.select()
		.from(assessments)
		.where(
			and(eq(assessments.providerId, providerId), eq(assessments.status, 'final'), exceptId ? ne(assessments.id, exceptId) : undefined)
		)
		.orderBy(desc(assessments.assessedOn), desc(assessments.id))
		.get();
}

/** How far ahead an assessment may be dated: a date years ahead is a typing error, and it goes into the provider's report. */
const MAX_DAYS_AHEAD = 366;
/** The earliest day an assessment may have: the Wmo dates from 2007; anything before 2000 is a typing error. */
const EARLIEST_DAY = '2000-01-01';
/** How far after the assessment a follow-up (plan, retest) may be due: later is a typing error in the year. */
const MAX_FOLLOW_UP_YEARS = 5;

/**
 * A day of the scoring (an assessment, a retest, a plan that came in) in the form field
 * `field`: not before 2000 and not more than a year ahead, as an assessment may be planned.
 * `past`: a day that has happened (a plan that came in), today at the latest (Dutch time).
 */
export function checkScoringDay(field: string, day: string, now: Date, past = false): void {
	if (past && day > today(now)) throw new ValidationError([{ path: [field], code: 'error.assessment.dateFuture', params: {} }]);
	const latest = today(new Date(now.getTime() + MAX_DAYS_AHEAD * 86_400_000));
	if (day > latest) throw new ValidationError([{ path: [field], code: 'error.assessment.dateTooFar', params: { days: MAX_DAYS_AHEAD } }]);
	if (day < EARLIEST_DAY)
		throw new ValidationError([{ path: [field], code: 'error.assessment.dateTooEarly', params: { date: EARLIEST_DAY } }]);
}

/** Starts an assessment against a published version, with the applicable requirements pre-selected. */
export function startAssessment(db: Db, actor: Actor, input: z.input<typeof startAssessmentSchema>, now = new Date()): Assessment {
	const data = validate(startAssessmentSchema, input);
	checkScoringDay('assessedOn', data.assessedOn, now);
	return db.transaction((tx) => {
		const provider = tx.select().from(providers).where(eq(providers.id, data.providerId)).get();
		if (!provider) throw new DomainError('error.missing', 404);
		const version = tx.select().from(frameworkVersions).where(eq(frameworkVersions.id, data.frameworkVersionId)).get();
		if (!version) throw new DomainError('error.missing', 404);
		if (version.status !== 'published') throw new DomainError('error.assessment.draftVersion', 409);
		const framework = tx.select().from(frameworks).where(eq(frameworks.id, version.frameworkId)).get()!;
		// Requirements addressed to the municipality (or others) alone are never part of a provider's assessment.
		const requirements = orderedRequirements(tx, version.id).filter(({ requirement }) => addressesProvider(requirement));
		if (requirements.length === 0) throw new DomainError('error.assessment.noProviderRequirements', 409);
		for (const fact of ['guardianParent', 'dayCare'] as const) {
			const needing = requirements.filter(({ requirement }) => missingFacts(requirement, provider).includes(fact));
			if (needing.length > 0)
				throw new DomainError(
					fact === 'guardianParent' ? 'error.assessment.guardianParentMissing' : 'error.assessment.dayCareMissing',
					409,
					{
						provider: provider.name,
						list: needing.map((r) => `${r.theme.name} ${r.requirement.number ?? r.requirement.key}`).join(', ')
					}
				);
		}
		const row = tx
			.insert(assessments)
			.values({
				providerId: provider.id,
				frameworkVersionId: version.id,
				assessedOn: data.assessedOn,
				thresholds: framework.thresholds ?? DEFAULT_THRESHOLDS,
				assessorId: actor.type === 'user' ? actor.id : null,
				previousAssessmentId: lastFinal(tx, provider.id)?.id ?? null
			})
			.returning()
			.get();
		for (const { requirement } of requirements) {
			const presumed = presumeApplicable(requirement, provider);
			tx.insert(assessmentItems)
				.values({
					assessmentId: row.id,
					requirementId: requirement.id,
					presumedApplicable: presumed.applicable,
					presumedReason: presumed.reason,
					applicable: presumed.applicable
				})
				.run();
		}
		for (const behaviour of TRUST_BEHAVIOUR_KEYS) tx.insert(assessmentTrust).values({ assessmentId: row.id, behaviour }).run();
		audit(
			tx,
			actor,
			'assessment.start',
			{ type: 'assessment', id: row.id },
			{ providerId: provider.id, frameworkVersionId: version.id, requirements: requirements.length }
		);
		return row;
	});
}

function orderedRequirements(tx: Pick<Db, 'select'>, versionId: number) {
	return tx
		.select({ requirement: frameworkRequirements, theme: { id: frameworkThemes.id, key: frameworkThemes.key, name: frameworkThemes.name } })
		.from(frameworkRequirements)
		.innerJoin(frameworkThemes, eq(frameworkThemes.id, frameworkRequirements.themeId))
		.where(eq(frameworkRequirements.versionId, versionId))
		.orderBy(asc(frameworkThemes.position), asc(frameworkRequirements.position))
		.all();
}

function loadDraft(tx: Pick<Db, 'select'>, id: number): Assessment {
	const row = tx.select().from(assessments).where(eq(assessments.id, id)).get();
	if (!row) throw new DomainError('error.missing', 404);
	if (row.status === 'final') throw new DomainError('error.assessment.final', 409);
	return row;
}

export const itemSchema = z.object({
	revision: z.number().int().positive(),
	applicable: z.boolean(),
	applicabilityReason: optionalText(1000),
	level: z.enum(SCORE_LEVELS).nullable(),
	evidence: optionalText(4000),
	explanation: optionalText(4000)
});

/** Scores one requirement (or says it does not apply, with a reason when that differs from the type). */
export function updateItem(db: Db, actor: Actor, assessmentId: number, itemId: number, input: z.input<typeof itemSchema>): AssessmentItem {
	const { revision, ...data } = validate(itemSchema, input);
	return db.transaction((tx) => {
		const assessment = loadDraft(tx, assessmentId);
		const item = tx
			.select()
			.from(assessmentItems)
			.where(and(eq(assessmentItems.id, itemId), eq(assessmentItems.assessmentId, assessment.id)))
			.get();
		if (!item) throw new DomainError('error.missing', 404);
		if (item.revision !== revision) throw new DomainError('error.assessment.conflict', 409);
		if (data.applicable !== item.presumedApplicable && !data.applicabilityReason) {
			const { requirement, theme } = tx
				.select({
					requirement: { number: frameworkRequirements.number, key: frameworkRequirements.key },
					theme: { name: frameworkThemes.name }
				})
				.from(frameworkRequirements)
				.innerJoin(frameworkThemes, eq(frameworkThemes.id, frameworkRequirements.themeId))
				.where(eq(frameworkRequirements.id, item.requirementId))
				.get()!;
			throw new DomainError('error.assessment.reasonRequired', 400, {
				requirement: `${theme.name} ${requirement.number ?? requirement.key}`
			});
		}
		const row = tx
			.update(assessmentItems)
			.set({
				...data,
				// A requirement that does not apply has no score.
				level: data.applicable ? data.level : null,
				applicabilityReason: data.applicable === item.presumedApplicable ? null : data.applicabilityReason,
				revision: item.revision + 1
			})
			.where(eq(assessmentItems.id, itemId))
			.returning()
			.get();
		tx.update(assessments).set({ updatedAt: new Date() }).where(eq(assessments.id, assessment.id)).run();
		audit(
			tx,
			actor,
			'assessment.item',
			{ type: 'assessment', id: assessment.id },
			{ itemId, applicable: data.applicable, level: data.level }
		);
		return row;
	});
}

/**
 * A short fingerprint of saved values (the weighing, one trust judgement, the plan judgement).
 * A form sends the one of the values it showed; when they changed since (a colleague saved in
 * between), the change is refused instead of overwriting what the person never saw. Forms only:
 * the JSON API neither shows nor takes it.
 */
export function valuesStamp(values: readonly (string | null)[]): string {
	return createHash('sha256').update(JSON.stringify(values)).digest('base64url').slice(0, 16);
}

/** The `seen` field of a form: the valuesStamp it showed. */
export const stampSchema = z.string().max(64).optional();

export function checkStamp(current: readonly (string | null)[], seen: string | undefined): void {
	if (seen !== undefined && valuesStamp(current) !== seen) throw new DomainError('error.assessment.changedMeanwhile', 409);
}

export const trustSchema = z
	.object({
		behaviour: z.enum(TRUST_BEHAVIOUR_KEYS),
		judgement: z.enum(TRUST_JUDGEMENTS).nullable(),
		motivation: optionalText(4000),
		/** valuesStamp of [judgement, motivation] as shown. */
		seen: stampSchema
	})
	.refine((t) => t.judgement === null || t.motivation !== null, { path: ['motivation'], message: 'error.assessment.trustMotivation' });

/** A reasoned judgement on one behaviour of vertrouwen: the judgement needs its motivation. */
export function judgeTrust(db: Db, actor: Actor, assessmentId: number, input: z.input<typeof trustSchema>): void {
	const data = validate(trustSchema, input);
	db.transaction((tx) => {
		loadDraft(tx, assessmentId);
		const current = tx
			.select({ judgement: assessmentTrust.judgement, motivation: assessmentTrust.motivation })
			.from(assessmentTrust)
			.where(and(eq(assessmentTrust.assessmentId, assessmentId), eq(assessmentTrust.behaviour, data.behaviour)))
			.get();
		checkStamp([current?.judgement ?? null, current?.motivation ?? null], data.seen);
		tx.update(assessmentTrust)
			.set({ judgement: data.judgement, motivation: data.motivation })
			.where(and(eq(assessmentTrust.assessmentId, assessmentId), eq(assessmentTrust.behaviour, data.behaviour)))
			.run();
		audit(
			tx,
			actor,
			'assessment.trust',
			{ type: 'assessment', id: assessmentId },
			{ behaviour: data.behaviour, judgement: data.judgement }
		);
	});
}

export const weighingSchema = z.object({
	severity: optionalText(4000),
	groupSize: optionalText(2000),
	organisation: optionalText(4000),
	/** valuesStamp of [severity, groupSize, organisation] as shown. */
	seen: stampSchema
});

/**
 * The weighing factors in words: severity of the risk and harm, size of the group affected,
 * and how the care is organised for quality and safety ("structuur/organisatie").
 */
export function setWeighing(db: Db, actor: Actor, assessmentId: number, input: z.input<typeof weighingSchema>): void {
	const { seen, ...data } = validate(weighingSchema, input);
	db.transaction((tx) => {
		const a = loadDraft(tx, assessmentId);
		checkStamp([a.severity, a.groupSize, a.organisation], seen);
		tx.update(assessments)
			.set({ ...data, updatedAt: new Date() })
			.where(eq(assessments.id, assessmentId))
			.run();
		audit(tx, actor, 'assessment.weighing', { type: 'assessment', id: assessmentId });
	});
}

export interface AssessedItem {
	item: AssessmentItem;
	requirement: FrameworkRequirement;
	theme: { id: number; key: string; name: string };
}

/** Every requirement of a theme is left out for this provider (not applicable): nothing to score there, not unfinished. */
export function allLeftOut(items: readonly { item: Pick<AssessmentItem, 'applicable'> }[]): boolean {
	return items.length > 0 && items.every((i) => !i.item.applicable);
}

export interface Recurrence {
	/** The requirement's key, stable across versions of a framework. */
	key: string;
	number: string | null;
	theme: string;
	/** Dates (YYYY-MM-DD) of earlier final assessments where it was not met either. */
	earlier: string[];
}

export interface AssessmentDetail {
	assessment: Assessment;
	provider: Provider;
	items: AssessedItem[];
	trust: {
		behaviour: (typeof TRUST_BEHAVIOUR_KEYS)[number];
		judgement: (typeof TRUST_JUDGEMENTS)[number] | null;
		motivation: string | null;
	}[];
	result: RuleResult;
	/** Names of themes, by key, in order. */
	themes: { key: string; name: string }[];
	/** Applicable requirements without a level: "Veiligheid 3". */
	unscored: AssessedItem[];
	recurrence: Recurrence[];
}

const NOT_MET: ScoreLevel[] = ['not', 'largely_not'];

function itemsOf(tx: Pick<Db, 'select'>, assessmentId: number): AssessedItem[] {
	return tx
		.select({
			item: assessmentItems,
			requirement: frameworkRequirements,
			theme: { id: frameworkThemes.id, key: frameworkThemes.key, name: frameworkThemes.name }
		})
		.from(assessmentItems)
		.innerJoin(frameworkRequirements, eq(frameworkRequirements.id, assessmentItems.requirementId))
		.innerJoin(frameworkThemes, eq(frameworkThemes.id, frameworkRequirements.themeId))
		.where(eq(assessmentItems.assessmentId, assessmentId))
		.orderBy(asc(frameworkThemes.position), asc(frameworkRequirements.position))
		.all();
}

/** Requirements not met now that were not met in the provider's earlier final assessments of the same framework. */
function recurrenceOf(tx: Pick<Db, 'select'>, assessment: Assessment, items: AssessedItem[]): Recurrence[] {
	const version = tx.select().from(frameworkVersions).where(eq(frameworkVersions.id, assessment.frameworkVersionId)).get()!;
	const sameFramework = tx
		.select({ id: frameworkVersions.id })
		.from(frameworkVersions)
		.where(eq(frameworkVersions.frameworkId, version.frameworkId))
		.all()
		.map((v) => v.id);
	const earlier = tx
		.select()
		.from(assessments)
		.where(
			and(
				eq(assessments.providerId, assessment.providerId),
				eq(assessments.status, 'final'),
				ne(assessments.id, assessment.id),
				inArray(assessments.frameworkVersionId, sameFramework)
			)
		)
		.all()
		.filter((a) => a.assessedOn <= assessment.assessedOn);
	const notMetEarlier = new Map<string, string[]>();
	for (const a of earlier) {
		for (const e of itemsOf(tx, a.id)) {
			if (!e.item.applicable || !e.item.level || !NOT_MET.includes(e.item.level)) continue;
			const k = `${e.theme.key}/${e.requirement.key}`;
			notMetEarlier.set(k, [...(notMetEarlier.get(k) ?? []), a.assessedOn].sort());
		}
	}
	return items
		.filter(
			(i) => i.item.applicable && i.item.level && NOT_MET.includes(i.item.level) && notMetEarlier.has(`${i.theme.key}/${i.requirement.key}`)
		)
		.map((i) => ({
			key: i.requirement.key,
			number: i.requirement.number,
			theme: i.theme.name,
			earlier: notMetEarlier.get(`${i.theme.key}/${i.requirement.key}`)!
		}));
}

/** Everything about one assessment, with the computed result. */
export function assessmentDetail(db: Pick<Db, 'select'>, id: number): AssessmentDetail {
	const assessment = db.select().from(assessments).where(eq(assessments.id, id)).get();
	if (!assessment) throw new DomainError('error.missing', 404);
	const provider = db.select().from(providers).where(eq(providers.id, assessment.providerId)).get()!;
	const items = itemsOf(db, id);
	const themes: { key: string; name: string }[] = [];
	for (const i of items) if (!themes.some((t) => t.key === i.theme.key)) themes.push({ key: i.theme.key, name: i.theme.name });
	const result = applyRule(
		items.map((i) => ({ themeKey: i.theme.key, applicable: i.item.applicable, level: i.item.level })),
		assessment.thresholds
	);
	const order = new Map(TRUST_BEHAVIOUR_KEYS.map((k, n) => [k, n]));
	const trust = db
		.select()
		.from(assessmentTrust)
		.where(eq(assessmentTrust.assessmentId, id))
		.all()
		.sort((a, b) => order.get(a.behaviour)! - order.get(b.behaviour)!)
		.map((t) => ({ behaviour: t.behaviour, judgement: t.judgement, motivation: t.motivation }));
	return {
		assessment,
		provider,
		items,
		trust,
		result,
		themes,
		unscored: items.filter((i) => i.item.applicable && i.item.level === null),
		recurrence: recurrenceOf(db, assessment, items)
	};
}

export const decisionSchema = z
	.object({
		decision: z.enum(DECISIONS),
		/** The rule's proposal as the decider saw it; a different one now means scores changed meanwhile. */
		proposedOutcome: z.enum(OUTCOMES).nullish(),
		decidedOutcome: z.enum(OUTCOMES).nullish(),
		motivation: optionalText(4000),
		// Empty means "not asked"; anything else must be a date (and is told so, not "choose one").
		improvementPlanDue: z.preprocess((v) => (v === '' ? null : v), calendarDate.nullish()),
		retestDue: z.preprocess((v) => (v === '' ? null : v), calendarDate.nullish())
	})
	.refine((d) => d.decision === 'accept' || d.motivation !== null, { path: ['motivation'], message: 'error.assessment.motivationRequired' })
	.refine((d) => d.decision === 'accept' || !!d.decidedOutcome, { path: ['decidedOutcome'], message: 'error.assessment.outcomeRequired' });

/**
 * The dates that follow the decision must fit it and each other (they go into the provider's
 * report): no improvement plan or retest after "good" (the decision rule: contract management
 * follows), nothing due before the assessment or more than five years after it, and the
 * retest not before the plan is due.
 */
function followUpDates(assessedOn: string, decided: Outcome, planDue: string | null, retestDue: string | null): void {
	const problems: Problem[] = [];
	if (decided === 'good') {
		if (planDue) problems.push({ path: ['improvementPlanDue'], code: 'error.assessment.noFollowUpWhenGood', params: {} });
		if (retestDue) problems.push({ path: ['retestDue'], code: 'error.assessment.noFollowUpWhenGood', params: {} });
	} else {
		const latest = `${Number(assessedOn.slice(0, 4)) + MAX_FOLLOW_UP_YEARS}${assessedOn.slice(4)}`;
		if (planDue && planDue < assessedOn)
			problems.push({ path: ['improvementPlanDue'], code: 'error.assessment.beforeAssessment', params: { date: assessedOn } });
		else if (planDue && planDue > latest) problems.push({ path: ['improvementPlanDue'], code: 'error.assessment.dueTooFar', params: {} });
		if (retestDue && retestDue < assessedOn)
			problems.push({ path: ['retestDue'], code: 'error.assessment.beforeAssessment', params: { date: assessedOn } });
		else if (retestDue && planDue && retestDue < planDue)
			problems.push({ path: ['retestDue'], code: 'error.assessment.retestBeforePlan', params: { date: planDue } });
		else if (retestDue && retestDue > latest) problems.push({ path: ['retestDue'], code: 'error.assessment.dueTooFar', params: {} });
	}
	if (problems.length > 0) throw new ValidationError(problems);
}

const label = (i: AssessedItem) => `${i.theme.name} ${i.requirement.number ?? i.requirement.key}`;

/**
 * Finalises with the manager's decision: accept the proposed outcome, or deviate with a
 * motivation. Refused while applicable requirements have no score (they are listed).
 */
export function finalizeAssessment(
	db: Db,
	actor: Actor,
	assessmentId: number,
	input: z.input<typeof decisionSchema>,
	now = new Date()
): Assessment {
	const data = validate(decisionSchema, input);
	return db.transaction((tx) => {
		loadDraft(tx, assessmentId);
		const detail = assessmentDetail(tx, assessmentId);
		if (detail.unscored.length > 0) {
			throw new DomainError('error.assessment.unscored', 409, {
				count: detail.unscored.length,
				list: detail.unscored.map(label).join(', ')
			});
		}
		const proposed = detail.result.overall.outcome;
		if (!proposed) throw new DomainError('error.assessment.nothingAssessed', 409);
		// Someone changed a score after the decider looked: "accept" would take a proposal they never saw.
		if (data.proposedOutcome && data.proposedOutcome !== proposed) throw new DomainError('error.assessment.proposalChanged', 409);
		if (data.decision === 'deviate' && data.decidedOutcome === proposed) throw new DomainError('error.assessment.deviationSame', 400);
		const decided = data.decision === 'accept' ? proposed : data.decidedOutcome!;
		followUpDates(detail.assessment.assessedOn, decided, data.improvementPlanDue ?? null, data.retestDue ?? null);
		const row = tx
			.update(assessments)
			.set({
				status: 'final',
				decision: data.decision,
				proposedOutcome: proposed,
				decidedOutcome: decided,
				motivation: data.motivation,
				improvementPlanDue: data.improvementPlanDue ?? null,
				retestDue: data.retestDue ?? null,
				decidedById: actor.type === 'user' ? actor.id : null,
				finalizedAt: now,
				updatedAt: now,
				revision: detail.assessment.revision + 1
			})
			.where(eq(assessments.id, assessmentId))
			.returning()
			.get();
		audit(
			tx,
			actor,
			'assessment.decide',
			{ type: 'assessment', id: assessmentId },
			{
				decision: data.decision,
				proposed,
				decided,
				basis: {
					assessed: detail.result.overall.assessed,
					sum: detail.result.overall.sum,
					percent: detail.result.overall.percent,
					thresholds: detail.assessment.thresholds,
					flaggedThemes: detail.result.themes.filter((t) => t.flagged).map((t) => t.themeKey),
					recurrence: detail.recurrence.length
				}
			}
		);
		return row;
	});
}

/** Text that may be left out (undefined: keep what is there) or emptied (null). */
const keptOrText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.nullable()
		.optional()
		.transform((v) => (v === undefined ? undefined : v ? v : null));

export const amendmentSchema = z.object({
	reason: z.string().trim().min(1).max(2000),
	itemId: z.number().int().positive(),
	level: z.enum(SCORE_LEVELS).nullable(),
	evidence: keptOrText(4000),
	explanation: keptOrText(4000),
	/** The requirement's revision as shown; when given and it changed since, the change is refused (409). */
	revision: z.number().int().positive().optional()
});

/**
 * Changes a requirement of a final assessment: only with a reason, recorded with what it was
 * before. The proposed outcome is computed again; the manager's decision stands and is shown
 * next to it.
 */
export function amendAssessment(db: Db, actor: Actor, assessmentId: number, input: z.input<typeof amendmentSchema>): Assessment {
	const { reason, itemId, revision, ...after } = validate(amendmentSchema, input);
	return db.transaction((tx) => {
		const assessment = tx.select().from(assessments).where(eq(assessments.id, assessmentId)).get();
		if (!assessment) throw new DomainError('error.missing', 404);
		if (assessment.status !== 'final') throw new DomainError('error.assessment.notFinal', 409);
		const item = tx
			.select()
			.from(assessmentItems)
			.where(and(eq(assessmentItems.id, itemId), eq(assessmentItems.assessmentId, assessmentId)))
			.get();
		if (!item) throw new DomainError('error.missing', 404);
		if (!item.applicable) throw new DomainError('error.assessment.notApplicable', 409);
		if (revision !== undefined && revision !== item.revision) throw new DomainError('error.assessment.changedMeanwhile', 409);
		if (after.level === null) throw new DomainError('error.assessment.levelRequired', 400);
		// A field left out stays as it is.
		const next = {
			level: after.level,
			evidence: after.evidence === undefined ? item.evidence : after.evidence,
			explanation: after.explanation === undefined ? item.explanation : after.explanation
		};
		const changes = (['level', 'evidence', 'explanation'] as const)
			.filter((field) => item[field] !== next[field])
			.map((field) => ({ field, itemId, before: item[field], after: next[field] }));
		if (changes.length === 0) throw new DomainError('error.assessment.noChange', 400);
		tx.update(assessmentItems)
			.set({ ...next, revision: item.revision + 1 })
			.where(eq(assessmentItems.id, itemId))
			.run();
		tx.insert(assessmentAmendments)
			.values({ assessmentId, byId: actor.type === 'user' ? actor.id : null, reason, changes })
			.run();
		const proposed = assessmentDetail(tx, assessmentId).result.overall.outcome;
		const row = tx
			.update(assessments)
			.set({ proposedOutcome: proposed, updatedAt: new Date(), revision: assessment.revision + 1 })
			.where(eq(assessments.id, assessmentId))
			.returning()
			.get();
		audit(tx, actor, 'assessment.amend', { type: 'assessment', id: assessmentId }, { reason, changes, proposed });
		return row;
	});
}

export function amendmentsOf(db: Pick<Db, 'select'>, assessmentId: number) {
	return db
		.select()
		.from(assessmentAmendments)
		.where(eq(assessmentAmendments.assessmentId, assessmentId))
		.orderBy(asc(assessmentAmendments.id))
		.all();
}

export interface AssessmentFilter {
	status?: (typeof ASSESSMENT_STATUSES)[number];
	providerId?: number;
	versionId?: number;
}

/** Assessments matching the filter, newest first: the one list query for pages and API. */
export function findAssessments(db: Pick<Db, 'select'>, filter: AssessmentFilter = {}): Assessment[] {
	const conditions: SQL[] = [];
	if (filter.status) conditions.push(eq(assessments.status, filter.status));
	if (filter.providerId) conditions.push(eq(assessments.providerId, filter.providerId));
	if (filter.versionId) conditions.push(eq(assessments.frameworkVersionId, filter.versionId));
	return db
		.select()
		.from(assessments)
		.where(and(...conditions))
		.orderBy(desc(assessments.assessedOn), desc(assessments.id))
		.all();
}

export type { Tx };

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
