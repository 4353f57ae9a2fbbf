import { fail } from '@sveltejs/kit';
import { getRuntime } from '$lib/server/runtime';
import { DomainError } from '$lib/server/errors';
import { listParticipants } from '$lib/server/sessions/participants';
import { printableInvitation } from '$lib/server/sessions/invitations';
import { formText } from '$lib/server/web';
import { qrSvg, requireOwnSession } from '$lib/sessions.server';
import type { FieldProblem } from '$lib/components/invitations/types';
import type { Actions, PageServerLoad } from './$types';

/** Without a POST there is no letter yet: the page offers to make one for someone on the list. */
export const load: PageServerLoad = (event) => {
	const { session } = requireOwnSession(event);
	return {
		session: { id: session.id, title: session.title, status: session.status },
		people: listParticipants(getRuntime().db, session.id).map((p) => ({ id: p.id, displayName: p.displayName, hasEmail: !!p.email }))
	};
};

export const actions: Actions = {
	/** A letter with a new personal link of its own: made on a POST, never on a GET. */
	default: async (event) => {
		const { user, session } = requireOwnSession(event);
		const id = Number(formText(await event.request.formData(), 'participantId'));
		const { db, origin } = getRuntime();
		try {
			if (!Number.isInteger(id) || id < 1) throw new DomainError('error.missing', 404);
			const letter = printableInvitation(db, { type: 'user', id: user.id }, session.id, id, origin);
			return { letter, qr: await qrSvg(letter.link) };
		} catch (err) {
			if (!(err instanceof DomainError)) throw err;
			return fail(err.status, { problem: { code: err.code, params: err.params } as FieldProblem });
		}
	}
};
