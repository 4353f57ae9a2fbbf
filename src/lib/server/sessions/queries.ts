/**
 * Prepared statements for the hot paths of a live session (every sticker, every broadcast).
 * Building and preparing a query each time costs far more than running it; these are
 * prepared once per database connection and reused.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { dialogueSessions, participants, sessionThemes, stickers, themeProposals } from '../db/schema';

const id = sql.placeholder('id');
const session = sql.placeholder('session');
const participant = sql.placeholder('participant');

function prepare(db: Db) {
	return {
		session: db.select().from(dialogueSessions).where(eq(dialogueSessions.id, id)).prepare(),
		themes: db.select().from(sessionThemes).where(eq(sessionThemes.dialogueSessionId, session)).orderBy(asc(sessionThemes.position)).prepare(),
		theme: db.select().from(sessionThemes).where(eq(sessionThemes.id, id)).prepare(),
		participant: db.select().from(participants).where(eq(participants.id, id)).prepare(),
		people: db
			.select()
			.from(participants)
			.where(and(eq(participants.dialogueSessionId, session), isNull(participants.removedAt)))
			.orderBy(asc(participants.id))
			.prepare(),
		/** Every sticker of a session with its participant's perspective: tallies and everyone's own counts. */
		stickerRows: db
			.select({ themeId: stickers.sessionThemeId, participantId: stickers.participantId, perspective: participants.perspective, ballot: stickers.ballot })
			.from(stickers)
			.innerJoin(participants, eq(participants.id, stickers.participantId))
			.where(eq(stickers.dialogueSessionId, session))
			.prepare(),
		myStickers: db
			.select({ themeId: stickers.sessionThemeId, n: sql<number>`count(*)` })
			.from(stickers)
			.where(and(eq(stickers.dialogueSessionId, session), eq(stickers.participantId, participant), eq(stickers.ballot, sql.placeholder('ballot'))))
			.groupBy(stickers.sessionThemeId)
			.prepare(),
		proposals: db.select().from(themeProposals).where(eq(themeProposals.dialogueSessionId, session)).orderBy(asc(themeProposals.id)).prepare()
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
