import { redirect } from '@sveltejs/kit';
import { getDialogueSession } from '$lib/server/sessions/setup';
import { homeworkLink } from '$lib/server/sessions/invitations';
import { idParam } from '$lib/server/http/guards';
import { sessionRights } from '$lib/server/access';
import { criteriaExamples } from '$lib/server/frameworks/examples';
import { showsBeforeSession } from '$lib/shared/sessions/time';
import { commentWindowOpen, getReport } from '$lib/server/reports/reports';
import type { PageServerLoad } from './$types';

/**
 * The participant's (or observer's) view of a live session. Who they are comes from the
 * participant cookie; the session itself arrives over socket.io.
 */
export const load: PageServerLoad = (event) => {
	const id = idParam(event, 'id');
	const { participant, user } = event.locals;
	const session = getDialogueSession(event.locals.db, id);
	if (session && user && session.facilitatorId === user.id) redirect(303, `/sessions/${id}/lead`);
	if (!session || !participant || participant.dialogueSessionId !== id) {
		return { sessionId: id, title: null, me: null, staff: user !== null, before: null, cancelled: false };
	}
	// Called off: said plainly to who was on the list; there is nothing to join.
	if (session.status === 'cancelled') {
		return { sessionId: id, title: session.title, me: null, staff: user !== null, before: null, cancelled: true };
	}
	return {
		sessionId: id,
		title: session.title,
		// Opened early (more than an hour before the start): when, where and what to prepare,
		// until the session opens. On the day, or without a date, the first step as usual.
		before:
			showsBeforeSession(session) && session.scheduledAt
				? {
						scheduledAt: session.scheduledAt?.toISOString() ?? null,
						durationMinutes: session.durationMinutes,
						location: { locationAddress: session.locationAddress, locationNotes: session.locationNotes, locationUrl: session.locationUrl },
						homework: homeworkLink(session, '')
					}
				: null,
		// Whether the report will reach them by e-mail (the closing text says what to do if not).
		me: {
			id: participant.id,
			name: participant.displayName,
			perspective: participant.perspective,
			role: participant.role,
			emailed: participant.email !== null
		},
		staff: user !== null,
		cancelled: false,
		// Once the report went out, the closing step says it is there (not "within two weeks"),
		// and the link says whether one can still respond, or that it is the final report.
		reportOut: reportOutOf(session.status === 'closed' ? getReport(event.locals.db, id) : undefined),
		// Example criteria for the criteria step (issue 19): for whom the access module lets into the session.
		examples: sessionRights(
			event.locals.db,
			event.locals.callers.filter((c) => c.kind === 'participant'),
			id
		)
			? criteriaExamples(event.locals.db, session, event.locals.locale)
			: {}
	};
};

/** Where the report is, as the participant's page tells it: not out yet (null), open for responses, sent, or final. */
function reportOutOf(report: ReturnType<typeof getReport>): 'respond' | 'sent' | 'final' | null {
	if (!report || report.status === 'draft') return null;
	if (report.status === 'final') return 'final';
	return commentWindowOpen(report) ? 'respond' : 'sent';
}
