import { updateVersionBody } from '$lib/server/api/schemas';
import { deleteDraft, getVersion, updateDraftMeta } from '$lib/server/frameworks/store';
import { draftPart, readOne } from '$lib/server/http/api';

export const GET = readOne('versionId', [], getVersion);

export const { PUT, DELETE } = draftPart('versionId', updateVersionBody, updateDraftMeta, deleteDraft);
