import { json } from '@sveltejs/kit';
import { amendmentBody, toDetailView } from '$lib/server/api/scoring-schemas';
import { userActor } from '$lib/server/audit';
import { amendAssessment } from '$lib/server/scoring/assessments';
import { apiCall, readJson } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

/** Changes a requirement of a final assessment, with a reason that is kept. */
export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const assessmentId = idParam(event, 'assessmentId');
		const input = await readJson(event.request, amendmentBody);
		const db = event.locals.db;
		amendAssessment(db, userActor(user), assessmentId, input);
		return json(toDetailView(db, assessmentId, event.locals.locale), { status: 201 });
	});
