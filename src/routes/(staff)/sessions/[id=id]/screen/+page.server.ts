import { requireOwnSession } from '$lib/server/http/guards';
import { joinUrl, qrSvg } from '$lib/server/sessions/view';
import type { PageServerLoad } from './$types';

/** The projector view: opened with the facilitator's login, it shows only what everyone may see. */
export const load: PageServerLoad = async (event) => {
	const { session } = requireOwnSession(event);
	const url = session.joinCode ? joinUrl(event.locals.origin, session.joinCode) : null;
	return { sessionId: session.id, title: session.title, joinUrl: url, qr: url ? await qrSvg(url) : null };
};
