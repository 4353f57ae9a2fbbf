import { fail, redirect } from '@sveltejs/kit';
import { cancelDialogueSession, updateSessionSettings } from '$lib/server/sessions/setup';
import { sendCalendarUpdates } from '$lib/server/sessions/invitations';
import { publishedVersionGroups } from '$lib/server/frameworks/view';
import { checkSettings, formText, problemOf, settingsFailure } from '$lib/server/http/forms';
import { requireOwnSession } from '$lib/server/http/guards';
import { pushLiveState } from '$lib/server/http/live';
import { readSettingsForm, valuesOfSession } from '$lib/shared/sessions/settings-form';
import type { MessageKey } from '$lib/i18n';
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
		const actor = { type: 'user' as const, id: user.id };
		let updates = 0;
		try {
			const saved = updateSessionSettings(event.locals.db, actor, session.id, settings);
			// Time or place changed: who has the calendar item gets it changed, same UID, next SEQUENCE.
			if (saved.calendarSequence > session.calendarSequence) {
				updates = sendCalendarUpdates(event.locals.db, actor, session.id, event.locals.origin);
			}
		} catch (err) {
			return settingsFailure(err, read.values);
		}
		pushLiveState(event, session.id);
		if (updates > 0) event.locals.mail?.kick();
		redirect(303, `/sessions/${session.id}?saved=1${updates > 0 ? `&updates=${updates}` : ''}#done`);
	},
	/** Calls the session off (cancelDialogueSession), once the facilitator ticked that it will not take place. */
	cancel: async (event) => {
		const { user, session } = requireOwnSession(event);
		const data = await event.request.formData();
		if (formText(data, 'confirm') !== 'yes')
			return fail(400, { cancel: { code: 'session.cancel.confirmMissing' as MessageKey, params: {} } });
		try {
			cancelDialogueSession(event.locals.db, { type: 'user', id: user.id }, session.id);
		} catch (err) {
			const { status, problem } = problemOf(err);
			return fail(status, { cancel: problem });
		}
		pushLiveState(event, session.id);
		event.locals.mail?.kick();
		redirect(303, `/sessions/${session.id}`);
	}
};
