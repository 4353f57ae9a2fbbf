/** What a session's pages say about retention: when its participants' personal data goes (or went). */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { reports, type DialogueSession } from '../db/schema';
import { retentionDueAt } from './retention';

export interface RetentionNotice {
	/** planned: it will happen on `date`; done: it happened on `date`. */
	state: 'planned' | 'done';
	date: Date;
	/** Planned from the session date: the date moves when the report becomes final. */
	moves: boolean;
}

export function retentionNotice(db: Pick<Db, 'select'>, session: DialogueSession, months: number): RetentionNotice | null {
	if (session.personalDataRemovedAt) return { state: 'done', date: session.personalDataRemovedAt, moves: false };
	const report = db
		.select({ status: reports.status, finalAt: reports.finalAt })
		.from(reports)
		.where(eq(reports.dialogueSessionId, session.id))
		.get();
	const due = retentionDueAt(session, report, months);
	if (!due) return null;
	return { state: 'planned', date: due, moves: report?.status !== 'final' };
}
