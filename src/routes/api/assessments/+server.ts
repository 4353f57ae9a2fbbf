import { json } from '@sveltejs/kit';
import { assessmentQuery, startAssessmentBody, toDetailView, toSummaries } from '$lib/server/api/scoring-schemas';
import { userActor } from '$lib/server/audit';
import { findAssessments, startAssessment } from '$lib/server/scoring/assessments';
import { validate } from '$lib/server/validation';
import { apiCall, readJson } from '$lib/server/http/api';
import { requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiCall(event, () => {
		requireApiUser(event, 'quality_manager', 'admin');
		const filter = validate(assessmentQuery, Object.fromEntries(event.url.searchParams));
		const db = event.locals.db;
		return json({ assessments: toSummaries(db, findAssessments(db, filter), event.locals.locale) });
	});

/** Starts an assessment against a published version, with the applicable requirements pre-selected. */
export const POST: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const input = await readJson(event.request, startAssessmentBody);
		const db = event.locals.db;
		const started = startAssessment(db, userActor(user), input);
		return json(toDetailView(db, started.id, event.locals.locale), { status: 201 });
	});
