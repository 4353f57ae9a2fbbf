import { json } from '@sveltejs/kit';
import { itemBody, toItemView, toResultView } from '$lib/server/api/scoring-schemas';
import { userActor } from '$lib/server/audit';
import { assessmentDetail, updateItem } from '$lib/server/scoring/assessments';
import { getRuntime } from '$lib/server/runtime';
import { apiCall, idParam, readJson, requireApiUser } from '$lib/server/web';
import type { RequestHandler } from './$types';

/** Scores one requirement; answers with the item and the result computed again. */
export const PUT: RequestHandler = (event) =>
	apiCall(event, async () => {
		const user = requireApiUser(event, 'quality_manager');
		const assessmentId = idParam(event.params.assessmentId);
		const itemId = idParam(event.params.itemId);
		const input = await readJson(event.request, itemBody);
		const db = getRuntime().db;
		updateItem(db, userActor(user), assessmentId, itemId, input);
		const detail = assessmentDetail(db, assessmentId);
		const item = detail.items.find((i) => i.item.id === itemId)!;
		return json({ item: toItemView(item), result: toResultView(detail.result, detail.themes, event.locals.locale) });
	});
