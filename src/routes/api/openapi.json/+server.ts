import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/api/openapi';
import type { RequestHandler } from './$types';

/** The OpenAPI 3.1 description of the JSON API. Public: it describes, it reveals no data. */
export const GET: RequestHandler = ({ locals }) => json(openApiDocument(locals.origin));
