import { redirect } from '@sveltejs/kit';
import { getRuntime } from '$lib/server/runtime';
import { getReport } from '$lib/server/reports/reports';
import { getDialogueSession } from '$lib/server/sessions/setup';
import { validateParticipantToken } from '$lib/server/sessions/participants';
import { setParticipantCookie } from '$lib/sessions.server';
import type { PageServerLoad } from './$types';

/**
 * A personal link from an invitation or from the report mail: the token becomes this
 * browser's participant cookie and the person goes on, so the token leaves the address bar
 * (and history). After the session, once its report has been sent, that is the report;
 * otherwise the session (a closed session can still be read).
 */
export const load: PageServerLoad = ({ params, cookies, setHeaders }) => {
	setHeaders({ 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
	const { db } = getRuntime();
	const participant = validateParticipantToken(db, params.token);
	if (!participant) return { problem: 'link.invalid' as const };
	setParticipantCookie(cookies, params.token);
	const id = participant.dialogueSessionId;
	const report = getDialogueSession(db, id)?.status === 'closed' ? getReport(db, id) : undefined;
	redirect(303, report && report.status !== 'draft' ? `/live/${id}/report` : `/live/${id}`);
};
