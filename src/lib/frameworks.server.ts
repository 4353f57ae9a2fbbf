/**
 * Server side of the framework pages: ids from the address, loading a version that belongs
 * to the framework in the address, reading the edit forms, and turning a DomainError or
 * ValidationError into a `fail()` the page can show at the fields.
 */
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { translate, type MessageKey, type Params } from './i18n';
import type { FieldProblem, FormState, FormValues } from './frameworks';
import type { Actor } from './server/audit';
import { DomainError } from './server/errors';
import { getFramework, getVersion, type FrameworkOverview, type VersionDetail } from './server/frameworks/store';
import type { RequirementFieldsInput, ThemeFieldsInput } from './server/frameworks/model';
import { getRuntime } from './server/runtime';
import { ValidationError, type Problem } from './server/validation';

type Event = Pick<RequestEvent, 'params' | 'locals'>;

/** A positive whole number from the address; anything else is null. */
export function parseId(raw: string | null | undefined): number | null {
	if (!raw || !/^[1-9]\d{0,15}$/.test(raw)) return null;
	const id = Number(raw);
	return Number.isSafeInteger(id) ? id : null;
}

export function notFound(event: Pick<RequestEvent, 'locals'>): never {
	error(404, { message: translate(event.locals.locale, 'error.notFound'), code: 'error.notFound' });
}

export function actorOf(user: { id: number }): Actor {
	return { type: 'user', id: user.id };
}

/** The framework of `/frameworks/[id]`, or 404. */
export function loadFramework(event: Event): FrameworkOverview {
	const id = parseId((event.params as Record<string, string | undefined>).id);
	const framework = id === null ? undefined : getFramework(getRuntime().db, id);
	if (!framework) notFound(event);
	return framework;
}

/** The version of `/frameworks/[id]/versions/[versionId]`; 404 when it is not of that framework. */
export function loadVersion(event: Event): VersionDetail {
	const params = event.params as Record<string, string | undefined>;
	const frameworkId = parseId(params.id);
	const versionId = parseId(params.versionId);
	const detail = frameworkId === null || versionId === null ? undefined : getVersion(getRuntime().db, versionId);
	if (!detail || detail.framework.id !== frameworkId) notFound(event);
	return detail;
}

/** A text field of a form; missing fields become ''. */
export function field(data: FormData, name: string): string {
	const value = data.get(name);
	return typeof value === 'string' ? value : '';
}

/** The revision a form was based on; undefined when missing (the domain then asks for it). */
export function revisionOf(data: FormData): number | undefined {
	const raw = field(data, 'revision');
	return /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/** A whole number ≥ 0 from a form, or undefined. */
export function numberOf(data: FormData, name: string): number | undefined {
	const raw = field(data, name);
	return /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

const nullable = (v: string) => (v.trim() === '' ? null : v);

/**
 * The requirement fields of a form. The check box residentialOnly sends 'yes' when checked and
 * nothing at all when not (also without JavaScript), so its absence means false.
 */
export function requirementForm(data: FormData): { input: RequirementFieldsInput; values: FormValues } {
	const values = {
		number: field(data, 'number'),
		text: field(data, 'text'),
		addressees: data.getAll('addressees').filter((v): v is string => typeof v === 'string'),
		level: field(data, 'level'),
		testMethod: field(data, 'testMethod'),
		evidence: field(data, 'evidence'),
		professional: field(data, 'professional'),
		informal: field(data, 'informal'),
		exceptions: field(data, 'exceptions'),
		conditions: field(data, 'conditions'),
		residentialOnly: field(data, 'residentialOnly') === 'yes' ? 'yes' : 'no',
		note: field(data, 'note'),
		revision: field(data, 'revision')
	};
	const input = {
		number: nullable(values.number),
		text: values.text,
		addressees: values.addressees,
		level: nullable(values.level),
		testMethod: nullable(values.testMethod),
		evidence: nullable(values.evidence),
		applicability: {
			professional: values.professional || undefined,
			informal: values.informal || undefined,
			exceptions: nullable(values.exceptions),
			conditions: nullable(values.conditions),
			residentialOnly: values.residentialOnly === 'yes'
		},
		note: nullable(values.note)
	} as RequirementFieldsInput;
	return { input, values };
}

export function themeForm(data: FormData): { input: ThemeFieldsInput; values: FormValues } {
	const values = {
		name: field(data, 'name'),
		description: field(data, 'description'),
		definition: field(data, 'definition'),
		testQuestion: field(data, 'testQuestion'),
		note: field(data, 'note'),
		revision: field(data, 'revision')
	};
	const input: ThemeFieldsInput = {
		name: values.name,
		description: nullable(values.description),
		definition: nullable(values.definition),
		testQuestion: nullable(values.testQuestion),
		note: nullable(values.note)
	};
	return { input, values };
}

/** The form field a problem is about: `applicability.professional` is the field `professional`. */
function fieldOf(path: Problem['path']): string {
	if (path[0] === 'applicability' && typeof path[1] === 'string') return path[1];
	if (path[0] === 'version' && path[1] === 'label') return 'label';
	return String(path[0] ?? '');
}

export function fieldProblems(problems: readonly Problem[]): Record<string, FieldProblem> {
	const fields: Record<string, FieldProblem> = {};
	for (const p of problems) {
		const name = fieldOf(p.path);
		fields[name] ??= { code: p.code, params: p.params as Params };
	}
	return fields;
}

export function formState(form: string, error: MessageKey, extra: Partial<FormState> = {}): FormState {
	return { form, error, params: {}, fields: {}, values: {}, conflict: false, problems: [], link: null, ...extra };
}

/**
 * A refused form: a ValidationError with its problems per field, a conflict, or another
 * DomainError with its message. Anything else is rethrown (an internal error).
 */
export function formFailure(err: unknown, form: string, values: FormValues = {}, extra: Partial<FormState> = {}) {
	if (err instanceof ValidationError) {
		return fail(err.status, formState(form, err.code, { params: err.params as Params, fields: fieldProblems(err.problems), values, ...extra }));
	}
	if (err instanceof DomainError) {
		return fail(err.status, formState(form, err.code, { params: err.params as Params, values, conflict: err.code === 'error.framework.conflict', ...extra }));
	}
	throw err;
}

