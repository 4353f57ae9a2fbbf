import { redirect } from '@sveltejs/kit';
import { updateSessionSettings } from '$lib/server/sessions/setup';
import { publishedVersionGroups } from '$lib/server/frameworks/view';
import { checkSettings, settingsFailure } from '$lib/server/http/forms';
import { requireOwnSession } from '$lib/server/http/guards';
import { pushLiveState } from '$lib/server/http/live';
import { readSettingsForm, valuesOfSession } from '$lib/shared/sessions/settings-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { session } = requireOwnSession(event);
	return {
		id: session.id,
		title: session.title,
		editable: session.status === 'planned',
		groups: publishedVersionGroups(event.locals.db),
		values: valuesOfSession(session)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { user, session } = requireOwnSession(event);
		const read = readSettingsForm(await event.request.formData());
		const { settings, failure } = checkSettings(read);
		if (!settings) return failure;
		try {
			updateSessionSettings(event.locals.db, { type: 'user', id: user.id }, session.id, settings);
		} catch (err) {
			return settingsFailure(err, read.values);
		}
		pushLiveState(event, session.id);
		redirect(303, `/sessions/${session.id}?saved=1`);
	}
};
