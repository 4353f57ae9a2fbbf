/**
 * Prepared statements for the hot paths of a live session (every sticker, every broadcast).
 * Building and preparing a query each time costs far more than running it; these are
 * prepared once per database connection and reused.
 */
import { and, asc, desc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db';
import type { Ballot, Perspective } from '../db/schema';
import { dialogueSessions, participants, sessionThemes, stickers, themeProposals } from '../db/schema';

const id = sql.placeholder('id');
const session = sql.placeholder('session');
const participant = sql.placeholder('participant');

/**
 * Of the joins refused into the session since `since` (ms): each answered from the index on
 * session, refusal and time alone (schema.ts), and normally there are none (./join-limits.ts).
 */
const refusedJoins = (what: 'count(*)' | 'max(at)') =>
	sql<
		number | null
	>`(SELECT ${sql.raw(what)} FROM join_events j WHERE j.dialogue_session_id = dialogue_sessions.id AND j.refused = 1 AND j.at > ${sql.placeholder('since')})`;

/**
 * The session's row with its join hold, as every push of its state reads it: one statement,
 * so one look at the database where two cost twice (a commit of the Yjs process in between
 * makes each statement's first read fetch its pages again).
 */
export function liveSessionQuery(db: Db) {
	return db
		.select({ ...getTableColumns(dialogueSessions), refusedJoins: refusedJoins('count(*)'), lastRefusedAt: refusedJoins('max(at)') })
		.from(dialogueSessions)
		.where(eq(dialogueSessions.id, id));
}

function prepare(db: Db) {
	return {
		session: db.select().from(dialogueSessions).where(eq(dialogueSessions.id, id)).prepare(),
		liveSession: liveSessionQuery(db).prepare(),
		/** The state revision (plain SQL: read after every event). */
		revision: db.$client.prepare('SELECT state_revision FROM dialogue_sessions WHERE id = ?').pluck() as Statement<[number], number>,
		themes: db
			.select()
			.from(sessionThemes)
			.where(eq(sessionThemes.dialogueSessionId, session))
			.orderBy(asc(sessionThemes.position))
			.prepare(),
		/** The themes as a live session's state shows them (not the framework texts the documents start from). */
		liveThemes: db
			.select({
				id: sessionThemes.id,
				key: sessionThemes.key,
				name: sessionThemes.name,
				description: sessionThemes.description,
				origin: sessionThemes.origin,
				position: sessionThemes.position,
				chosenRank: sessionThemes.chosenRank,
				testQuestionAgreed: sessionThemes.testQuestionAgreed,
				criteriaProvisional: sessionThemes.criteriaProvisional,
				startBlank: sessionThemes.startBlank,
				// Whether the framework has these texts, not the texts: enough to say where a document starts.
				hasDefinition: sql<boolean>`trim(coalesce(${sessionThemes.definition}, '')) != ''`.mapWith(Boolean),
				hasTestQuestion: sql<boolean>`trim(coalesce(${sessionThemes.testQuestion}, '')) != ''`.mapWith(Boolean)
			})
			.from(sessionThemes)
			.where(eq(sessionThemes.dialogueSessionId, session))
			.orderBy(asc(sessionThemes.position))
			.prepare(),
		participant: db.select().from(participants).where(eq(participants.id, id)).prepare(),
		/** What a sticker checks about its voter and theme (not the texts or contact details). */
		voter: db
			.select({
				dialogueSessionId: participants.dialogueSessionId,
				removedAt: participants.removedAt,
				pseudonymisedAt: participants.pseudonymisedAt,
				role: participants.role,
				perspective: participants.perspective
			})
			.from(participants)
			.where(eq(participants.id, id))
			.prepare(),
		themeSession: db
			.select({ dialogueSessionId: sessionThemes.dialogueSessionId })
			.from(sessionThemes)
			.where(eq(sessionThemes.id, id))
			.prepare(),
		/**
		 * The people a live session's state shows: only what it shows (no contact details or
		 * access hashes, which are personal data and were most of the bytes read per broadcast).
		 */
		people: db
			.select({
				id: participants.id,
				displayName: participants.displayName,
				perspective: participants.perspective,
				role: participants.role,
				proxyUserId: participants.proxyUserId,
				origin: participants.origin,
				attendedAt: participants.attendedAt
			})
			.from(participants)
			.where(and(eq(participants.dialogueSessionId, session), isNull(participants.removedAt), isNull(participants.pseudonymisedAt)))
			.orderBy(asc(participants.id))
			.prepare(),
		/** Every sticker of a session with its participant's perspective: tallies and everyone's own counts. */
		/** Plain SQL: read with every broadcast, and the rows need no mapping. */
		stickerRows: db.$client.prepare(
			'SELECT s.session_theme_id AS themeId, s.participant_id AS participantId, p.perspective AS perspective, s.ballot AS ballot FROM stickers s JOIN participants p ON p.id = s.participant_id WHERE s.dialogue_session_id = ?'
		) as Statement<[number], { themeId: number; participantId: number; perspective: Perspective; ballot: Ballot }>,
		myStickers: db
			.select({ themeId: stickers.sessionThemeId, n: sql<number>`count(*)` })
			.from(stickers)
			.where(
				and(
					eq(stickers.dialogueSessionId, session),
					eq(stickers.participantId, participant),
					eq(stickers.ballot, sql.placeholder('ballot'))
				)
			)
			.groupBy(stickers.sessionThemeId)
			.prepare(),
		proposals: db
			.select()
			.from(themeProposals)
			.where(eq(themeProposals.dialogueSessionId, session))
			.orderBy(asc(themeProposals.id))
			.prepare(),
		/** Bumps the state revision after a change in a related table (see agenda.ts touchSession). */
		/** Bumps the state revision and returns it (plain SQL: run on every vote, mapping nothing). */
		touch: db.$client
			.prepare('UPDATE dialogue_sessions SET state_revision = state_revision + 1 WHERE id = ? RETURNING state_revision')
			.pluck(),
		/** touch for a vote: also the counters the kept sticker rows follow (./live-cache.ts). */
		touchVote: db.$client.prepare(
			'UPDATE dialogue_sessions SET state_revision = state_revision + 1 WHERE id = ? RETURNING static_revision AS staticRevision, sticker_revision AS stickerRevision'
		) as Statement<[number], { staticRevision: number; stickerRevision: number }>,
		/**
		 * What a sticker checks about its session (every vote), and the counters that say which
		 * kept copies are current (./live-cache.ts): plain SQL, not the whole row mapped.
		 */
		voteSession: db.$client.prepare(
			'SELECT id, status, phase, vote_status AS voteStatus, prevote_deadline AS prevoteDeadline, stickers_per_participant AS stickersPerParticipant, max_stickers_per_theme AS maxStickersPerTheme, static_revision AS staticRevision, sticker_revision AS stickerRevision FROM dialogue_sessions WHERE id = ?'
		),
		/** `proxy` is bound as 0/1: a placeholder skips drizzle's boolean mapping. */
		insertSticker: db
			.insert(stickers)
			.values({
				dialogueSessionId: session,
				participantId: participant,
				sessionThemeId: sql.placeholder('theme'),
				ballot: sql.placeholder('ballot'),
				proxy: sql.placeholder('proxy')
			})
			.prepare(),
		/** The session is asked too: its index on session and participant leaves a few rows, the theme's a room's. */
		lastSticker: db
			.select({ id: stickers.id })
			.from(stickers)
			.where(
				and(
					eq(stickers.dialogueSessionId, session),
					eq(stickers.participantId, participant),
					eq(stickers.sessionThemeId, sql.placeholder('theme')),
					eq(stickers.ballot, sql.placeholder('ballot'))
				)
			)
			.orderBy(desc(stickers.id))
			.limit(1)
			.prepare(),
		deleteSticker: db.delete(stickers).where(eq(stickers.id, id)).prepare(),
		/** Records that someone is at the session (a sticker placed for them); a placeholder skips the date mapping. */
		attend: db
			.update(participants)
			.set({ attendedAt: sql`${sql.placeholder('now')}` })
			.where(and(eq(participants.id, id), isNull(participants.attendedAt)))
			.prepare()
	};
}

export type Queries = ReturnType<typeof prepare>;
const cache = new WeakMap<object, Queries>();

/**
 * The prepared statements of this database connection. Pass the connection, also inside a
 * transaction: the statements run on it, so they see (and are part of) the transaction.
 */
export function queries(db: Db): Queries {
	let q = cache.get(db.$client);
	if (!q) {
		q = prepare(db);
		cache.set(db.$client, q);
	}
	return q;
}
