import { json } from '@sveltejs/kit';
import { itemBody, toItemView, toResultView } from '$lib/server/api/scoring-schemas';
import { userActor } from '$lib/server/audit';
import { assessmentDetail, updateItem } from '$lib/server/scoring/assessments';
import { apiCall, readJson } from '$lib/server/http/api';
import { idParam, requireApiUser } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

/** Scores one requirement; answers with the item and the result computed again. */
export const PUT: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const assessmentId = idParam(event, 'assessmentId');
		const itemId = idParam(event, 'itemId');
		const input = await readJson(event.request, itemBody);
		const db = event.locals.db;
		updateItem(db, userActor(user), assessmentId, itemId, input);
		const detail = assessmentDetail(db, assessmentId);
		const item = detail.items.find((i) => i.item.id === itemId)!;
		return json({ item: toItemView(item), result: toResultView(detail.result, detail.themes, event.locals.locale) });
	});
