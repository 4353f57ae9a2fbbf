import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { getRuntime } from '$lib/server/runtime';
import { DomainError } from '$lib/server/errors';
import { isEmailAddress, listParticipants, updateListedParticipant } from '$lib/server/sessions/participants';
import { newRequestKey, resendInvitation } from '$lib/server/sessions/invitations';
import { renewPersonalLink } from '$lib/server/sessions/personal-links';
import { formText } from '$lib/server/web';
import { pushLiveState, requireOwnSession } from '$lib/sessions.server';
import { PARTICIPANT_FIELDS, formProblems, idOrNotFound, participantValues, readParticipantForm } from '$lib/invitations.server';
import type { FieldProblem } from '$lib/components/invitations/types';
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

/** A refusal from the domain as the problem to show at the form; anything else is rethrown. */
function problemOf(err: unknown): { status: number; problem: FieldProblem } {
	if (!(err instanceof DomainError)) throw err;
	return { status: err.status, problem: { code: err.code, params: err.params } };
}

export const actions: Actions = {
	save: async (event) => {
		const { user, session, participant } = ownParticipant(event);
		const values = readParticipantForm(await event.request.formData());
		try {
			// The role stays as it is: this form does not change it.
			updateListedParticipant(getRuntime().db, { type: 'user', id: user.id }, session.id, participant.id, { ...values, perspective: values.perspective as never, role: participant.role });
		} catch (err) {
			const p = formProblems(err, PARTICIPANT_FIELDS);
			return fail(p.status, { edit: { values, errors: p.errors, general: p.general } });
		}
		pushLiveState(session.id);
		redirect(303, `/sessions/${session.id}/participants?updated=${participant.id}#people-title`);
	},
	/** "Opnieuw sturen": the invitation again, with a new link; earlier links keep working. */
	again: async (event) => {
		const { user, session, participant } = ownParticipant(event);
		const request = formText(await event.request.formData(), 'request');
		const { db, origin, mail } = getRuntime();
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
		const { db, origin, mail } = getRuntime();
		try {
			const result = renewPersonalLink(db, { type: 'user', id: user.id }, session.id, participant.id, origin, 'mail', formText(data, 'request'));
			mail?.kick();
			return { renewDone: { to: result.via === 'mail' ? result.to : '' } };
		} catch (err) {
			const { status, problem } = problemOf(err);
			return fail(status, { renewProblem: problem });
		}
	}
};
