import { redirect } from '@sveltejs/kit';
import { getRuntime } from '$lib/server/runtime';
import { updateSessionSettings } from '$lib/server/sessions/setup';
import { checkSettings, publishedVersionGroups, pushLiveState, requireOwnSession, settingsFailure } from '$lib/sessions.server';
import { readSettingsForm, valuesOfSession } from '$lib/sessions/settings-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { session } = requireOwnSession(event);
	return {
		id: session.id,
		title: session.title,
		editable: session.status === 'planned',
		groups: publishedVersionGroups(),
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
			updateSessionSettings(getRuntime().db, { type: 'user', id: user.id }, session.id, settings);
		} catch (err) {
			return settingsFailure(err, read.values);
		}
		pushLiveState(session.id);
		redirect(303, `/sessions/${session.id}?saved=1`);
	}
};
