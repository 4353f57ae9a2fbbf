/**
 * The follow-up of an assessment on a real database: the improvement plan judged (a rejection
 * needs a motivation), the hertoets started only after an accepted plan, as an assessment of
 * its own with the same requirements, applicability and thresholds, and the trend against the
 * assessment it retests.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { errorCode as code } from '../helpers/errors';
import { scoreAll, scoringWorld } from '../helpers/scoring';
import { auditLog } from '../../src/lib/server/db/schema';
import { createProvider } from '../../src/lib/server/scoring/providers';
import {
	amendAssessment,
	assessmentDetail,
	checkScoringDay,
	finalizeAssessment,
	startAssessment,
	updateItem
} from '../../src/lib/server/scoring/assessments';
import { judgeImprovementPlan, planStamp, retestOf, retestTrend, startRetest } from '../../src/lib/server/scoring/retest';
import { followUpView } from '../../src/lib/server/scoring/view';
import { assessmentReportView } from '../../src/lib/server/scoring/report-view';
import { setFrameworkThresholds } from '../../src/lib/server/scoring/thresholds';

async function world() {
	const { db, actor, drents } = await scoringWorld();
	const house = createProvider(db, actor, { name: 'Het Erf', careType: 'Beschermd wonen', fundings: ['zin'], residential: true });
	return { db, actor, drents, house };
}

/** A final assessment of Het Erf with "voldoende" (70 %): a plan is asked. One requirement set aside with a reason. */
async function sufficient() {
	const w = await world();
	const { db, actor, drents, house } = w;
	const a = startAssessment(db, actor, { providerId: house.id, frameworkVersionId: drents.id, assessedOn: '2026-01-15' });
	const first = assessmentDetail(db, a.id).items[0]!.item;
	updateItem(db, actor, a.id, first.id, {
		revision: first.revision,
		applicable: false,
		applicabilityReason: 'Geen medicatie in deze woonvorm.',
		level: null
	});
	// 30 of the 43 that apply met, 13 not: 69,8 %, "voldoende".
	let n = 0;
	scoreAll(db, actor, a.id, () => (n++ < 30 ? 'meets' : 'not'));
	const final = finalizeAssessment(db, actor, a.id, { decision: 'accept' });
	expect(final.decidedOutcome).toBe('sufficient');
	return { ...w, a: final };
}

describe('the improvement plan', () => {
	it('is judged on a final assessment that asked for one; a rejection needs a motivation', async () => {
		const { db, actor, a } = await sufficient();
		expect(code(() => judgeImprovementPlan(db, actor, a.id, { receivedOn: '2026-02-01', judgement: 'rejected' }))).toBe(
			'error.retest.motivationRequired'
		);
		expect(code(() => judgeImprovementPlan(db, actor, a.id, { receivedOn: '2026-01-14', judgement: 'accepted' }))).toBe(
			'error.retest.planBeforeAssessment'
		);
		expect(code(() => judgeImprovementPlan(db, actor, a.id, { receivedOn: '1 februari', judgement: 'accepted' }))).not.toBe('no error');
		// A plan comes in before it is judged: a day ahead is a typing error (an assessment may be planned, a plan not).
		expect(code(() => judgeImprovementPlan(db, actor, a.id, { receivedOn: '2099-01-01', judgement: 'accepted' }))).toBe(
			'error.assessment.dateFuture'
		);
		const evening = new Date('2026-02-03T22:30:00Z'); // 23:30 on 3 February in the Netherlands, still the 3rd
		expect(
			code(() => judgeImprovementPlan(db, actor, a.id, { receivedOn: '2026-02-04', judgement: 'rejected', motivation: 'x' }, evening))
		).toBe('error.assessment.dateFuture');
		// Today counts in Dutch time: at 00:30 on 4 February there (23:30 UTC on the 3rd) the 4th has come.
		expect(code(() => checkScoringDay('receivedOn', '2026-02-04', new Date('2026-02-03T23:30:00Z'), true))).toBe('no error');
		expect(code(() => checkScoringDay('receivedOn', '2026-02-05', new Date('2026-02-03T23:30:00Z'), true))).toBe(
			'error.assessment.dateFuture'
		);
		const rejected = judgeImprovementPlan(db, actor, a.id, {
			receivedOn: '2026-02-01',
			judgement: 'rejected',
			motivation: 'Het plan noemt geen termijnen.',
			seen: planStamp(a)
		});
		// A colleague on the same page (it showed the plan not yet judged) cannot overwrite it unseen.
		expect(code(() => judgeImprovementPlan(db, actor, a.id, { receivedOn: '2026-02-01', judgement: 'accepted', seen: planStamp(a) }))).toBe(
			'error.assessment.changedMeanwhile'
		);
		expect(rejected).toMatchObject({
			improvementPlanReceivedOn: '2026-02-01',
			improvementPlanJudgement: 'rejected',
			improvementPlanMotivation: 'Het plan noemt geen termijnen.',
			improvementPlanJudgedById: actor.id
		});
		// A rejected plan: no retest yet.
		expect(code(() => startRetest(db, actor, a.id, { assessedOn: '2026-03-01' }))).toBe('error.retest.planRejected');
		// An amendment elsewhere in the assessment is no change of the plan's judgement: the page
		// that showed the rejection judges the improved plan without a refusal.
		const scored = assessmentDetail(db, a.id).items.find((i) => i.item.applicable && i.item.level !== null)!.item;
		amendAssessment(db, actor, a.id, {
			reason: 'Nagekomen bewijs.',
			itemId: scored.id,
			level: scored.level === 'meets' ? 'largely' : 'meets'
		});
		judgeImprovementPlan(db, actor, a.id, { receivedOn: '2026-02-20', judgement: 'accepted', seen: planStamp(rejected) });
		const log = db.select().from(auditLog).where(eq(auditLog.action, 'assessment.plan-judge')).all();
		expect(log.map((l) => l.details)).toEqual([
			{ receivedOn: '2026-02-01', judgement: 'rejected' },
			{ receivedOn: '2026-02-20', judgement: 'accepted' }
		]);
	});

	it('is not asked after "goed", nor before the assessment is final', async () => {
		const { db, actor, drents, house } = await world();
		const a = startAssessment(db, actor, { providerId: house.id, frameworkVersionId: drents.id, assessedOn: '2026-01-15' });
		expect(code(() => judgeImprovementPlan(db, actor, a.id, { receivedOn: '2026-02-01', judgement: 'accepted' }))).toBe(
			'error.retest.notFinal'
		);
		scoreAll(db, actor, a.id, () => 'meets');
		finalizeAssessment(db, actor, a.id, { decision: 'accept' });
		expect(code(() => judgeImprovementPlan(db, actor, a.id, { receivedOn: '2026-02-01', judgement: 'accepted' }))).toBe(
			'error.retest.noPlanAsked'
		);
		expect(code(() => startRetest(db, actor, a.id, { assessedOn: '2026-03-01' }))).toBe('error.retest.noPlanAsked');
		expect(code(() => judgeImprovementPlan(db, actor, 999_999, { receivedOn: '2026-02-01', judgement: 'accepted' }))).toBe('error.missing');
	});
});

describe('the hertoets', () => {
	it('waits for an accepted plan, then tests the same requirements with the same thresholds', async () => {
		const { db, actor, drents, a } = await sufficient();
		expect(code(() => startRetest(db, actor, a.id, { assessedOn: '2026-03-01' }))).toBe('error.retest.planNotJudged');
		judgeImprovementPlan(db, actor, a.id, { receivedOn: '2026-02-20', judgement: 'accepted' });
		expect(code(() => startRetest(db, actor, a.id, { assessedOn: '2026-02-19' }))).toBe('error.retest.beforePlan');
		// The framework's thresholds change meanwhile: the retest keeps those of the first assessment.
		setFrameworkThresholds(db, actor, drents.frameworkId, { good: 80, sufficient: 70, theme: 70 });
		// The retest's day has the same bounds as an assessment's (9999-12-31 started one before).
		expect(code(() => startRetest(db, actor, a.id, { assessedOn: '9999-12-31' }))).toBe('error.assessment.dateTooFar');
		const retest = startRetest(db, actor, a.id, { assessedOn: '2026-05-10' });
		expect(retest).toMatchObject({
			status: 'draft',
			providerId: a.providerId,
			frameworkVersionId: a.frameworkVersionId,
			assessedOn: '2026-05-10',
			retestOfId: a.id,
			previousAssessmentId: a.id,
			thresholds: a.thresholds
		});
		const before = assessmentDetail(db, a.id).items;
		const after = assessmentDetail(db, retest.id).items;
		expect(after.map((i) => [i.item.requirementId, i.item.applicable, i.item.applicabilityReason, i.item.level])).toEqual(
			before.map((i) => [i.item.requirementId, i.item.applicable, i.item.applicabilityReason, null])
		);
		expect(retestOf(db, a.id)!.id).toBe(retest.id);
		// One retest per assessment, and the plan's judgement is then fixed.
		expect(code(() => startRetest(db, actor, a.id, { assessedOn: '2026-05-11' }))).toBe('error.retest.alreadyStarted');
		expect(code(() => judgeImprovementPlan(db, actor, a.id, { receivedOn: '2026-02-21', judgement: 'rejected', motivation: 'x' }))).toBe(
			'error.retest.alreadyStarted'
		);
		expect(db.select().from(auditLog).where(eq(auditLog.action, 'assessment.retest')).get()!.details).toEqual({
			retestOf: a.id,
			requirements: before.length
		});
	});

	it('shows the trend against the assessment it retests: overall, per theme and per requirement', async () => {
		const { db, actor, a } = await sufficient();
		expect(retestTrend(db, a.id)).toBeNull();
		judgeImprovementPlan(db, actor, a.id, { receivedOn: '2026-02-20', judgement: 'accepted' });
		const retest = startRetest(db, actor, a.id, { assessedOn: '2026-05-10' });
		// Now 40 of 43 met, 1 improved to "grotendeels", 2 still not; one of the first 30 dropped.
		let n = 0;
		scoreAll(db, actor, retest.id, () => {
			const i = n++;
			if (i === 0) return 'not';
			if (i < 40) return 'meets';
			return i === 40 ? 'largely' : 'not';
		});
		const trend = retestTrend(db, retest.id)!;
		const before = assessmentDetail(db, a.id).result.overall;
		const after = assessmentDetail(db, retest.id).result.overall;
		expect(before.percent).toBeCloseTo((30 * 100) / 43, 6);
		expect(after.percent).toBeCloseTo((39.75 * 100) / 43, 6);
		expect(trend.overall.points).toBeCloseTo(after.percent! - before.percent!, 9);
		expect(trend.overall).toMatchObject({ outcomeBefore: 'sufficient', outcomeAfter: 'good' });
		// 1 worse (the first), 29 still met, 10 from not to met, 1 from not to largely, 2 still not.
		expect(trend.requirements).toEqual({ better: 11, same: 31, worse: 1 });
		const themes = assessmentDetail(db, retest.id).result.themes;
		expect(trend.themes.map((t) => t.themeKey)).toEqual(themes.map((t) => t.themeKey));
		for (const t of trend.themes) expect(t.after.percent).toBe(themes.find((x) => x.themeKey === t.themeKey)!.percent);

		const view = followUpView(db, assessmentDetail(db, retest.id).assessment, 'nl');
		expect(view.trend!.overall).toMatchObject({ before: '69,8 %', after: '92,4 %', points: '+22,7', direction: 'up' });
		const first = followUpView(db, assessmentDetail(db, a.id).assessment, 'nl');
		// The report (page and PDF) says the same in its follow-up.
		expect(assessmentReportView(db, assessmentDetail(db, retest.id), 'nl').followUp).toContainEqual({
			label: 'Hertoets van de toetsing van',
			value: '15 januari 2026. Deel dat voldoet: eerst 69,8 %, nu 92,4 % (+22,7 procentpunt).'
		});
		expect(assessmentReportView(db, assessmentDetail(db, a.id), 'nl').followUp).toEqual(
			expect.arrayContaining([
				{ label: 'Verbeterplan', value: 'Goedgekeurd, binnengekomen op 20 februari 2026.' },
				{ label: 'Hertoets op', value: '10 mei 2026' }
			])
		);
		expect(first).toMatchObject({
			asksPlan: true,
			plan: { judgement: 'accepted', receivedLabel: '20 februari 2026' },
			retest: { id: retest.id }
		});
	});
});
