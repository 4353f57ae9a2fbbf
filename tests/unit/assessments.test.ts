/**
 * Assessments of providers against the Drents kwaliteitskader on a real database: the
 * requirements pre-selected from the provider's type, scores with their story, vertrouwen in
 * words, recurrence from the history, the decision (accepted or deviated from with a
 * motivation) and amendments of a final assessment.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { errorCode as code } from '../helpers/errors';
import { scoreAll as scoreEach, scoringWorld, type UserActor } from '../helpers/scoring';
import type { Db } from '../../src/lib/server/db';
import { auditLog } from '../../src/lib/server/db/schema';
import { audit } from '../../src/lib/server/audit';
import { listAccessLog } from '../../src/lib/server/privacy/access-log';
import { DomainError } from '../../src/lib/server/errors';
import { createDraft } from '../../src/lib/server/frameworks/store';
import { createProvider, providerHistory, updateProvider } from '../../src/lib/server/scoring/providers';
import {
	amendAssessment,
	amendmentsOf,
	assessmentDetail,
	finalizeAssessment,
	judgeTrust,
	setWeighing,
	startAssessment,
	updateItem,
	valuesStamp
} from '../../src/lib/server/scoring/assessments';
import type { ScoreLevel } from '../../src/lib/server/scoring/rule';
import { frameworkThresholds, setFrameworkThresholds } from '../../src/lib/server/scoring/thresholds';

async function world() {
	const { db, actor, drents } = await scoringWorld();
	const home = createProvider(db, actor, {
		name: 'Zorg Thuis BV',
		careType: 'Begeleiding individueel',
		fundings: ['zin', 'pgb_professional']
	});
	const house = createProvider(db, actor, { name: 'Het Erf', careType: 'Beschermd wonen', fundings: ['zin'], residential: true });
	const relative = createProvider(db, actor, {
		name: 'Mantelzorger J. de Vries',
		careType: 'Begeleiding door naaste',
		fundings: ['pgb_informal'],
		guardianParent: false
	});
	return { db, actor, drents, home, house, relative };
}

/** Scores every applicable item with `level(index)`, each with its evidence and explanation. */
function scoreAll(db: Db, actor: UserActor, id: number, level: (i: number) => ScoreLevel): void {
	scoreEach(db, actor, id, level, { evidence: 'Dossier ingezien', explanation: 'Zie gesprek met de teamleider.' });
}

describe('providers', () => {
	it('are unique by name and refuse a stale edit', async () => {
		const { db, actor, home } = await world();
		expect(code(() => createProvider(db, actor, { name: 'zorg thuis bv', careType: 'x', fundings: ['zin'] }))).toBe(
			'error.provider.exists'
		);
		expect(code(() => createProvider(db, actor, { name: 'X', careType: 'x', fundings: [] }))).toBe('error.field.chooseOne');
		const saved = updateProvider(db, actor, home.id, {
			revision: home.revision,
			name: 'Zorg Thuis',
			careType: 'Begeleiding',
			fundings: ['zin']
		});
		expect(saved.revision).toBe(2);
		expect(
			code(() => updateProvider(db, actor, home.id, { revision: home.revision, name: 'Zorg Thuis', careType: 'B', fundings: ['zin'] }))
		).toBe('error.provider.conflict');
	});
});

describe('an assessment', () => {
	it('pre-selects the requirements that apply to the provider’s type', async () => {
		const { db, actor, drents, home, house, relative } = await world();
		const count = (providerId: number) =>
			assessmentDetail(
				db,
				startAssessment(db, actor, { providerId, frameworkVersionId: drents.id, assessedOn: '2027-01-15' }).id
			).items.filter((i) => i.item.applicable);
		// Professional care without residential stay: everything but Leefklimaat (bij verblijf).
		const forHome = count(home.id);
		expect(forHome).toHaveLength(42);
		expect(forHome.some((i) => i.theme.key === 'leefklimaat')).toBe(false);
		expect(count(house.id)).toHaveLength(44);
		// A relative paid from a PGB: only the requirements marked for care by relatives.
		const forRelative = count(relative.id);
		expect(forRelative.every((i) => i.requirement.appliesInformal !== 'no')).toBe(true);
		expect(forRelative.map((i) => `${i.theme.key} ${i.requirement.number}`)).toContain('veiligheid 1');
		expect(forRelative.map((i) => `${i.theme.key} ${i.requirement.number}`)).not.toContain('veiligheid 3');
	});

	it('is refused against a draft version', async () => {
		const { db, actor, drents, home } = await world();
		const draft = createDraft(db, actor, drents.id);
		expect(code(() => startAssessment(db, actor, { providerId: home.id, frameworkVersionId: draft.id, assessedOn: '2027-01-15' }))).toBe(
			'error.assessment.draftVersion'
		);
	});

	it('needs a reason to differ from the pre-selection, and refuses a stale change', async () => {
		const { db, actor, drents, home } = await world();
		const a = startAssessment(db, actor, { providerId: home.id, frameworkVersionId: drents.id, assessedOn: '2027-01-15' });
		const item = assessmentDetail(db, a.id).items[0]!.item;
		expect(code(() => updateItem(db, actor, a.id, item.id, { revision: item.revision, applicable: false, level: null }))).toBe(
			'error.assessment.reasonRequired'
		);
		const off = updateItem(db, actor, a.id, item.id, {
			revision: item.revision,
			applicable: false,
			applicabilityReason: 'Geen vervoer in het aanbod.',
			level: 'meets'
		});
		// Not applicable: no score is kept.
		expect(off).toMatchObject({ applicable: false, applicabilityReason: 'Geen vervoer in het aanbod.', level: null });
		expect(code(() => updateItem(db, actor, a.id, item.id, { revision: item.revision, applicable: true, level: 'meets' }))).toBe(
			'error.assessment.conflict'
		);
		// Back to what the type suggests: the reason is not kept.
		const back = updateItem(db, actor, a.id, item.id, {
			revision: off.revision,
			applicable: true,
			applicabilityReason: 'oud',
			level: 'meets'
		});
		expect(back.applicabilityReason).toBeNull();
	});

	it('judges vertrouwen in words, with a motivation', async () => {
		const { db, actor, drents, home } = await world();
		const a = startAssessment(db, actor, { providerId: home.id, frameworkVersionId: drents.id, assessedOn: '2027-01-15' });
		expect(assessmentDetail(db, a.id).trust.map((t) => t.behaviour)).toEqual([
			'integrity',
			'learning',
			'accountability',
			'testability',
			'transparency'
		]);
		expect(code(() => judgeTrust(db, actor, a.id, { behaviour: 'learning', judgement: 'harmed' }))).toBe(
			'error.assessment.trustMotivation'
		);
		judgeTrust(db, actor, a.id, { behaviour: 'learning', judgement: 'strengthened', motivation: 'Leert aantoonbaar van klachten.' });
		expect(assessmentDetail(db, a.id).trust[1]).toEqual({
			behaviour: 'learning',
			judgement: 'strengthened',
			motivation: 'Leert aantoonbaar van klachten.'
		});
	});

	it('does not overwrite a colleague’s weighing or trust judgement saved after the form was opened', async () => {
		const { db, actor, drents, home } = await world();
		const a = startAssessment(db, actor, { providerId: home.id, frameworkVersionId: drents.id, assessedOn: '2027-01-15' });
		// Both opened the empty weighing; Karin saves first.
		const shown = valuesStamp([null, null, null]);
		setWeighing(db, actor, a.id, { severity: 'Karin: ernstig risico.', seen: shown });
		expect(code(() => setWeighing(db, actor, a.id, { severity: 'Piet: klein risico.', seen: shown }))).toBe(
			'error.assessment.changedMeanwhile'
		);
		expect(assessmentDetail(db, a.id).assessment.severity).toBe('Karin: ernstig risico.');
		// Piet saw Karin's text now: his change is saved.
		setWeighing(db, actor, a.id, { severity: 'Piet: klein risico.', seen: valuesStamp(['Karin: ernstig risico.', null, null]) });
		expect(assessmentDetail(db, a.id).assessment.severity).toBe('Piet: klein risico.');

		const trustShown = valuesStamp([null, null]);
		judgeTrust(db, actor, a.id, { behaviour: 'integrity', judgement: 'strengthened', motivation: 'Karin.', seen: trustShown });
		expect(
			code(() => judgeTrust(db, actor, a.id, { behaviour: 'integrity', judgement: 'harmed', motivation: 'Piet.', seen: trustShown }))
		).toBe('error.assessment.changedMeanwhile');
		expect(assessmentDetail(db, a.id).trust[0]).toMatchObject({ judgement: 'strengthened', motivation: 'Karin.' });
		// Another behaviour is another judgement: no conflict.
		judgeTrust(db, actor, a.id, { behaviour: 'learning', judgement: 'harmed', motivation: 'Piet.', seen: trustShown });
	});

	it('lists missing scores, then takes the decision: accepted, or deviated from with a motivation', async () => {
		const { db, actor, drents, house } = await world();
		// A date years ahead is a typing error (2099 for 2026), not a plan.
		expect(
			code(() =>
				startAssessment(
					db,
					actor,
					{ providerId: house.id, frameworkVersionId: drents.id, assessedOn: '2099-01-01' },
					new Date('2026-12-06')
				)
			)
		).toBe('error.assessment.dateTooFar');
		// Nor before 2000 ("1 januari 1" in a provider's report is a typing error).
		for (const assessedOn of ['0001-01-01', '1999-12-31'])
			expect(code(() => startAssessment(db, actor, { providerId: house.id, frameworkVersionId: drents.id, assessedOn }))).toBe(
				'error.assessment.dateTooEarly'
			);
		const a = startAssessment(db, actor, { providerId: house.id, frameworkVersionId: drents.id, assessedOn: '2027-01-15' });
		// Who looked at it shows in the access log, the assessment named by its provider and day as people write it.
		audit(db, actor, 'assessment.view', { type: 'assessment', id: a.id });
		expect(listAccessLog(db, { action: 'assessment.view' })[0]!.subject.label).toBe('Het Erf (15 januari 2027)');
		// 33 of 44 met, the rest not: exactly 75 %, the sufficient side.
		scoreAll(db, actor, a.id, (n) => (n < 32 || n === 40 ? 'meets' : 'not'));
		const last = assessmentDetail(db, a.id).items.at(-1)!.item;
		updateItem(db, actor, a.id, last.id, { revision: last.revision, applicable: true, level: null });
		expect(code(() => finalizeAssessment(db, actor, a.id, { decision: 'accept' }))).toBe('error.assessment.unscored');
		try {
			finalizeAssessment(db, actor, a.id, { decision: 'accept' });
		} catch (e) {
			expect((e as DomainError).params).toEqual({ count: 1, list: 'Leefklimaat 2' });
		}
		const fresh = assessmentDetail(db, a.id).items.at(-1)!.item;
		updateItem(db, actor, a.id, fresh.id, { revision: fresh.revision, applicable: true, level: 'not' });
		const detail = assessmentDetail(db, a.id);
		expect(detail.result.overall).toMatchObject({ assessed: 44, sum: 33, percent: 75, outcome: 'sufficient' });
		expect(detail.result.themes.find((t) => t.themeKey === 'leefklimaat')!.flagged).toBe(true);

		expect(code(() => finalizeAssessment(db, actor, a.id, { decision: 'deviate', decidedOutcome: 'good' }))).toBe(
			'error.assessment.motivationRequired'
		);
		expect(code(() => finalizeAssessment(db, actor, a.id, { decision: 'deviate', decidedOutcome: 'sufficient', motivation: 'x' }))).toBe(
			'error.assessment.deviationSame'
		);
		// The dates that follow must fit the decision and each other (they go into the provider's report).
		const deviate = { decision: 'deviate', decidedOutcome: 'insufficient', motivation: 'x' } as const;
		// A day that does not exist is told as such, a wrong form as a wrong date (not "choose one of the
		// options"); empty means "not asked".
		expect(code(() => finalizeAssessment(db, actor, a.id, { ...deviate, improvementPlanDue: '2027-02-31', retestDue: '15-01-27' }))).toBe(
			'error.field.dateNotReal,error.field.date'
		);
		expect(code(() => finalizeAssessment(db, actor, a.id, { ...deviate, improvementPlanDue: '2027-01-14' }))).toBe(
			'error.assessment.beforeAssessment'
		);
		expect(code(() => finalizeAssessment(db, actor, a.id, { ...deviate, improvementPlanDue: '2027-03-01', retestDue: '2027-02-01' }))).toBe(
			'error.assessment.retestBeforePlan'
		);
		expect(code(() => finalizeAssessment(db, actor, a.id, { ...deviate, retestDue: '2026-01-01' }))).toBe(
			'error.assessment.beforeAssessment'
		);
		// At most five years after the assessment (15 January 2027).
		expect(code(() => finalizeAssessment(db, actor, a.id, { ...deviate, improvementPlanDue: '2032-01-16' }))).toBe(
			'error.assessment.dueTooFar'
		);
		expect(code(() => finalizeAssessment(db, actor, a.id, { ...deviate, improvementPlanDue: '2027-03-01', retestDue: '9999-12-31' }))).toBe(
			'error.assessment.dueTooFar'
		);
		// Accepting a proposal that is no longer the proposal: scores changed after the page was opened.
		expect(code(() => finalizeAssessment(db, actor, a.id, { decision: 'accept', proposedOutcome: 'good' }))).toBe(
			'error.assessment.proposalChanged'
		);
		expect(
			code(() =>
				finalizeAssessment(db, actor, a.id, { decision: 'deviate', decidedOutcome: 'good', motivation: 'x', retestDue: '2027-06-01' })
			)
		).toBe('error.assessment.noFollowUpWhenGood');
		expect(assessmentDetail(db, a.id).assessment.status).toBe('draft');
		const final = finalizeAssessment(db, actor, a.id, {
			decision: 'deviate',
			decidedOutcome: 'insufficient',
			motivation: 'De tekortkomingen hangen samen en raken de veiligheid.',
			retestDue: '2027-04-01'
		});
		expect(final).toMatchObject({
			status: 'final',
			proposedOutcome: 'sufficient',
			decidedOutcome: 'insufficient',
			retestDue: '2027-04-01'
		});
		const log = db.select().from(auditLog).where(eq(auditLog.action, 'assessment.decide')).get()!;
		expect(log.details).toMatchObject({
			decision: 'deviate',
			proposed: 'sufficient',
			decided: 'insufficient',
			basis: { assessed: 44, sum: 33, flaggedThemes: ['clientgerichtheid', 'leefklimaat'] }
		});

		// Final: only through an amendment with a reason, kept with what it was.
		const item = assessmentDetail(db, a.id).items[40]!.item;
		expect(code(() => updateItem(db, actor, a.id, item.id, { revision: item.revision, applicable: true, level: 'not' }))).toBe(
			'error.assessment.final'
		);
		expect(code(() => amendAssessment(db, actor, a.id, { reason: '', itemId: item.id, level: 'largely' }))).toBe('error.field.required');
		const shownItem = assessmentDetail(db, a.id).items[35]!.item;
		const amended = amendAssessment(db, actor, a.id, {
			reason: 'Bewijs nagekomen: protocol was wel aanwezig.',
			itemId: shownItem.id,
			level: 'meets',
			evidence: 'Protocol 2026',
			revision: shownItem.revision
		});
		// A second amendment from the same page (the revision it showed) is refused: it would undo the first unseen.
		expect(
			code(() =>
				amendAssessment(db, actor, a.id, { reason: 'Toch niet.', itemId: shownItem.id, level: 'not', revision: shownItem.revision })
			)
		).toBe('error.assessment.changedMeanwhile');
		// 34 of 44 now: the rule would say good; the decision taken stands beside it.
		expect(amended).toMatchObject({ proposedOutcome: 'good', decidedOutcome: 'insufficient' });
		const amendedItem = assessmentDetail(db, a.id).items[35]!.item;
		// What the amendment left out (the explanation) stays.
		expect(amendedItem.explanation).toBe('Zie gesprek met de teamleider.');
		expect(amendmentsOf(db, a.id)[0]!.changes).toEqual([
			{ field: 'level', itemId: amendedItem.id, before: 'not', after: 'meets' },
			{ field: 'evidence', itemId: amendedItem.id, before: 'Dossier ingezien', after: 'Protocol 2026' }
		]);
	});

	it('shows recurrence: requirements not met before and not met again', async () => {
		const { db, actor, drents, home } = await world();
		const first = startAssessment(db, actor, { providerId: home.id, frameworkVersionId: drents.id, assessedOn: '2026-01-10' });
		scoreAll(db, actor, first.id, (n) => (n === 0 || n === 5 ? 'not' : 'meets'));
		finalizeAssessment(db, actor, first.id, { decision: 'accept' });
		const second = startAssessment(db, actor, { providerId: home.id, frameworkVersionId: drents.id, assessedOn: '2027-01-10' });
		expect(second.previousAssessmentId).toBe(first.id);
		scoreAll(db, actor, second.id, (n) => (n === 0 ? 'largely_not' : n === 6 ? 'not' : 'meets'));
		const recurrence = assessmentDetail(db, second.id).recurrence;
		expect(recurrence).toEqual([{ key: expect.any(String), number: '1', theme: 'Veiligheid', earlier: ['2026-01-10'] }]);
		expect(providerHistory(db, home.id).map((a) => a.id)).toEqual([second.id, first.id]);
	});
});

describe('thresholds per framework', () => {
	it('are copied into an assessment when it starts; later changes leave it alone', async () => {
		const { db, actor, drents, home } = await world();
		const before = startAssessment(db, actor, { providerId: home.id, frameworkVersionId: drents.id, assessedOn: '2027-01-15' });
		expect(before.thresholds).toEqual({ good: 75, sufficient: 65, theme: 65 });
		expect(code(() => setFrameworkThresholds(db, actor, drents.frameworkId, { good: 70, sufficient: 72, theme: 65 }))).toBe(
			'error.thresholds.order'
		);
		expect(code(() => setFrameworkThresholds(db, actor, drents.frameworkId, { good: 80.25, sufficient: 70, theme: 65 }))).toBe(
			'error.thresholds.decimals'
		);
		// A percentage out of range is told as a number, not as a text that is too long.
		expect(code(() => setFrameworkThresholds(db, actor, drents.frameworkId, { good: 80, sufficient: 70, theme: 150 }))).toBe(
			'error.field.tooHigh'
		);
		expect(code(() => setFrameworkThresholds(db, actor, drents.frameworkId, { good: 80, sufficient: -5, theme: 60 }))).toBe(
			'error.field.tooLow'
		);
		setFrameworkThresholds(db, actor, drents.frameworkId, { good: 80, sufficient: 70.5, theme: 60 });
		expect(frameworkThresholds(db, drents.frameworkId)).toEqual({ thresholds: { good: 80, sufficient: 70.5, theme: 60 }, custom: true });
		const after = startAssessment(db, actor, { providerId: home.id, frameworkVersionId: drents.id, assessedOn: '2027-02-15' });
		expect(after.thresholds).toEqual({ good: 80, sufficient: 70.5, theme: 60 });
		expect(assessmentDetail(db, before.id).result.thresholds).toEqual({ good: 75, sufficient: 65, theme: 65 });
		setFrameworkThresholds(db, actor, drents.frameworkId, null);
		expect(frameworkThresholds(db, drents.frameworkId).custom).toBe(false);
	});
});
