/**
 * The JSON API's routes as data, and the OpenAPI 3.1 document built from them (served at
 * /api/openapi.json). Bodies and answers are the zod schemas the routes themselves use, so the
 * document cannot drift from the code; tests/integration/api.test.ts calls every documented
 * operation and checks each answer against this document.
 */
import { z } from 'zod';
import * as s from './schemas';
import * as sc from './scoring-schemas';
import { TRUST_BEHAVIOUR_KEYS } from '../scoring/trust-keys';
import { sessionResultsSchema } from '../reports/results';

/** `session_facilitator`: the facilitator of that session only; other staff get 403 (no facilitator role) or 404. */
export type Access = 'public' | 'staff' | 'quality_reader' | 'quality_manager' | 'session_facilitator';

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
const revisionParam: Param = {
	name: 'revision',
	in: 'query',
	required: true,
	schema: z.number().int().min(1),
	description: 'The revision the change is based on.'
};

const error = (description: string): Answer => ({ description, schema: s.errorResponse });
const denied = { 401: error('Not logged in.'), 403: error('Not allowed for this role, or a cross-site request.') };
const missing = { 404: error('No such framework, version, theme or requirement.') };
const invalid = { 400: error('The body is not valid; `problems` says what and where.'), 415: error('The body is not JSON.') };
const conflict = {
	409: error('A published version cannot change; someone else changed it first (stale revision); or a draft already exists.')
};

// Providers and assessments (toetsingen) --------------------------------------------------------

const providerId: Param = { name: 'providerId', in: 'path', required: true, schema: z.number().int().positive() };
const assessmentId: Param = { name: 'assessmentId', in: 'path', required: true, schema: z.number().int().positive() };
const itemId: Param = { name: 'itemId', in: 'path', required: true, schema: z.number().int().positive() };
const behaviour: Param = {
	name: 'behaviour',
	in: 'path',
	required: true,
	schema: z.enum(TRUST_BEHAVIOUR_KEYS),
	description: 'One of the five behaviours of vertrouwen.'
};
const noProvider = { 404: error('No such provider.') };
const noAssessment = { 404: error('No such assessment (or item, or behaviour).') };
const finalConflict = { 409: error('The assessment is final: it changes only through an amendment.') };

const SCORING_OPERATIONS: Operation[] = [
	{
		method: 'get',
		path: '/api/providers',
		summary: 'The provider register (zorgaanbieders), by name.',
		access: 'quality_reader',
		responses: { 200: { description: 'The providers.', schema: sc.providerList }, ...denied }
	},
	{
		method: 'post',
		path: '/api/providers',
		summary:
			'Adds a provider: name, kind of support, funding (ZIN, PGB professional, PGB naaste), residential stay, day care (dayCare) and, with a PGB naaste, whether the naaste is the gezaghebbende ouder (guardianParent). These facts decide which requirements apply.',
		access: 'quality_manager',
		body: sc.providerBody,
		responses: {
			201: { description: 'The provider.', schema: sc.providerView },
			...invalid,
			...denied,
			409: error('A provider with this name exists.')
		}
	},
	{
		method: 'get',
		path: '/api/providers/{providerId}',
		summary: 'One provider.',
		access: 'quality_reader',
		params: [providerId],
		responses: { 200: { description: 'The provider.', schema: sc.providerView }, ...denied, ...noProvider }
	},
	{
		method: 'put',
		path: '/api/providers/{providerId}',
		summary: 'Changes a provider (all fields), based on its revision.',
		access: 'quality_manager',
		params: [providerId],
		body: sc.updateProviderBody,
		responses: {
			200: { description: 'The provider.', schema: sc.providerView },
			...invalid,
			...denied,
			...noProvider,
			409: error('Someone else changed it first (stale revision), or another provider has this name.')
		}
	},
	{
		method: 'get',
		path: '/api/providers/{providerId}/assessments',
		summary: 'The provider’s history: its assessments, newest first, each with its overall result (the trend).',
		access: 'quality_reader',
		params: [providerId],
		responses: { 200: { description: 'The provider and its assessments.', schema: sc.providerAssessments }, ...denied, ...noProvider }
	},
	{
		method: 'get',
		path: '/api/assessments',
		summary: 'Assessments, newest first, each with its overall result; optionally filtered.',
		access: 'quality_reader',
		params: [
			{ name: 'status', in: 'query', schema: z.enum(['draft', 'final']) },
			{ name: 'providerId', in: 'query', schema: z.number().int().positive() },
			{ name: 'versionId', in: 'query', schema: z.number().int().positive(), description: 'The framework version assessed against.' }
		],
		responses: { 200: { description: 'The assessments.', schema: sc.assessmentList }, 400: error('Bad parameters.'), ...denied }
	},
	{
		method: 'post',
		path: '/api/assessments',
		summary:
			'Starts an assessment of a provider against a published framework version. Only requirements addressed to the provider are included (not those for the municipality alone); those that apply by the provider’s facts and the requirement’s rules are pre-selected, each with its reason (presumedReason).',
		access: 'quality_manager',
		body: sc.startAssessmentBody,
		responses: {
			201: { description: 'The new assessment.', schema: sc.assessmentDetailView },
			...invalid,
			...denied,
			404: error('No such provider or version.'),
			409: error(
				'The version is a draft (assessments use published versions only), has no requirement for providers, or the provider lacks a fact a requirement needs (day care, gezaghebbende ouder).'
			)
		}
	},
	{
		method: 'get',
		path: '/api/assessments/{assessmentId}',
		summary:
			'An assessment: its requirements with level, evidence and explanation, vertrouwen, the computed result with its arithmetic, recurrence, the decision and amendments.',
		access: 'quality_reader',
		params: [assessmentId],
		responses: { 200: { description: 'The assessment.', schema: sc.assessmentDetailView }, ...denied, ...noAssessment }
	},
	{
		method: 'put',
		path: '/api/assessments/{assessmentId}/items/{itemId}',
		summary:
			'Scores one requirement (level, evidence, explanation), or says it does not apply; a choice other than the type suggests needs a reason.',
		access: 'quality_manager',
		params: [assessmentId, itemId],
		body: sc.itemBody,
		responses: {
			200: { description: 'The requirement and the result computed again.', schema: sc.itemUpdateView },
			...invalid,
			...denied,
			...noAssessment,
			409: error('The assessment is final, or someone else changed the requirement first (stale revision).')
		}
	},
	{
		method: 'put',
		path: '/api/assessments/{assessmentId}/trust/{behaviour}',
		summary: 'Judges one behaviour of vertrouwen (strengthened, unchanged, harmed, restored) with a motivation. Not a score.',
		access: 'quality_manager',
		params: [assessmentId, behaviour],
		body: sc.trustBody,
		responses: { 200: { description: 'The judgement.', schema: sc.trustView }, ...invalid, ...denied, ...noAssessment, ...finalConflict }
	},
	{
		method: 'put',
		path: '/api/assessments/{assessmentId}/weighing',
		summary: 'The weighing factors in words: severity of the risk and harm, size of the group affected.',
		access: 'quality_manager',
		params: [assessmentId],
		body: sc.weighingBody,
		responses: {
			200: { description: 'The weighing factors.', schema: sc.weighingView },
			...invalid,
			...denied,
			...noAssessment,
			...finalConflict
		}
	},
	{
		method: 'post',
		path: '/api/assessments/{assessmentId}/finalize',
		summary:
			'Finalises with the decision: accept the proposed outcome, or deviate with a motivation. Refused while requirements that apply have no score (they are listed). Send `proposedOutcome`, the proposal you decided on: when scores changed since, the proposal may have too, and the decision is refused (409).',
		access: 'quality_manager',
		params: [assessmentId],
		body: sc.decisionBody,
		responses: {
			200: { description: 'The final assessment.', schema: sc.assessmentDetailView },
			...invalid,
			...denied,
			...noAssessment,
			409: error('Already final, requirements without a score, nothing assessed, or the proposal changed since `proposedOutcome`.')
		}
	},
	{
		method: 'post',
		path: '/api/assessments/{assessmentId}/amendments',
		summary:
			"Changes a requirement of a final assessment, with a reason; what it was before is kept. The proposal is computed again; the decision stands. Send `revision`, the requirement's revision you saw: when it changed since (another amendment), the change is refused (409).",
		access: 'quality_manager',
		params: [assessmentId],
		body: sc.amendmentBody,
		responses: {
			201: { description: 'The assessment with the amendment.', schema: sc.assessmentDetailView },
			...invalid,
			...denied,
			...noAssessment,
			409: error('The assessment is not final yet, the requirement does not apply, or it changed since `revision`.')
		}
	},
	{
		method: 'get',
		path: '/api/assessments/{assessmentId}/export.csv',
		summary:
			'Downloads an assessment as CSV: one row per requirement, then the result per theme and overall with the arithmetic, and the decision.',
		access: 'quality_reader',
		params: [assessmentId],
		responses: {
			200: { description: 'The file: semicolon-separated, UTF-8 with BOM, a header row.', schema: z.string(), contentType: 'text/csv' },
			...denied,
			...noAssessment
		}
	}
];

export const OPERATIONS: Operation[] = [
	{
		method: 'post',
		path: '/api/session',
		summary:
			'Logs in with e-mail and password, plus `code` (TOTP or recovery code) for an account with MFA; sets the session cookie kd_session. With mfaEnrolmentRequired the login may only set up MFA on /account/mfa.',
		access: 'public',
		body: s.credentialsBody,
		responses: {
			200: { description: 'Logged in.', schema: s.loginResponse },
			401: error('Wrong e-mail address or password, or a missing or wrong MFA code.'),
			429: error('Too many failed attempts or wrong codes; see Retry-After.'),
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
		responses: {
			200: { description: 'The staff member or participant.', schema: s.meResponse },
			401: error('Neither logged in nor a participant.')
		}
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
		responses: {
			200: { description: 'The comparison.', schema: s.versionComparison },
			400: error('The versions belong to different frameworks.'),
			...denied,
			...missing
		}
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
		params: [
			themeId,
			revisionParam,
			{
				name: 'requirements',
				in: 'query',
				required: false,
				schema: z.string(),
				description:
					'The ids of the requirements you were shown in this theme, comma-separated (empty: none). When the theme holds others now (a colleague added, moved or removed one), nothing is deleted (409).'
			}
		],
		responses: {
			204: { description: 'Deleted.' },
			400: error('The revision is missing, or `requirements` is not a list of ids.'),
			...denied,
			...missing,
			409: error(
				'A published version cannot change; the theme changed (stale revision); or its requirements are not the ones in `requirements`.'
			)
		}
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
			{
				name: 'scope',
				in: 'query',
				schema: z.enum(['current', 'all']).default('current'),
				description: 'current: per framework the newest published version and its draft.'
			},
			{ name: 'frameworkId', in: 'query', schema: z.number().int().positive() }
		],
		responses: { 200: { description: 'The hits.', schema: s.searchResponse }, 400: error('Bad parameters.'), ...denied }
	},
	...SCORING_OPERATIONS,
	{
		method: 'get',
		path: '/api/sessions/{sessionId}/results',
		summary:
			"A closed session's results: every theme with its stickers per perspective; per chosen theme the keywords, the toetsvraag and the criteria with their status; the agreements. No names of participants.",
		access: 'session_facilitator',
		params: [
			{ name: 'sessionId', in: 'path', required: true, schema: z.number().int().positive() },
			{
				name: 'format',
				in: 'query',
				schema: z.enum(['json', 'csv']).default('json'),
				description: 'csv: one row per item, semicolon-separated, UTF-8 with BOM, a header row.'
			}
		],
		responses: {
			200: { description: 'The results (JSON; or the CSV file with format=csv).', schema: sessionResultsSchema },
			400: error('Unknown format.'),
			...denied,
			404: error('No such session, or not yours.'),
			409: error('The session is not closed yet: there are no results.')
		}
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
	quality_reader: 'Staff with the role quality_manager or admin (kwaliteitsmanager, beheerder).',
	quality_manager: 'Staff with the role quality_manager (kwaliteitsmanager).',
	session_facilitator: "The session's own facilitator (cookie kd_session); other staff get 403 or 404."
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
						...(answer.schema
							? { content: { [answer.contentType ?? 'application/json']: { schema: jsonSchema(answer.schema, 'output') } } }
							: {})
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
				'JSON API for quality frameworks (kwaliteitskaders): frameworks, versions, themes and requirements. Reads need a staff login, changes the role quality_manager. Changes to a draft carry the revision they are based on; a stale revision gives 409 instead of overwriting someone else’s work. Errors answer { error: { code, message } }, validation errors add `problems`. Providers and assessments (toetsingen) with their computed results: reads need the role quality_manager or admin, changes quality_manager.'
		},
		...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
		components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kd_session' } } },
		security: [{ session: [] }],
		paths
	};
}
