/**
 * Online backup and restore of the SQLite database while the app runs and writes: the backup
 * command (the built server, as `npm run backup` runs it) copies a consistent, checked
 * snapshot without stopping the writers; an existing file is never overwritten; a server
 * started on the restored file has the data.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestServer, tempDataDir } from '../helpers/server';
import { heldWorld } from '../helpers/follow-up';
import { audit, SYSTEM } from '../../src/lib/server/audit';
import { auditLog, dialogueSessions } from '../../src/lib/server/db/schema';
import { DATABASE_FILE, migrateDatabase, openDatabase } from '../../src/lib/server/db';
import { MIGRATIONS_DIR } from '../../server/app';

const run = promisify(execFile);
const SERVER = fileURLToPath(new URL('../../build/server.js', import.meta.url));
const backup = (dataDir: string, file: string) =>
	run(process.execPath, [SERVER, 'backup', file], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'error' } });

describe('backup while the app runs', () => {
	const servers: Awaited<ReturnType<typeof startTestServer>>[] = [];
	afterAll(async () => {
		for (const s of servers) await s.close();
	});

	it('copies a consistent snapshot during writes, refuses to overwrite, and restores', async () => {
		const live = await startTestServer();
		servers.push(live);
		const world = await heldWorld(live.runtime.db);
		// Writers keep going during the backup.
		let written = 0;
		const writer = setInterval(() => {
			audit(live.runtime.db, SYSTEM, 'test.write', undefined, { n: written++ });
		}, 2);
		const target = path.join(tempDataDir('kd-backup-'), 'dialoog.sqlite');
		const { stdout } = await backup(live.dataDir, target);
		clearInterval(writer);
		expect(stdout).toContain(`Backup written: ${target}`);
		expect(stdout).toMatch(/integrity ok/);
		const copied = Number(/audit_log: (\d+)/.exec(stdout)![1]);
		const now = live.runtime.db.select().from(auditLog).all().length;
		expect(copied).toBeGreaterThan(0);
		expect(copied).toBeLessThanOrEqual(now);
		expect(written).toBeGreaterThan(0);
		// The copy holds personal data: readable and writable by the app's own user only.
		expect(fs.statSync(target).mode & 0o777).toBe(0o600);

		// Never over an existing file.
		await expect(backup(live.dataDir, target)).rejects.toMatchObject({ stderr: expect.stringContaining('already exists') });
		expect(fs.readdirSync(path.dirname(target))).toEqual(['dialoog.sqlite']);

		// Restore: the file as the database of a fresh DATA_DIR.
		const restoredDir = tempDataDir('kd-restored-');
		fs.copyFileSync(target, path.join(restoredDir, DATABASE_FILE));
		const restored = await startTestServer({ dataDir: restoredDir });
		servers.push(restored);
		const session = restored.runtime.db.select().from(dialogueSessions).where(eq(dialogueSessions.id, world.session.id)).get();
		expect(session).toMatchObject({ title: 'Eerste gesprek', status: 'closed' });
		expect(restored.runtime.db.select().from(auditLog).all().length).toBeGreaterThanOrEqual(copied);
		const health = await fetch(`${restored.url}/healthz`);
		expect(health.status).toBe(200);
	});

	it('refuses when DATA_DIR holds no database of the app, and makes none', async () => {
		// A nightly job without the app's DATA_DIR wrote an empty copy and said "integrity ok".
		const dir = tempDataDir('kd-backup-nodb-');
		const target = path.join(tempDataDir('kd-backup-target-'), 'x.sqlite');
		await expect(backup(dir, target)).rejects.toMatchObject({ stderr: expect.stringContaining('there is no database at') });
		expect(fs.readdirSync(dir)).toEqual([]);
		expect(fs.existsSync(target)).toBe(false);
	});

	it('names the problem when no file is given or the folder does not exist', async () => {
		const dir = tempDataDir('kd-backup-empty-');
		const db = openDatabase(dir);
		migrateDatabase(db, MIGRATIONS_DIR);
		db.$client.close();
		await expect(run(process.execPath, [SERVER, 'backup'], { env: { ...process.env, DATA_DIR: dir } })).rejects.toMatchObject({
			stderr: expect.stringContaining('name the file to write')
		});
		await expect(backup(dir, path.join(dir, 'missing', 'x.sqlite'))).rejects.toMatchObject({
			stderr: expect.stringContaining('does not exist')
		});
	});
});
