import { json } from '@sveltejs/kit';
import { amendmentBody, toDetailView } from '$lib/server/api/scoring-schemas';
import { amendAssessment } from '$lib/server/scoring/assessments';
import { assessmentWrite } from '$lib/server/http/api';

/** Changes a requirement of a final assessment, with a reason that is kept. */
export const POST = assessmentWrite(amendmentBody, ({ db, actor, assessmentId, input, locale }) => {
	amendAssessment(db, actor, assessmentId, input);
	return json(toDetailView(db, assessmentId, locale), { status: 201 });
});
