import { json } from '@sveltejs/kit';
import { moveRequirementBody } from '$lib/server/api/schemas';
import { moveRequirement } from '$lib/server/frameworks/store';
import { managerWrite } from '$lib/server/http/api';

export const POST = managerWrite('requirementId', moveRequirementBody, ({ db, actor, id, input: { revision, ...move } }) =>
	json(moveRequirement(db, actor, id, revision, move))
);
