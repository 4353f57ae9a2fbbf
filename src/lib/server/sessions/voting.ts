/**
 * Sticker voting (stickers plakken): participants place and remove stickers on themes while
 * the vote is open; the server enforces the budget per participant and per theme. Each
 * placement is one synchronous SQLite transaction (count, then insert), so concurrent
 * requests and several tabs of one participant cannot exceed it; a trigger checks again.
 * When the vote closes the result shows stickers per theme and per perspective; ties at the
 * cut-off are shown as ties and the facilitator decides, with a recorded reason.
 */
import type { MyStickers } from '../../shared/live-state';
import { isCurrentParticipant } from '../access';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db';
import {
	PERSPECTIVES,
	dialogueSessions,
	sessionThemes,
	type Ballot,
	type DialogueSession,
	type Perspective,
	type SessionTheme
} from '../db/schema';
import { currentCopies, noteStickerChange, type Revisions, type StaticParts, type StickerRow } from './live-cache';
import { queries } from './queries';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { textBlock, validate } from '../validation';
import { changeSession, loadLiveSession, loadSession, themesOfSession } from './agenda';
import { ensureGoingOn } from './setup';

export type { MyStickers };

/** What a sticker checks about its session, and the counters of its kept copies. */
type VoteSession = Pick<
	DialogueSession,
	'id' | 'status' | 'phase' | 'voteStatus' | 'prevoteDeadline' | 'stickersPerParticipant' | 'maxStickersPerTheme'
> &
	Revisions;

/** The kept copies of the session that are current (./live-cache.ts): checks answer from them without reading. */
type Copies = { parts?: StaticParts; stickers?: readonly StickerRow[] };

/** The session of a sticker, read with a statement of its own (every vote): it must be running. */
function voteSession(db: Db, sessionId: number): VoteSession {
	const row = queries(db).voteSession.get(sessionId) as
		(Omit<VoteSession, 'prevoteDeadline'> & { prevoteDeadline: number | null }) | undefined;
	if (!row) throw new DomainError('error.missing', 404);
	ensureGoingOn(row);
	return { ...row, prevoteDeadline: row.prevoteDeadline === null ? null : new Date(row.prevoteDeadline) };
}

export function myStickers(
	db: Db,
	session: Pick<DialogueSession, 'id' | 'stickersPerParticipant' | 'maxStickersPerTheme'>,
	participantId: number,
	ballot: Ballot = 'session'
): MyStickers {
	return mineFrom(session, participantId, queries(db).myStickers.all({ session: session.id, participant: participantId, ballot }));
}

/** A participant's own stickers from rows of (theme, count) or (theme) per sticker. */
export function mineFrom(
	session: Pick<DialogueSession, 'stickersPerParticipant' | 'maxStickersPerTheme'>,
	participantId: number,
	rows: { themeId: number; n?: number }[]
): MyStickers {
	const perTheme: Record<number, number> = {};
	let used = 0;
	for (const r of rows) {
		const n = r.n ?? 1;
		perTheme[r.themeId] = (perTheme[r.themeId] ?? 0) + n;
		used += n;
	}
	return { participantId, perTheme, used, budget: session.stickersPerParticipant, maxPerTheme: session.maxStickersPerTheme };
}

/** The voter's perspective, once they may vote in the session (the kept people are its current participants). */
function checkVoter(db: Db, session: Pick<DialogueSession, 'id'>, participantId: number, copies: Copies): Perspective {
	if (copies.parts) {
		const person = copies.parts.people.find((p) => p.id === participantId);
		if (!person) throw new DomainError('error.forbidden', 403);
		if (person.role !== 'participant') throw new DomainError('error.vote.observer', 403);
		return person.perspective;
	}
	const voter = queries(db).voter.get({ id: participantId });
	if (!voter || voter.dialogueSessionId !== session.id || !isCurrentParticipant(voter)) throw new DomainError('error.forbidden', 403);
	if (voter.role !== 'participant') throw new DomainError('error.vote.observer', 403);
	return voter.perspective;
}

/** Whether the vote before the session is open at `now`. */
export function prevoteOpen(session: Pick<DialogueSession, 'prevoteDeadline' | 'status'>, now = Date.now()): boolean {
	return (
		(session.status === 'planned' || session.status === 'open') &&
		session.prevoteDeadline !== null &&
		now < session.prevoteDeadline.getTime()
	);
}

function checkVoteOpen(
	session: Pick<DialogueSession, 'status' | 'phase' | 'voteStatus' | 'prevoteDeadline'>,
	ballot: Ballot,
	now: number
): void {
	if (ballot === 'prevote') {
		if (!prevoteOpen(session, now)) throw new DomainError('error.vote.prevoteClosed', 409);
	} else if (session.phase !== 'voting' || session.voteStatus !== 'open') throw new DomainError('error.vote.notOpen', 409);
}

function checkTheme(db: Db, session: Pick<DialogueSession, 'id'>, themeId: number, copies: Copies): void {
	if (copies.parts) {
		if (!copies.parts.themes.some((t) => t.id === themeId)) throw new DomainError('error.vote.unknownTheme', 404);
		return;
	}
	const theme = queries(db).themeSession.get({ id: themeId });
	if (!theme || theme.dialogueSessionId !== session.id) throw new DomainError('error.vote.unknownTheme', 404);
}

export const stickerSchema = z.object({ themeId: z.number().int().positive(), participantId: z.number().int().positive().optional() });

/** Placing or taking off one sticker of `participantId` on a theme; `proxy`: by the facilitator for them. */
export type StickerChange = (
	db: Db,
	actor: Actor,
	sessionId: number,
	participantId: number,
	themeId: number,
	proxy?: boolean,
	ballot?: Ballot,
	now?: number
) => MyStickers;

/** The session of a sticker change, once the vote is open, the voter may vote and the theme is the session's. */
function stickerSession(
	db: Db,
	sessionId: number,
	participantId: number,
	themeId: number,
	ballot: Ballot,
	now: number
): { session: VoteSession; perspective: Perspective; copies: Copies } {
	const session = voteSession(db, sessionId);
	checkVoteOpen(session, ballot, now);
	const copies = currentCopies(db, sessionId, session);
	const perspective = checkVoter(db, session, participantId, copies);
	checkTheme(db, session, themeId, copies);
	return { session, perspective, copies };
}

/** The participant's stickers in a vote: from the kept rows when current, else asked. */
function stickersOf(db: Db, session: VoteSession, participantId: number, ballot: Ballot, copies: Copies): MyStickers {
	if (!copies.stickers) return myStickers(db, session, participantId, ballot);
	return mineFrom(
		session,
		participantId,
		copies.stickers.filter((r) => r.participantId === participantId && r.ballot === ballot)
	);
}

/** `mine` with one sticker more (`+1`) or less (`-1`) on a theme. */
function changed(mine: MyStickers, themeId: number, change: 1 | -1): MyStickers {
	return { ...mine, used: mine.used + change, perTheme: { ...mine.perTheme, [themeId]: (mine.perTheme[themeId] ?? 0) + change } };
}

/** Places one sticker; `proxy`: by the facilitator for someone without a device. */
function addSticker(
	db: Db,
	session: VoteSession,
	copies: Copies,
	participantId: number,
	themeId: number,
	proxy: boolean,
	ballot: Ballot,
	now: number
) {
	const mine = stickersOf(db, session, participantId, ballot, copies);
	if (mine.used >= session.stickersPerParticipant) throw new DomainError('error.vote.budget', 409, { max: session.stickersPerParticipant });
	if ((mine.perTheme[themeId] ?? 0) >= session.maxStickersPerTheme)
		throw new DomainError('error.vote.themeBudget', 409, { max: session.maxStickersPerTheme });
	// The hot path of a live session: prepared statements on the transaction's connection.
	const q = queries(db);
	q.insertSticker.run({ session: session.id, participant: participantId, theme: themeId, ballot, proxy: proxy ? 1 : 0 });
	// A sticker placed for someone in the session's vote: they are there (../../sessions/headcount.ts).
	if (proxy && ballot === 'session') q.attend.run({ id: participantId, now });
	return changed(mine, themeId, 1);
}

/** Takes the participant's last sticker off a theme. */
function takeSticker(db: Db, session: VoteSession, copies: Copies, participantId: number, themeId: number, ballot: Ballot) {
	const q = queries(db);
	const sticker = q.lastSticker.get({ session: session.id, participant: participantId, theme: themeId, ballot });
	if (!sticker) throw new DomainError('error.vote.noSticker', 409);
	q.deleteSticker.run({ id: sticker.id });
	return copies.stickers
		? changed(stickersOf(db, session, participantId, ballot, copies), themeId, -1)
		: myStickers(db, session, participantId, ballot);
}

/** Placing and taking off a sticker: the same checks, the live session told, the audit log kept. */
function stickerChange(change: 'place' | 'remove'): StickerChange {
	return (db, actor, sessionId, participantId, themeId, proxy = false, ballot = 'session', now = Date.now()) =>
		db.transaction(() => {
			const { session, perspective, copies } = stickerSession(db, sessionId, participantId, themeId, ballot, now);
			const mine =
				change === 'place'
					? addSticker(db, session, copies, participantId, themeId, proxy, ballot, now)
					: takeSticker(db, session, copies, participantId, themeId, ballot);
			const after = queries(db).touchVote.get(session.id)!;
			noteStickerChange(db, session.id, { themeId, participantId, perspective, ballot }, change === 'place' ? 1 : -1, after);
			audit(db, actor, `vote.${change}`, { type: 'dialogue_session', id: session.id }, { participantId, themeId, proxy, ballot });
			return mine;
		});
}

/**
 * Places one sticker of `participantId` on a theme. `proxy` marks a sticker placed by the
 * facilitator for a participant without a device.
 */
export const placeSticker = stickerChange('place');

/** Takes one of the participant's stickers off a theme. */
export const removeSticker = stickerChange('remove');

/** Opens the vote (again). Reopening clears an earlier choice of themes. */
export function openVote(db: Db, actor: Actor, sessionId: number): DialogueSession {
	return db.transaction((tx) => {
		const session = loadLiveSession(db, sessionId);
		if (session.themeSelection !== 'vote') throw new DomainError('error.vote.fixedThemes', 409);
		if (session.phase !== 'voting') throw new DomainError('error.vote.notVotingPhase', 409);
		if (session.voteStatus === 'open') return session;
		tx.update(sessionThemes).set({ chosenRank: null }).where(eq(sessionThemes.dialogueSessionId, sessionId)).run();
		// The vote in the session ends a vote beforehand that is still running.
		const prevoteEnds = prevoteOpen(session) ? { prevoteDeadline: new Date() } : {};
		const updated = changeSession(tx, session, { voteStatus: 'open', choiceReason: null, ...prevoteEnds }, true);
		audit(tx, actor, 'vote.open', { type: 'dialogue_session', id: sessionId });
		return updated;
	});
}

export function closeVote(db: Db, actor: Actor, sessionId: number): DialogueSession {
	return db.transaction((tx) => {
		const session = loadLiveSession(db, sessionId);
		if (session.voteStatus !== 'open') throw new DomainError('error.vote.notOpen', 409);
		const updated = changeSession(tx, session, { voteStatus: 'closed' });
		audit(tx, actor, 'vote.close', { type: 'dialogue_session', id: sessionId });
		return updated;
	});
}

export function revealTallies(db: Db, actor: Actor, sessionId: number): DialogueSession {
	return db.transaction((tx) => {
		const session = loadLiveSession(db, sessionId);
		const updated = changeSession(tx, session, { talliesRevealed: true });
		audit(tx, actor, 'vote.reveal', { type: 'dialogue_session', id: sessionId });
		return updated;
	});
}

export interface ThemeTally {
	themeId: number;
	count: number;
	byPerspective: Record<Perspective, number>;
}

export interface VoteResult {
	/** Themes by stickers, most first (ties in offering order). */
	ranking: ThemeTally[];
	/** Clearly chosen: more stickers than the cut-off. */
	clear: number[];
	/** Tied at the cut-off: the facilitator picks `slots` of them. */
	tied: number[];
	slots: number;
	/** Participants who placed at least one sticker, per perspective. */
	voters: Record<Perspective, number>;
}

const zeroPerspectives = (): Record<Perspective, number> =>
	Object.fromEntries(PERSPECTIVES.map((p) => [p, 0])) as Record<Perspective, number>;

export function tallies(db: Db, session: Pick<DialogueSession, 'id' | 'themesToTreat'>, ballot: Ballot = 'session'): VoteResult {
	const q = queries(db);
	const rows = q.stickerRows.all(session.id).filter((r) => r.ballot === ballot);
	return talliesFrom(q.themes.all({ session: session.id }), rows, session.themesToTreat);
}

export const prevoteSchema = z.object({ deadline: z.coerce.date() });

/**
 * Opens the vote before the session (for example for the Wmo-raad) until `deadline`, or
 * changes its deadline; `null` closes it now. Participants vote from their personal link.
 */
export function setPrevote(db: Db, actor: Actor, sessionId: number, deadline: Date | null, now = Date.now()): DialogueSession {
	return db.transaction((tx) => {
		const session = loadLiveSession(db, sessionId);
		if (session.themeSelection !== 'vote') throw new DomainError('error.vote.fixedThemes', 409);
		if (deadline !== null && deadline.getTime() <= now) throw new DomainError('error.vote.deadlinePast', 400);
		if (deadline !== null && session.voteStatus !== 'not_started') throw new DomainError('error.vote.alreadyVoting', 409);
		const updated = tx
			.update(dialogueSessions)
			.set({ prevoteDeadline: deadline ?? new Date(now), stateRevision: sql`${dialogueSessions.stateRevision} + 1` })
			.where(eq(dialogueSessions.id, sessionId))
			.returning()
			.get();
		audit(tx, actor, 'vote.prevote', { type: 'dialogue_session', id: sessionId }, { deadline: deadline?.toISOString() ?? null });
		return updated;
	});
}

/** Counts per theme and per perspective, the ranking and the cut-off, from loaded rows. */
export function talliesFrom(
	themes: Pick<SessionTheme, 'id'>[],
	rows: { themeId: number; participantId: number; perspective: Perspective }[],
	themesToTreat: number
): VoteResult {
	const byTheme = new Map<number, ThemeTally>(themes.map((t) => [t.id, { themeId: t.id, count: 0, byPerspective: zeroPerspectives() }]));
	const voters = zeroPerspectives();
	const counted = new Set<number>();
	for (const r of rows) {
		const tally = byTheme.get(r.themeId);
		if (!tally) continue;
		tally.count++;
		tally.byPerspective[r.perspective]++;
		if (!counted.has(r.participantId)) {
			counted.add(r.participantId);
			voters[r.perspective]++;
		}
	}
	const ranking = [...byTheme.values()].sort((a, b) => b.count - a.count);
	const candidates = ranking.filter((t) => t.count > 0);
	const n = themesToTreat;
	if (candidates.length <= n) return { ranking, clear: candidates.map((t) => t.themeId), tied: [], slots: 0, voters };
	const boundary = candidates[n - 1]!.count;
	if (candidates[n]!.count !== boundary)
		return { ranking, clear: candidates.slice(0, n).map((t) => t.themeId), tied: [], slots: 0, voters };
	const clear = candidates.filter((t) => t.count > boundary).map((t) => t.themeId);
	const tied = candidates.filter((t) => t.count === boundary).map((t) => t.themeId);
	return { ranking, clear, tied, slots: n - clear.length, voters };
}

export const chooseThemesSchema = z.object({
	themeIds: z.array(z.number().int().positive()).min(1).max(3),
	reason: textBlock(1000, false).optional()
});

/**
 * Sets the themes to treat, in order. With voting: after the vote closed; a reason is
 * required when themes tied at the cut-off or the choice differs from the ranking.
 * With fixed themes: any time before the themes are treated.
 */
export function chooseThemes(db: Db, actor: Actor, sessionId: number, input: z.input<typeof chooseThemesSchema>): DialogueSession {
	const { themeIds, reason } = validate(chooseThemesSchema, input);
	return db.transaction((tx) => {
		const session = loadLiveSession(db, sessionId);
		if (themeIds.length > session.themesToTreat) throw new DomainError('error.vote.tooManyChosen', 400, { max: session.themesToTreat });
		themesOfSession(tx, sessionId, themeIds, 'error.vote.unknownTheme');
		if (session.phase === 'theme' || session.phase === 'closing') throw new DomainError('error.vote.alreadyTreating', 409);
		let needsReason = false;
		if (session.themeSelection === 'vote') {
			if (session.voteStatus !== 'closed') throw new DomainError('error.vote.closeFirst', 409);
			const result = tallies(db, session);
			const ranked = new Set(result.clear);
			needsReason = result.tied.length > 0 || themeIds.length !== result.clear.length || themeIds.some((id) => !ranked.has(id));
		}
		if (needsReason && !reason) throw new DomainError('error.vote.reasonRequired', 400);
		applyChoice(tx, session.id, themeIds);
		const updated = changeSession(tx, session, { choiceReason: reason ?? null });
		audit(tx, actor, 'vote.choose', { type: 'dialogue_session', id: sessionId }, { themeIds, reason: reason ?? null });
		return updated;
	});
}

function applyChoice(tx: Tx, sessionId: number, themeIds: number[]): void {
	tx.update(sessionThemes).set({ chosenRank: null }).where(eq(sessionThemes.dialogueSessionId, sessionId)).run();
	themeIds.forEach((id, i) =>
		tx
			.update(sessionThemes)
			.set({ chosenRank: i + 1 })
			.where(eq(sessionThemes.id, id))
			.run()
	);
}

export { loadSession };
