import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { getRuntime } from '$lib/server/runtime';
import { listParticipants, updateListedParticipant } from '$lib/server/sessions/participants';
import { pushLiveState, requireOwnSession } from '$lib/sessions.server';
import { PARTICIPANT_FIELDS, formProblems, idOrNotFound, participantValues, readParticipantForm } from '$lib/invitations.server';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/** The session's facilitator and a person on its list; anything else is 404. */
function ownParticipant(event: Pick<RequestEvent<{ id: string; participantId: string }>, 'locals' | 'url' | 'params'>) {
	const { user, session } = requireOwnSession(event);
	const id = idOrNotFound(event, event.params.participantId);
	const participant = listParticipants(getRuntime().db, session.id).find((p) => p.id === id);
	if (!participant) error(404, { message: translate(event.locals.locale, 'error.notFound'), code: 'error.notFound' });
	return { user, session, participant };
}

export const load: PageServerLoad = (event) => {
	const { session, participant } = ownParticipant(event);
	return {
		session: { id: session.id, title: session.title },
		participant: { id: participant.id, displayName: participant.displayName },
		values: participantValues(participant)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { user, session, participant } = ownParticipant(event);
		const values = readParticipantForm(await event.request.formData());
		try {
			// The role stays as it is: this form does not change it.
			updateListedParticipant(getRuntime().db, { type: 'user', id: user.id }, session.id, participant.id, { ...values, perspective: values.perspective as never, role: participant.role });
		} catch (err) {
			const p = formProblems(err, PARTICIPANT_FIELDS);
			return fail(p.status, { values, errors: p.errors, general: p.general });
		}
		pushLiveState(session.id);
		redirect(303, `/sessions/${session.id}/participants?updated=${participant.id}#people-title`);
	}
};
