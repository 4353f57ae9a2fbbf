/** The real entry point (`node build/server.js`, what `npm start` runs) as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, migrateDatabase, openDatabase } from '../../src/lib/server/db';
import { MIGRATIONS } from '../helpers/db';
import { tempDataDir } from '../helpers/server';

const ENTRY = path.resolve('build/server.js');
const children: ChildProcess[] = [];
afterEach(() => {
	for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const probe = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

function run(env: Record<string, string>) {
	const child = spawn(process.execPath, [ENTRY], {
		env: { PATH: process.env.PATH, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.push(child);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	const output = () => ({ stdout, stderr });
	const waitFor = async (pattern: RegExp, timeout = 20_000) => {
		const deadline = Date.now() + timeout;
		while (!pattern.test(stdout)) {
			if (child.exitCode !== null) throw new Error(`exited early: ${stderr}`);
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}: ${stdout} ${stderr}`);
			await new Promise((r) => setTimeout(r, 50));
		}
	};
	return { child, exited, output, waitFor };
}

describe('npm start entry point', () => {
	it('creates the database on an empty DATA_DIR, prints a one-time set-up link and stops cleanly on SIGTERM', async () => {
		const dataDir = path.join(tempDataDir(), 'nog-niet-aangemaakt');
		const port = await freePort();
		const app = run({ DATA_DIR: dataDir, PORT: String(port) });
		await app.waitFor(/is running at/);
		expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(true);
		const health = await fetch(`http://127.0.0.1:${port}/healthz`);
		expect(await health.json()).toEqual({ status: 'ok' });

		const link = /(http:\/\/127\.0\.0\.1:\d+\/setup\?token=[a-z2-7.]+)/.exec(app.output().stdout)?.[1];
		expect(link).toBeDefined();
		expect((await fetch(link!.replace(/token=.*/, 'token=fout'))).status).toBe(404);

		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
		expect(app.output().stdout).toContain('"event":"runtime.stopped"');
	});

	it.each([
		[{ PORT: 'drieduizend' }, /^Configuration error: PORT: expected a whole number/m],
		[{ ORIGIN: 'gemeente.nl' }, /^Configuration error: ORIGIN: expected a URL/m],
		[{ ADMIN_EMAIL: 'a@b.nl' }, /^Configuration error: ADMIN_PASSWORD: ADMIN_EMAIL and ADMIN_PASSWORD must be set together/m],
		[{ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: 'abc' }, /^Configuration error: XFF_DEPTH: expected a whole number/m]
	])('stops with a clear message for a wrong setting %o', async (env, message) => {
		const app = run({ DATA_DIR: tempDataDir(), ...env });
		expect(await app.exited).toBe(1);
		expect(app.output().stderr).toMatch(message);
		expect(app.output().stderr).not.toMatch(/\n\s+at /);
	});

	it('stops with a clear message when DATA_DIR cannot be used', async () => {
		const file = path.join(tempDataDir(), 'een-bestand');
		fs.writeFileSync(file, '');
		const notDir = run({ DATA_DIR: file, PORT: String(await freePort()) });
		expect(await notDir.exited).toBe(1);
		expect(notDir.output().stderr).toContain(`Start-up error: DATA_DIR ${file} is not a directory`);

		const below = run({ DATA_DIR: path.join(file, 'data'), PORT: String(await freePort()) });
		expect(await below.exited).toBe(1);
		expect(below.output().stderr).toMatch(/Start-up error: DATA_DIR .* does not exist and cannot be created/);
	});

	it('refuses to start an older version on a database a newer version has migrated, and leaves it as it is', async () => {
		const dataDir = tempDataDir();
		const db = openDatabase(dataDir);
		migrateDatabase(db, MIGRATIONS);
		const future = Date.UTC(2031, 0, 1);
		db.$client.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('van-een-nieuwere-versie', future);
		db.$client.close();
		const app = run({ DATA_DIR: dataDir, PORT: String(await freePort()) });
		expect(await app.exited).toBe(1);
		expect(app.output().stderr).toMatch(/^Start-up error: the database was changed by a newer version of Kwaliteitsdialoog .*2031-01-01/m);
		expect(app.output().stderr).not.toMatch(/\n\s+at /);
		const again = openDatabase(dataDir);
		expect(again.$client.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get()).toEqual({ at: future });
		again.$client.close();
	});

	it('stops with a clear message when the port is taken', async () => {
		const port = await freePort();
		const blocker = net.createServer().listen(port, '127.0.0.1');
		await new Promise((r) => blocker.once('listening', r));
		try {
			const app = run({ DATA_DIR: tempDataDir(), PORT: String(port) });
			expect(await app.exited).toBe(1);
			expect(app.output().stderr).toContain(`Start-up error: port ${port} is already in use`);
		} finally {
			blocker.close();
		}
	});
});
