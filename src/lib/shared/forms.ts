/**
 * The wire types of forms (browser-safe), one of each: a problem at a field (or of the whole
 * form) as a message key with its parameters, the problems of a form by field, and what a
 * form sent. The server maps refusals into these ($lib/server/http/forms); components show them.
 */
import type { MessageKey, Params } from '../i18n';

/** A problem at one field (or of the whole form): a message key with its parameters. */
export interface FieldProblem {
	code: MessageKey;
	params?: Params;
}

/** The problems of a form, by field (the first problem per field). */
export type FieldErrors<F extends string = string> = Partial<Record<F, FieldProblem>>;

/** What a form sent, by field name (check boxes give a list). */
export type FormValues = Record<string, string | string[]>;

/** A text field of a form; missing fields become ''. */
export function formText(data: FormData, name: string): string {
	const value = data.get(name);
	return typeof value === 'string' ? value : '';
}

/**
 * A date field of a form, trimmed. A date box shows "dd-mm-jjjj" and sends YYYY-MM-DD; where a
 * browser shows a plain text box instead, people type the day first, as it is written here
 * (15-1-2027, 15/01/2027, 15.01.2027, 15 01 2027): that becomes 2027-01-15, as does a year
 * first with other marks (2027/01/15, 2027.1.15). Anything else stays as typed, for the domain
 * to accept or refuse (the JSON API takes YYYY-MM-DD only).
 */
export function formDate(data: FormData, name: string): string {
	const text = formText(data, name).trim();
	const iso = (year: string, month: string, day: string) => `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
	const dayFirst = /^(\d{1,2})\s*[-/. ]\s*(\d{1,2})\s*[-/. ]\s*(\d{4})$/.exec(text);
	if (dayFirst) return iso(dayFirst[3]!, dayFirst[2]!, dayFirst[1]!);
	const yearFirst = /^(\d{4})\s*[-/. ]\s*(\d{1,2})\s*[-/. ]\s*(\d{1,2})$/.exec(text);
	return yearFirst ? iso(yearFirst[1]!, yearFirst[2]!, yearFirst[3]!) : text;
}

/** The checked boxes named `name`. */
export function formList(data: FormData, name: string): string[] {
	return data.getAll(name).filter((v): v is string => typeof v === 'string');
}

/** An integer field: empty is null (the schema says it is required), other text stays text (invalid). */
export function formInteger(value: string): number | string | null {
	const v = value.trim();
	if (v === '') return null;
	return /^-?\d+$/.test(v) ? Number(v) : v;
}

// ---------------------------------------------------------------------------------------------
// The account forms: which field a message code is about, so the page can mark that field
// invalid and link it to the error text with aria-describedby.

export type FieldName = 'name' | 'email' | 'roles' | 'password' | 'current' | 'repeat';

export function fieldForCode(code: MessageKey | undefined | null): FieldName | null {
	if (!code) return null;
	if (code === 'error.account.email' || code === 'error.account.emailTaken') return 'email';
	if (code === 'error.account.name') return 'name';
	if (code === 'error.account.roles' || code === 'error.account.lastAdmin') return 'roles';
	if (code === 'error.password.currentWrong') return 'current';
	if (code === 'account.password.mismatch') return 'repeat';
	if (code.startsWith('error.password.')) return 'password';
	return null;
}

/**
 * Whether a field should be marked invalid: the field the error is about, or every field
 * of the form when the error is not about one field in particular.
 */
export function isInvalid(code: MessageKey | undefined | null, field: string, explicit?: FieldName | null): boolean {
	if (!code) return false;
	const target = explicit ?? fieldForCode(code);
	return target === null || target === field;
}

/** isInvalid for a refusal with several problems (a form that tells all that is wrong at once). */
export function isInvalidByAny(problems: readonly { code: MessageKey }[] | undefined, field: string): boolean {
	return (problems ?? []).some((p) => isInvalid(p.code, field));
}
