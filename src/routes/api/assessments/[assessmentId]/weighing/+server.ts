import { json } from '@sveltejs/kit';
import { weighingBody } from '$lib/server/api/scoring-schemas';
import { userActor } from '$lib/server/audit';
import { assessmentDetail, setWeighing } from '$lib/server/scoring/assessments';
import { apiCall, readJson } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

/** The weighing factors in words: severity of the risk and harm, size of the group affected. */
export const PUT: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const assessmentId = idParam(event, 'assessmentId');
		const input = await readJson(event.request, weighingBody);
		const db = event.locals.db;
		setWeighing(db, userActor(user), assessmentId, input);
		const { severity, groupSize } = assessmentDetail(db, assessmentId).assessment;
		return json({ severity, groupSize });
	});
