/**
 * Throttling of failed attempts (logins, join codes), stored in SQLite so that it holds
 * across restarts. Keys are hashed: the table never holds an e-mail address or IP address in
 * the clear.
 *
 * Logins are throttled per account *and* client address, with a growing wait, and per client
 * address alone (against spraying many accounts: after many failures, one try per half minute). A stranger guessing a staff member's
 * password therefore slows down only themselves: the staff member logs in from their own
 * address as usual. (Counting failures per account from anywhere let five wrong passwords
 * from anywhere lock a staff member out of their correct one for 15 minutes.)
 */
import { isIPv4, isIPv6 } from 'node:net';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db';
import { loginFailures } from '../db/schema';
import { hashSecret } from './tokens';

/** Failures older than this are forgotten. */
export const FAILURE_WINDOW_MS = 60 * 60 * 1000;
/** Failures per client address within ADDRESS_WINDOW_MS before each further login from it waits. */
export const MAX_FAILURES_PER_ADDRESS = 30;
export const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
/**
 * The wait after the address's last failure, once there were MAX_FAILURES_PER_ADDRESS. Short,
 * because everyone behind one office address shares it: a hard stop of fifteen minutes let a
 * guesser on the town hall's network shut every colleague out. One try per half minute keeps
 * spraying passwords over many accounts slow.
 */
export const ADDRESS_PACE_MS = 30 * 1000;
/** Failures of one account from one address before each further try waits. */
export const FREE_FAILURES_PER_PAIR = 5;
/** The first wait after FREE_FAILURES_PER_PAIR failures; it doubles with every failure after it. */
export const FIRST_WAIT_MS = 30 * 1000;
export const MAX_WAIT_MS = 15 * 60 * 1000;

/**
 * The part of a client address that limits count: an IPv4 address as it is, an IPv6 address by
 * its /64 network (one phone or home gets a whole /64 and may use any address in it, so counting
 * single IPv6 addresses would let one device pass every limit by changing its address), an
 * IPv4 address written as IPv6 (`::ffff:192.0.2.1`) as the IPv4 address. Anything else as given.
 */
export function limitedAddress(address: string): string {
	const bare = address.trim().replace(/%.*$/, '').toLowerCase();
	if (isIPv4(bare)) return bare;
	if (!isIPv6(bare)) return address;
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
	if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
	// The eight groups in full: "::" stands for as many zero groups as are missing; an IPv4 tail is two groups.
	const groupsOf = (part: string | undefined) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
	const [head, tail] = bare.split('::');
	const headGroups = groupsOf(head);
	const tailGroups = groupsOf(tail);
	const groups =
		tail === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
	return `${groups
		.slice(0, 4)
		.map((group) => parseInt(group, 16).toString(16))
		.join(':')}::/64`;
}

export function accountAddressKey(email: string, address: string): string {
	return hashSecret(`account-address:${email.trim().toLowerCase()}\n${limitedAddress(address)}`).toString('hex');
}

export function addressKey(address: string): string {
	return hashSecret(`address:${limitedAddress(address)}`).toString('hex');
}

/** The times of a key's failures within the window, oldest first. */
function failures(db: Db, key: string, windowMs: number, now: number): number[] {
	return db
		.select({ failedAt: loginFailures.failedAt })
		.from(loginFailures)
		.where(and(eq(loginFailures.keyHash, key), gt(loginFailures.failedAt, new Date(now - windowMs))))
		.orderBy(loginFailures.failedAt)
		.all()
		.map((r) => r.failedAt.getTime());
}

/**
 * Seconds until a key may be tried again, 0 when it may be tried now: at most `max` failures
 * within `windowMs` (a limit), or, with `backoff`, a wait after `max` failures that doubles
 * with each further one, counted from the last.
 */
export function retryAfterSeconds(
	db: Db,
	keys: { key: string; max: number; windowMs?: number; backoff?: { firstMs: number; maxMs: number } }[],
	now = Date.now()
): number {
	let wait = 0;
	for (const { key, max, windowMs = FAILURE_WINDOW_MS, backoff } of keys) {
		const times = failures(db, key, windowMs, now);
		if (times.length < max) continue;
		const until = backoff
			? times.at(-1)! + Math.min(backoff.maxMs, backoff.firstMs * 2 ** (times.length - max))
			: // Blocked until enough of the counted failures have left the window.
				times[times.length - max]! + windowMs;
		wait = Math.max(wait, Math.ceil((until - now) / 1000));
	}
	return Math.max(0, wait);
}

/** The login throttle's keys for this account from this address. */
export function loginKeys(email: string, address: string) {
	return [
		{ key: accountAddressKey(email, address), max: FREE_FAILURES_PER_PAIR, backoff: { firstMs: FIRST_WAIT_MS, maxMs: MAX_WAIT_MS } },
		{
			key: addressKey(address),
			max: MAX_FAILURES_PER_ADDRESS,
			windowMs: ADDRESS_WINDOW_MS,
			backoff: { firstMs: ADDRESS_PACE_MS, maxMs: ADDRESS_PACE_MS }
		}
	];
}

export function recordFailure(db: Db, keys: string[], now = Date.now()): void {
	db.transaction((tx) => {
		for (const key of keys)
			tx.insert(loginFailures)
				.values({ keyHash: key, failedAt: new Date(now) })
				.run();
		tx.delete(loginFailures)
			.where(lt(loginFailures.failedAt, new Date(now - FAILURE_WINDOW_MS)))
			.run();
	});
}

export function clearFailures(db: Db, key: string): void {
	db.delete(loginFailures).where(eq(loginFailures.keyHash, key)).run();
}

/** The messages of a wait, for a password (`login`) or a code of the second step (`mfa`). */
const WAIT_MESSAGES = {
	login: { seconds: 'login.throttledSeconds', minutes: 'login.throttled' },
	mfa: { seconds: 'mfa.error.throttledSeconds', minutes: 'mfa.error.throttled' }
} as const;
type WaitMessage = (typeof WAIT_MESSAGES)[keyof typeof WAIT_MESSAGES][keyof (typeof WAIT_MESSAGES)['login']];

/**
 * How a wait of `seconds` is told: in seconds under a minute (the first wait, and the half
 * minute after many failures from one address), else in whole minutes.
 */
export function throttledMessage(
	seconds: number,
	kind: keyof typeof WAIT_MESSAGES = 'login'
): { code: WaitMessage; params: Record<string, number> } {
	return seconds < 60
		? { code: WAIT_MESSAGES[kind].seconds, params: { seconds } }
		: { code: WAIT_MESSAGES[kind].minutes, params: { minutes: Math.ceil(seconds / 60) } };
}
