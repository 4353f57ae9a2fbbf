/**
 * Form reading and failure mapping for pages: the body of a POST, its text fields, and the one
 * mapper from a refusal of the domain (a DomainError, or a ValidationError with its problems)
 * to problems at the fields of a form ($lib/shared/forms). The shapes the pages receive are
 * made from that one mapping; anything that is not a DomainError is rethrown.
 */
import { fail } from '@sveltejs/kit';
import type { MessageKey, Params } from '../../i18n';
import { ROLES, type Role } from '../../shared/vocabulary';
import { formList, type FieldErrors, type FieldProblem, type FormValues } from '../../shared/forms';

export { formDate, formInteger, formList, formText } from '../../shared/forms';
import type { FormState } from '../../shared/frameworks';
import { settingsField, type FieldErrors as SettingsErrors, type SettingsFormValues } from '../../shared/sessions/settings-form';
import { DomainError } from '../errors';
import { ValidationError, problemsFromZod, type ProblemPath } from '../validation';
import { sessionSettingsSchema, type SessionSettings } from '../sessions/setup';

// ---------------------------------------------------------------------------------------------
// Reading

/** The checked role boxes (`roles`), keeping only known roles. */
export function formRoles(data: FormData): Role[] {
	return formList(data, 'roles').filter((value): value is Role => (ROLES as readonly string[]).includes(value));
}

// ---------------------------------------------------------------------------------------------
// The one mapping of a refusal

/** A refusal of the domain, as problems at the fields of a form and problems of the whole form. */
export interface Refusal<F extends string = string> {
	status: number;
	/** The refusal's own code and parameters (for a ValidationError: error.validation and the count). */
	code: MessageKey;
	params: Params;
	/** Whether it was a ValidationError (its problems are in `fields` and `other`). */
	validation: boolean;
	/** The first problem per field. */
	fields: FieldErrors<F>;
	/** Problems that are not about a field of the form, in order. */
	other: FieldProblem[];
}

const firstSegment = (path: ProblemPath) => (path.length ? String(path[0]) : null);

/**
 * Maps a refusal to the fields of a form: a validation problem to the field `fieldOf` finds for
 * its path, a DomainError to the field `domainFields` names for its code. Rethrows anything else.
 */
export function refusal<F extends string = string>(
	err: unknown,
	fieldOf: (path: ProblemPath) => F | null = firstSegment as (path: ProblemPath) => F | null,
	domainFields: Partial<Record<MessageKey, F>> = {}
): Refusal<F> {
	if (!(err instanceof DomainError)) throw err;
	const fields: FieldErrors<F> = {};
	const other: FieldProblem[] = [];
	if (err instanceof ValidationError) {
		for (const p of err.problems) {
			const field = fieldOf(p.path);
			if (field !== null) fields[field] ??= { code: p.code, params: p.params };
			else other.push({ code: p.code, params: p.params });
		}
	} else {
		const field = domainFields[err.code];
		if (field) fields[field] = { code: err.code, params: err.params };
	}
	return { status: err.status, code: err.code, params: err.params, validation: err instanceof ValidationError, fields, other };
}

/** The fields of a list that a path's first segment names; other paths are about the whole form. */
export function fieldIn<F extends string>(fields: readonly F[]): (path: ProblemPath) => F | null {
	return (path) => (typeof path[0] === 'string' && (fields as readonly string[]).includes(path[0]) ? (path[0] as F) : null);
}

// ---------------------------------------------------------------------------------------------
// The shapes pages receive

/** A refusal as one problem of the whole form, with its status. */
export function problemOf(err: unknown): { status: number; problem: FieldProblem } {
	const r = refusal(err);
	return { status: r.status, problem: { code: r.code, params: r.params } };
}

/**
 * A refused form without fields of its own: `fail()` with the message code and `extra`, and
 * `problems`, every problem to tell (a ValidationError's all, in order; else the one refusal).
 */
export function domainFailure<T extends Record<string, unknown>>(err: unknown, extra: T) {
	const r = refusal(err);
	const problems: FieldProblem[] =
		err instanceof ValidationError && err.problems.length > 0
			? err.problems.map((p) => ({ code: p.code, params: p.params }))
			: [{ code: r.code, params: r.params }];
	return fail(r.status, { ...extra, error: r.code, params: r.params, problems });
}

/**
 * Problems at the fields of a form (the first per field) and one for the whole form: the
 * first problem of no field, or "see the fields" when every problem has its field.
 */
export function fieldFailure<F extends string>(
	err: unknown,
	fields: readonly F[],
	domainFields: Partial<Record<MessageKey, F>> = {}
): { errors: FieldErrors<F>; general: FieldProblem | null; status: number } {
	const r = refusal(err, fieldIn(fields), domainFields);
	const atField = Object.keys(r.fields).length > 0;
	const general = r.validation
		? (r.other[0] ?? { code: 'error.validation' as const })
		: atField
			? { code: 'error.validation' as const }
			: { code: r.code, params: r.params };
	return { errors: r.fields, general, status: r.status };
}

/**
 * A refused form of one of several on a page, with its fields: `fail()` with, under the form's
 * name, what the page keeps of the typed form (`typed`: its values, perhaps more) and the
 * problems (fieldFailure).
 */
export function refusedFields<K extends string, F extends string, T extends object>(
	form: K,
	err: unknown,
	fields: readonly F[],
	typed: T,
	domainFields: Partial<Record<MessageKey, F>> = {}
) {
	const p = fieldFailure(err, fields, domainFields);
	const refused = { ...typed, errors: p.errors, general: p.general };
	return fail(p.status, { [form]: refused } as { [P in K]: typeof refused });
}

/** A refused form: a general message, and per field (the first segment of a problem's path) its message. */
export interface Failure {
	status: number;
	error: MessageKey | null;
	params?: Params;
	fields: Record<string, FieldProblem>;
}

/** The report and follow-up pages' shape of a refusal: the general message is null when every problem has its field. */
export function failureOf(err: unknown, fieldOf?: (path: ProblemPath) => string | null): Failure {
	const r = refusal(err, fieldOf);
	const fields = r.fields as Record<string, FieldProblem>;
	if (!r.validation) return { status: r.status, error: r.code, params: r.params, fields: {} };
	return { status: r.status, error: r.other[0]?.code ?? (Object.keys(fields).length ? null : r.code), fields };
}

/**
 * A refused form of one of several on a page: `fail()` with, under the form's name, what was
 * typed (`typed`, to show it again) and the refusal (failureOf, its fields perhaps put in
 * plainer words by the page).
 */
export function refusedForm<K extends string, T extends object>(form: K, f: Failure, typed: T) {
	const refused = { ...typed, error: f.error, params: f.params, fields: f.fields };
	return fail(f.status, { [form]: refused } as { [P in K]: typeof refused });
}

/**
 * A refused session settings form: every problem at its field (the first per field, after
 * those the form found itself), and a summary code when a problem is not about one field.
 */
export function settingsFailure(err: unknown, values: SettingsFormValues, errors: SettingsErrors = {}) {
	const fields: SettingsErrors = { ...errors };
	let general: MessageKey | null = null;
	if (err) {
		const r = refusal(err, settingsField, { 'error.session.frameworkVersion': 'frameworkVersionId' });
		for (const [field, problem] of Object.entries(r.fields) as [keyof SettingsErrors, FieldProblem][]) {
			if (r.validation) fields[field] ??= problem;
			else fields[field] = { code: problem.code };
		}
		if (r.validation) general = r.other.at(-1)?.code ?? null;
		else if (Object.keys(r.fields).length === 0) general = r.code;
	}
	return fail(400, { values, errors: fields, general });
}

/**
 * Checks a read settings form with the domain's schema: every problem, those the form found
 * and those the schema finds, at once. Returns the settings, or the failure to answer with.
 */
export function checkSettings(read: { values: SettingsFormValues; input: Record<string, unknown>; errors: SettingsErrors }) {
	const parsed = sessionSettingsSchema.safeParse({ ...read.input, scheduledAt: read.input.scheduledAt ?? null });
	if (parsed.success && Object.keys(read.errors).length === 0) return { settings: parsed.data as SessionSettings, failure: null };
	return {
		settings: null,
		failure: settingsFailure(parsed.success ? null : new ValidationError(problemsFromZod(parsed.error)), read.values, read.errors)
	};
}

/** The form field a framework problem is about: `applicability.professional` is the field `professional`. */
function frameworkField(path: ProblemPath): string {
	if (path[0] === 'applicability' && typeof path[1] === 'string') return path[1];
	if (path[0] === 'version' && path[1] === 'label') return 'label';
	return String(path[0] ?? '');
}

export function formState(form: string, error: MessageKey, extra: Partial<FormState> = {}): FormState {
	return { form, error, params: {}, fields: {}, values: {}, conflict: false, problems: [], link: null, ...extra };
}

/**
 * A refused framework form: a ValidationError with its problems per field, a conflict, or
 * another DomainError with its message.
 */
export function formFailure(err: unknown, form: string, values: FormValues = {}, extra: Partial<FormState> = {}) {
	const r = refusal(err, frameworkField);
	const fields = r.validation ? (r.fields as Record<string, FieldProblem>) : {};
	return fail(
		r.status,
		formState(form, r.code, {
			params: r.params,
			fields,
			values,
			conflict: !r.validation && r.code === 'error.framework.conflict',
			...extra
		})
	);
}
