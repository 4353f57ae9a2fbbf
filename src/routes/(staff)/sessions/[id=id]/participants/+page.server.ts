import { fail } from '@sveltejs/kit';
import {
	addListedParticipant,
	groupAdvice,
	listParticipants,
	removeParticipant,
	GROUP_MAX,
	GROUP_MIN
} from '$lib/server/sessions/participants';
import { INVITATION_PLACEHOLDERS, invitationTemplate, saveInvitationTemplate, sendInvitations } from '$lib/server/sessions/invitations';
import { formText, problemOf, refusedFields } from '$lib/server/http/forms';
import { requireOwnSession } from '$lib/server/http/guards';
import { pushLiveState } from '$lib/server/http/live';
import { readParticipantForm } from '$lib/server/http/session-forms';
import { PARTICIPANT_FIELDS } from '$lib/shared/invitations';
import type { FieldProblem } from '$lib/shared/forms';
import { setAttended, setWithoutDevice } from '$lib/server/sessions/attendance';
import { sessionHeadcount } from '$lib/server/sessions/headcount';
import type { Db } from '$lib/server/db';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const TEMPLATE_FIELDS = ['subject', 'body'] as const;

export const load: PageServerLoad = (event) => {
	const { session } = requireOwnSession(event);
	const list = listParticipants(event.locals.db, session.id);
	const updatedId = Number(event.url.searchParams.get('updated'));
	// Invitations go to the list (someone who joined with the code or was added in the live view is not invited).
	const withEmail = list.filter((p) => p.email && p.origin === 'list');
	const headcount = sessionHeadcount(event.locals.db, session.id);
	return {
		session: { id: session.id, title: session.title, status: session.status, scheduledAt: session.scheduledAt?.toISOString() ?? null },
		people: list.map((p) => ({
			id: p.id,
			displayName: p.displayName,
			perspective: p.perspective,
			role: p.role,
			email: p.email,
			phone: p.phone,
			notes: p.notes,
			invitedAt: p.invitedAt?.toISOString() ?? null,
			origin: p.origin,
			withoutDevice: p.proxyUserId !== null,
			attended: p.attendedAt !== null
		})),
		advice: groupAdvice(list),
		/** Who took part, by the one definition ($lib/sessions/headcount): shown once attendance was recorded. */
		tookPart: headcount.attendanceRecorded ? { count: headcount.tookPart.length, total: headcount.listed.length } : null,
		groupMin: GROUP_MIN,
		groupMax: GROUP_MAX,
		template: invitationTemplate(session),
		placeholders: [...INVITATION_PLACEHOLDERS],
		toInvite: withEmail.filter((p) => !p.invitedAt).length,
		withoutEmail: list.filter((p) => !p.email && p.origin === 'list').length,
		updated: list.find((p) => p.id === updatedId)?.displayName ?? null
	};
};

const actor = (id: number) => ({ type: 'user' as const, id });

/**
 * Sets a yes or no about one person on the list (the form's `participantId` and `field`,
 * "true" or not); the answer names them (`done`), a refusal is shown at the list.
 */
async function personFlag<T>(
	event: RequestEvent,
	field: string,
	set: (db: Db, by: ReturnType<typeof actor>, sessionId: number, participantId: number, value: boolean) => { displayName: string },
	done: (name: string, value: boolean) => T
) {
	const { user, session } = requireOwnSession(event);
	const data = await event.request.formData();
	const value = formText(data, field) === 'true';
	try {
		const p = set(event.locals.db, actor(user.id), session.id, Number(formText(data, 'participantId')), value);
		pushLiveState(event, session.id);
		return done(p.displayName, value);
	} catch (err) {
		const r = problemOf(err);
		return fail(r.status, { person: r.problem });
	}
}

export const actions: Actions = {
	/** A person on the participant list; their personal link comes with the invitation. */
	add: async (event) => {
		const { user, session } = requireOwnSession(event);
		const values = readParticipantForm(await event.request.formData());
		try {
			const p = addListedParticipant(event.locals.db, actor(user.id), session.id, { ...values, perspective: values.perspective as never });
			pushLiveState(event, session.id);
			return { added: p.displayName };
		} catch (err) {
			return refusedFields('add', err, PARTICIPANT_FIELDS, { values });
		}
	},
	remove: async (event) => {
		const { user, session } = requireOwnSession(event);
		const id = Number(formText(await event.request.formData(), 'participantId'));
		// Only someone on this session's list (the domain checks it too), for the name in the reply.
		const person = listParticipants(event.locals.db, session.id).find((p) => p.id === id);
		if (!person) return fail(404, { remove: { code: 'error.missing' } as FieldProblem });
		try {
			removeParticipant(event.locals.db, actor(user.id), session.id, person.id);
		} catch (err) {
			const r = problemOf(err);
			return fail(r.status, { remove: r.problem });
		}
		pushLiveState(event, session.id);
		return { removed: person.displayName };
	},
	/** Someone on the list takes part without a device (the facilitator places their stickers), or with one again. */
	device: (event) =>
		personFlag(event, 'withoutDevice', setWithoutDevice, (name, withoutDevice) => ({ deviceDone: { name, withoutDevice } })),
	/** Someone was there, or was not: counts for the report, the evaluation and the call list. */
	attended: (event) => personFlag(event, 'attended', setAttended, (name, attended) => ({ attendedDone: { name, attended } })),
	/** The invitation text; `{link}` must be in it, unknown words between { } are refused. */
	template: async (event) => {
		const { user, session } = requireOwnSession(event);
		const data = await event.request.formData();
		const values = { subject: formText(data, 'subject'), body: formText(data, 'body') };
		try {
			saveInvitationTemplate(event.locals.db, actor(user.id), session.id, values);
		} catch (err) {
			return refusedFields('template', err, TEMPLATE_FIELDS, { values });
		}
		return { templateSaved: true };
	},
	/** Queues the invitations and starts delivery at once; a second press sends nothing again. */
	send: async (event) => {
		const { user, session } = requireOwnSession(event);
		const { db, origin, mail } = event.locals;
		try {
			const result = sendInvitations(db, actor(user.id), session.id, origin);
			mail?.kick();
			return { sent: result };
		} catch (err) {
			const r = problemOf(err);
			return fail(r.status, { send: r.problem });
		}
	}
};
