/**
 * Schemas of the JSON API: request bodies (validated by the routes) and responses (described
 * in the OpenAPI document and checked against real answers by the API tests). Request schemas
 * reuse the domain's field schemas, so the API, the forms and the import validate alike.
 */
import { z } from 'zod';
import {
	ADDRESSEES,
	APPLIES,
	LEVELS,
	VERSION_STATUSES,
	exchangeSchema,
	applicabilityRuleSchema,
	provenanceSchema,
	requirementFieldsSchema,
	themeFieldsSchema
} from '../frameworks/model';
import { frameworkInputSchema, moveRequirementSchema, publishSchema, versionMetaSchema } from '../frameworks/store';

const revision = z.number().int().min(1);
const id = z.number().int().positive();
const nullableText = z.string().nullable();

// Requests ------------------------------------------------------------------------------------

export const credentialsBody = z.object({
	email: z.string().max(254),
	password: z.string().max(1024),
	code: z.string().max(64).optional()
});

export const createFrameworkBody = frameworkInputSchema.extend({ firstLabel: z.string().max(40).optional() });
export const createDraftBody = z.object({ fromVersionId: id, label: z.string().max(40).optional() });
export const updateVersionBody = versionMetaSchema.extend({ revision });
export const publishBody = publishSchema.extend({ revision });
export const themeBody = themeFieldsSchema;
export const updateThemeBody = themeFieldsSchema.extend({ revision });
export const moveThemeBody = z.object({ revision, position: z.number().int().min(0) });
export const requirementBody = requirementFieldsSchema;
export const updateRequirementBody = requirementFieldsSchema.extend({ revision });
export const moveRequirementBody = moveRequirementSchema.extend({ revision });
export const revisionQuery = z.coerce.number().int().min(1);
/** Ids as one text, `12,13,20` (empty: none): what a page or client was shown (`?requirements=`). */
export const idListQuery = z
	.string()
	.max(4000)
	.regex(/^(?:[1-9]\d{0,14}(?:,[1-9]\d{0,14})*)?$/)
	.transform((text) => (text ? text.split(',').map(Number) : []));

// Responses -----------------------------------------------------------------------------------

export const errorResponse = z.object({
	error: z.object({ code: z.string(), message: z.string() }),
	problems: z.array(z.object({ path: z.string(), code: z.string(), message: z.string(), location: z.string() })).optional()
});

export const frameworkInfo = z.object({ id, slug: z.string(), name: z.string(), description: nullableText });

export const versionSummary = z.object({
	id,
	frameworkId: id,
	label: z.string(),
	status: z.enum(VERSION_STATUSES),
	basedOnVersionId: id.nullable(),
	revision,
	note: nullableText,
	createdAt: z.iso.datetime(),
	updatedAt: z.iso.datetime(),
	publishedAt: z.iso.datetime().nullable(),
	publishedBy: nullableText,
	changeSummary: nullableText
});

export const frameworkOverview = frameworkInfo.extend({
	versions: z.array(versionSummary.extend({ themeCount: z.number().int().min(0), requirementCount: z.number().int().min(0) }))
});

export const requirementView = z.object({
	id,
	key: z.string(),
	themeId: id,
	position: z.number().int().min(0),
	number: nullableText,
	text: z.string(),
	addressees: z.array(z.enum(ADDRESSEES)),
	level: z.enum(LEVELS).nullable(),
	testMethod: nullableText,
	evidence: nullableText,
	applicability: z.object({
		professional: z.enum(APPLIES),
		informal: z.enum(APPLIES),
		exceptions: nullableText,
		conditions: nullableText,
		residentialOnly: z.boolean().describe('Applies only where clients stay (verblijf).'),
		rules: z
			.array(applicabilityRuleSchema)
			.describe(
				'The exceptions as data: not_for_funding ("niet van toepassing op PGB\'s"), not_for_guardian_parent ("behalve gezaghebbende ouder"), setting (residential / day_care), where_relevant ("indien van toepassing").'
			)
	}),
	provenance: provenanceSchema,
	note: nullableText,
	revision
});

export const themeView = z.object({
	id,
	key: z.string(),
	position: z.number().int().min(0),
	name: z.string(),
	description: nullableText,
	definition: nullableText,
	testQuestion: nullableText,
	note: nullableText,
	revision,
	requirements: z.array(requirementView)
});

export const versionDetail = z.object({ framework: frameworkInfo, version: versionSummary, themes: z.array(themeView) });

const fieldChange = z.object({ field: z.string(), before: nullableText, after: nullableText });
const changeKind = z.enum(['added', 'removed', 'changed']);
export const versionComparison = z.object({
	framework: frameworkInfo,
	from: versionSummary,
	to: versionSummary,
	themes: z.array(z.object({ key: z.string(), kind: changeKind, name: z.string(), changes: z.array(fieldChange) })),
	requirements: z.array(
		z.object({
			key: z.string(),
			kind: changeKind,
			themeName: z.string(),
			number: nullableText,
			text: z.string(),
			changes: z.array(fieldChange)
		})
	),
	counts: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() })
});

export const searchResponse = z.object({
	hits: z.array(
		z.object({
			framework: z.object({ id, name: z.string() }),
			version: z.object({ id, label: z.string(), status: z.enum(VERSION_STATUSES) }),
			theme: z.object({ id, name: z.string() }),
			requirement: z.object({ id, key: z.string(), number: nullableText, text: z.string() }),
			matchedIn: z.enum(['text', 'other'])
		})
	)
});

export const importResponse = z.object({ frameworkId: id, createdFramework: z.boolean(), version: versionSummary });
export const createFrameworkResponse = z.object({ framework: frameworkInfo, draft: versionSummary });
export const frameworkList = z.object({ frameworks: z.array(frameworkOverview) });

const staffUser = z.object({
	id,
	name: z.string(),
	email: z.string(),
	roles: z.array(z.enum(['admin', 'facilitator', 'quality_manager'])),
	mustChangePassword: z.boolean()
});
export const loginResponse = z.object({ user: staffUser.extend({ mfaEnrolmentRequired: z.boolean() }) });
export const meResponse = z.union([
	z.object({ kind: z.literal('staff'), user: staffUser }),
	z.object({
		kind: z.literal('participant'),
		participant: z.object({ id, displayName: z.string(), perspective: z.string(), role: z.string(), dialogueSessionId: id })
	})
]);

export { exchangeSchema };
