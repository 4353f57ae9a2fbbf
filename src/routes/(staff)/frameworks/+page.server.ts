import { fail, redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { editPath } from '$lib/shared/frameworks';
import type { FormValues } from '$lib/shared/forms';
import { userActor } from '$lib/server/audit';
import { formFailure, formState, formText } from '$lib/server/http/forms';
import { requireUser } from '$lib/server/http/guards';
import { DomainError } from '$lib/server/errors';
import { describeLocation, importVersion } from '$lib/server/frameworks/exchange';
import { LIMITS } from '$lib/server/frameworks/model';
import { createFramework, getVersionSummary, listFrameworks } from '$lib/server/frameworks/store';
import { ValidationError } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return {
		frameworks: listFrameworks(event.locals.db),
		canManage: user.roles.includes('quality_manager')
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event, 'quality_manager');
		const data = await event.request.formData();
		const values: FormValues = { name: formText(data, 'name'), description: formText(data, 'description') };
		let created;
		try {
			created = createFramework(event.locals.db, userActor(user), {
				name: values.name as string,
				description: (values.description as string).trim() || null
			});
		} catch (err) {
			return formFailure(err, 'create', values);
		}
		redirect(303, `${editPath(created.framework.id, created.draft.id)}?done=created`);
	},

	import: async (event) => {
		const user = requireUser(event, 'quality_manager');
		const locale = event.locals.locale;
		const db = event.locals.db;
		const data = await event.request.formData();
		const label = formText(data, 'label').trim();
		const values: FormValues = { label };
		const file = data.get('file');
		if (!(file instanceof File) || file.size === 0) {
			return fail(
				400,
				formState('import', 'error.validation', { values, fields: { file: { code: 'frameworks.import.noFile', params: {} } } })
			);
		}
		if (label.length > LIMITS.label) {
			return fail(
				400,
				formState('import', 'error.validation', {
					values,
					fields: { label: { code: 'error.field.tooLong', params: { max: LIMITS.label } } }
				})
			);
		}
		let input: unknown;
		try {
			input = JSON.parse((await file.text()).replace(/^\uFEFF/, ''));
		} catch {
			return fail(400, formState('import', 'error.import.notJson', { values }));
		}
		let result;
		try {
			result = importVersion(db, userActor(user), input, { label: label || undefined });
		} catch (err) {
			if (err instanceof ValidationError) {
				const problems = err.problems.map((p) => ({
					location: describeLocation(locale, p.path, input),
					message: translate(locale, p.code, p.params)
				}));
				return fail(err.status, formState('import', err.code, { params: { count: problems.length }, values, problems }));
			}
			if (err instanceof DomainError && err.code === 'error.framework.draftExists') {
				const draft = getVersionSummary(db, Number(err.params.id));
				return formFailure(err, 'import', values, { link: draft ? editPath(draft.frameworkId, draft.id) : null });
			}
			return formFailure(err, 'import', values);
		}
		redirect(303, `${editPath(result.frameworkId, result.version.id)}?done=imported`);
	}
};
