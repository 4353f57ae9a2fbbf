/**
 * Failed-login throttling, stored in SQLite so that it holds across restarts. Keys are
 * hashed: the table never holds an e-mail address or IP address in the clear.
 */
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db';
import { loginFailures } from '../db/schema';
import { hashSecret } from './tokens';

export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Failures per account within the window before logins for it are refused. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failures per client address within the window (guards against spraying many accounts). */
export const MAX_FAILURES_PER_ADDRESS = 30;

export function accountKey(email: string): string {
	return hashSecret(`account:${email.trim().toLowerCase()}`).toString('hex');
}

export function addressKey(address: string): string {
	return hashSecret(`address:${address}`).toString('hex');
}

/** Seconds until a login may be tried again; 0 when it may be tried now. */
export function retryAfterSeconds(db: Db, keys: { key: string; max: number }[], now = Date.now()): number {
	let wait = 0;
	for (const { key, max } of keys) {
		const rows = db
			.select({ failedAt: loginFailures.failedAt })
			.from(loginFailures)
			.where(and(eq(loginFailures.keyHash, key), gt(loginFailures.failedAt, new Date(now - FAILURE_WINDOW_MS))))
			.orderBy(loginFailures.failedAt)
			.all();
		if (rows.length >= max) {
			// Blocked until enough of the counted failures have left the window.
			const freeing = rows[rows.length - max]!.failedAt.getTime() + FAILURE_WINDOW_MS;
			wait = Math.max(wait, Math.ceil((freeing - now) / 1000));
		}
	}
	return wait;
}

export function recordFailure(db: Db, keys: string[], now = Date.now()): void {
	db.transaction((tx) => {
		for (const key of keys) tx.insert(loginFailures).values({ keyHash: key, failedAt: new Date(now) }).run();
		tx.delete(loginFailures).where(lt(loginFailures.failedAt, new Date(now - FAILURE_WINDOW_MS))).run();
	});
}

export function clearFailures(db: Db, key: string): void {
	db.delete(loginFailures).where(eq(loginFailures.keyHash, key)).run();
}
