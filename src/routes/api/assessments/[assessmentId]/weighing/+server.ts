import { json } from '@sveltejs/kit';
import { weighingBody } from '$lib/server/api/scoring-schemas';
import { assessmentDetail, setWeighing } from '$lib/server/scoring/assessments';
import { assessmentWrite } from '$lib/server/http/api';

/** The weighing factors in words: severity, size of the group affected, organisation of quality. */
export const PUT = assessmentWrite(weighingBody, ({ db, actor, assessmentId, input }) => {
	setWeighing(db, actor, assessmentId, input);
	const { severity, groupSize, organisation } = assessmentDetail(db, assessmentId).assessment;
	return json({ severity, groupSize, organisation });
});
