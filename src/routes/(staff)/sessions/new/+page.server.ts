import { fail, redirect } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { createDialogueSession, listSessionsOf } from '$lib/server/sessions/setup';
import { publishedVersionGroups } from '$lib/server/frameworks/view';
import { checkSettings, settingsFailure } from '$lib/server/http/forms';
import { requireUser } from '$lib/server/http/guards';
import { DEFAULT_SETTINGS_VALUES, readSettingsForm } from '$lib/shared/sessions/settings-form';
import type { Db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/** The facilitator's own earlier sessions: a new session can follow up on one of them. */
function earlierSessions(db: Db, userId: number) {
	return listSessionsOf(db, userId)
		.map((s) => ({ id: s.id, title: s.title, scheduledAt: s.scheduledAt?.toISOString() ?? null }))
		.reverse();
}

export const load: PageServerLoad = (event) => {
	const user = requireUser(event, 'facilitator');
	return {
		groups: publishedVersionGroups(event.locals.db),
		defaults: DEFAULT_SETTINGS_VALUES,
		earlier: earlierSessions(event.locals.db, user.id)
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event, 'facilitator');
		const data = await event.request.formData();
		const read = readSettingsForm(data);
		const carryRaw = data.get('carryFromSessionId');
		const carry = typeof carryRaw === 'string' && carryRaw !== '' ? carryRaw : '';
		// Only one of the facilitator's own sessions (the domain checks this too).
		const carryFromSessionId = carry === '' ? undefined : earlierSessions(event.locals.db, user.id).find((s) => String(s.id) === carry)?.id;
		// The chosen earlier session stays chosen when the form comes back with errors.
		const withCarry = (failure: ReturnType<typeof settingsFailure>) => fail(400, { ...failure.data, carry });
		if (carry !== '' && carryFromSessionId === undefined)
			return withCarry(settingsFailure(new DomainError('error.missing', 404), read.values, read.errors));
		const { settings, failure } = checkSettings(read);
		if (!settings) return withCarry(failure);
		let id: number;
		try {
			id = createDialogueSession(
				event.locals.db,
				{ type: 'user', id: user.id },
				{ ...settings, facilitatorId: user.id, carryFromSessionId }
			).id;
		} catch (err) {
			return withCarry(settingsFailure(err, read.values));
		}
		redirect(303, `/sessions/${id}?created=1#done`);
	}
};
