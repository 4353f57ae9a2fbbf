import { json } from '@sveltejs/kit';
import { decisionBody, toDetailView } from '$lib/server/api/scoring-schemas';
import { finalizeAssessment } from '$lib/server/scoring/assessments';
import { assessmentWrite } from '$lib/server/http/api';

/** Finalises with the manager's decision: accept the proposal, or deviate with a motivation. */
export const POST = assessmentWrite(decisionBody, ({ db, actor, assessmentId, input, locale }) => {
	finalizeAssessment(db, actor, assessmentId, input);
	return json(toDetailView(db, assessmentId, locale));
});
