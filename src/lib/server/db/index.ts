/**
 * Opens the embedded SQLite database and applies the migrations. drizzle on better-sqlite3
 * is synchronous: a transaction is a plain function call that nothing can interleave with.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import * as schema from './schema';
import { storageFault } from '../errors';
import { log, errorFields } from '../log';

export type Db = BetterSQLite3Database<typeof schema> & { $client: BetterSqlite3.Database };
/** A transaction of Db: the argument of drizzle's (synchronous) transaction callback. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * The SQLite driver for this Node version. better-sqlite3 12 builds on node::ObjectWrap, and
 * on Node 24.19+ a statement finalised by the garbage collector at a moment without a current
 * environment aborts the process (`RemoveEnvironmentCleanupHook: (env) != nullptr`); the CI
 * run on Node 24 hit it. better-sqlite3 13 (Node-API) does not, but it requires Node 22 and
 * crashes on Node 20. So Node 22 and later use 13 (installed as `better-sqlite3-napi`), Node
 * 20 uses 12. Both have the same API.
 */
export const SQLITE_DRIVER = Number(process.versions.node.split('.')[0]) >= 22 ? 'better-sqlite3-napi' : 'better-sqlite3';
/** The driver's Database class for this Node version (also used to check backups). */
export function sqliteDriver(): typeof BetterSqlite3 {
	return createRequire(import.meta.url)(SQLITE_DRIVER) as typeof BetterSqlite3;
}
const Database = sqliteDriver();

export const DATABASE_FILE = 'kwaliteitsdialoog.sqlite';

export class DataDirError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DataDirError';
	}
}

/** Creates DATA_DIR when it is missing and checks that it is writable. */
export function prepareDataDir(dataDir: string): void {
	if (fs.existsSync(dataDir) && !fs.statSync(dataDir).isDirectory()) {
		throw new DataDirError(`DATA_DIR ${dataDir} is not a directory`);
	}
	try {
		fs.mkdirSync(dataDir, { recursive: true });
	} catch (error) {
		throw new DataDirError(`DATA_DIR ${dataDir} does not exist and cannot be created (${(error as NodeJS.ErrnoException).code ?? error})`);
	}
	try {
		fs.accessSync(dataDir, fs.constants.R_OK | fs.constants.W_OK);
		const probe = path.join(dataDir, `.write-test-${process.pid}`);
		fs.writeFileSync(probe, '');
		fs.rmSync(probe);
	} catch (error) {
		throw new DataDirError(`DATA_DIR ${dataDir} is not writable (${(error as NodeJS.ErrnoException).code ?? error})`);
	}
}

/**
 * How long a write waits for a lock that another connection holds before it fails with
 * SQLITE_BUSY (which the app answers with 503 "De database is even bezet"). The app itself
 * uses one connection, and in WAL mode readers (such as `npm run backup`) never block a
 * writer, so only another process writing can hold the lock; such writes take milliseconds.
 * better-sqlite3 is synchronous: while a write waits, the whole server waits with it (every
 * session, socket and page). One second rides out any ordinary competing write (a hundred
 * times our own transactions) and keeps a stuck lock from freezing everyone for long.
 */
export const BUSY_TIMEOUT_MS = 1000;

/**
 * After a write has waited the full BUSY_TIMEOUT_MS in vain, writes do not wait again for this
 * long: they fail at once with the same "busy" answer. Otherwise every write during a long
 * foreign lock would freeze the server for a second, one after the other, and pages, votes
 * and edits that need no write would queue behind them.
 */
export const BUSY_BACKOFF_MS = 5000;

/**
 * What a write waits during the back-off: long enough for the app's own other process (the
 * Yjs worker's appends take a millisecond or two) so that the two do not refuse each other
 * right after a foreign lock ends, short enough not to freeze the server behind a lock that
 * is still there.
 */
export const BUSY_BACKOFF_WAIT_MS = 50;

const backoffTimers = new WeakMap<object, NodeJS.Timeout>();

/** When `error` says another connection held the lock: writes on `client` wait only BUSY_BACKOFF_WAIT_MS for BUSY_BACKOFF_MS. */
function backOffIfBusy(client: BetterSqlite3.Database, error: unknown): void {
	if (storageFault(error) !== 'busy') return;
	const running = backoffTimers.get(client);
	if (running) clearTimeout(running);
	else client.pragma(`busy_timeout = ${BUSY_BACKOFF_WAIT_MS}`);
	const timer = setTimeout(() => {
		backoffTimers.delete(client);
		if (client.open) client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
	}, BUSY_BACKOFF_MS);
	timer.unref();
	backoffTimers.set(client, timer);
}

/**
 * Every statement prepared on the connection (drizzle prepares each query through it) starts
 * the back-off when it meets a foreign lock, so no write path needs to remember to.
 */
function guardStatements(client: BetterSqlite3.Database): void {
	const prepare = client.prepare.bind(client);
	client.prepare = ((source: string) => {
		const statement = prepare(source) as unknown as Record<'run' | 'get' | 'all', (...args: unknown[]) => unknown>;
		for (const method of ['run', 'get', 'all'] as const) {
			const original = statement[method];
			statement[method] = function (this: unknown, ...args: unknown[]) {
				try {
					return original.apply(this, args);
				} catch (error) {
					backOffIfBusy(client, error);
					throw error;
				}
			};
		}
		return statement;
	}) as typeof client.prepare;
}

/** How often the server copies the WAL back into the database file (see checkpointEvery). */
export const CHECKPOINT_MS = 1000;

/**
 * Takes checkpointing off the writes: by default SQLite copies the WAL back into the database
 * file inside whichever commit pushes it past 1 000 pages, so at a live session's pace one vote
 * or keystroke in a few hundred paid for copying thousands of pages (a fifth of the cost of
 * every commit, measured). With this the connection never checkpoints on commit; call it on
 * every connection of a server (its Yjs process too) and run checkpointEvery in one of them.
 */
export function deferCheckpoints(db: Db): void {
	db.$client.pragma('wal_autocheckpoint = 0');
}

/**
 * Checkpoints the WAL now and then in the background (PASSIVE: it never waits for or blocks a
 * reader or writer), so pages written many times in a second are copied once. Returns a
 * function that stops it. The WAL is truncated back to 64 MB at most afterwards.
 */
export function checkpointEvery(db: Db, ms = CHECKPOINT_MS): () => void {
	db.$client.pragma('journal_size_limit = 67108864');
	const checkpoint = db.$client.prepare('PRAGMA wal_checkpoint(PASSIVE)');
	const timer = setInterval(() => {
		if (!db.$client.open) return clearInterval(timer);
		try {
			checkpoint.run();
		} catch (error) {
			log.warn('db.checkpoint-failed', errorFields(error));
		}
	}, ms);
	timer.unref();
	return () => clearInterval(timer);
}

export function openDatabase(dataDir: string): Db {
	prepareDataDir(dataDir);
	const sqlite = new Database(path.join(dataDir, DATABASE_FILE));
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	// Deleted and overwritten content is overwritten with zeros, not left in free space where a
	// copy of the file would still hold it (erased personal data; see ../privacy/storage.ts).
	sqlite.pragma('secure_delete = ON');
	sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
	guardStatements(sqlite);
	const db = drizzle(sqlite, { schema }) as Db;
	// Transactions take the write lock when they begin (BEGIN IMMEDIATE), so a lock held by
	// another connection is waited for (busy_timeout) there. A deferred transaction that reads
	// first would get SQLITE_BUSY at its first write at once, without waiting. Within this
	// process nothing runs concurrently (synchronous driver, one connection), so it costs nothing.
	//
	// The callback gets this very database object as its `tx`: better-sqlite3 has one connection,
	// so every query inside runs in the transaction anyway, and drizzle's own transaction object
	// rebuilt its query builders for the whole schema on every transaction (an empty transaction
	// cost 37 µs, most of it that). better-sqlite3's native transaction function is made once:
	// BEGIN, COMMIT and ROLLBACK are prepared statements, and a nested call is a savepoint.
	const run = sqlite.transaction((fn: (tx: Db) => unknown) => fn(db));
	const commit: CommitHooks = { depth: 0, hooks: [] };
	commitHooks.set(sqlite, commit);
	db.transaction = ((fn: (tx: Db) => unknown, config?: { behavior?: 'deferred' | 'immediate' | 'exclusive' }) => {
		const outermost = commit.depth === 0;
		// Inside a transaction begun elsewhere its commit is not seen here: its hooks are dropped.
		const foreign = outermost && sqlite.inTransaction;
		// What a nested transaction (a savepoint) registered goes with it when it rolls back.
		const mark = commit.hooks.length;
		let result: unknown;
		commit.depth++;
		try {
			result = run[config?.behavior ?? 'immediate'](fn);
		} catch (error) {
			commit.hooks.length = outermost ? 0 : mark;
			// BEGIN IMMEDIATE, where a transaction meets the lock, is not one of the prepared statements.
			backOffIfBusy(sqlite, error);
			throw error;
		} finally {
			commit.depth--;
		}
		if (outermost && foreign) commit.hooks.length = 0;
		else if (outermost) runHooks(commit.hooks);
		return result;
	}) as unknown as typeof db.transaction;
	return db;
}

/** Per connection: how deep in db.transaction calls it is, and what runs after the commit (see afterCommit). */
interface CommitHooks {
	depth: number;
	hooks: (() => void)[];
}
const commitHooks = new WeakMap<object, CommitHooks>();

function runHooks(hooks: (() => void)[]): void {
	for (const hook of hooks.splice(0)) {
		try {
			hook();
		} catch (error) {
			log.error('db.after-commit-failed', errorFields(error));
		}
	}
}

/**
 * Runs `hook` once what the connection wrote so far is committed: at once outside a
 * transaction, else after the outermost db.transaction commits; never when the transaction
 * (or the savepoint it was registered in) rolls back. For in-memory copies that must follow
 * the database and nothing else (../sessions/live-cache.ts): a hook that is dropped only
 * costs such a copy a fresh read.
 */
export function afterCommit(db: Db, hook: () => void): void {
	const commit = commitHooks.get(db.$client);
	if (commit && commit.depth > 0) commit.hooks.push(hook);
	// A transaction not opened through db.transaction: its end is not seen, so the hook is dropped.
	else if (!db.$client.inTransaction) hook();
}

export function migrateDatabase(db: Db, migrationsFolder: string): void {
	refuseNewerDatabase(db, migrationsFolder);
	migrate(db, { migrationsFolder });
}

/** A database with migrations this version does not have (made by a newer version). */
export class NewerDatabaseError extends Error {
	constructor(
		readonly databaseMigration: Date,
		readonly knownMigration: Date
	) {
		super(
			`the database was changed by a newer version of Kwaliteitsdialoog (its last migration is from ${databaseMigration.toISOString()}, ` +
				`this version knows migrations up to ${knownMigration.toISOString()}). Start the newer version again, or restore a backup made ` +
				'with this version (docs/beheerder-guide.md, "Terug naar een vorige versie").'
		);
		this.name = 'NewerDatabaseError';
	}
}

/**
 * drizzle applies the migrations newer than the database's last one, and silently nothing
 * when the database is ahead: an older version started on a newer database would then run on
 * tables it does not know and fail on the first write. It refuses to start instead.
 */
function refuseNewerDatabase(db: Db, migrationsFolder: string): void {
	const known = readMigrationFiles({ migrationsFolder }).reduce((latest, m) => Math.max(latest, m.folderMillis), 0);
	const table = db.$client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
	if (!table) return;
	const last = db.$client.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get() as { at: number | null };
	if (last.at !== null && Number(last.at) > known) throw new NewerDatabaseError(new Date(Number(last.at)), new Date(known));
}

export { schema };
