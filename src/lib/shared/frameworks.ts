/**
 * Browser-safe helpers for the framework pages: anchors, labels of coded values, dates,
 * requirement titles and search highlighting. Pages pass their own `t` so these work in
 * components (t from $lib/i18n/t) and on the server (translator(locale)) alike.
 */
import type { Locale, MessageKey, Params } from '../i18n/core';
import type { FieldProblem, FormValues } from './forms';
import { formatDay, formatDayOf } from './dates';
import { ADDRESSEES, APPLICABILITY_RULE_KINDS, APPLIES, CARE_SETTINGS, FUNDING_TYPES, REQUIREMENT_LEVELS } from './vocabulary';

/** Where a requirement comes from (the schema's provenance, as stored and sent to pages). */
export type Provenance =
	| { kind: 'source_document'; source: string; location: string | null }
	| {
			kind: 'dialogue_session';
			sessionId: number | null;
			sessionTitle: string;
			date: string;
			perspectives: string[];
			originalText: string | null;
	  }
	| { kind: 'manual' };

export type Translate = (key: MessageKey, params?: Params) => string;

const ADDRESSEE_CODES = ADDRESSEES;
const LEVEL_CODES = REQUIREMENT_LEVELS;
const APPLIES_CODES = APPLIES;

/** The id of a requirement in the version document, stable across versions (its key). */
export const requirementAnchor = (key: string) => `eis-${key}`;
/** The id of a theme in the version document. */
export const themeAnchor = (key: string) => `thema-${key}`;

export const frameworkPath = (frameworkId: number) => `/frameworks/${frameworkId}`;
export const versionPath = (frameworkId: number, versionId: number) => `/frameworks/${frameworkId}/versions/${versionId}`;
export const editPath = (frameworkId: number, versionId: number) => `${versionPath(frameworkId, versionId)}/edit`;
export const publicPath = (versionId: number) => `/public/versions/${versionId}`;
export const exportPath = (versionId: number, format: 'json' | 'csv') => `/api/versions/${versionId}/export?format=${format}`;
export const comparePath = (frameworkId: number, from: number, to: number) => `/frameworks/${frameworkId}/compare?from=${from}&to=${to}`;

/** A date (ISO string) as people read it, in the Netherlands' time zone. */
export function formatDate(locale: Locale, iso: string | null): string {
	return iso ? formatDayOf(iso, locale) : '';
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
	return (list as readonly string[]).includes(value);
}

export function addresseeNames(t: Translate, codes: readonly string[]): string {
	return codes.map((c) => (isOneOf(ADDRESSEE_CODES, c) ? t(`framework.addressee.${c}`) : c)).join(', ');
}

export function levelName(t: Translate, code: string | null): string {
	if (!code) return '';
	return isOneOf(LEVEL_CODES, code) ? t(`framework.level.${code}`) : code;
}

export function appliesName(t: Translate, code: string): string {
	return isOneOf(APPLIES_CODES, code) ? t(`framework.applies.${code}`) : code;
}

export function provenanceText(t: Translate, p: Provenance, locale: Locale): string {
	if (p.kind === 'source_document') return [p.source, p.location].filter(Boolean).join(', ');
	if (p.kind === 'dialogue_session') return t('framework.provenance.session', { title: p.sessionTitle, date: formatDay(p.date, locale) });
	return t('framework.provenance.manual');
}

/** "Eis 4a", or for a requirement without a number its place in the theme. */
export function requirementTitle(t: Translate, number: string | null, position: number): string {
	return number ? t('version.requirement', { number }) : t('version.requirementUnnumbered', { n: position + 1 });
}

export function countText(t: Translate, count: number, one: MessageKey, many: MessageKey): string {
	return count === 1 ? t(one) : t(many, { count });
}

/**
 * A value of a compared field as people read it: coded values (addressees, level,
 * applicability, the yes/no flag residentialOnly) become their labels; text stays as it is.
 */
export function diffValue(t: Translate, field: string, value: string | null): string | null {
	if (value === null) return null;
	if (field === 'addressees') return addresseeNames(t, value.split(/,\s*/).filter(Boolean));
	if (field === 'level') return levelName(t, value);
	if (field === 'professional' || field === 'informal' || field === 'residentialOnly') return appliesName(t, value);
	if (field === 'rules') return rulesName(t, value);
	return value;
}

/** One exception of a requirement as data (the wire shape of applicability.rules). */
export type RuleData = { kind: string; fundings?: readonly string[]; settings?: readonly string[] };

/**
 * A requirement's exceptions as data, as one comparable text: one line per rule in a fixed
 * order (`not_for_funding: pgb_informal`), so the same rules in another order are no change.
 * Null when there are none.
 */
export function rulesDiffText(rules: readonly RuleData[] | null | undefined): string | null {
	if (!rules || rules.length === 0) return null;
	const rank = (list: readonly string[], code: string) => (list.includes(code) ? list.indexOf(code) : list.length);
	const kinds: readonly string[] = APPLICABILITY_RULE_KINDS;
	return [...rules]
		.sort((a, b) => rank(kinds, a.kind) - rank(kinds, b.kind))
		.map((rule) => {
			const order: readonly string[] = rule.fundings ? FUNDING_TYPES : CARE_SETTINGS;
			const codes = [...(rule.fundings ?? rule.settings ?? [])].sort((a, b) => rank(order, a) - rank(order, b));
			return codes.length > 0 ? `${rule.kind}: ${codes.join(', ')}` : rule.kind;
		})
		.join('\n');
}

/** A requirement's exceptions as data, one sentence each, as people read them; null when there are none. */
export function rulesText(t: Translate, rules: readonly RuleData[] | null | undefined): string | null {
	const text = rulesDiffText(rules);
	return text === null ? null : rulesName(t, text);
}

/** "a, b of c": the choices of one exception. */
function choices(t: Translate, names: string[]): string {
	return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${t('framework.exception.or')} ${names.at(-1)}`;
}

/** rulesDiffText as people read it: one sentence per exception. */
function rulesName(t: Translate, value: string): string {
	return value
		.split('\n')
		.map((line) => {
			const [kind, list = ''] = line.split(': ');
			const codes = list.split(', ').filter(Boolean);
			if (kind === 'not_for_funding')
				return t('framework.exception.not_for_funding', {
					fundings: choices(
						t,
						codes.map((c) => (isOneOf(FUNDING_TYPES, c) ? t(`assessments.report.funding.${c}`) : c))
					)
				});
			if (kind === 'setting')
				return t('framework.exception.setting', {
					settings: choices(
						t,
						codes.map((c) => (isOneOf(CARE_SETTINGS, c) ? t(`assessments.setting.${c}`) : c))
					)
				});
			if (kind === 'not_for_guardian_parent') return t('framework.exception.not_for_guardian_parent');
			if (kind === 'where_relevant') return t('framework.exception.where_relevant');
			return line;
		})
		.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Highlighting search words

export interface MarkedPart {
	text: string;
	mark: boolean;
}

/** One character without diacritics, lower case ("É" → "e"); may be longer than one unit. */
function fold(char: string): string {
	return char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Splits `text` into parts, marking every occurrence of a word of `query`. Like the search
 * itself, case and diacritics do not matter: "client" marks "cliënt".
 */
export function highlight(text: string, query: string): MarkedPart[] {
	const words = [
		...new Set(
			fold(query)
				.split(/\s+/)
				.filter((w) => w.length > 0)
		)
	];
	if (words.length === 0 || text.length === 0) return [{ text, mark: false }];
	// The folded text, and for every folded unit the index of the character it came from.
	let folded = '';
	const origin: number[] = [];
	const chars = Array.from(text);
	chars.forEach((char, i) => {
		const f = fold(char);
		folded += f;
		for (let k = 0; k < f.length; k++) origin.push(i);
	});
	const marked = new Array<boolean>(chars.length).fill(false);
	for (const word of words) {
		let from = folded.indexOf(word);
		while (from !== -1) {
			for (let k = from; k < from + word.length; k++) marked[origin[k]!] = true;
			from = folded.indexOf(word, from + 1);
		}
	}
	const parts: MarkedPart[] = [];
	chars.forEach((char, i) => {
		const last = parts[parts.length - 1];
		if (last && last.mark === marked[i]) last.text += char;
		else parts.push({ text: char, mark: marked[i]! });
	});
	return parts;
}

// ---------------------------------------------------------------------------------------------
// Forms

/**
 * The answer of a refused form action: which form (`form`, e.g. "req-12"), the message,
 * problems per field, what the user typed (to show it again), and extras.
 */
export interface FormState {
	form: string;
	error: MessageKey;
	params: Params;
	fields: Record<string, FieldProblem>;
	values: FormValues;
	/** Someone else changed the same thing first (stale revision). */
	conflict: boolean;
	/** Import: every problem of the file, with its location in words. */
	problems: { location: string; message: string }[];
	/** A page that helps, e.g. the draft that already exists. */
	link: string | null;
}

export const REQUIREMENT_FIELDS = [
	'number',
	'text',
	'addressees',
	'level',
	'testMethod',
	'evidence',
	'professional',
	'informal',
	'exceptions',
	'conditions',
	'residentialOnly',
	'note'
] as const;
export const THEME_FIELDS = ['name', 'description', 'definition', 'testQuestion', 'note'] as const;

// ---------------------------------------------------------------------------------------------
// Comparing two versions ($lib/server/frameworks/compare)

/** The fields a comparison of two versions looks at: a theme's, and a requirement's with the theme it is in. */
export const THEME_DIFF_FIELDS = THEME_FIELDS;
/** `rules` (the exceptions as data, see rulesDiffText) is compared but not a form field: it comes with an import. */
export const REQUIREMENT_DIFF_FIELDS = ['theme', ...REQUIREMENT_FIELDS, 'rules'] as const;
export type DiffField = (typeof THEME_DIFF_FIELDS)[number] | (typeof REQUIREMENT_DIFF_FIELDS)[number];

export interface FieldChange {
	field: DiffField;
	before: string | null;
	after: string | null;
}

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface ThemeChange {
	key: string;
	kind: ChangeKind;
	name: string;
	changes: FieldChange[];
}

export interface RequirementChange {
	key: string;
	kind: ChangeKind;
	/** The theme it is in now (or was in, when removed). */
	themeName: string;
	number: string | null;
	text: string;
	changes: FieldChange[];
}

interface RequirementLike {
	number: string | null;
	text: string;
	addressees: readonly string[];
	level: string | null;
	testMethod: string | null;
	evidence: string | null;
	applicability: { professional: string; informal: string; exceptions: string | null; conditions: string | null; residentialOnly: boolean };
	note: string | null;
}

interface ThemeLike {
	name: string;
	description: string | null;
	definition: string | null;
	testQuestion: string | null;
	note: string | null;
}

/** A saved requirement as form values; the check box residentialOnly is 'yes' or 'no'. */
export function requirementValues(r: RequirementLike): FormValues {
	return {
		number: r.number ?? '',
		text: r.text,
		addressees: [...r.addressees],
		level: r.level ?? '',
		testMethod: r.testMethod ?? '',
		evidence: r.evidence ?? '',
		professional: r.applicability.professional,
		informal: r.applicability.informal,
		exceptions: r.applicability.exceptions ?? '',
		conditions: r.applicability.conditions ?? '',
		residentialOnly: r.applicability.residentialOnly ? 'yes' : 'no',
		note: r.note ?? ''
	};
}

export function themeValues(theme: ThemeLike): FormValues {
	return {
		name: theme.name,
		description: theme.description ?? '',
		definition: theme.definition ?? '',
		testQuestion: theme.testQuestion ?? '',
		note: theme.note ?? ''
	};
}

/** A form value as text for reading: coded values become their labels. */
export function valueText(t: Translate, field: string, value: string | string[] | undefined): string {
	if (value === undefined) return '';
	if (Array.isArray(value)) return field === 'addressees' ? addresseeNames(t, value) : value.join(', ');
	return diffValue(t, field, value) ?? '';
}

/** The fields whose typed value differs from the saved one (whitespace at the ends ignored). */
export function changedFields(fields: readonly string[], typed: FormValues, saved: FormValues): string[] {
	const norm = (v: string | string[] | undefined) =>
		Array.isArray(v) ? [...v].sort().join(',') : (v ?? '').replace(/\r\n?/g, '\n').trim();
	return fields.filter((f) => norm(typed[f]) !== norm(saved[f]));
}

const FIELD_LABELS: Record<string, MessageKey> = {
	name: 'framework.field.name',
	slug: 'framework.field.slug',
	label: 'framework.field.label',
	description: 'framework.field.description',
	definition: 'framework.field.definition',
	testQuestion: 'framework.field.testQuestion',
	number: 'framework.field.number',
	text: 'framework.field.text',
	addressees: 'framework.field.addressees',
	level: 'framework.field.level',
	testMethod: 'framework.field.testMethod',
	evidence: 'framework.field.evidence',
	professional: 'framework.field.professional',
	informal: 'framework.field.informal',
	exceptions: 'framework.field.exceptions',
	conditions: 'framework.field.conditions',
	residentialOnly: 'framework.field.residentialOnly',
	rules: 'framework.field.rules',
	note: 'framework.field.note',
	changeSummary: 'framework.field.changeSummary',
	revision: 'framework.field.revision',
	theme: 'framework.field.theme',
	themeId: 'framework.field.theme',
	position: 'frameworks.form.position',
	file: 'frameworks.import.file',
	from: 'framework.page.newDraft.from'
};

export function fieldLabel(t: Translate, name: string): string {
	const key = FIELD_LABELS[name];
	return key ? t(key) : name;
}

/** The message per field of a refused form, in the page's language. */
export function fieldErrors(t: Translate, state: FormState | null | undefined): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const [name, problem] of Object.entries(state?.fields ?? {})) errors[name] = t(problem.code, problem.params);
	return errors;
}

/**
 * The lines of an error summary: each links to the field (ids are `<idPrefix>-<name>`). A form
 * whose fields are not a criterion's or a version's gives its own `labels` (its fields' labels).
 */
export function summaryProblems(t: Translate, state: FormState | null | undefined, idPrefix: string, labels: Record<string, string> = {}) {
	return Object.entries(state?.fields ?? {}).map(([name, problem]) => ({
		target: name === 'addressees' ? `${idPrefix}-addressees-municipality` : `${idPrefix}-${name}`,
		label: labels[name] ?? fieldLabel(t, name),
		message: t(problem.code, problem.params)
	}));
}
