import { json } from '@sveltejs/kit';
import { publishBody } from '$lib/server/api/schemas';
import { publishVersion } from '$lib/server/frameworks/store';
import { managerWrite } from '$lib/server/http/api';

export const POST = managerWrite('versionId', publishBody, ({ db, actor, id, input: { revision, changeSummary } }) =>
	json(publishVersion(db, actor, id, revision, { changeSummary }))
);
