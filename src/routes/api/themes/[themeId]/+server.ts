import { updateThemeBody } from '$lib/server/api/schemas';
import { deleteTheme, updateTheme } from '$lib/server/frameworks/store';
import { draftPart } from '$lib/server/http/api';

export const { PUT, DELETE } = draftPart('themeId', updateThemeBody, updateTheme, deleteTheme, 'requirements');
