import { updateRequirementBody } from '$lib/server/api/schemas';
import { deleteRequirement, updateRequirement } from '$lib/server/frameworks/store';
import { draftPart } from '$lib/server/http/api';

export const { PUT, DELETE } = draftPart('requirementId', updateRequirementBody, updateRequirement, deleteRequirement);
