import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateDatabase, openDatabase, type Db } from '../../src/lib/server/db';

export const MIGRATIONS = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** A real, migrated SQLite database in a fresh temporary directory. */
export function testDb(): Db {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-unit-'));
	const db = openDatabase(dir);
	migrateDatabase(db, MIGRATIONS);
	return db;
}
