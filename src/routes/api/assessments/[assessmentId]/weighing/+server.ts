import { json } from '@sveltejs/kit';
import { weighingBody } from '$lib/server/api/scoring-schemas';
import { userActor } from '$lib/server/audit';
import { assessmentDetail, setWeighing } from '$lib/server/scoring/assessments';
import { getRuntime } from '$lib/server/runtime';
import { apiCall, idParam, readJson, requireApiUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

/** The weighing factors in words: severity of the risk and harm, size of the group affected. */
export const PUT: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const assessmentId = idParam(event.params.assessmentId);
		const input = await readJson(event.request, weighingBody);
		const db = getRuntime().db;
		setWeighing(db, userActor(user), assessmentId, input);
		const { severity, groupSize } = assessmentDetail(db, assessmentId).assessment;
		return json({ severity, groupSize });
	});
