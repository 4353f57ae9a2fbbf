import { redirect } from '@sveltejs/kit';
import { getRuntime } from '$lib/server/runtime';
import { validateParticipantToken } from '$lib/server/sessions/participants';
import { setParticipantCookie } from '$lib/sessions.server';
import type { PageServerLoad } from './$types';

/**
 * A personal link from an invitation: the token becomes this browser's participant cookie and
 * the person goes on to the session, so the token leaves the address bar (and history). A
 * closed session can still be read.
 */
export const load: PageServerLoad = ({ params, cookies, setHeaders }) => {
	setHeaders({ 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
	const { db } = getRuntime();
	const participant = validateParticipantToken(db, params.token);
	if (!participant) return { problem: 'link.invalid' as const };
	setParticipantCookie(cookies, params.token);
	redirect(303, `/live/${participant.dialogueSessionId}`);
};
