import { fail, redirect } from '@sveltejs/kit';
import { userActor } from '$lib/server/audit';
import { publishedVersionOptions } from '$lib/server/frameworks/view';
import { providerValues, readProviderForm } from '$lib/server/http/assessment-forms';
import { fieldFailure, formDate, formText, refusedFields } from '$lib/server/http/forms';
import { idParam, notFound, requireReader, requireWriter } from '$lib/server/http/guards';
import { historyOf, providerView, trendOf } from '$lib/server/scoring/view';
import { today } from '$lib/shared/dates';
import { PROVIDER_FIELDS, START_FIELDS, type StartField } from '$lib/shared/assessments';
import type { FieldErrors } from '$lib/shared/forms';
import { startAssessment } from '$lib/server/scoring/assessments';
import { getProvider, updateProvider, type ProviderInput } from '$lib/server/scoring/providers';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function providerOf(event: Pick<RequestEvent, 'locals' | 'params'>) {
	const provider = getProvider(event.locals.db, idParam(event, 'id'));
	if (!provider) notFound(event);
	return provider;
}

export const load: PageServerLoad = (event) => {
	const { canEdit } = requireReader(event);
	const provider = providerOf(event);
	const db = event.locals.db;
	const locale = event.locals.locale;
	const history = historyOf(db, provider, locale);
	return {
		provider: {
			...providerView(provider, locale),
			informal: provider.fundings.includes('pgb_informal'),
			note: provider.note,
			revision: provider.revision
		},
		values: providerValues(provider),
		history,
		trend: trendOf(history),
		versions: publishedVersionOptions(db, locale),
		startDefaults: { frameworkVersionId: '', assessedOn: today() },
		canEdit,
		created: event.url.searchParams.has('created'),
		saved: event.url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	/** Changes the provider; a change by someone else in between is refused with a clear message. */
	update: async (event) => {
		const user = requireWriter(event);
		const provider = providerOf(event);
		const data = await event.request.formData();
		const { values, input } = readProviderForm(data);
		const revision = Number(formText(data, 'revision'));
		try {
			updateProvider(event.locals.db, userActor(user), provider.id, { ...(input as ProviderInput), revision });
		} catch (err) {
			return refusedFields('update', err, PROVIDER_FIELDS, { values }, { 'error.provider.exists': 'name' });
		}
		redirect(303, `/providers/${provider.id}?saved=1#done`);
	},
	/** Starts an assessment against a published version and opens it. */
	start: async (event) => {
		const user = requireWriter(event);
		const provider = providerOf(event);
		const data = await event.request.formData();
		const values = { frameworkVersionId: formText(data, 'frameworkVersionId'), assessedOn: formDate(data, 'assessedOn') };
		let id: number;
		try {
			id = startAssessment(event.locals.db, userActor(user), {
				providerId: provider.id,
				frameworkVersionId: values.frameworkVersionId === '' ? (undefined as unknown as number) : Number(values.frameworkVersionId),
				assessedOn: values.assessedOn
			}).id;
		} catch (err) {
			const p = fieldFailure<StartField>(err, START_FIELDS, {
				'error.assessment.draftVersion': 'frameworkVersionId',
				'error.missing': 'frameworkVersionId'
			});
			return fail(p.status, {
				start: { values, errors: p.errors as FieldErrors<StartField>, general: p.general ?? { code: 'error.validation' as MessageKey } }
			});
		}
		redirect(303, `/assessments/${id}?started=1#done`);
	}
};
