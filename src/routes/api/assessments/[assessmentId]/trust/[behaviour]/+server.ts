import { json } from '@sveltejs/kit';
import { toTrustView, trustBody } from '$lib/server/api/scoring-schemas';
import { userActor } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import { assessmentDetail, judgeTrust } from '$lib/server/scoring/assessments';
import { TRUST_BEHAVIOUR_KEYS } from '$lib/server/scoring/trust-keys';
import { apiCall, readJson } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

/** A reasoned judgement on one behaviour of vertrouwen (not a score). */
export const PUT: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const assessmentId = idParam(event, 'assessmentId');
		const behaviour = TRUST_BEHAVIOUR_KEYS.find((k) => k === event.params.behaviour);
		if (!behaviour) throw new DomainError('error.missing', 404);
		const input = await readJson(event.request, trustBody);
		const db = event.locals.db;
		judgeTrust(db, userActor(user), assessmentId, { behaviour, ...input });
		return json(toTrustView(assessmentDetail(db, assessmentId).trust.find((t) => t.behaviour === behaviour)!));
	});
