import { getFramework } from '$lib/server/frameworks/store';
import { readOne } from '$lib/server/http/api';

export const GET = readOne('frameworkId', [], getFramework);
