/**
 * Removing erased content from the storage itself (src/lib/server/privacy/storage.ts): every
 * connection zeroes what it deletes; after an erasure the file is rebuilt and the WAL
 * truncated, also when another connection (the Yjs process has its own) holds the WAL for a
 * while: tried again later, and logged when it could not be done.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase, type Db } from '../../src/lib/server/db';
import { scrubFreedStorage } from '../../src/lib/server/privacy/storage';
import { testDb } from '../helpers/db';

const open: Db[] = [];
afterEach(() => {
	for (const db of open.splice(0)) if (db.$client.open) db.$client.close();
});

/** Log lines written while `fn` runs (and until `wait` resolves), parsed. */
async function logged(fn: () => unknown, wait: Promise<unknown> = Promise.resolve()): Promise<{ event: string; [k: string]: unknown }[]> {
	const lines: string[] = [];
	const out = process.stdout.write.bind(process.stdout);
	const err = process.stderr.write.bind(process.stderr);
	const capture = (chunk: unknown) => (lines.push(String(chunk)), true);
	process.stdout.write = capture as typeof process.stdout.write;
	process.stderr.write = capture as typeof process.stderr.write;
	try {
		fn();
		await wait;
	} finally {
		process.stdout.write = out;
		process.stderr.write = err;
	}
	return lines
		.flatMap((l) => l.split('\n'))
		.filter((l) => l.startsWith('{'))
		.map((l) => JSON.parse(l));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function world() {
	const db = testDb();
	open.push(db);
	const file = db.$client.name;
	const wal = `${file}-wal`;
	db.$client.exec(
		"CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('Kwakkelstein woont aan de Dorpsstraat')"
	);
	/** A second connection, as the Yjs process has. */
	const other = openDatabase(path.dirname(file));
	open.push(other);
	return { db, other, file, wal, walSize: () => (fs.existsSync(wal) ? fs.statSync(wal).size : 0) };
}

describe('storage after an erasure', () => {
	it('opens every connection with secure_delete on', () => {
		const { db, other } = world();
		expect(db.$client.pragma('secure_delete', { simple: true })).toBe(1);
		expect(other.$client.pragma('secure_delete', { simple: true })).toBe(1);
	});

	it('rebuilds the file and empties the WAL', () => {
		const { db, file, walSize } = world();
		db.$client.exec('UPDATE notes SET text = NULL');
		expect(walSize()).toBeGreaterThan(0);
		expect(scrubFreedStorage(db)).toEqual({ vacuumed: true, truncated: true });
		expect(walSize()).toBe(0);
		expect(fs.readFileSync(file).includes(Buffer.from('Kwakkelstein'))).toBe(false);
		expect(path.basename(file)).toBe(DATABASE_FILE);
	});

	it('truncates later when a reader holds the WAL, and says so when it never could', async () => {
		const { db, other, walSize } = world();
		// Another connection in the middle of a read: the WAL cannot be reset under it.
		other.$client.exec('BEGIN');
		other.$client.prepare('SELECT count(*) FROM notes').get();
		db.$client.exec('UPDATE notes SET text = NULL');
		let result: ReturnType<typeof scrubFreedStorage> | undefined;
		const first = await logged(() => (result = scrubFreedStorage(db, { attempts: 2, waitMs: 5, later: [50] })), sleep(20));
		expect(result).toEqual({ vacuumed: true, truncated: false });
		expect(first.map((l) => l.event)).toContain('privacy.scrub-retry');
		expect(walSize()).toBeGreaterThan(0);
		// The reader finishes: the next attempt succeeds.
		other.$client.exec('COMMIT');
		await sleep(100);
		expect(walSize()).toBe(0);

		// A reader that never lets go: after the last attempt, a warning.
		other.$client.exec('BEGIN');
		other.$client.prepare('SELECT count(*) FROM notes').get();
		db.$client.exec("INSERT INTO notes (text) VALUES ('nog een')");
		const lines = await logged(() => scrubFreedStorage(db, { attempts: 1, waitMs: 5, later: [10] }), sleep(80));
		const warning = lines.find((l) => l.event === 'privacy.wal-not-truncated');
		expect(warning).toMatchObject({ level: 'warn', truncated: false });
		other.$client.exec('COMMIT');
	});

	it('waits for the transaction it is called in to commit', async () => {
		const { db, walSize } = world();
		let inside: ReturnType<typeof scrubFreedStorage> | undefined;
		db.transaction(() => {
			db.$client.exec('UPDATE notes SET text = NULL');
			inside = scrubFreedStorage(db);
		});
		expect(inside).toEqual({ vacuumed: false, truncated: false });
		await sleep(0);
		expect(walSize()).toBe(0);
	});
});
