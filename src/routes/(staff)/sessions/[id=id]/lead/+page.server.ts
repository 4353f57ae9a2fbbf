import { joinUrl, requireOwnSession } from '$lib/sessions.server';
import type { PageServerLoad } from './$types';

/** The facilitator's controls for the live session; the state itself arrives over socket.io. */
export const load: PageServerLoad = (event) => {
	const { session, user } = requireOwnSession(event);
	return {
		sessionId: session.id,
		title: session.title,
		joinUrl: session.joinCode ? joinUrl(session.joinCode) : null,
		me: { name: user.name }
	};
};
