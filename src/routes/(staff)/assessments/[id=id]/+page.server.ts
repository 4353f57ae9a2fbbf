import { redirect } from '@sveltejs/kit';
import { userActor } from '$lib/server/audit';
import { formDate, formText, refusedFields } from '$lib/server/http/forms';
import { idParam, notFound, parseId, requireReader, requireWriter } from '$lib/server/http/guards';
import { assessmentPage } from '$lib/server/scoring/view';
import {
	AMEND_FIELDS,
	DECISION_FIELDS,
	ITEM_FIELDS,
	PLAN_FIELDS,
	RETEST_FIELDS,
	type AmendFormValues,
	type DecisionFormValues,
	type ItemFormValues,
	type Level,
	type PlanFormValues
} from '$lib/shared/assessments';
import { DomainError } from '$lib/server/errors';
import { amendAssessment, finalizeAssessment, judgeTrust, setWeighing, updateItem } from '$lib/server/scoring/assessments';
import { judgeImprovementPlan, startRetest } from '$lib/server/scoring/retest';
import { TRUST_BEHAVIOUR_KEYS, type TrustBehaviourKey, type TrustJudgement } from '$lib/server/scoring/trust';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	const { canEdit } = requireReader(event);
	const id = idParam(event, 'id');
	let page;
	try {
		page = assessmentPage(event.locals.db, id, event.locals.locale);
	} catch (err) {
		if (err instanceof DomainError && err.status === 404) notFound(event);
		throw err;
	}
	return { ...page, canEdit, saved: event.url.searchParams.get('saved'), started: event.url.searchParams.has('started') };
};

/** The assessment in the address (404 when it does not exist) and the writing user. */
function target(event: RequestEvent) {
	const user = requireWriter(event);
	const id = idParam(event, 'id');
	return { user, id, db: event.locals.db };
}

const nullable = (v: string) => (v.trim() === '' ? null : v);
/** The revision a form showed (hidden field), or undefined when it sent none. */
const shownRevision = (data: FormData) => parseId(formText(data, 'revision')) ?? undefined;
const done = (id: number, saved: string, anchor: string) => redirect(303, `/assessments/${id}?saved=${saved}#${anchor}`);

export const actions: Actions = {
	/**
	 * One requirement: whether it applies (a reason when that differs from the pre-selection),
	 * its level, the evidence seen and the story behind the number. A requirement that does not
	 * apply keeps no level: it would not count anyway, and a stray score only confuses.
	 */
	item: async (event) => {
		const { user, id, db } = target(event);
		const data = await event.request.formData();
		const itemId = Number(formText(data, 'itemId'));
		const values: ItemFormValues = {
			applicable: formText(data, 'applicable') === 'no' ? 'no' : 'yes',
			applicabilityReason: formText(data, 'applicabilityReason'),
			level: formText(data, 'level'),
			evidence: formText(data, 'evidence'),
			explanation: formText(data, 'explanation')
		};
		const applicable = values.applicable === 'yes';
		try {
			updateItem(db, userActor(user), id, itemId, {
				revision: Number(formText(data, 'revision')),
				applicable,
				applicabilityReason: nullable(values.applicabilityReason),
				level: applicable && values.level !== '' ? (values.level as Level) : null,
				evidence: nullable(values.evidence),
				explanation: nullable(values.explanation)
			});
		} catch (err) {
			return refusedFields('item', err, ITEM_FIELDS, { itemId, values }, { 'error.assessment.reasonRequired': 'applicabilityReason' });
		}
		done(id, `item-${itemId}`, `item-${itemId}`);
	},
	/** A reasoned judgement on one behaviour of vertrouwen; a judgement needs its motivation. */
	trust: async (event) => {
		const { user, id, db } = target(event);
		const data = await event.request.formData();
		const behaviour = formText(data, 'behaviour') as TrustBehaviourKey;
		const values = { judgement: formText(data, 'judgement'), motivation: formText(data, 'motivation') };
		try {
			judgeTrust(db, userActor(user), id, {
				behaviour,
				judgement: values.judgement === '' || values.judgement === 'none' ? null : (values.judgement as TrustJudgement),
				motivation: nullable(values.motivation),
				seen: formText(data, 'seen') || undefined
			});
		} catch (err) {
			return refusedFields('trust', err, ['judgement', 'motivation'], { behaviour, values });
		}
		const anchor = (TRUST_BEHAVIOUR_KEYS as readonly string[]).includes(behaviour) ? behaviour : 'integrity';
		done(id, `trust-${anchor}`, `trust-${anchor}`);
	},
	/** The weighing factors in words. */
	weighing: async (event) => {
		const { user, id, db } = target(event);
		const data = await event.request.formData();
		const values = {
			severity: formText(data, 'severity'),
			groupSize: formText(data, 'groupSize'),
			organisation: formText(data, 'organisation')
		};
		try {
			setWeighing(db, userActor(user), id, {
				severity: nullable(values.severity),
				groupSize: nullable(values.groupSize),
				organisation: nullable(values.organisation),
				seen: formText(data, 'seen') || undefined
			});
		} catch (err) {
			return refusedFields('weighing', err, ['severity', 'groupSize', 'organisation'], { values });
		}
		done(id, 'weighing', 'weighing-title');
	},
	/** The decision: accept the rule's proposal or deviate with a motivation; then the assessment is final. */
	finalize: async (event) => {
		const { user, id, db } = target(event);
		const data = await event.request.formData();
		const values: DecisionFormValues = {
			decision: formText(data, 'decision'),
			decidedOutcome: formText(data, 'decidedOutcome'),
			motivation: formText(data, 'motivation'),
			improvementPlanDue: formDate(data, 'improvementPlanDue'),
			retestDue: formDate(data, 'retestDue')
		};
		try {
			finalizeAssessment(db, userActor(user), id, {
				decision: values.decision as 'accept',
				proposedOutcome: (formText(data, 'proposedOutcome') || null) as 'good' | null,
				// Only a deviation names an outcome of its own.
				decidedOutcome: values.decision === 'deviate' && values.decidedOutcome !== '' ? (values.decidedOutcome as 'good') : null,
				motivation: nullable(values.motivation),
				improvementPlanDue: values.improvementPlanDue || null,
				retestDue: values.retestDue || null
			});
		} catch (err) {
			return refusedFields('finalize', err, DECISION_FIELDS, { values }, { 'error.assessment.deviationSame': 'decidedOutcome' });
		}
		done(id, 'final', 'decision-title');
	},
	/** How the improvement plan of this final assessment was judged (again, until its retest starts). */
	plan: async (event) => {
		const { user, id, db } = target(event);
		const data = await event.request.formData();
		const values: PlanFormValues = {
			receivedOn: formDate(data, 'receivedOn'),
			judgement: formText(data, 'judgement'),
			motivation: formText(data, 'motivation')
		};
		try {
			judgeImprovementPlan(db, userActor(user), id, {
				receivedOn: values.receivedOn,
				judgement: values.judgement as 'accepted',
				motivation: nullable(values.motivation),
				seen: formText(data, 'seen') || undefined
			});
		} catch (err) {
			return refusedFields('plan', err, PLAN_FIELDS, { values }, { 'error.retest.planBeforeAssessment': 'receivedOn' });
		}
		done(id, 'plan', 'follow-up-title');
	},
	/** Starts the hertoets: a new assessment of the same requirements, opened at once. */
	retest: async (event) => {
		const { user, id, db } = target(event);
		const data = await event.request.formData();
		const values = { assessedOn: formDate(data, 'assessedOn') };
		let retest;
		try {
			retest = startRetest(db, userActor(user), id, values);
		} catch (err) {
			return refusedFields('retest', err, RETEST_FIELDS, { values }, { 'error.retest.beforePlan': 'assessedOn' });
		}
		redirect(303, `/assessments/${retest.id}?started#done`);
	},
	/** A change to a final assessment: only with a reason, kept with what it was before. */
	amend: async (event) => {
		const { user, id, db } = target(event);
		const data = await event.request.formData();
		const itemId = Number(formText(data, 'itemId'));
		const values: AmendFormValues = {
			reason: formText(data, 'reason'),
			level: formText(data, 'level'),
			evidence: formText(data, 'evidence'),
			explanation: formText(data, 'explanation')
		};
		try {
			amendAssessment(db, userActor(user), id, {
				reason: values.reason,
				itemId,
				level: values.level === '' ? null : (values.level as Level),
				evidence: nullable(values.evidence),
				explanation: nullable(values.explanation),
				revision: shownRevision(data)
			});
		} catch (err) {
			return refusedFields('amend', err, AMEND_FIELDS, { itemId, values }, { 'error.assessment.levelRequired': 'level' });
		}
		done(id, `amend-${itemId}`, `item-${itemId}`);
	}
};
