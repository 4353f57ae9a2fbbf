import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { isEmailAddress, listParticipants, updateListedParticipant } from '$lib/server/sessions/participants';
import { newRequestKey, resendInvitation } from '$lib/server/sessions/invitations';
import { renewPersonalLink } from '$lib/server/sessions/personal-links';
import { formText, problemOf, refusedFields } from '$lib/server/http/forms';
import { idParam, notFound, requireOwnSession } from '$lib/server/http/guards';
import { pushLiveState } from '$lib/server/http/live';
import { participantValues, readParticipantForm } from '$lib/server/http/session-forms';
import { PARTICIPANT_FIELDS } from '$lib/shared/invitations';
import type { FieldProblem } from '$lib/shared/forms';
import type { Actions, PageServerLoad } from './$types';

/** The session's facilitator and a person on its list; anything else is 404. */
function ownParticipant(event: Pick<RequestEvent<{ id: string; participantId: string }>, 'locals' | 'url' | 'params'>) {
	const { user, session } = requireOwnSession(event);
	const id = idParam(event, 'participantId');
	const participant = listParticipants(event.locals.db, session.id).find((p) => p.id === id);
	if (!participant) notFound(event);
	return { user, session, participant };
}

export const load: PageServerLoad = (event) => {
	const { session, participant } = ownParticipant(event);
	// Contact details, and a form key for the link actions: not kept by the browser's cache.
	event.setHeaders({ 'cache-control': 'no-store' });
	return {
		session: { id: session.id, title: session.title, closed: session.status === 'closed' },
		participant: {
			id: participant.id,
			displayName: participant.displayName,
			email: participant.email && isEmailAddress(participant.email) ? participant.email : null,
			invitedAt: participant.invitedAt?.toISOString() ?? null,
			proxy: participant.proxyUserId !== null,
			pseudonymised: participant.pseudonymisedAt !== null
		},
		values: participantValues(participant),
		/** Sending a link form twice (a double click, a reload) does it once. */
		request: newRequestKey()
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { user, session, participant } = ownParticipant(event);
		const values = readParticipantForm(await event.request.formData());
		try {
			// The role stays as it is: this form does not change it.
			updateListedParticipant(event.locals.db, { type: 'user', id: user.id }, session.id, participant.id, {
				...values,
				perspective: values.perspective as never,
				role: participant.role
			});
		} catch (err) {
			return refusedFields('edit', err, PARTICIPANT_FIELDS, { values });
		}
		pushLiveState(event, session.id);
		redirect(303, `/sessions/${session.id}/participants?updated=${participant.id}#people-title`);
	},
	/** "Opnieuw sturen": the invitation again, with a new link; earlier links keep working. */
	again: async (event) => {
		const { user, session, participant } = ownParticipant(event);
		const request = formText(await event.request.formData(), 'request');
		const { db, origin, mail } = event.locals;
		try {
			const { to } = resendInvitation(db, { type: 'user', id: user.id }, session.id, participant.id, origin, request);
			mail?.kick();
			return { againDone: { to } };
		} catch (err) {
			const { status, problem } = problemOf(err);
			return fail(status, { againProblem: problem });
		}
	},
	/**
	 * "Nieuwe link" by e-mail: every earlier link and token of the person ends now, and a new
	 * link goes out. (By letter, the form posts to ../letter, which shows the letter once.)
	 */
	renew: async (event) => {
		const { user, session, participant } = ownParticipant(event);
		const data = await event.request.formData();
		if (formText(data, 'confirm') !== 'yes') return fail(400, { renewProblem: { code: 'error.link.confirm' } as FieldProblem });
		const { db, origin, mail } = event.locals;
		try {
			const result = renewPersonalLink(
				db,
				{ type: 'user', id: user.id },
				session.id,
				participant.id,
				origin,
				'mail',
				formText(data, 'request')
			);
			mail?.kick();
			return { renewDone: { to: result.via === 'mail' ? result.to : '' } };
		} catch (err) {
			const { status, problem } = problemOf(err);
			return fail(status, { renewProblem: problem });
		}
	}
};
