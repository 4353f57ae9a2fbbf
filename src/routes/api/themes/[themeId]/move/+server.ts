import { moveThemeBody } from '$lib/server/api/schemas';
import { moveTheme } from '$lib/server/frameworks/store';
import { managerWrite } from '$lib/server/http/api';

export const POST = managerWrite('themeId', moveThemeBody, ({ db, actor, id, input }) => {
	moveTheme(db, actor, id, input.revision, input.position);
	return new Response(null, { status: 204 });
});
