import { json } from '@sveltejs/kit';
import { themeBody } from '$lib/server/api/schemas';
import { addTheme } from '$lib/server/frameworks/store';
import { managerWrite } from '$lib/server/http/api';

export const POST = managerWrite('versionId', themeBody, ({ db, actor, id, input }) =>
	json(addTheme(db, actor, id, input), { status: 201 })
);
