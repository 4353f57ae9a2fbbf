/**
 * Retention: participants' personal data is kept for RETENTION_MONTHS (default 12) after the
 * report of their session became final, and then pseudonymised (./pseudonymise.ts).
 *
 * The anchor, the moment the period starts:
 * - the report is final: when it became final;
 * - the session is closed without a final report (no report, or one never made final): when
 *   the session was held (closed, else its planned date);
 * - the session was called off (cancelled): when it was called off;
 * - the session is not closed: its planned date, if it has one (a session planned long ago
 *   and never held is abandoned); without a date there is no anchor yet.
 *
 * The job runs at start-up and once a day (./scheduler.ts). Each session is handled in its own
 * transaction and recorded in the audit log as `privacy.retention`, with counts only. Running
 * it again changes nothing.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { dialogueSessions, reports, type DialogueSession, type Report } from '../db/schema';
import { audit, SYSTEM } from '../audit';
import { addCounts, changedSomething, emptyCounts, pseudonymiseParticipants, sessionPeople, type ScrubCounts } from './pseudonymise';
import { accessChanged } from '../access/changes';
import { scrubFreedStorage } from './storage';

export const DEFAULT_RETENTION_MONTHS = 12;

/** `date` plus whole calendar months (UTC); the 31st becomes the last day of a shorter month. */
export function addMonths(date: Date, months: number): Date {
	const d = new Date(date.getTime());
	const day = d.getUTCDate();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() + months);
	const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
	d.setUTCDate(Math.min(day, last));
	return d;
}

type SessionDates = Pick<DialogueSession, 'status' | 'closedAt' | 'scheduledAt' | 'createdAt'> & { cancelledAt?: Date | null };
type ReportDates = Pick<Report, 'status' | 'finalAt'>;

/** Where the retention period starts, or null while it has not started (see above). */
export function retentionAnchor(session: SessionDates, report: ReportDates | null | undefined): Date | null {
	if (report?.status === 'final' && report.finalAt) return report.finalAt;
	if (session.status === 'closed') return session.closedAt ?? session.scheduledAt ?? session.createdAt;
	// Called off: the list served only this session; the period starts the day it was called off.
	if (session.status === 'cancelled') return session.cancelledAt ?? session.createdAt;
	return session.scheduledAt ?? null;
}

/** When the participants' personal data of this session is (or was) pseudonymised. */
export function retentionDueAt(session: SessionDates, report: ReportDates | null | undefined, months: number): Date | null {
	const anchor = retentionAnchor(session, report);
	return anchor ? addMonths(anchor, months) : null;
}

/** Pseudonymises the participants of one session, in one transaction; audited when something changed. */
export function pseudonymiseSession(
	db: Db,
	sessionId: number,
	months: number,
	now = new Date()
): { counts: ScrubCounts; messageIds: string[] } {
	const result = db.transaction((tx) => {
		const session = tx.select().from(dialogueSessions).where(eq(dialogueSessions.id, sessionId)).get();
		if (!session) return { counts: emptyCounts(), messageIds: [] };
		const result = pseudonymiseParticipants(tx, sessionPeople(tx, sessionId), { now });
		if (!session.personalDataRemovedAt)
			tx.update(dialogueSessions).set({ personalDataRemovedAt: now }).where(eq(dialogueSessions.id, sessionId)).run();
		if (changedSomething(result.counts) || !session.personalDataRemovedAt) {
			audit(tx, SYSTEM, 'privacy.retention', { type: 'dialogue_session', id: sessionId }, { months, ...result.counts });
		}
		return result;
	});
	// Pseudonymised participants have no access any more; anyone still connected is disconnected.
	if (result.counts.participants > 0) accessChanged(db, { sessionIds: [sessionId] });
	return result;
}

export interface RetentionRun {
	/** Sessions in which something was pseudonymised in this run. */
	sessions: number;
	counts: ScrubCounts;
	messageIds: string[];
}

/**
 * Pseudonymises every session whose retention period has ended by `now`; when that changed
 * someone's data, the old content is then removed from the database file and its WAL too
 * (./storage.ts), once for the whole run.
 */
export function runRetention(db: Db, months: number, now = new Date()): RetentionRun {
	const rows = db
		.select({ session: dialogueSessions, report: reports })
		.from(dialogueSessions)
		.leftJoin(reports, eq(reports.dialogueSessionId, dialogueSessions.id))
		.all();
	const run: RetentionRun = { sessions: 0, counts: emptyCounts(), messageIds: [] };
	for (const { session, report } of rows) {
		const due = retentionDueAt(session, report, months);
		if (!due || due.getTime() > now.getTime()) continue;
		const result = pseudonymiseSession(db, session.id, months, now);
		if (changedSomething(result.counts) || !session.personalDataRemovedAt) run.sessions++;
		run.counts = addCounts(run.counts, result.counts);
		run.messageIds.push(...result.messageIds);
	}
	if (changedSomething(run.counts)) scrubFreedStorage(db);
	return run;
}
