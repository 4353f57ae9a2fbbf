/**
 * A world for the authorisation matrix and the fuzzers: every role of issue 8 with its
 * cookies, and every object the routes need, created through the domain functions on the
 * running test server's database.
 *
 * Sessions:
 * - `live`: an open session of the facilitator, one chosen theme (`regie`) with a Yjs document;
 *   its participant and observer are the `participant` and `observer` roles for live routes.
 * - `held`: a closed session of the facilitator in a trajectory, report sent (comment window
 *   open), mail in the outbox; its participant and observer are those roles for report routes.
 * - `other`: a session of another facilitator, held, report final (for promotion); its
 *   participant is the "participant of another session".
 */
import crypto from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { SYSTEM } from '../../src/lib/server/audit';
import { mailMessages, reportComments, sessionThemes } from '../../src/lib/server/db/schema';
import { createDraft, getVersion, latestPublishedBySlug } from '../../src/lib/server/frameworks/store';
import { addParticipant } from '../../src/lib/server/sessions/participants';
import { createDialogueSession } from '../../src/lib/server/sessions/setup';
import { addComment, finalizeReport, getReport, sendReport, startReport } from '../../src/lib/server/reports/reports';
import { addJargon, listJargon } from '../../src/lib/server/reports/jargon';
import { createProvider } from '../../src/lib/server/scoring/providers';
import { assessmentDetail, startAssessment } from '../../src/lib/server/scoring/assessments';
import { holdSession, plannedWorld } from './follow-up';
import { movisieVersionId } from './live';

export const ROLE_NAMES = [
	'anonymous',
	'otherParticipant',
	'observer',
	'participant',
	'facilitator',
	'otherFacilitator',
	'manager',
	'admin'
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** Which dialogue session a request is about: participant and observer are of that one. */
export type Target = 'live' | 'held';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export type RolesWorld = Awaited<ReturnType<typeof rolesWorld>>;

export async function rolesWorld(db: Db, origin: string) {
	const movisie = movisieVersionId(db);
	const password = 'een goed wachtwoord';

	// The facilitator's held session, in a trajectory: report sent, comment window open.
	const held = await plannedWorld(db, new Date(Date.now() - 3 * HOUR));
	const facilitator = held.facilitator;
	const heldParticipant = addParticipant(db, SYSTEM, held.session.id, { displayName: 'Pieter', perspective: 'client' });
	const heldObserver = addParticipant(db, SYSTEM, held.session.id, {
		displayName: 'Olga',
		perspective: 'council_member',
		role: 'observer'
	});
	holdSession(db, held.session.id, held.people, new Date(Date.now() - HOUR));
	startReport(db, held.actor, held.session.id);
	sendReport(db, held.actor, held.session.id, origin);
	const comment = addComment(db, heldParticipant.participant, held.session.id, {
		target: 'section:intro',
		body: 'Een reactie.',
		clientKey: 'comment-0001'
	});

	// Another facilitator's session, held earlier, report final.
	const other = await plannedWorld(db, new Date(Date.now() - 40 * DAY));
	const otherParticipant = addParticipant(db, SYSTEM, other.session.id, { displayName: 'Sven', perspective: 'client' });
	holdSession(db, other.session.id, other.people, new Date(Date.now() - 40 * DAY + 2 * HOUR));
	startReport(db, other.actor, other.session.id);
	sendReport(db, other.actor, other.session.id, origin, new Date(Date.now() - 39 * DAY));
	finalizeReport(db, other.actor, other.session.id, origin, new Date(Date.now() - 20 * DAY));

	// The facilitator's live session with one chosen theme (it has a co-edited document).
	const live = createDialogueSession(db, SYSTEM, { title: 'Live gesprek', facilitatorId: facilitator.id, frameworkVersionId: movisie });
	const liveTheme = db
		.select()
		.from(sessionThemes)
		.where(eq(sessionThemes.dialogueSessionId, live.id))
		.orderBy(asc(sessionThemes.position))
		.all()[0]!;
	db.update(sessionThemes).set({ chosenRank: 1 }).where(eq(sessionThemes.id, liveTheme.id)).run();
	const liveParticipant = addParticipant(db, SYSTEM, live.id, { displayName: 'Ans', perspective: 'client' });
	const liveObserver = addParticipant(db, SYSTEM, live.id, { displayName: 'Cor', perspective: 'council_member', role: 'observer' });

	const manager = await createAccount(
		db,
		SYSTEM,
		{ email: `km-${crypto.randomUUID().slice(0, 8)}@gemeente.test`, name: 'Karin Kwaliteit', roles: ['quality_manager'] },
		password
	);
	const admin = await createAccount(
		db,
		SYSTEM,
		{ email: `ad-${crypto.randomUUID().slice(0, 8)}@gemeente.test`, name: 'Bea Beheer', roles: ['admin'] },
		password
	);
	/** An account the admin pages may change (status, reset) without harming the roles above. */
	const spare = await createAccount(
		db,
		SYSTEM,
		{ email: `spare-${crypto.randomUUID().slice(0, 8)}@gemeente.test`, name: 'Reserve', roles: ['facilitator'] },
		password
	);

	// Frameworks: MOVISIE published, with a draft of it; a provider and a draft assessment.
	const published = getVersion(db, movisie)!;
	const frameworkId = published.framework.id;
	const draftSummary = createDraft(db, { type: 'user', id: manager.id }, movisie);
	const draft = getVersion(db, draftSummary.id)!;
	const draftTheme = draft.themes.find((t) => t.requirements.length > 0)!;
	const drents = latestPublishedBySlug(db, 'drents-kwaliteitskader');
	const provider = createProvider(
		db,
		{ type: 'user', id: manager.id },
		{ name: 'Zorg Thuis BV', careType: 'Begeleiding', fundings: ['zin'], residential: false }
	);
	const assessment = startAssessment(
		db,
		{ type: 'user', id: manager.id },
		{ providerId: provider.id, frameworkVersionId: drents?.id ?? movisie, assessedOn: new Date().toISOString().slice(0, 10) }
	);
	const item = assessmentDetail(db, assessment.id).items[0]!.item;

	if (listJargon(db).length === 0) addJargon(db, SYSTEM, { term: 'indicatie', suggestion: 'besluit' });
	const mail = db
		.select()
		.from(mailMessages)
		.where(and(eq(mailMessages.dialogueSessionId, held.session.id)))
		.all()[0]!;
	const report = getReport(db, held.session.id)!;

	const staffCookie = (userId: number) => `kd_session=${createSession(db, userId, 7).token}`;
	const staffIds: Partial<Record<RoleName, number>> = {
		facilitator: facilitator.id,
		otherFacilitator: other.facilitator.id,
		manager: manager.id,
		admin: admin.id
	};
	const cookies: Record<RoleName, Record<Target, string>> = {
		anonymous: { live: '', held: '' },
		otherParticipant: { live: `kd_participant=${otherParticipant.token}`, held: `kd_participant=${otherParticipant.token}` },
		observer: { live: `kd_participant=${liveObserver.token}`, held: `kd_participant=${heldObserver.token}` },
		participant: { live: `kd_participant=${liveParticipant.token}`, held: `kd_participant=${heldParticipant.token}` },
		facilitator: { live: '', held: '' },
		otherFacilitator: { live: '', held: '' },
		manager: { live: '', held: '' },
		admin: { live: '', held: '' }
	};
	for (const [role, id] of Object.entries(staffIds) as [RoleName, number][]) {
		const cookie = staffCookie(id);
		cookies[role] = { live: cookie, held: cookie };
	}

	return {
		db,
		origin,
		facilitator,
		otherFacilitator: other.facilitator,
		manager,
		admin,
		spare,
		trajectory: held.trajectory,
		otherTrajectory: other.trajectory,
		live: {
			session: live,
			theme: liveTheme,
			participant: liveParticipant.participant,
			observer: liveObserver.participant,
			doc: `session/${live.id}/theme/${liveTheme.key}`
		},
		held: {
			session: held.session,
			participant: heldParticipant.participant,
			observer: heldObserver.participant,
			listed: held.people[0]!,
			report,
			comment,
			mail
		},
		other: { session: other.session, participant: otherParticipant.participant },
		frameworks: {
			frameworkId,
			publishedId: movisie,
			draftId: draft.version.id,
			draftThemeId: draftTheme.id,
			draftRequirementId: draftTheme.requirements[0]!.id,
			drentsId: drents?.id
		},
		provider,
		assessment,
		item,
		cookies,
		/**
		 * The cookie a role sends about a session. Staff logins are fresh per call when `fresh`
		 * (logging out ends the login it is sent with).
		 */
		cookie(role: RoleName, target: Target = 'held', fresh = false): string {
			const id = staffIds[role];
			if (fresh && id !== undefined) return staffCookie(id);
			return cookies[role][target];
		}
	};
}

/** The comments of the held session's report (for checks). */
export function commentCount(db: Db, reportId: number): number {
	return db.select().from(reportComments).where(eq(reportComments.reportId, reportId)).all().length;
}

/** Tables a request may touch without changing anything that matters (login bookkeeping, the audit trail). */
const VOLATILE_TABLES = new Set(['audit_log', 'auth_sessions', 'login_failures', '__drizzle_migrations', 'sqlite_sequence']);
/** Columns the mail queue changes by itself while delivering. */
const VOLATILE_COLUMNS: Record<string, Set<string>> = {
	mail_messages: new Set(['status', 'transport', 'attempts', 'next_attempt_at', 'last_error', 'sent_at'])
};

function plain(_key: string, value: unknown): unknown {
	if (Buffer.isBuffer(value)) return value.toString('base64');
	if (typeof value === 'bigint') return String(value);
	return value;
}

/**
 * Per table, a digest of everything in it that a refused request must not change: every
 * table except login bookkeeping and the audit log, every row, every column (except those the
 * mail queue updates on its own), in rowid order (a table without one: by all its columns).
 */
export function tableDigests(db: Db, exclude: string[] = []): Record<string, string> {
	const sqlite = db.$client;
	const tables = (
		sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
			name: string;
			sql: string;
		}[]
	).filter((t) => !VOLATILE_TABLES.has(t.name) && !exclude.includes(t.name));
	const out: Record<string, string> = {};
	for (const { name: table, sql } of tables) {
		const skip = VOLATILE_COLUMNS[table];
		const columns = (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[])
			.map((c) => c.name)
			.filter((c) => !skip?.has(c));
		const hash = crypto.createHash('sha256');
		const list = columns.map((c) => `"${c}"`).join(', ');
		// A table WITHOUT ROWID (evaluation receipts) has no rowid: in the order of all its columns.
		const order = /without\s+rowid/i.test(sql) ? list : 'rowid';
		for (const row of sqlite.prepare(`SELECT ${list} FROM "${table}" ORDER BY ${order}`).raw().iterate()) {
			hash.update(JSON.stringify(row, plain));
			hash.update('\n');
		}
		out[table] = hash.digest('hex');
	}
	return out;
}

/** Tables whose content differs between two digests. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
	return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();
}
