import { fail, redirect } from '@sveltejs/kit';
import { userActor } from '$lib/server/audit';
import { emptyProvider, readProviderForm } from '$lib/server/http/assessment-forms';
import { fieldFailure } from '$lib/server/http/forms';
import { requireReader, requireWriter } from '$lib/server/http/guards';
import { providerRows } from '$lib/server/scoring/view';
import { PROVIDER_FIELDS, type ProviderField } from '$lib/shared/assessments';
import { createProvider, type ProviderInput } from '$lib/server/scoring/providers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { canEdit } = requireReader(event);
	return { providers: providerRows(event.locals.db, event.locals.locale), canEdit, defaults: emptyProvider };
};

export const actions: Actions = {
	/** A new provider in the register; a name already there is refused at the name field. */
	create: async (event) => {
		const user = requireWriter(event);
		const { values, input } = readProviderForm(await event.request.formData());
		let id: number;
		try {
			id = createProvider(event.locals.db, userActor(user), input as ProviderInput).id;
		} catch (err) {
			const p = fieldFailure<ProviderField>(err, PROVIDER_FIELDS, { 'error.provider.exists': 'name' });
			return fail(p.status, { values, errors: p.errors, general: p.general });
		}
		redirect(303, `/providers/${id}?created=1#done`);
	}
};
