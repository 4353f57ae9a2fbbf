/** Reading the provider form, and the values of a saved provider for the form that changes it. */
import type { ProviderFormValues } from '../../shared/assessments';
import type { Provider } from '../db/schema';
import { formList, formText } from './forms';

export function readProviderForm(data: FormData): { values: ProviderFormValues; input: Record<string, unknown> } {
	const values: ProviderFormValues = {
		name: formText(data, 'name'),
		careType: formText(data, 'careType'),
		fundings: formList(data, 'fundings'),
		residential: formText(data, 'residential') === 'yes',
		dayCare: formText(data, 'dayCare') === 'yes',
		guardianParent: formText(data, 'guardianParent') === 'yes',
		note: formText(data, 'note')
	};
	return { values, input: { ...values, note: values.note.trim() || null } };
}

export function providerValues(p: Provider): ProviderFormValues {
	return {
		name: p.name,
		careType: p.careType,
		fundings: [...p.fundings],
		residential: p.residential,
		dayCare: p.dayCare === true,
		guardianParent: p.guardianParent === true,
		note: p.note ?? ''
	};
}

export const emptyProvider: ProviderFormValues = {
	name: '',
	careType: '',
	fundings: [],
	residential: false,
	dayCare: false,
	guardianParent: false,
	note: ''
};
