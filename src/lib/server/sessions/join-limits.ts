/**
 * Limits on joining a session with its code, per client address and per session. One client
 * joined with the projector code as 120 participants in a second and put 20 stickers on one
 * theme. A real room is 8 to 15 people, often behind one address (the building's wifi), some
 * joining twice (another phone, a lost cookie): the limits leave room for that and stop a
 * flood. When a limit holds joining back, the facilitator sees it in the lead view (how many
 * were refused) and can allow joining again, which starts the count afresh.
 *
 * Wrong codes are counted per address, for every session at once, so that codes cannot be
 * guessed: after MAX_WRONG_CODES within a quarter of an hour, each further code from that
 * address waits WRONG_CODE_PACE_MS after the last wrong one, and is not looked at before
 * (so the answer says nothing about whether it was right). The wait is short because
 * everyone behind the building's wifi shares it: a hard stop of fifteen minutes after twenty
 * wrong codes shut a whole room out, and the facilitator could not see or lift it. At one
 * guess per half minute, guessing one of the codes in use stays hopeless.
 */
import { and, count, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db';
import { joinEvents } from '../db/schema';
import { hashSecret } from '../auth/tokens';
import { addressKey, limitedAddress, recordFailure, retryAfterSeconds } from '../auth/rate-limit';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { queries } from './queries';
import type { JoinHold } from '../../shared/live-state';

export const JOIN_WINDOW_MS = 10 * 60 * 1000;
/** Joins from one address into one session within the window. */
export const MAX_JOINS_PER_ADDRESS = 20;
/** Joins into one session within the window, from anywhere. */
export const MAX_JOINS_PER_SESSION = 40;

const addressHash = (sessionId: number, address: string) => hashSecret(`join:${sessionId}:${limitedAddress(address)}`).toString('hex');

/** Wrong codes from one address within WRONG_CODE_WINDOW_MS before each further code waits. */
export const MAX_WRONG_CODES = 20;
export const WRONG_CODE_WINDOW_MS = 15 * 60 * 1000;
/** The wait after the last wrong code, once there were MAX_WRONG_CODES. */
export const WRONG_CODE_PACE_MS = 30 * 1000;

/** The throttle's key of an address: hashed like the login throttle's, apart from those. */
const wrongCodeKey = (address: string) => addressKey(`join-code:${address}`);

/** Seconds before a code from `address` is looked at again; 0: now. */
export function wrongCodeWait(db: Db, address: string, now = Date.now()): number {
	const pace = { firstMs: WRONG_CODE_PACE_MS, maxMs: WRONG_CODE_PACE_MS };
	return retryAfterSeconds(db, [{ key: wrongCodeKey(address), max: MAX_WRONG_CODES, windowMs: WRONG_CODE_WINDOW_MS, backoff: pace }], now);
}

/** Counts a code from `address` that belongs to no session. */
export function recordWrongCode(db: Db, address: string, now = Date.now()): void {
	recordFailure(db, [wrongCodeKey(address)], now);
}

/**
 * Checks the limits for a join from `address` and counts it; throws `error.join.held` (429)
 * when a limit is reached, after counting the refusal (which the facilitator sees). Call it in
 * the join's transaction: a join that fails for another reason is not counted.
 */
export function countJoin(db: Pick<Db, 'select' | 'insert' | 'delete'>, sessionId: number, address: string, now = Date.now()): void {
	const since = new Date(now - JOIN_WINDOW_MS);
	const hash = addressHash(sessionId, address);
	const accepted = and(eq(joinEvents.dialogueSessionId, sessionId), eq(joinEvents.refused, false), gt(joinEvents.at, since));
	const total = db.select({ n: count() }).from(joinEvents).where(accepted).get()?.n ?? 0;
	const fromHere =
		db
			.select({ n: count() })
			.from(joinEvents)
			.where(and(accepted, eq(joinEvents.addressHash, hash)))
			.get()?.n ?? 0;
	if (total >= MAX_JOINS_PER_SESSION || fromHere >= MAX_JOINS_PER_ADDRESS) {
		throw new DomainError('error.join.held', 429);
	}
	db.insert(joinEvents)
		.values({ dialogueSessionId: sessionId, addressHash: hash, at: new Date(now) })
		.run();
}

/** Records a join the limits refused, for the facilitator to see (outside the refused join's transaction). */
export function recordRefusedJoin(db: Db, sessionId: number, address: string, now = Date.now()): void {
	db.transaction((tx) => {
		tx.insert(joinEvents)
			.values({ dialogueSessionId: sessionId, addressHash: addressHash(sessionId, address), refused: true, at: new Date(now) })
			.run();
		// Nothing older than the window counts any more.
		tx.delete(joinEvents)
			.where(lt(joinEvents.at, new Date(now - JOIN_WINDOW_MS)))
			.run();
	});
}

/**
 * Whether the limits are holding joining back now, for the facilitator; null when not: from
 * the refused joins within JOIN_WINDOW_MS, which every push of the session's state reads
 * along with the session's row (queries.ts, liveSessionQuery).
 */
export function joinHoldOf(refused: number | null, lastAt: number | null): JoinHold | null {
	return refused && lastAt !== null ? { refused, lastAt } : null;
}

/** The facilitator allows joining again: the counts start afresh. Audited. */
export function liftJoinHold(db: Db, actor: Actor, sessionId: number): void {
	db.transaction((tx) => {
		const removed = tx.delete(joinEvents).where(eq(joinEvents.dialogueSessionId, sessionId)).run().changes;
		audit(tx, actor, 'session.join-lift', { type: 'dialogue_session', id: sessionId }, { events: removed });
		queries(db).touch.get(sessionId);
	});
}
