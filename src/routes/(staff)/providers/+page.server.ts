import { fail, redirect } from '@sveltejs/kit';
import { actorOf, emptyProvider, problemsOf, providerRows, readProviderForm, requireReader, requireWriter } from '$lib/assessments.server';
import { PROVIDER_FIELDS, type ProviderField } from '$lib/components/assessments/types';
import { getRuntime } from '$lib/server/runtime';
import { createProvider, type ProviderInput } from '$lib/server/scoring/providers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { canEdit } = requireReader(event);
	return { providers: providerRows(getRuntime().db, event.locals.locale), canEdit, defaults: emptyProvider };
};

export const actions: Actions = {
	/** A new provider in the register; a name already there is refused at the name field. */
	create: async (event) => {
		const user = requireWriter(event);
		const { values, input } = readProviderForm(await event.request.formData());
		let id: number;
		try {
			id = createProvider(getRuntime().db, actorOf(user), input as ProviderInput).id;
		} catch (err) {
			const p = problemsOf<ProviderField>(err, PROVIDER_FIELDS, { 'error.provider.exists': 'name' });
			return fail(p.status, { values, errors: p.errors, general: p.general });
		}
		redirect(303, `/providers/${id}?created=1`);
	}
};
