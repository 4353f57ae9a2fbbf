import { fail, redirect } from '@sveltejs/kit';
import { editPath } from '$lib/shared/frameworks';
import type { FormValues } from '$lib/shared/forms';
import { userActor } from '$lib/server/audit';
import { formFailure, formState, formText } from '$lib/server/http/forms';
import { loadFramework, parseId, requireUser } from '$lib/server/http/guards';
import { DomainError } from '$lib/server/errors';
import { createDraft, latestPublished, suggestLabel } from '$lib/server/frameworks/store';
import { frameworkThresholds, setFrameworkThresholds } from '$lib/server/scoring/thresholds';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const framework = loadFramework(event);
	const db = event.locals.db;
	const draft = framework.versions.find((v) => v.status === 'draft') ?? null;
	return {
		framework,
		canManage: user.roles.includes('quality_manager'),
		draft,
		latestPublishedId: latestPublished(db, framework.id)?.id ?? null,
		suggestedLabel: suggestLabel(db, framework.id),
		rule: frameworkThresholds(db, framework.id),
		notice: event.url.searchParams.get('notice') === 'draftDeleted' ? ('frameworks.draftDeleted' as const) : null
	};
};

export const actions: Actions = {
	draft: async (event) => {
		const user = requireUser(event, 'quality_manager');
		const framework = loadFramework(event);
		const data = await event.request.formData();
		const values: FormValues = { from: formText(data, 'from'), label: formText(data, 'label') };
		const from = framework.versions.find((v) => v.id === parseId(values.from as string));
		if (!from) {
			return fail(
				400,
				formState('draft', 'error.validation', { values, fields: { from: { code: 'error.field.invalidChoice', params: {} } } })
			);
		}
		let draft;
		try {
			draft = createDraft(event.locals.db, userActor(user), from.id, (values.label as string).trim());
		} catch (err) {
			const existing = err instanceof DomainError && err.code === 'error.framework.draftExists' ? parseId(String(err.params.id)) : null;
			return formFailure(err, 'draft', values, { link: existing ? editPath(framework.id, existing) : null });
		}
		redirect(303, `${editPath(framework.id, draft.id)}?done=draftCreated`);
	},
	/** The decision rule's thresholds for new assessments; "reset" restores 75 / 65 / 65. */
	thresholds: async (event) => {
		const user = requireUser(event, 'quality_manager');
		const framework = loadFramework(event);
		const data = await event.request.formData();
		const values: FormValues = { good: formText(data, 'good'), sufficient: formText(data, 'sufficient'), theme: formText(data, 'theme') };
		const number = (v: string) => (v.trim() === '' ? Number.NaN : Number(v.trim().replace(',', '.')));
		try {
			const input = data.has('reset')
				? null
				: { good: number(values.good as string), sufficient: number(values.sufficient as string), theme: number(values.theme as string) };
			setFrameworkThresholds(event.locals.db, userActor(user), framework.id, input);
		} catch (err) {
			return formFailure(err, 'thresholds', values);
		}
		return { form: 'thresholdsSaved' as const };
	}
};
