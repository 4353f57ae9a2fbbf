import { redirect } from '@sveltejs/kit';
import { getRuntime } from '$lib/server/runtime';
import { createDialogueSession } from '$lib/server/sessions/setup';
import { requireUser } from '$lib/server/web';
import { checkSettings, publishedVersionGroups, settingsFailure } from '$lib/sessions.server';
import { DEFAULT_SETTINGS_VALUES, readSettingsForm } from '$lib/sessions/settings-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireUser(event, 'facilitator');
	return { groups: publishedVersionGroups(), defaults: DEFAULT_SETTINGS_VALUES };
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event, 'facilitator');
		const read = readSettingsForm(await event.request.formData());
		const { settings, failure } = checkSettings(read);
		if (!settings) return failure;
		let id: number;
		try {
			id = createDialogueSession(getRuntime().db, { type: 'user', id: user.id }, { ...settings, facilitatorId: user.id }).id;
		} catch (err) {
			return settingsFailure(err, read.values);
		}
		redirect(303, `/sessions/${id}?created=1`);
	}
};
