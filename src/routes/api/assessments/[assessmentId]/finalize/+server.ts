import { json } from '@sveltejs/kit';
import { decisionBody, toDetailView } from '$lib/server/api/scoring-schemas';
import { userActor } from '$lib/server/audit';
import { finalizeAssessment } from '$lib/server/scoring/assessments';
import { getRuntime } from '$lib/server/runtime';
import { apiCall, idParam, readJson, requireApiUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

/** Finalises with the manager's decision: accept the proposal, or deviate with a motivation. */
export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const assessmentId = idParam(event.params.assessmentId);
		const input = await readJson(event.request, decisionBody);
		const db = getRuntime().db;
		finalizeAssessment(db, userActor(user), assessmentId, input);
		return json(toDetailView(db, assessmentId, event.locals.locale));
	});
