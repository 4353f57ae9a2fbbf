import { requireOwnSession } from '$lib/server/http/guards';
import { joinUrl } from '$lib/server/sessions/view';
import { reportSent } from '$lib/server/sessions/closing';
import { criteriaExamples } from '$lib/server/frameworks/examples';
import type { PageServerLoad } from './$types';

/** The facilitator's controls for the live session; the state itself arrives over socket.io. */
export const load: PageServerLoad = (event) => {
	const { session, user } = requireOwnSession(event);
	return {
		sessionId: session.id,
		title: session.title,
		joinUrl: session.joinCode ? joinUrl(event.locals.origin, session.joinCode) : null,
		me: { name: user.name },
		/** Once the report went out, the session cannot be reopened (the closing step says so). */
		reportSent: reportSent(event.locals.db, session.id),
		/** Example criteria for the criteria step (issue 19), per theme key. */
		examples: criteriaExamples(event.locals.db, session, event.locals.locale)
	};
};
