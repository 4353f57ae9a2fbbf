/**
 * What is due after a session, for the dashboard: the draft report within two weeks of the
 * session, the responses within the two-week comment window, then the final version.
 */
import type { DialogueSession, Report } from '../db/schema';
import { commentWindowOpen, reportDueAt } from './reports';

import type { FollowUpState } from '../../shared/reports';
export type { FollowUpState };

export interface FollowUp {
	state: FollowUpState;
	due: Date | null;
}

export function followUpOf(
	session: Pick<DialogueSession, 'status' | 'scheduledAt' | 'closedAt'>,
	report: Pick<Report, 'status' | 'commentsCloseAt'> | undefined,
	now = new Date()
): FollowUp {
	if (session.status !== 'closed') return { state: 'not_held', due: null };
	if (!report || report.status === 'draft') {
		const due = reportDueAt(session);
		return { state: due && due.getTime() < now.getTime() ? 'report_late' : 'report_due', due };
	}
	if (report.status === 'final') return { state: 'done', due: null };
	if (commentWindowOpen(report, now)) return { state: 'waiting_comments', due: report.commentsCloseAt };
	return { state: 'finalize', due: report.commentsCloseAt };
}
