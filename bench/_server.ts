/**
 * Shared by the benchmarks: a fresh data directory prepared through the domain modules, and
 * the real production server (build/server.js) started as a separate process on it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDatabase, openDatabase, type Db } from '../src/lib/server/db';
import { seedDatabase } from '../src/lib/server/boot';
import { SYSTEM } from '../src/lib/server/audit';
import { createAccount } from '../src/lib/server/auth/accounts';
import { createSession } from '../src/lib/server/auth/sessions';
import { latestPublishedBySlug } from '../src/lib/server/frameworks/store';
import { users } from '../src/lib/server/db/schema';
import { eq } from 'drizzle-orm';

/** The repository root: benchmarks run through npm, from there. */
export const ROOT = process.cwd();

export function prepareData(): { dataDir: string; db: Db } {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-bench-'));
	const db = openDatabase(dataDir);
	migrateDatabase(db, path.join(ROOT, 'migrations'));
	seedDatabase(db);
	return { dataDir, db };
}

/**
 * Facilitators for `count` sessions, one each as in real life (one person may keep a few
 * connections open, not hundreds: the server limits connections per person), and the seeded
 * MOVISIE version. The password is hashed once and the other accounts share it.
 */
export async function benchFacilitators(
	db: Db,
	count: number
): Promise<{ facilitators: { id: number; cookie: string }[]; movisieVersionId: number }> {
	const first = await benchFacilitator(db);
	const hash = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, first.facilitatorId)).get()!.passwordHash;
	const facilitators = [{ id: first.facilitatorId, cookie: first.cookie }];
	for (let i = 1; i < count; i++) {
		const { id } = db
			.insert(users)
			.values({ email: `gl${i}@bench.test`, name: `Bench ${i}`, passwordHash: hash, roles: ['facilitator'] })
			.returning({ id: users.id })
			.get();
		facilitators.push({ id, cookie: `kd_session=${createSession(db, id, 7).token}` });
	}
	return { facilitators, movisieVersionId: first.movisieVersionId };
}

/** The facilitator the benchmarks run their sessions with, and the seeded MOVISIE version. */
export async function benchFacilitator(db: Db): Promise<{ facilitatorId: number; cookie: string; movisieVersionId: number }> {
	const facilitator = await createAccount(
		db,
		SYSTEM,
		{ email: 'gl@bench.test', name: 'Bench', roles: ['facilitator'] },
		'een goed wachtwoord'
	);
	return {
		facilitatorId: facilitator.id,
		cookie: `kd_session=${createSession(db, facilitator.id, 7).token}`,
		movisieVersionId: latestPublishedBySlug(db, 'movisie-kwaliteitsthemas')!.id
	};
}

export interface ServerProcess {
	url: string;
	child: ChildProcess;
	stop(): Promise<void>;
	/** SIGKILL to the server and the processes it started (its Yjs process) at once: a crash. */
	crash(): Promise<void>;
	/** The server process and the processes it started. */
	pids(): number[];
	/** CPU time (ms) and resident memory (MB) of the server and the processes it started, from /proc. */
	usage(): { cpuMs: number; rssMb: number };
}

/** A process and its descendants (the product's server starts its Yjs process), from /proc. */
export function processTree(pid: number): number[] {
	const tree = [pid];
	for (let i = 0; i < tree.length; i++) {
		try {
			const children = fs.readFileSync(`/proc/${tree[i]}/task/${tree[i]}/children`, 'utf8').trim();
			if (children) tree.push(...children.split(/\s+/).map(Number));
		} catch {
			// Gone already.
		}
	}
	return tree;
}

/**
 * The flags `npm start` gives node (package.json), so the benchmarked server runs as deployed:
 * `--max-semi-space-size=64` halves the time the server spends collecting garbage under load
 * (bench/load.ts at 200 sessions: 191 pauses, 1.1-1.5 s per 25 s; with it 52, 0.6 s).
 */
export function startFlags(): string[] {
	const start: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start;
	const words = start.split(/\s+/);
	return words.slice(words.indexOf('node') + 1, words.indexOf('build/server.js'));
}

/** With BENCH_PROFILE (a directory): the flags that make a server process write its CPU profile there. */
export function profileFlags(): string[] {
	return process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
}

export async function startServerProcess(dataDir: string, port: number): Promise<ServerProcess> {
	const nodeArgs = [...startFlags(), ...profileFlags(), ...(process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
	return startProcess(path.join(ROOT, 'build/server.js'), port, 'is running at', {
		env: { DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'error', ADMIN_EMAIL: '', ADMIN_PASSWORD: '' },
		nodeArgs
	});
}

/**
 * Starts a Node script as its own process listening on `port` (env PORT), resolving once it
 * printed `ready` on stdout. Used for the product server and the benchmarks' bare servers.
 */
export async function startProcess(
	script: string,
	port: number,
	ready: string,
	options: { env?: Record<string, string>; nodeArgs?: string[] } = {}
): Promise<ServerProcess> {
	const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
		env: { ...process.env, ...options.env, PORT: String(port) },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const url = `http://127.0.0.1:${port}`;
	await new Promise<void>((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (chunk) => {
			out += chunk;
			if (out.includes(ready)) resolve();
		});
		child.once('exit', (code) => reject(new Error(`${path.basename(script)} exited with ${code}`)));
	});
	child.stdout!.resume();
	const ticks = 100; // USER_HZ on Linux
	return {
		url,
		child,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null || child.signalCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
		async crash() {
			const pids = processTree(child.pid!);
			const dead = new Promise((resolve) => child.once('exit', resolve));
			for (const pid of pids) process.kill(pid, 'SIGKILL');
			await dead;
			while (pids.some((pid) => fs.existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readOr(`/proc/${pid}/status`))))
				await new Promise((r) => setTimeout(r, 10));
		},
		pids: () => processTree(child.pid!),
		usage() {
			let cpuMs = 0;
			let rssMb = 0;
			for (const pid of processTree(child.pid!)) {
				const stat = readOr(`/proc/${pid}/stat`).split(') ')[1]?.split(' ');
				if (!stat) continue;
				cpuMs += ((Number(stat[11]) + Number(stat[12])) * 1000) / ticks;
				const rss = /VmRSS:\s+(\d+) kB/.exec(readOr(`/proc/${pid}/status`));
				rssMb += rss ? Number(rss[1]) / 1024 : 0;
			}
			return { cpuMs, rssMb };
		}
	};
}

function readOr(file: string): string {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function freePort(): Promise<number> {
	return import('node:net').then(
		(net) =>
			new Promise((resolve) => {
				const srv = net.createServer();
				srv.listen(0, '127.0.0.1', () => {
					const port = (srv.address() as { port: number }).port;
					srv.close(() => resolve(port));
				});
			})
	);
}

/**
 * Runs a benchmark's main and exits when it is done (client libraries' timers must not keep
 * the process alive); an error is printed and ends in a `RESULT failed` line.
 */
export function runMain(main: () => Promise<void>): void {
	void main().then(
		() => process.exit(process.exitCode ?? 0),
		(error) => {
			console.error(error);
			console.log(`RESULT failed: ${error instanceof Error ? error.message : String(error)}`);
			process.exit(1);
		}
	);
}
