import { requireOwnSession } from '$lib/server/http/guards';
import { joinUrl } from '$lib/server/sessions/view';
import type { PageServerLoad } from './$types';

/** The facilitator's controls for the live session; the state itself arrives over socket.io. */
export const load: PageServerLoad = (event) => {
	const { session, user } = requireOwnSession(event);
	return {
		sessionId: session.id,
		title: session.title,
		joinUrl: session.joinCode ? joinUrl(event.locals.origin, session.joinCode) : null,
		me: { name: user.name }
	};
};
