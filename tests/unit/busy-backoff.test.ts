/**
 * A lock another process holds (issue 8, faults): the first write waits busy_timeout and
 * fails; later writes fail almost at once (BUSY_BACKOFF_WAIT_MS) for BUSY_BACKOFF_MS instead of each freezing the
 * (synchronous) server for another second; then writes wait as usual again.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { BUSY_BACKOFF_MS, BUSY_BACKOFF_WAIT_MS, BUSY_TIMEOUT_MS, DATABASE_FILE, sqliteDriver } from '../../src/lib/server/db';
import { YjsStore } from '../../src/lib/server/realtime/yjs/persistence';
import { storageFault } from '../../src/lib/server/errors';
import { jargonTerms } from '../../src/lib/server/db/schema';
import { testDb } from '../helpers/db';

afterEach(() => {
	vi.useRealTimers();
});

/** Runs `write`, which must fail with "busy"; returns how long it took. */
function failsBusy(write: () => unknown): number {
	const t0 = performance.now();
	let error: unknown;
	try {
		write();
	} catch (e) {
		error = e;
	}
	expect(storageFault(error)).toBe('busy');
	return performance.now() - t0;
}

it('waits for a foreign lock once, then fails fast for a while, then waits again', () => {
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
	const db = testDb();
	const file = db.$client.name;
	expect(file.endsWith(DATABASE_FILE)).toBe(true);
	const other = new (sqliteDriver())(file);
	const insert = () =>
		db.transaction((tx) =>
			tx
				.insert(jargonTerms)
				.values({ term: `woord ${Math.random()}`, suggestion: 'uitleg' })
				.run()
		);
	const store = new YjsStore(db);
	const busyTimeout = () => db.$client.pragma('busy_timeout', { simple: true });
	other.exec('BEGIN IMMEDIATE');
	try {
		// The first write waits the whole busy_timeout.
		expect(failsBusy(insert)).toBeGreaterThan(BUSY_TIMEOUT_MS * 0.9);
		// The next ones, a transaction and a Yjs append alike, hardly wait (enough for our own Yjs process's writes).
		expect(busyTimeout()).toBe(BUSY_BACKOFF_WAIT_MS);
		expect(failsBusy(insert)).toBeLessThan(200);
		expect(failsBusy(() => store.append('session/1/theme/x', new Uint8Array([0, 0])))).toBeLessThan(200);
		// After the back-off, writes wait again.
		vi.advanceTimersByTime(BUSY_BACKOFF_MS);
		expect(busyTimeout()).toBe(BUSY_TIMEOUT_MS);
		expect(failsBusy(() => store.append('session/1/theme/x', new Uint8Array([0, 0])))).toBeGreaterThan(BUSY_TIMEOUT_MS * 0.9);
		expect(busyTimeout()).toBe(BUSY_BACKOFF_WAIT_MS);
	} finally {
		other.exec('ROLLBACK');
		other.close();
	}
	// With the lock gone, a write during the back-off simply works.
	insert();
	expect(
		db
			.select()
			.from(jargonTerms)
			.all()
			.filter((t) => t.suggestion === 'uitleg')
	).toHaveLength(1);
	vi.advanceTimersByTime(BUSY_BACKOFF_MS);
	expect(busyTimeout()).toBe(BUSY_TIMEOUT_MS);
	db.$client.close();
});
