/**
 * The shape of a quality framework (kwaliteitskader) version, as one definition shared by the
 * database layer, the JSON API, the exchange format (export/import) and the seed files.
 *
 * Dutch terms: thema = theme, toetsvraag = testQuestion, operationele eis / criterium =
 * requirement, wijze van toetsen = testMethod, bewijs/voorbeelden = evidence,
 * ZIN en PGB professioneel = applicability.professional, PGB naaste = applicability.informal,
 * bij verblijf = applicability.residentialOnly.
 */
import { z } from 'zod';

import { ADDRESSEES, APPLIES, CARE_SETTINGS, FUNDING_TYPES, REQUIREMENT_LEVELS as LEVELS, VERSION_STATUSES } from '../../shared/vocabulary';

// The framework's vocabulary lives in src/lib/shared/vocabulary.ts (browser-safe).
export { ADDRESSEES, APPLIES, LEVELS, VERSION_STATUSES };
export type { Addressee, Applies, RequirementLevel as Level, VersionStatus } from '../../shared/vocabulary';

export const APPLICABILITY_RULE_LIMIT = 8;

export const LIMITS = {
	name: 200,
	label: 40,
	shortText: 2000,
	longText: 10000,
	note: 4000,
	themes: 100,
	requirementsPerTheme: 500
} as const;

/** Text as people type it: line endings normalised, trailing spaces of lines removed, trimmed. */
function cleanText(value: string): string {
	return value
		.replace(/\r\n?/g, '\n')
		.replace(/[ \t]+\n/g, '\n')
		.trim();
}
const text = (max: number) => z.string().transform(cleanText).pipe(z.string().min(1).max(max));
const optionalText = (max: number) =>
	z
		.string()
		.nullish()
		.transform((v) => (v == null ? null : cleanText(v) || null))
		.pipe(z.string().max(max).nullable());

export const keySchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const slugSchema = z
	.string()
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
	.max(80);
/** A requirement number as printed in the source, e.g. "1", "4a". Unique within a theme. */
export const numberSchema = z
	.string()
	.nullish()
	.transform((v) => (v == null ? null : v.trim() || null))
	.pipe(
		z
			.string()
			// Letters, digits and dots, with at least one letter or digit ("." alone is no number).
			.regex(/^(?=.*[A-Za-z0-9])[A-Za-z0-9.]{1,12}$/)
			.nullable()
	);

/**
 * What makes two requirement numbers the same number: "4A" is "4a", "01" is "1", "3." is "3".
 * ("1.0" stays other than "1": it may be a sub-number.)
 */
export function numberIdentity(number: string): string {
	return number
		.toLowerCase()
		.replace(/\.+$/, '')
		.replace(/^0+(?=\d)/, '');
}

const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
	z
		.array(item)
		.min(1)
		.max(max)
		.refine((a) => new Set(a).size === a.length, { message: 'duplicate' });

/** One exception of a requirement as data; see APPLICABILITY_RULE_KINDS in the vocabulary. */
export const applicabilityRuleSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('not_for_funding'), fundings: uniqueList(z.enum(FUNDING_TYPES), FUNDING_TYPES.length) }),
	z.object({ kind: z.literal('not_for_guardian_parent') }),
	z.object({ kind: z.literal('setting'), settings: uniqueList(z.enum(CARE_SETTINGS), CARE_SETTINGS.length) }),
	z.object({ kind: z.literal('where_relevant') })
]);
export type ApplicabilityRule = z.output<typeof applicabilityRuleSchema>;

export const applicabilitySchema = z.object({
	professional: z.enum(APPLIES).default('unspecified'),
	informal: z.enum(APPLIES).default('unspecified'),
	/** The source's words for the exceptions, as printed. */
	exceptions: optionalText(LIMITS.shortText).default(null),
	conditions: optionalText(LIMITS.shortText).default(null),
	/** Applies only where clients stay (verblijf); files from before this field import as false. */
	residentialOnly: z.boolean().default(false),
	/**
	 * The exceptions as data, tested against the provider register when an assessment starts.
	 * Left out on an edit: the stored rules stay; left out on import: none.
	 */
	rules: z.array(applicabilityRuleSchema).max(APPLICABILITY_RULE_LIMIT).optional()
});
export type Applicability = z.output<typeof applicabilitySchema>;

/**
 * Rules that contradict each other or the columns, as message keys: the same kind twice, rules
 * that exclude every kind of care the columns allow (the requirement would apply to no provider),
 * or a setting rule that leaves out verblijf on a requirement marked "alleen bij verblijf". An
 * exception for a gezaghebbende ouder where care by a naaste does not apply is redundant, not
 * contradictory: it is kept and has no effect.
 */
export function ruleContradictions(a: Pick<Applicability, 'professional' | 'informal' | 'residentialOnly' | 'rules'>): string[] {
	const rules = a.rules ?? [];
	const found: string[] = [];
	const kinds = rules.map((r) => r.kind);
	if (new Set(kinds).size !== kinds.length) found.push('error.rules.duplicate');
	const excluded = new Set(rules.flatMap((r) => (r.kind === 'not_for_funding' ? r.fundings : [])));
	const open = FUNDING_TYPES.filter((f) => (f === 'pgb_informal' ? a.informal : a.professional) !== 'no');
	if (excluded.size > 0 && open.length > 0 && open.every((f) => excluded.has(f))) found.push('error.rules.neverApplies');
	const setting = rules.find((r) => r.kind === 'setting');
	if (a.residentialOnly && setting && !setting.settings.includes('residential')) found.push('error.rules.residentialLeftOut');
	return found;
}

export const provenanceSchema = z.discriminatedUnion('kind', [
	z.object({
		kind: z.literal('source_document'),
		source: text(LIMITS.name),
		location: optionalText(LIMITS.name).default(null)
	}),
	z.object({
		kind: z.literal('dialogue_session'),
		sessionId: z.number().int().positive().nullable().default(null),
		sessionTitle: text(LIMITS.name),
		date: z.iso.date(),
		perspectives: z.array(z.string().max(40)).max(10).default([]),
		originalText: optionalText(LIMITS.shortText).default(null)
	}),
	z.object({ kind: z.literal('manual') })
]);
export type Provenance = z.output<typeof provenanceSchema>;

/** The editable fields of a requirement. */
export const requirementFieldsSchema = z.object({
	number: numberSchema.default(null),
	text: text(LIMITS.shortText),
	addressees: z
		.array(z.enum(ADDRESSEES))
		.min(1)
		.max(ADDRESSEES.length)
		.default(['provider'])
		.refine((a) => new Set(a).size === a.length, { message: 'duplicate' }),
	level: z.enum(LEVELS).nullable().default(null),
	testMethod: optionalText(LIMITS.shortText).default(null),
	evidence: optionalText(LIMITS.longText).default(null),
	applicability: applicabilitySchema.default({
		professional: 'unspecified',
		informal: 'unspecified',
		exceptions: null,
		conditions: null,
		residentialOnly: false
	}),
	note: optionalText(LIMITS.note).default(null)
});
export type RequirementFields = z.output<typeof requirementFieldsSchema>;
export type RequirementFieldsInput = z.input<typeof requirementFieldsSchema>;

/** The editable fields of a theme. */
export const themeFieldsSchema = z.object({
	name: text(LIMITS.name),
	/** What the theme covers, in the source's words. */
	description: optionalText(LIMITS.longText).default(null),
	/** A definition of the theme, where the source gives one (e.g. MOVISIE Bijlage 1). */
	definition: optionalText(LIMITS.longText).default(null),
	/** The toetsvraag: answered "yes", there is quality. */
	testQuestion: optionalText(LIMITS.shortText).default(null),
	note: optionalText(LIMITS.note).default(null)
});
export type ThemeFields = z.output<typeof themeFieldsSchema>;
export type ThemeFieldsInput = z.input<typeof themeFieldsSchema>;

export const EXCHANGE_FORMAT = 'kwaliteitsdialoog/framework-version' as const;

/**
 * A framework version as a file: what export writes, import reads and the seed files hold.
 * Keys are stable identities of themes and requirements across versions (used by the
 * comparison); when absent, import generates them.
 */
export const exchangeSchema = z.object({
	format: z.literal(EXCHANGE_FORMAT),
	formatVersion: z.literal(1),
	framework: z.object({
		slug: slugSchema,
		name: text(LIMITS.name),
		description: optionalText(LIMITS.longText).default(null)
	}),
	version: z.object({
		label: text(LIMITS.label),
		status: z.enum(VERSION_STATUSES).default('draft'),
		publishedAt: z.iso.datetime({ offset: true }).nullable().default(null),
		publishedBy: optionalText(LIMITS.name).default(null),
		changeSummary: optionalText(LIMITS.shortText).default(null),
		note: optionalText(LIMITS.note).default(null)
	}),
	themes: z
		.array(
			themeFieldsSchema.extend({
				key: keySchema.optional(),
				requirements: z
					.array(requirementFieldsSchema.extend({ key: keySchema.optional(), provenance: provenanceSchema.default({ kind: 'manual' }) }))
					.max(LIMITS.requirementsPerTheme)
			})
		)
		.max(LIMITS.themes)
});
export type ExchangeFile = z.output<typeof exchangeSchema>;
export type ExchangeFileInput = z.input<typeof exchangeSchema>;
