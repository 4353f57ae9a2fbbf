import { fail } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { listParticipants } from '$lib/server/sessions/participants';
import { printableInvitation } from '$lib/server/sessions/invitations';
import { renewPersonalLink } from '$lib/server/sessions/personal-links';
import { formText, problemOf } from '$lib/server/http/forms';
import { requireOwnSession } from '$lib/server/http/guards';
import { qrSvg } from '$lib/server/sessions/view';
import type { Actions, PageServerLoad } from './$types';

/** Without a POST there is no letter yet: the page offers to make one for someone on the list. */
export const load: PageServerLoad = (event) => {
	const { session } = requireOwnSession(event);
	return {
		session: { id: session.id, title: session.title, status: session.status },
		people: listParticipants(event.locals.db, session.id).map((p) => ({ id: p.id, displayName: p.displayName, hasEmail: !!p.email }))
	};
};

export const actions: Actions = {
	/**
	 * A letter with a new personal link of its own: made on a POST, never on a GET, shown in
	 * this answer only (the link is not stored, and the answer is not cached: reloading makes
	 * a new letter, or for a renewal is refused). With `renew`, the person's page asks for a
	 * "Nieuwe link" by letter: every earlier link of theirs ends first.
	 */
	default: async (event) => {
		const { user, session } = requireOwnSession(event);
		const data = await event.request.formData();
		const id = Number(formText(data, 'participantId'));
		const renew = formText(data, 'renew') === 'yes';
		const { db, origin } = event.locals;
		const actor = { type: 'user' as const, id: user.id };
		try {
			if (!Number.isInteger(id) || id < 1) throw new DomainError('error.missing', 404);
			if (renew && formText(data, 'confirm') !== 'yes') throw new DomainError('error.link.confirm', 400);
			const letter = renew
				? (
						renewPersonalLink(db, actor, session.id, id, origin, 'letter', formText(data, 'request')) as Extract<
							ReturnType<typeof renewPersonalLink>,
							{ via: 'letter' }
						>
					).letter
				: printableInvitation(db, actor, session.id, id, origin);
			event.setHeaders({ 'cache-control': 'no-store' });
			return { letter, qr: await qrSvg(letter.link), renewed: renew };
		} catch (err) {
			const r = problemOf(err);
			return fail(r.status, { problem: r.problem, renewFor: renew && id > 0 ? id : null });
		}
	}
};
