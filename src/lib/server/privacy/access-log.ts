/**
 * The audit log of who looked at or took away reports and personal data: report and
 * assessment views and exports, the privacy actions, and personal links made on purpose (a
 * letter, an invitation sent again, a new link). For the beheerder's page /admin/audit.
 * Participants appear by number only.
 */
import { and, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { DEFAULT_LOCALE, type Locale } from '../../i18n';
import { formatDay } from '../../shared/dates';
import { assessments, auditLog, dialogueSessions, providers, reports, users } from '../db/schema';

export const ACCESS_ACTIONS = [
	'report.view',
	'report.export',
	'assessment.view',
	'assessment.export',
	'privacy.export',
	'privacy.erase',
	'privacy.retention',
	// Personal links are credentials: who made one for whom, and who ended them.
	'invitation.letter',
	'invitation.again',
	'participant.link.renew'
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export interface AccessEntry {
	id: number;
	at: Date;
	action: AccessAction;
	actor: { type: 'user' | 'participant' | 'system'; id: number | null; name: string | null };
	/** What it was about: a report (with its session), an assessment (with its provider), a session, or participant records. */
	subject: { type: string | null; id: number | null; label: string | null };
	details: Record<string, unknown> | null;
}

export interface AccessFilter {
	action?: AccessAction | null;
	/** Only this report's entries. */
	reportId?: number | null;
	/** Entries older than this id (the next page). */
	before?: number | null;
	limit?: number;
}

export function isAccessAction(value: unknown): value is AccessAction {
	return typeof value === 'string' && (ACCESS_ACTIONS as readonly string[]).includes(value);
}

/** The label of each id, looked up only when there are ids. */
function lookup(ids: number[], find: (ids: number[]) => { id: number; label: string }[]): Map<number, string> {
	return new Map(ids.length ? find(ids).map((r) => [r.id, r.label]) : []);
}

/** The newest entries first, at most `limit` (default 100). */
export function listAccessLog(db: Pick<Db, 'select'>, filter: AccessFilter = {}, locale: Locale = DEFAULT_LOCALE): AccessEntry[] {
	const conditions: SQL[] = [filter.action ? eq(auditLog.action, filter.action) : inArray(auditLog.action, [...ACCESS_ACTIONS])];
	if (filter.reportId) conditions.push(eq(auditLog.subjectType, 'report'), eq(auditLog.subjectId, filter.reportId));
	if (filter.before) conditions.push(lt(auditLog.id, filter.before));
	const rows = db
		.select()
		.from(auditLog)
		.where(and(...conditions))
		.orderBy(desc(auditLog.id))
		.limit(Math.min(filter.limit ?? 100, 500))
		.all();
	const userIds = [...new Set(rows.filter((r) => r.actorType === 'user' && r.actorId !== null).map((r) => r.actorId!))];
	const names = lookup(userIds, (some) => db.select({ id: users.id, label: users.name }).from(users).where(inArray(users.id, some)).all());
	/** The subjects' labels, by subject type and id: a report by its session, an assessment by its provider and date. */
	const subjectIds = (type: string) => [
		...new Set(rows.filter((r) => r.subjectType === type && r.subjectId !== null).map((r) => r.subjectId!))
	];
	const labels = new Map<string, Map<number, string>>([
		[
			'report',
			lookup(subjectIds('report'), (some) =>
				db
					.select({ id: reports.id, label: dialogueSessions.title })
					.from(reports)
					.innerJoin(dialogueSessions, eq(dialogueSessions.id, reports.dialogueSessionId))
					.where(inArray(reports.id, some))
					.all()
			)
		],
		[
			'assessment',
			lookup(subjectIds('assessment'), (some) =>
				db
					.select({ id: assessments.id, name: providers.name, on: assessments.assessedOn })
					.from(assessments)
					.innerJoin(providers, eq(providers.id, assessments.providerId))
					.where(inArray(assessments.id, some))
					.all()
					.map((a) => ({ id: a.id, label: `${a.name} (${formatDay(a.on, locale)})` }))
			)
		],
		[
			'dialogue_session',
			lookup(subjectIds('dialogue_session'), (some) =>
				db
					.select({ id: dialogueSessions.id, label: dialogueSessions.title })
					.from(dialogueSessions)
					.where(inArray(dialogueSessions.id, some))
					.all()
			)
		]
	]);
	const labelOf = (type: string | null, id: number | null): string | null =>
		type === null || id === null ? null : (labels.get(type)?.get(id) ?? null);
	return rows.map((r) => ({
		id: r.id,
		at: r.at,
		action: r.action as AccessAction,
		actor: { type: r.actorType, id: r.actorId, name: r.actorType === 'user' && r.actorId !== null ? (names.get(r.actorId) ?? null) : null },
		subject: { type: r.subjectType, id: r.subjectId, label: labelOf(r.subjectType, r.subjectId) },
		details: r.details ?? null
	}));
}
