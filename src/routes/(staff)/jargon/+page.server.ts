import { fail } from '@sveltejs/kit';
import { addJargon, listJargon, removeJargon } from '$lib/server/reports/jargon';
import { userActor } from '$lib/server/audit';
import { failureOf, formText } from '$lib/server/http/forms';
import { requireUser } from '$lib/server/http/guards';
import type { Actions, PageServerLoad } from './$types';

/** The jargon list of the plain-language check; facilitators and administrators keep it. */
export const load: PageServerLoad = (event) => {
	requireUser(event, 'facilitator', 'admin');
	return { terms: listJargon(event.locals.db) };
};

export const actions: Actions = {
	add: async (event) => {
		const user = requireUser(event, 'facilitator', 'admin');
		const data = await event.request.formData();
		const values = { term: formText(data, 'term'), suggestion: formText(data, 'suggestion') };
		try {
			addJargon(event.locals.db, userActor(user), values);
		} catch (err) {
			const f = failureOf(err);
			// "Already on the list" is about the word itself.
			if (f.error === 'error.jargon.exists') f.fields.term = { code: f.error };
			return fail(f.status, { add: { values, fields: f.fields, error: f.error === 'error.jargon.exists' ? null : f.error } });
		}
		return { added: values.term.trim() };
	},
	remove: async (event) => {
		const user = requireUser(event, 'facilitator', 'admin');
		const data = await event.request.formData();
		const id = Number(formText(data, 'id'));
		const term = listJargon(event.locals.db).find((j) => j.id === id)?.term ?? '';
		try {
			removeJargon(event.locals.db, userActor(user), id);
		} catch (err) {
			const f = failureOf(err);
			return fail(f.status, { removeError: f.error });
		}
		return { removed: term };
	}
};
