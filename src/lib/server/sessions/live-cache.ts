/**
 * What the live state keeps of a session between broadcasts, per database connection, so that
 * a broadcast after a vote reads one row instead of every theme, person and sticker again.
 *
 * Every copy is tied to a counter in the session's row that database triggers bump on every
 * change of what it holds, by any writer in any process: `static_revision` for the themes,
 * people and proposals (migration 0014), `sticker_revision` for the stickers (migration 0018).
 * A copy is used only while its counter still matches the row just read; otherwise it is read
 * again. The one frequent change, a vote, is added to the sticker copy by the vote itself, once
 * its transaction committed (afterCommit), and only when the copy was exactly one change
 * behind: anything else that happened in between leaves the copy behind, and it is read again.
 * Nothing is kept from inside a transaction that could still roll back.
 */
import { afterCommit, type Db } from '../db';
import type { Ballot, Participant, Perspective, ThemeProposal } from '../db/schema';
import { queries } from './queries';
import type { LiveTheme } from './state';

/** One sticker as the live state counts it: on which theme, whose, from which perspective, which vote. */
export interface StickerRow {
	themeId: number;
	participantId: number;
	perspective: Perspective;
	ballot: Ballot;
}

export interface StaticParts {
	themes: LiveTheme[];
	people: Pick<Participant, 'id' | 'displayName' | 'perspective' | 'role' | 'proxyUserId' | 'origin' | 'attendedAt'>[];
	proposals: ThemeProposal[];
}

/** The counters of a session's row that say whether a copy is current. */
export interface Revisions {
	staticRevision: number;
	stickerRevision: number;
}

interface Kept {
	staticParts?: StaticParts & { revision: number };
	/** The sticker rows, read or kept up to date at these counters (perspectives come from people). */
	stickers?: { rows: readonly StickerRow[]; revision: number; staticRevision: number };
}

/** Per database connection, per session; the least recently used are forgotten beyond this many. */
const kept = new WeakMap<object, Map<number, Kept>>();
export const KEPT_SESSIONS = 1000;

function keptOf(db: Db, sessionId: number): Kept {
	let sessions = kept.get(db.$client);
	if (!sessions) kept.set(db.$client, (sessions = new Map()));
	let entry = sessions.get(sessionId);
	if (entry) sessions.delete(sessionId);
	else entry = {};
	sessions.set(sessionId, entry);
	if (sessions.size > KEPT_SESSIONS) sessions.delete(sessions.keys().next().value!);
	return entry;
}

/** A read inside a transaction may yet be rolled back: it is used, not kept. */
const mayKeep = (db: Db) => !db.$client.inTransaction;

/** The session's themes, people and proposals, as of `session.staticRevision`. */
export function staticPartsOf(db: Db, sessionId: number, session: Revisions): StaticParts {
	const entry = keptOf(db, sessionId);
	if (entry.staticParts?.revision === session.staticRevision) return entry.staticParts;
	const q = queries(db);
	const parts = {
		themes: q.liveThemes.all({ session: sessionId }),
		people: q.people.all({ session: sessionId }),
		proposals: q.proposals.all({ session: sessionId })
	};
	if (mayKeep(db)) entry.staticParts = { ...parts, revision: session.staticRevision };
	return parts;
}

/** Every sticker of the session (both votes), as of the session's counters. */
export function stickerRowsOf(db: Db, sessionId: number, session: Revisions): readonly StickerRow[] {
	const entry = keptOf(db, sessionId);
	const copy = entry.stickers;
	if (copy && copy.revision === session.stickerRevision && copy.staticRevision === session.staticRevision) return copy.rows;
	const rows = queries(db).stickerRows.all(sessionId);
	if (mayKeep(db)) entry.stickers = { rows, revision: session.stickerRevision, staticRevision: session.staticRevision };
	else delete entry.stickers;
	return rows;
}

/**
 * The kept copies of a session that are current at its counters (`session`, just read), for
 * checks that can answer from them instead of asking the database again; nothing is read or
 * kept here. Inside a transaction that changed what a copy holds, the counters moved with the
 * change, so the copy does not match and is not given.
 */
export function currentCopies(db: Db, sessionId: number, session: Revisions): { parts?: StaticParts; stickers?: readonly StickerRow[] } {
	const entry = kept.get(db.$client)?.get(sessionId);
	if (!entry) return {};
	const { staticParts, stickers } = entry;
	return {
		parts: staticParts?.revision === session.staticRevision ? staticParts : undefined,
		stickers:
			stickers?.revision === session.stickerRevision && stickers.staticRevision === session.staticRevision ? stickers.rows : undefined
	};
}

/**
 * A vote placed (`+1`) or took off (`-1`) one sticker, leaving the session's counters at
 * `after`: once committed, the kept rows follow if they were at the counters just before it.
 */
export function noteStickerChange(db: Db, sessionId: number, row: StickerRow, change: 1 | -1, after: Revisions): void {
	afterCommit(db, () => {
		const entry = kept.get(db.$client)?.get(sessionId);
		const copy = entry?.stickers;
		if (!entry || !copy) return;
		if (copy.revision !== after.stickerRevision - 1 || copy.staticRevision !== after.staticRevision) {
			delete entry.stickers;
			return;
		}
		let rows: StickerRow[];
		if (change === 1) rows = [...copy.rows, row];
		else {
			const i = copy.rows.findIndex((r) => r.themeId === row.themeId && r.participantId === row.participantId && r.ballot === row.ballot);
			if (i === -1) {
				delete entry.stickers;
				return;
			}
			rows = [...copy.rows.slice(0, i), ...copy.rows.slice(i + 1)];
		}
		entry.stickers = { rows, revision: after.stickerRevision, staticRevision: after.staticRevision };
	});
}
