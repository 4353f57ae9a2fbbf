/**
 * Backup of the SQLite database while the app runs, with SQLite's online backup API (through
 * better-sqlite3): pages are copied in steps, writers are not blocked, and the copy is a
 * consistent snapshot. The copy is written under a temporary name, compacted (no free pages
 * with deleted content), checked with `PRAGMA integrity_check`, and only then renamed to the
 * requested file, so a failed or interrupted backup never leaves a file that looks complete.
 *
 * Restore (documented in the README): stop the app, put the backup in DATA_DIR as
 * `kwaliteitsdialoog.sqlite` (removing any `-wal` and `-shm` files next to it), start the app.
 * Migrations newer than the backup run at start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sqliteDriver, type Db } from './db';

export interface BackupResult {
	file: string;
	bytes: number;
	/** Rows per table in the copy, for a quick look at what it holds. */
	tables: Record<string, number>;
}

export class BackupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackupError';
	}
}

/** Copies the open database to `file` (a new file; an existing one is never overwritten). */
export async function backupDatabase(db: Db, file: string): Promise<BackupResult> {
	const target = path.resolve(file);
	if (fs.existsSync(target)) throw new BackupError(`${target} already exists; choose a new file name`);
	const dir = path.dirname(target);
	if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new BackupError(`the folder ${dir} does not exist`);
	const temporary = `${target}.partial-${process.pid}`;
	try {
		await db.$client.backup(temporary);
		const tables = checkCopy(temporary);
		fs.renameSync(temporary, target);
		return { file: target, bytes: fs.statSync(target).size, tables };
	} catch (error) {
		fs.rmSync(temporary, { force: true });
		throw error instanceof BackupError ? error : new BackupError(`backup failed: ${(error as Error).message}`);
	}
}

/**
 * Makes the copy one self-contained file (journal mode DELETE instead of WAL, so no -wal or
 * -shm files belong to it) and compacts it: the online backup copies every page, free ones
 * too, and free space may hold content deleted before `secure_delete` was on (an erased
 * person's data). VACUUM writes only what the tables hold now; its journal stays in memory,
 * so no file next to the copy ever holds the old pages (a failed copy is thrown away anyway).
 * Then it checks the copy's integrity and counts the rows per table.
 */
export function checkCopy(file: string): Record<string, number> {
	const Database = sqliteDriver();
	const copy = new Database(file, { fileMustExist: true });
	try {
		copy.pragma('journal_mode = DELETE');
		copy.pragma('secure_delete = ON');
		copy.pragma('journal_mode = MEMORY');
		copy.exec('VACUUM');
		copy.pragma('journal_mode = DELETE');
		const result = copy.pragma('integrity_check', { simple: true });
		if (result !== 'ok') throw new BackupError(`the copy failed its integrity check: ${String(result)}`);
		const names = copy
			.prepare(
				"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '\\_\\_%' escape '\\' order by name"
			)
			.pluck()
			.all() as string[];
		return Object.fromEntries(
			names.map((name) => [
				name,
				copy
					.prepare(`select count(*) from "${name.replace(/"/g, '""')}"`)
					.pluck()
					.get() as number
			])
		);
	} finally {
		copy.close();
	}
}
