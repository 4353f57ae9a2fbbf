/**
 * The follow-up of an assessment (Drents kwaliteitskader 2019, beslisregel): when fewer than
 * 75 % of the requirements are met, the provider writes an improvement plan (verbeterplan);
 * the quality managers judge it and then carry out a hertoets, an assessment of its own.
 *
 * - The judgement of the plan is recorded on the final assessment it follows up (the day it
 *   came in, accepted or rejected, why); a rejected plan needs a motivation, and the provider
 *   improves it before a retest.
 * - A retest starts only after the plan was accepted. It tests the same requirements against
 *   the same version with the same thresholds, with the applicability decided the first time
 *   (a different choice still needs a reason), so that the two results can be compared.
 * - The trend compares a retest with the assessment it retests: overall, per theme and per
 *   requirement.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import {
	PLAN_JUDGEMENTS,
	assessmentItems,
	assessmentTrust,
	assessments,
	type Assessment,
	type Outcome,
	type PlanJudgement
} from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { calendarDate, optionalText, validate } from '../validation';
import { assessmentDetail, checkScoringDay, checkStamp, stampSchema, valuesStamp } from './assessments';
import { scoreOf, type Share } from './rule';
import { TRUST_BEHAVIOUR_KEYS } from './trust-keys';

function finalAssessment(db: Pick<Db, 'select'>, id: number): Assessment {
	const row = db.select().from(assessments).where(eq(assessments.id, id)).get();
	if (!row) throw new DomainError('error.missing', 404);
	if (row.status !== 'final') throw new DomainError('error.retest.notFinal', 409);
	return row;
}

/** A plan is asked when the decided outcome is not "goed" (then contract management monitors). */
export const asksPlan = (a: Pick<Assessment, 'status' | 'decidedOutcome'>): boolean =>
	a.status === 'final' && a.decidedOutcome !== null && a.decidedOutcome !== 'good';

export const planJudgementSchema = z
	.object({
		receivedOn: calendarDate,
		judgement: z.enum(PLAN_JUDGEMENTS),
		motivation: optionalText(4000),
		/** valuesStamp of the judgement as shown ([receivedOn, judgement, motivation]); when it changed since, refused (409). */
		seen: stampSchema
	})
	.refine((d) => d.judgement === 'accepted' || d.motivation !== null, {
		path: ['motivation'],
		message: 'error.retest.motivationRequired'
	});

/**
 * Records how the improvement plan of a final assessment was judged. It can be judged again
 * (an improved plan) until its retest has started.
 */
export function judgeImprovementPlan(
	db: Db,
	actor: Actor,
	assessmentId: number,
	input: z.input<typeof planJudgementSchema>,
	now = new Date()
): Assessment {
	const data = validate(planJudgementSchema, input);
	// A plan is judged once it came in: a day ahead is a typing error.
	checkScoringDay('receivedOn', data.receivedOn, now, true);
	return db.transaction((tx) => {
		const a = finalAssessment(tx, assessmentId);
		if (!asksPlan(a)) throw new DomainError('error.retest.noPlanAsked', 409);
		checkStamp(planValues(a), data.seen);
		if (data.receivedOn < a.assessedOn) throw new DomainError('error.retest.planBeforeAssessment', 400, { date: a.assessedOn });
		if (retestOf(tx, a.id)) throw new DomainError('error.retest.alreadyStarted', 409);
		const row = tx
			.update(assessments)
			.set({
				improvementPlanReceivedOn: data.receivedOn,
				improvementPlanJudgement: data.judgement,
				improvementPlanMotivation: data.motivation,
				improvementPlanJudgedById: actor.type === 'user' ? actor.id : null,
				updatedAt: new Date(),
				revision: a.revision + 1
			})
			.where(eq(assessments.id, a.id))
			.returning()
			.get();
		audit(tx, actor, 'assessment.plan-judge', { type: 'assessment', id: a.id }, { receivedOn: data.receivedOn, judgement: data.judgement });
		return row;
	});
}

type PlanFields = Pick<Assessment, 'improvementPlanReceivedOn' | 'improvementPlanJudgement' | 'improvementPlanMotivation'>;
const planValues = (a: PlanFields) => [a.improvementPlanReceivedOn, a.improvementPlanJudgement, a.improvementPlanMotivation];

/** What the plan form sends back: the judgement it showed (an amendment elsewhere is no change of it). */
export function planStamp(a: PlanFields): string {
	return valuesStamp(planValues(a));
}

/** The retest of an assessment, if one was started. */
export function retestOf(db: Pick<Db, 'select'>, assessmentId: number): Assessment | undefined {
	return db.select().from(assessments).where(eq(assessments.retestOfId, assessmentId)).get();
}

export const retestSchema = z.object({ assessedOn: calendarDate });

/**
 * Starts the hertoets of a final assessment whose improvement plan was accepted: a new draft
 * assessment of the same provider against the same version and thresholds, with the same
 * requirements and the applicability decided the first time.
 */
export function startRetest(db: Db, actor: Actor, assessmentId: number, input: z.input<typeof retestSchema>, now = new Date()): Assessment {
	const data = validate(retestSchema, input);
	checkScoringDay('assessedOn', data.assessedOn, now);
	return db.transaction((tx) => {
		const before = finalAssessment(tx, assessmentId);
		if (!asksPlan(before)) throw new DomainError('error.retest.noPlanAsked', 409);
		if (before.improvementPlanJudgement !== 'accepted')
			throw new DomainError(
				before.improvementPlanJudgement === 'rejected' ? 'error.retest.planRejected' : 'error.retest.planNotJudged',
				409
			);
		if (retestOf(tx, before.id)) throw new DomainError('error.retest.alreadyStarted', 409);
		if (data.assessedOn < (before.improvementPlanReceivedOn ?? before.assessedOn))
			throw new DomainError('error.retest.beforePlan', 400, { date: before.improvementPlanReceivedOn ?? before.assessedOn });
		const row = tx
			.insert(assessments)
			.values({
				providerId: before.providerId,
				frameworkVersionId: before.frameworkVersionId,
				assessedOn: data.assessedOn,
				thresholds: before.thresholds,
				assessorId: actor.type === 'user' ? actor.id : null,
				previousAssessmentId: before.id,
				retestOfId: before.id
			})
			.returning()
			.get();
		const items = tx.select().from(assessmentItems).where(eq(assessmentItems.assessmentId, before.id)).all();
		for (const item of items)
			tx.insert(assessmentItems)
				.values({
					assessmentId: row.id,
					requirementId: item.requirementId,
					presumedApplicable: item.presumedApplicable,
					presumedReason: item.presumedReason,
					applicable: item.applicable,
					applicabilityReason: item.applicabilityReason
				})
				.run();
		for (const behaviour of TRUST_BEHAVIOUR_KEYS) tx.insert(assessmentTrust).values({ assessmentId: row.id, behaviour }).run();
		audit(tx, actor, 'assessment.retest', { type: 'assessment', id: row.id }, { retestOf: before.id, requirements: items.length });
		return row;
	});
}

export interface ShareChange {
	before: Share;
	after: Share;
	/** Percentage points, after − before; null when either has nothing assessed. */
	points: number | null;
}

export interface RetestTrend {
	/** The assessment retested. */
	before: { id: number; assessedOn: string; outcome: Outcome | null };
	overall: ShareChange & { outcomeBefore: Outcome | null; outcomeAfter: Outcome | null };
	themes: (ShareChange & { themeKey: string; name: string })[];
	/** Requirements scored in both, by whether their score went up, stayed or went down. */
	requirements: { better: number; same: number; worse: number };
}

const change = (before: Share, after: Share): ShareChange => ({
	before,
	after,
	points: before.percent === null || after.percent === null ? null : after.percent - before.percent
});

/**
 * How a retest compares with the assessment it retests; null for an assessment that is not a
 * retest. The retest's own result is what it holds now (a draft's so far).
 */
export function retestTrend(db: Pick<Db, 'select'>, assessmentId: number): RetestTrend | null {
	const now = assessmentDetail(db, assessmentId);
	const retestOfId = now.assessment.retestOfId;
	if (retestOfId === null) return null;
	const then = assessmentDetail(db, retestOfId);
	const thenThemes = new Map(then.result.themes.map((t) => [t.themeKey, t]));
	const thenLevels = new Map(then.items.map((i) => [i.item.requirementId, i.item.applicable ? i.item.level : null]));
	const requirements = { better: 0, same: 0, worse: 0 };
	for (const i of now.items) {
		const was = thenLevels.get(i.item.requirementId);
		const is = i.item.applicable ? i.item.level : null;
		if (!was || !is) continue;
		const d = scoreOf(is) - scoreOf(was);
		requirements[d > 0 ? 'better' : d < 0 ? 'worse' : 'same']++;
	}
	return {
		before: { id: then.assessment.id, assessedOn: then.assessment.assessedOn, outcome: then.assessment.decidedOutcome },
		overall: {
			...change(then.result.overall, now.result.overall),
			outcomeBefore: then.assessment.decidedOutcome,
			outcomeAfter: now.assessment.decidedOutcome ?? now.result.overall.outcome
		},
		themes: now.themes.map((th) => {
			const after = now.result.themes.find((t) => t.themeKey === th.key)!;
			const before = thenThemes.get(th.key) ?? { assessed: 0, sum: 0, percent: null };
			return { themeKey: th.key, name: th.name, ...change(before, after) };
		}),
		requirements
	};
}

/** The judgement of the improvement plan of an assessment as recorded, or null. */
export function planJudgementOf(a: Assessment): { receivedOn: string; judgement: PlanJudgement; motivation: string | null } | null {
	if (!a.improvementPlanJudgement || !a.improvementPlanReceivedOn) return null;
	return { receivedOn: a.improvementPlanReceivedOn, judgement: a.improvementPlanJudgement, motivation: a.improvementPlanMotivation };
}

/** Whether a retest of this assessment can start now: its plan was accepted and no retest exists yet. */
export function isRetestable(db: Pick<Db, 'select'>, a: Assessment): boolean {
	return asksPlan(a) && a.improvementPlanJudgement === 'accepted' && !retestOf(db, a.id);
}
