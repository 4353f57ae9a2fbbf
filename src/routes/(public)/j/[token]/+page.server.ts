import { redirect } from '@sveltejs/kit';
import { validateParticipantToken } from '$lib/server/sessions/participants';
import { setParticipantCookie, setPendingLink } from '$lib/server/http/cookies';
import { participantLanding } from '$lib/server/sessions/view';
import type { PageServerLoad } from './$types';

/**
 * A personal link from an invitation or from the report mail: the token becomes this
 * browser's participant cookie and the person goes on, so the token leaves the address bar
 * (and history). After the session, once its report has been sent, that is the report;
 * otherwise the session (a closed session can still be read).
 *
 * A browser that is someone else already (another person, or another session) is asked
 * first, at /j/confirm: the token waits in a cookie for that page, never in an address.
 */
export const load: PageServerLoad = ({ params, cookies, setHeaders, locals }) => {
	setHeaders({ 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
	const { db } = locals;
	const participant = validateParticipantToken(db, params.token);
	if (!participant) return { problem: 'link.invalid' as const };
	if (locals.participant && locals.participant.id !== participant.id) {
		setPendingLink({ cookies, locals }, params.token);
		redirect(303, '/j/confirm');
	}
	setParticipantCookie({ cookies, locals }, params.token);
	redirect(303, participantLanding(db, participant));
};
