/**
 * The JSON API's routes as data, and the OpenAPI 3.1 document built from them (served at
 * /api/openapi.json). Bodies and answers are the zod schemas the routes themselves use, so the
 * document cannot drift from the code; tests/integration/api.test.ts calls every documented
 * operation and checks each answer against this document.
 */
import { z } from 'zod';
import * as s from './schemas';

export type Access = 'public' | 'staff' | 'quality_manager';

interface Param {
	name: string;
	in: 'path' | 'query';
	required?: boolean;
	schema: z.ZodType;
	description?: string;
}

interface Answer {
	description: string;
	schema?: z.ZodType;
	contentType?: string;
}

export interface Operation {
	method: 'get' | 'post' | 'put' | 'delete';
	path: string;
	summary: string;
	access: Access;
	params?: Param[];
	body?: z.ZodType;
	responses: Record<number, Answer>;
}

const versionId: Param = { name: 'versionId', in: 'path', required: true, schema: z.number().int().positive() };
const frameworkId: Param = { name: 'frameworkId', in: 'path', required: true, schema: z.number().int().positive() };
const themeId: Param = { name: 'themeId', in: 'path', required: true, schema: z.number().int().positive() };
const requirementId: Param = { name: 'requirementId', in: 'path', required: true, schema: z.number().int().positive() };
const revisionParam: Param = { name: 'revision', in: 'query', required: true, schema: z.number().int().min(1), description: 'The revision the change is based on.' };

const error = (description: string): Answer => ({ description, schema: s.errorResponse });
const denied = { 401: error('Not logged in.'), 403: error('Not allowed for this role, or a cross-site request.') };
const missing = { 404: error('No such framework, version, theme or requirement.') };
const invalid = { 400: error('The body is not valid; `problems` says what and where.'), 415: error('The body is not JSON.') };
const conflict = { 409: error('A published version cannot change; someone else changed it first (stale revision); or a draft already exists.') };

export const OPERATIONS: Operation[] = [
	{
		method: 'post',
		path: '/api/session',
		summary: 'Logs in with e-mail and password; sets the session cookie kd_session.',
		access: 'public',
		body: s.credentialsBody,
		responses: {
			200: { description: 'Logged in.', schema: s.loginResponse },
			401: error('Wrong e-mail address or password.'),
			429: error('Too many failed attempts; see Retry-After.'),
			...invalid
		}
	},
	{
		method: 'delete',
		path: '/api/session',
		summary: 'Logs out.',
		access: 'public',
		responses: { 204: { description: 'Logged out (also when no one was logged in).' } }
	},
	{
		method: 'get',
		path: '/api/me',
		summary: 'Who is asking: a staff member or a participant.',
		access: 'public',
		responses: { 200: { description: 'The staff member or participant.', schema: s.meResponse }, 401: error('Neither logged in nor a participant.') }
	},
	{
		method: 'get',
		path: '/api/frameworks',
		summary: 'All frameworks with their versions.',
		access: 'staff',
		responses: { 200: { description: 'The frameworks.', schema: s.frameworkList }, ...denied }
	},
	{
		method: 'post',
		path: '/api/frameworks',
		summary: 'Creates a framework with an empty first draft.',
		access: 'quality_manager',
		body: s.createFrameworkBody,
		responses: { 201: { description: 'Created.', schema: s.createFrameworkResponse }, ...invalid, ...denied }
	},
	{
		method: 'post',
		path: '/api/frameworks/import',
		summary: 'Imports a version in the exchange format as a new draft (into the framework with its slug, or a new one). All or nothing.',
		access: 'quality_manager',
		params: [{ name: 'label', in: 'query', schema: z.string().max(40), description: 'Label for the new version instead of the file’s.' }],
		body: s.exchangeSchema,
		responses: {
			201: { description: 'Imported as a draft.', schema: s.importResponse },
			422: error('The file has problems; `problems` lists each with its location. Nothing was loaded.'),
			400: error('The body is not JSON.'),
			415: error('The body is not JSON.'),
			409: error('The framework already has a draft.'),
			...denied
		}
	},
	{
		method: 'get',
		path: '/api/frameworks/{frameworkId}',
		summary: 'One framework with its versions.',
		access: 'staff',
		params: [frameworkId],
		responses: { 200: { description: 'The framework.', schema: s.frameworkOverview }, ...denied, ...missing }
	},
	{
		method: 'post',
		path: '/api/frameworks/{frameworkId}/drafts',
		summary: 'Creates a draft from a published version of this framework.',
		access: 'quality_manager',
		params: [frameworkId],
		body: s.createDraftBody,
		responses: { 201: { description: 'The new draft.', schema: s.versionSummary }, ...invalid, ...denied, ...missing, ...conflict }
	},
	{
		method: 'get',
		path: '/api/versions/{versionId}',
		summary: 'A version with its themes and requirements.',
		access: 'staff',
		params: [versionId],
		responses: { 200: { description: 'The version.', schema: s.versionDetail }, ...denied, ...missing }
	},
	{
		method: 'put',
		path: '/api/versions/{versionId}',
		summary: 'Changes the label and note of a draft.',
		access: 'quality_manager',
		params: [versionId],
		body: s.updateVersionBody,
		responses: { 200: { description: 'The draft.', schema: s.versionSummary }, ...invalid, ...denied, ...missing, ...conflict }
	},
	{
		method: 'delete',
		path: '/api/versions/{versionId}',
		summary: 'Deletes a draft.',
		access: 'quality_manager',
		params: [versionId, revisionParam],
		responses: { 204: { description: 'Deleted.' }, 400: error('The revision is missing.'), ...denied, ...missing, ...conflict }
	},
	{
		method: 'post',
		path: '/api/versions/{versionId}/publish',
		summary: 'Publishes a draft with a change summary. A published version never changes again.',
		access: 'quality_manager',
		params: [versionId],
		body: s.publishBody,
		responses: { 200: { description: 'The published version.', schema: s.versionSummary }, ...invalid, ...denied, ...missing, ...conflict }
	},
	{
		method: 'get',
		path: '/api/versions/{versionId}/export',
		summary: 'Downloads a version: JSON in the exchange format (lossless; import reads it) or CSV for spreadsheets.',
		access: 'staff',
		params: [versionId, { name: 'format', in: 'query', schema: z.enum(['json', 'csv']).default('json') }],
		responses: {
			200: { description: 'The file (JSON, or CSV with a header row, semicolon-separated, UTF-8).', schema: s.exchangeSchema },
			400: error('Unknown format.'),
			...denied,
			...missing
		}
	},
	{
		method: 'get',
		path: '/api/versions/{versionId}/compare/{otherVersionId}',
		summary: 'What changed from this version to the other: added, removed and changed themes and requirements, field by field.',
		access: 'staff',
		params: [versionId, { name: 'otherVersionId', in: 'path', required: true, schema: z.number().int().positive() }],
		responses: { 200: { description: 'The comparison.', schema: s.versionComparison }, 400: error('The versions belong to different frameworks.'), ...denied, ...missing }
	},
	{
		method: 'post',
		path: '/api/versions/{versionId}/themes',
		summary: 'Adds a theme at the end of a draft.',
		access: 'quality_manager',
		params: [versionId],
		body: s.themeBody,
		responses: { 201: { description: 'The theme.', schema: s.themeView }, ...invalid, ...denied, ...missing, ...conflict }
	},
	{
		method: 'put',
		path: '/api/themes/{themeId}',
		summary: 'Changes a theme of a draft.',
		access: 'quality_manager',
		params: [themeId],
		body: s.updateThemeBody,
		responses: { 200: { description: 'The theme.', schema: s.themeView }, ...invalid, ...denied, ...missing, ...conflict }
	},
	{
		method: 'delete',
		path: '/api/themes/{themeId}',
		summary: 'Deletes a theme of a draft, with its requirements.',
		access: 'quality_manager',
		params: [themeId, revisionParam],
		responses: { 204: { description: 'Deleted.' }, 400: error('The revision is missing.'), ...denied, ...missing, ...conflict }
	},
	{
		method: 'post',
		path: '/api/themes/{themeId}/move',
		summary: 'Moves a theme to another place (0-based) in its draft.',
		access: 'quality_manager',
		params: [themeId],
		body: s.moveThemeBody,
		responses: { 204: { description: 'Moved.' }, ...invalid, ...denied, ...missing, ...conflict }
	},
	{
		method: 'post',
		path: '/api/themes/{themeId}/requirements',
		summary: 'Adds a requirement at the end of a theme.',
		access: 'quality_manager',
		params: [themeId],
		body: s.requirementBody,
		responses: { 201: { description: 'The requirement.', schema: s.requirementView }, ...invalid, ...denied, ...missing, ...conflict }
	},
	{
		method: 'put',
		path: '/api/requirements/{requirementId}',
		summary: 'Changes a requirement of a draft.',
		access: 'quality_manager',
		params: [requirementId],
		body: s.updateRequirementBody,
		responses: { 200: { description: 'The requirement.', schema: s.requirementView }, ...invalid, ...denied, ...missing, ...conflict }
	},
	{
		method: 'delete',
		path: '/api/requirements/{requirementId}',
		summary: 'Deletes a requirement of a draft.',
		access: 'quality_manager',
		params: [requirementId, revisionParam],
		responses: { 204: { description: 'Deleted.' }, 400: error('The revision is missing.'), ...denied, ...missing, ...conflict }
	},
	{
		method: 'post',
		path: '/api/requirements/{requirementId}/move',
		summary: 'Moves a requirement within its theme or to another theme of the same draft (0-based position).',
		access: 'quality_manager',
		params: [requirementId],
		body: s.moveRequirementBody,
		responses: { 200: { description: 'The requirement.', schema: s.requirementView }, ...invalid, ...denied, ...missing, ...conflict }
	},
	{
		method: 'get',
		path: '/api/search',
		summary: 'Searches requirement texts (case and diacritics do not matter; every word must occur).',
		access: 'staff',
		params: [
			{ name: 'q', in: 'query', required: true, schema: z.string().max(200) },
			{ name: 'scope', in: 'query', schema: z.enum(['current', 'all']).default('current'), description: 'current: per framework the newest published version and its draft.' },
			{ name: 'frameworkId', in: 'query', schema: z.number().int().positive() }
		],
		responses: { 200: { description: 'The hits.', schema: s.searchResponse }, 400: error('Bad parameters.'), ...denied }
	},
	{
		method: 'get',
		path: '/api/openapi.json',
		summary: 'This document.',
		access: 'public',
		responses: { 200: { description: 'The OpenAPI document.' } }
	}
];

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
	const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
	return rest;
}

const ACCESS_TEXT: Record<Access, string> = {
	public: 'Anyone.',
	staff: 'Logged-in staff (cookie kd_session).',
	quality_manager: 'Staff with the role quality_manager (kwaliteitsmanager).'
};

export function openApiDocument(serverUrl?: string): Record<string, unknown> {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const op of OPERATIONS) {
		paths[op.path] ??= {};
		paths[op.path]![op.method] = {
			summary: op.summary,
			description: `Access: ${ACCESS_TEXT[op.access]}`,
			'x-access': op.access,
			...(op.access === 'public' ? { security: [] } : {}),
			...(op.params
				? {
						parameters: op.params.map((p) => ({
							name: p.name,
							in: p.in,
							required: p.required ?? false,
							...(p.description ? { description: p.description } : {}),
							schema: jsonSchema(p.schema, 'input')
						}))
					}
				: {}),
			...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
			responses: Object.fromEntries(
				Object.entries(op.responses).map(([status, answer]) => [
					status,
					{
						description: answer.description,
						...(answer.schema ? { content: { [answer.contentType ?? 'application/json']: { schema: jsonSchema(answer.schema, 'output') } } } : {})
					}
				])
			)
		};
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Kwaliteitsdialoog API',
			version: '1',
			description:
				'JSON API for quality frameworks (kwaliteitskaders): frameworks, versions, themes and requirements. Reads need a staff login, changes the role quality_manager. Changes to a draft carry the revision they are based on; a stale revision gives 409 instead of overwriting someone else’s work. Errors answer { error: { code, message } }, validation errors add `problems`.'
		},
		...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
		components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kd_session' } } },
		security: [{ session: [] }],
		paths
	};
}
