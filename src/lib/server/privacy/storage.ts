/**
 * Erased means gone from the disk, not only from the tables. SQLite leaves deleted and
 * overwritten content where it was: in the free space of a page, in pages on the free list,
 * and in the write-ahead log (-wal), whose frames hold earlier images of every page written
 * since the last reset; a backup copies all of it. So:
 *
 * - every connection runs with `PRAGMA secure_delete = ON` (../db/index.ts): what is deleted
 *   or overwritten from now on is overwritten with zeros;
 * - after an erasure (./requests.ts) or a retention run that pseudonymised someone
 *   (./retention.ts), `scrubFreedStorage` rebuilds the database file with VACUUM (content
 *   deleted before secure_delete was on, or by a connection without it, is not in the new
 *   file) and truncates the WAL to zero bytes with a checkpoint, so its old frames go too;
 * - a backup is compacted the same way before it gets its name (../backup.ts).
 *
 * VACUUM rewrites the whole file while holding the write lock. Our databases are small (a few
 * megabytes: tens of milliseconds), and erasures and retention runs are rare, so certainty
 * wins over the cost. The checkpoint must wait for readers that still use old WAL frames (the
 * Yjs process has its own connection): it is tried a few times with a short wait, then again
 * a little later in the background, and a warning is logged when it could not truncate.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../db';
import { storageFault } from '../errors';
import { errorFields, log } from '../log';

export interface ScrubOptions {
	/** Rebuild the file too (default); false: only truncate the WAL. */
	vacuum?: boolean;
	/** Attempts now, each waiting at most `waitMs` for other connections. */
	attempts?: number;
	waitMs?: number;
	/** Delays (ms) of the background attempts after those failed; none to give up at once. */
	later?: number[];
}

export interface ScrubResult {
	/** The file was rebuilt without free space. */
	vacuumed: boolean;
	/** The WAL is empty (or the database has none). */
	truncated: boolean;
}

const DEFAULTS: Required<ScrubOptions> = { vacuum: true, attempts: 3, waitMs: 100, later: [250, 1000, 5000, 30_000] };

/** Runs `fn` with a short busy timeout, restoring the connection's own afterwards. */
function withWait<T>(client: BetterSqlite3.Database, waitMs: number, fn: () => T): T {
	const before = client.pragma('busy_timeout', { simple: true }) as number;
	client.pragma(`busy_timeout = ${waitMs}`);
	try {
		return fn();
	} finally {
		if (client.open) client.pragma(`busy_timeout = ${before}`);
	}
}

function vacuum(client: BetterSqlite3.Database, waitMs: number): boolean {
	try {
		withWait(client, waitMs, () => client.exec('VACUUM'));
		return true;
	} catch (error) {
		if (storageFault(error) !== 'busy') throw error;
		return false;
	}
}

/** A TRUNCATE checkpoint; true when the WAL is now empty (or there is no WAL). */
export function truncateWal(client: BetterSqlite3.Database, waitMs = DEFAULTS.waitMs): boolean {
	try {
		const [row] = withWait(client, waitMs, () => client.pragma('wal_checkpoint(TRUNCATE)')) as {
			busy: number;
			log: number;
			checkpointed: number;
		}[];
		// Not in WAL mode: log is -1 and there is nothing to truncate.
		return !!row && row.busy === 0 && (row.log === 0 || row.log === -1);
	} catch (error) {
		if (storageFault(error) !== 'busy') throw error;
		return false;
	}
}

function attempt(client: BetterSqlite3.Database, state: ScrubResult, options: Required<ScrubOptions>): void {
	for (let i = 0; i < options.attempts && !state.vacuumed; i++) state.vacuumed = vacuum(client, options.waitMs);
	for (let i = 0; i < options.attempts && state.vacuumed && !state.truncated; i++) state.truncated = truncateWal(client, options.waitMs);
}

/**
 * Removes what was deleted from the database file and the WAL: VACUUM, then a TRUNCATE
 * checkpoint. Call it after the transaction that erased someone has committed (inside one it
 * runs as soon as that commits, and reports nothing done yet). With `vacuum: false` only the
 * WAL is truncated (`vacuumed` then says true). Returns what succeeded now;
 * what did not is retried in the background (see ScrubOptions.later) and logged if it fails.
 */
export function scrubFreedStorage(db: Db, options: ScrubOptions = {}): ScrubResult {
	const opts = { ...DEFAULTS, ...options };
	const client = db.$client;
	const state: ScrubResult = { vacuumed: !opts.vacuum, truncated: false };
	if (client.inTransaction) {
		queueMicrotask(() => scrubFreedStorage(db, options));
		return state;
	}
	const started = Date.now();
	try {
		attempt(client, state, opts);
	} catch (error) {
		log.error('privacy.scrub-failed', errorFields(error));
		return state;
	}
	log.debug('privacy.storage-scrubbed', { ...state, ms: Date.now() - started });
	if (!state.vacuumed || !state.truncated) retryLater(db, state, opts, 0);
	return state;
}

function retryLater(db: Db, state: ScrubResult, options: Required<ScrubOptions>, index: number): void {
	const delay = options.later[index];
	if (delay === undefined) {
		// Old page images may still be in the WAL (or free pages in the file) until this succeeds.
		log.warn('privacy.wal-not-truncated', {
			vacuumed: state.vacuumed,
			truncated: state.truncated,
			attempts: options.attempts * (index + 1)
		});
		return;
	}
	log.info('privacy.scrub-retry', { vacuumed: state.vacuumed, truncated: state.truncated, inMs: delay });
	const timer = setTimeout(() => {
		const client = db.$client;
		if (!client.open) return;
		if (client.inTransaction) return retryLater(db, state, options, index);
		try {
			attempt(client, state, options);
		} catch (error) {
			log.error('privacy.scrub-failed', errorFields(error));
			return;
		}
		if (state.vacuumed && state.truncated) log.debug('privacy.storage-scrubbed', { ...state, retries: index + 1 });
		else retryLater(db, state, options, index + 1);
	}, delay);
	timer.unref();
}
