import { json } from '@sveltejs/kit';
import { requirementBody } from '$lib/server/api/schemas';
import { addRequirement } from '$lib/server/frameworks/store';
import { managerWrite } from '$lib/server/http/api';

export const POST = managerWrite('themeId', requirementBody, ({ db, actor, id, input }) =>
	json(addRequirement(db, actor, id, input), { status: 201 })
);
