import { fail } from '@sveltejs/kit';
import { EVALUATION_QUESTIONS, hasEvaluated, submitEvaluation, type EvaluationInput } from '$lib/server/reports/evaluation';
import { failureOf, formText } from '$lib/server/http/forms';
import { requireSessionParticipant } from '$lib/server/http/guards';
import type { Actions, PageServerLoad } from './$types';

/** The evaluation questionnaire for a participant of this session, at the end of the session or later. */
export const load: PageServerLoad = (event) => {
	const { participant, session } = requireSessionParticipant(event);
	return {
		session: { id: session.id, title: session.title },
		questions: [...EVALUATION_QUESTIONS],
		notYet: session.status === 'planned',
		already: hasEvaluated(event.locals.db, participant)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { participant } = requireSessionParticipant(event);
		const data = await event.request.formData();
		const values = {
			...Object.fromEntries(EVALUATION_QUESTIONS.map((q) => [q, formText(data, q)])),
			grade: formText(data, 'grade').trim(),
			better: formText(data, 'better'),
			anonymous: data.has('anonymous')
		} as Record<string, string> & { grade: string; better: string; anonymous: boolean };
		const grade = values.grade === '' ? null : /^\d{1,2}$/.test(values.grade) ? Number(values.grade) : Number.NaN;
		try {
			submitEvaluation(event.locals.db, participant, { ...values, grade } as EvaluationInput);
		} catch (err) {
			const f = failureOf(err);
			// Plain words per field rather than the generic ones.
			for (const q of EVALUATION_QUESTIONS) if (f.fields[q]) f.fields[q] = { code: 'reports.eval.chooseAnswer' };
			if (f.fields.grade) f.fields.grade = { code: 'reports.eval.gradeInvalid' };
			return fail(f.status, { values, error: f.error, fields: f.fields });
		}
		return { thanks: true };
	}
};
