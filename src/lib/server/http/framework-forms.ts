/**
 * Reading the framework edit forms (requirement, theme) into the domain's input, with the
 * values to show again; the revision a form was based on.
 */
import type { FormValues } from '../../shared/forms';
import type { RequirementFieldsInput, ThemeFieldsInput } from '../frameworks/model';
import { idListQuery } from '../api/schemas';
import { formList, formText } from './forms';

/** The revision a form was based on; undefined when missing (the domain then asks for it). */
export function revisionOf(data: FormData): number | undefined {
	return numberOf(data, 'revision');
}

/** A whole number ≥ 0 from a form, or undefined. */
export function numberOf(data: FormData, name: string): number | undefined {
	const raw = formText(data, name);
	return /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/**
 * The ids a form says it was shown (hidden field `name`, `12,13,20`); undefined when the form has
 * no such field. Anything else than ids counts as "shown something else": the domain then refuses.
 */
export function shownIdsOf(data: FormData, name: string): readonly number[] | undefined {
	if (!data.has(name)) return undefined;
	const parsed = idListQuery.safeParse(formText(data, name));
	return parsed.success ? parsed.data : [-1];
}

const nullable = (v: string) => (v.trim() === '' ? null : v);

/**
 * The requirement fields of a form. The check box residentialOnly sends 'yes' when checked and
 * nothing at all when not (also without JavaScript), so its absence means false.
 */
export function requirementForm(data: FormData): { input: RequirementFieldsInput; values: FormValues } {
	const values = {
		number: formText(data, 'number'),
		text: formText(data, 'text'),
		addressees: formList(data, 'addressees'),
		level: formText(data, 'level'),
		testMethod: formText(data, 'testMethod'),
		evidence: formText(data, 'evidence'),
		professional: formText(data, 'professional'),
		informal: formText(data, 'informal'),
		exceptions: formText(data, 'exceptions'),
		conditions: formText(data, 'conditions'),
		residentialOnly: formText(data, 'residentialOnly') === 'yes' ? 'yes' : 'no',
		note: formText(data, 'note'),
		revision: formText(data, 'revision')
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
		name: formText(data, 'name'),
		description: formText(data, 'description'),
		definition: formText(data, 'definition'),
		testQuestion: formText(data, 'testQuestion'),
		note: formText(data, 'note'),
		revision: formText(data, 'revision')
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
