import { json } from '@sveltejs/kit';
import { decisionBody, toDetailView } from '$lib/server/api/scoring-schemas';
import { userActor } from '$lib/server/audit';
import { finalizeAssessment } from '$lib/server/scoring/assessments';
import { apiCall, readJson } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

/** Finalises with the manager's decision: accept the proposal, or deviate with a motivation. */
export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const assessmentId = idParam(event, 'assessmentId');
		const input = await readJson(event.request, decisionBody);
		const db = event.locals.db;
		finalizeAssessment(db, userActor(user), assessmentId, input);
		return json(toDetailView(db, assessmentId, event.locals.locale));
	});
