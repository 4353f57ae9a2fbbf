/**
 * When a dialogue session was held, told to people: one rule for the report's text, its
 * printed header and the lists of sessions.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { auditLog, type DialogueSession } from '../db/schema';
import { LANGUAGE_TAG, type Locale } from '../../i18n';
import { SESSION_TIME_ZONE, dateToLocalInput, formatSessionDate } from '../../shared/sessions/time';

/**
 * When the session was held: when it was closed (that is when it really took place, also
 * when it was postponed), or its planned date while it has not been closed.
 */
export function heldAt(session: Pick<DialogueSession, 'scheduledAt' | 'closedAt'>): Date | null {
	return session.closedAt ?? session.scheduledAt ?? null;
}

/**
 * When the session was held, for people: the day it was closed (the live session ends then),
 * with the time it started when that is known on the same day (the facilitator's first step
 * through the agenda, in the audit log; else the planned time if it was planned for that day),
 * and the day alone otherwise. Not closed (a report is made of a closed session): the planned date.
 */
export function heldDate(
	db: Pick<Db, 'select'>,
	locale: Locale,
	session: Pick<DialogueSession, 'id' | 'scheduledAt' | 'closedAt'>
): string | null {
	if (!session.closedAt) return session.scheduledAt ? formatSessionDate(session.scheduledAt, locale) : null;
	const day = (d: Date) => dateToLocalInput(d).slice(0, 10);
	const held = day(session.closedAt);
	const started = db
		.select({ at: auditLog.at })
		.from(auditLog)
		.where(and(eq(auditLog.subjectType, 'dialogue_session'), eq(auditLog.subjectId, session.id), eq(auditLog.action, 'session.agenda')))
		.orderBy(asc(auditLog.at))
		.all()
		.map((row) => row.at)
		.find((at) => day(at) === held && at <= session.closedAt!);
	const start = started ?? (session.scheduledAt && day(session.scheduledAt) === held ? session.scheduledAt : null);
	if (start) return formatSessionDate(start, locale);
	return new Intl.DateTimeFormat(LANGUAGE_TAG[locale], {
		timeZone: SESSION_TIME_ZONE,
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric'
	}).format(session.closedAt);
}

/** A session as the lists show it: when closed, the day it was held (heldDate), else the planned time. */
export function sessionListRow(
	db: Pick<Db, 'select'>,
	locale: Locale,
	session: Pick<DialogueSession, 'id' | 'title' | 'scheduledAt' | 'closedAt' | 'status'>
) {
	return {
		id: session.id,
		title: session.title,
		scheduledAt: session.scheduledAt?.toISOString() ?? null,
		heldOn: session.status === 'closed' ? heldDate(db, locale, session) : null,
		status: session.status
	};
}
