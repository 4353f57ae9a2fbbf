/**
 * Load (issue 8): SESSIONS concurrent live sessions of PARTICIPANTS participants each (and
 * their facilitator), against the real server in its own process, then against a bare
 * socket.io server and a bare y-websocket relay with the same client load.
 *
 * Every participant has a real socket.io connection that joined its session and a real
 * y-websocket connection to the session's theme document. After everyone is connected, each
 * participant acts every ACTION_SECONDS on average (spread randomly) for STEADY_SECONDS,
 * alternately voting (placing or taking off a sticker) and typing a few words into the shared
 * text. Printed: p50/p95/p99 of a vote reaching every other participant (a pushed state that
 * includes it) and of an edit reaching every other participant's document, server CPU and
 * memory per active session, and the product's overhead over the bare servers.
 *
 * The clients run in CLIENT_PROCS processes on the same machine as the servers; all clients
 * of one session are in one process, so latencies are measured on one clock.
 *
 *   npm run bench:load                                     # 200 sessions x 15, 30 s
 *   ROUNDS=3 npm run bench:load                            # three times, verdicts on the median
 *   SESSIONS=10 STEADY_SECONDS=5 npm run bench:load        # a short run (CI)
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { SYSTEM, type Actor } from '../src/lib/server/audit';
import { openDatabase } from '../src/lib/server/db';
import { PERSPECTIVES, sessionThemes, stickers } from '../src/lib/server/db/schema';
import { YjsStore } from '../src/lib/server/realtime/yjs/persistence';
import { gotoAgenda } from '../src/lib/server/sessions/agenda';
import { addParticipant } from '../src/lib/server/sessions/participants';
import { createDialogueSession } from '../src/lib/server/sessions/setup';
import { openVote } from '../src/lib/server/sessions/voting';
import {
	ROOT,
	benchFacilitators,
	freePort,
	percentile,
	prepareData,
	profileFlags,
	startFlags,
	startProcess,
	startServerProcess,
	type ServerProcess,
	runMain
} from './_server';
import type { FromWorker, PlanSession, SteadyResult, ToWorker } from './_load-worker';

const SESSIONS = Number(process.env.SESSIONS ?? 200);
const PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 15);
const STEADY_SECONDS = Number(process.env.STEADY_SECONDS ?? 30);
const ACTION_SECONDS = Number(process.env.ACTION_SECONDS ?? 4);
const CLIENT_PROCS = Math.max(1, Number(process.env.CLIENT_PROCS ?? 2));
const DRAIN_SECONDS = Number(process.env.DRAIN_SECONDS ?? 15);
const CONNECT_BATCH = Number(process.env.CONNECT_BATCH ?? 10);
const BASELINES = process.env.BASELINES !== '0';
/**
 * ROUNDS > 1 repeats the whole run (fresh data, product, bare servers) and judges the median
 * round: on a shared machine one run's tail latency can differ by a factor two from the next.
 */
const ROUNDS = Math.max(1, Number(process.env.ROUNDS ?? 1));
/**
 * PIN=1 (Linux, taskset): the server(s) on CPU 0 and the client processes on the other CPUs,
 * as if the load came from another machine; the product and the two bare servers then each
 * have one core, the same share.
 */
const PIN = process.env.PIN === '1' && os.cpus().length >= 2;
const SERVER_CPUS = '0';
/**
 * The client processes' CPU priority (nice, default 10): 3 000 participants are 3 000 devices,
 * not programs on the server's machine. At a lower priority the load generator takes the CPU
 * the server(s) leave instead of an equal share, as if it ran elsewhere, while still using both
 * cores when the server is idle. CLIENT_NICE=0 gives them equal shares (at 200 sessions on this
 * machine that about triples the product's p95: the machine is then fully busy).
 */
const CLIENT_NICE = Number(process.env.CLIENT_NICE ?? 10);
const CLIENT_CPUS = `1-${os.cpus().length - 1}`;

/** Moves a running process (all its threads) to the given CPUs. */
function pin(pid: number | undefined, cpus: string): void {
	if (!PIN || pid === undefined) return;
	execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
}
const BUDGET = 3;
const TARGET_P95 = 150;
const TARGET_RATIO = 1.5;

// Everything this run starts is stopped and removed on exit, also after an error or Ctrl-C.
const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
process.on('exit', () => {
	for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : 'n/a');
const pct = (cpuMs: number, wallMs: number) => `${((cpuMs / wallMs) * 100).toFixed(0)} % of one core`;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const line = (label: string, xs: number[]) =>
	`${label}: ${xs.length} — p50 ${ms(percentile(xs, 50))}  p95 ${ms(percentile(xs, 95))}  p99 ${ms(percentile(xs, 99))}  max ${ms(xs.at(-1) ?? NaN)}`;

/** The client processes, each answering one command at a time. */
class Workers {
	private readonly procs: ChildProcess[] = [];
	constructor(n: number) {
		for (let i = 0; i < n; i++) {
			const child = fork(path.join(ROOT, 'build/bench/_load-worker.js'), [], {
				execArgv: process.env.BENCH_PROFILE_CLIENTS ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE_CLIENTS] : [],
				stdio: ['ignore', 'inherit', 'inherit', 'ipc']
			});
			pin(child.pid, CLIENT_CPUS);
			if (CLIENT_NICE !== 0 && child.pid !== undefined) os.setPriority(child.pid, CLIENT_NICE);
			children.add(child);
			this.procs.push(child);
		}
	}
	get count(): number {
		return this.procs.length;
	}
	/** Sends each worker its message and waits for every answer of the expected type. */
	all<T extends FromWorker['type']>(messages: ToWorker[], expect: T): Promise<Extract<FromWorker, { type: T }>[]> {
		return Promise.all(
			this.procs.map(
				(child, i) =>
					new Promise<Extract<FromWorker, { type: T }>>((resolve, reject) => {
						const onExit = (code: number | null) => reject(new Error(`client process ${i + 1} exited with ${code}`));
						const onMessage = (m: FromWorker) => {
							child.off('exit', onExit);
							child.off('message', onMessage);
							if (m.type === 'fatal') reject(new Error(`client process ${i + 1}: ${m.message}`));
							else if (m.type !== expect) reject(new Error(`client process ${i + 1} answered ${m.type}, not ${expect}`));
							else resolve(m as Extract<FromWorker, { type: T }>);
						};
						child.once('exit', onExit);
						child.on('message', onMessage);
						child.send(messages[i]!);
					})
			)
		);
	}
}

function sumErrors(all: Record<string, number>[]): Record<string, number> {
	const sum: Record<string, number> = {};
	for (const errors of all) for (const [k, v] of Object.entries(errors)) sum[k] = (sum[k] ?? 0) + v;
	return sum;
}

interface PhaseResult {
	label: string;
	connectMs: number;
	sockets: number;
	docs: number;
	votes: number[];
	edits: number[];
	errors: Record<string, number>;
	/** CPU and memory of each server process. */
	servers: { name: string; cpuMs: number; idleMb: number; activeMb: number }[];
	clients: { cpuMs: number; wallMs: number; loopDelayP99: number }[];
	steadyMs: number;
	results: SteadyResult[];
}

/** Connects every client, runs the steady phase, disconnects; measures the given servers. */
async function runPhase(
	label: string,
	workers: Workers,
	plan: PlanSession[][],
	url: string,
	yjsUrl: string,
	servers: { name: string; proc: ServerProcess }[]
): Promise<PhaseResult> {
	await new Promise((r) => setTimeout(r, 500));
	const idle = servers.map((s) => s.proc.usage());
	const connected = await workers.all(
		plan.map((sessions) => ({ type: 'connect', url, yjsUrl, sessions, budget: BUDGET, batch: CONNECT_BATCH })),
		'connected'
	);
	const connectMs = Math.max(...connected.map((c) => c.ms));
	const connectErrors = Object.entries(sumErrors(connected.map((c) => c.errors)));
	console.log(`${label}`);
	console.log(
		`  connect and join: ${connected.reduce((n, c) => n + c.sockets, 0)} socket.io clients joined, ${connected.reduce((n, c) => n + c.docs, 0)} y-websocket clients synced in ${(connectMs / 1000).toFixed(1)} s; errors: ${connectErrors.length === 0 ? 'none' : connectErrors.map(([k, v]) => `${k} (${v}x)`).join('; ')}`
	);
	await new Promise((r) => setTimeout(r, 2000)); // let the join storm settle
	const before = servers.map((s) => s.proc.usage());
	let active = before;
	const sampled = new Promise<void>((resolve) =>
		setTimeout(() => {
			active = servers.map((s) => s.proc.usage());
			resolve();
		}, STEADY_SECONDS * 1000)
	);
	const results = await workers.all(
		plan.map(() => ({ type: 'steady', seconds: STEADY_SECONDS, actionSeconds: ACTION_SECONDS, drainSeconds: DRAIN_SECONDS })),
		'steady-done'
	);
	await sampled;
	const steadyMs = STEADY_SECONDS * 1000;
	await workers.all(
		plan.map(() => ({ type: 'close' })),
		'closed'
	);
	// A worker's errors of the steady phase include those of its connect phase.
	const errors = sumErrors(results.map((r) => r.errors));
	return {
		label,
		connectMs,
		sockets: connected.reduce((n, c) => n + c.sockets, 0),
		docs: connected.reduce((n, c) => n + c.docs, 0),
		votes: sorted(results.flatMap((r) => r.votes)),
		edits: sorted(results.flatMap((r) => r.edits)),
		errors,
		servers: servers.map((s, i) => ({
			name: s.name,
			cpuMs: active[i]!.cpuMs - before[i]!.cpuMs,
			idleMb: idle[i]!.rssMb,
			activeMb: active[i]!.rssMb
		})),
		clients: results.map((r) => ({ cpuMs: r.cpuMs, wallMs: r.wallMs, loopDelayP99: r.loopDelayP99 })),
		steadyMs,
		results
	};
}

function report(r: PhaseResult): void {
	console.log(`  ${line('vote to every other participant', r.votes)}`);
	console.log(`  ${line('edit to every other participant', r.edits)}`);
	for (const s of r.servers)
		console.log(
			`  ${s.name}: CPU ${pct(s.cpuMs, r.steadyMs)} in the steady phase; memory ${s.idleMb.toFixed(0)} MB idle, ${s.activeMb.toFixed(0)} MB active`
		);
	console.log(
		`  client processes (on the same machine): CPU ${r.clients.map((c) => pct(c.cpuMs, c.wallMs)).join(', ')}; event-loop delay p99 ${r.clients.map((c) => ms(c.loopDelayP99)).join(', ')} (included in the latencies)`
	);
	const errs = Object.entries(r.errors);
	console.log(`  errors (connect and steady phase): ${errs.length === 0 ? 'none' : errs.map(([k, v]) => `${k} (${v}x)`).join('; ')}`);
}

/** The sessions in the database, each with the vote open and its first theme's document. */
async function prepare(): Promise<{ dataDir: string; sessions: PlanSession[] }> {
	const { dataDir, db } = prepareData();
	tempDirs.add(dataDir);
	const { facilitators, movisieVersionId } = await benchFacilitators(db, SESSIONS);
	const sessions: PlanSession[] = [];
	for (let s = 0; s < SESSIONS; s++) {
		const { id: facilitatorId, cookie } = facilitators[s]!;
		const actor: Actor = { type: 'user', id: facilitatorId };
		const session = createDialogueSession(db, SYSTEM, {
			title: `Belasting ${s}`,
			facilitatorId,
			frameworkVersionId: movisieVersionId,
			stickersPerParticipant: BUDGET
		});
		const people = Array.from({ length: PARTICIPANTS }, (_, p) => {
			const { participant, token } = addParticipant(db, SYSTEM, session.id, {
				displayName: `Deelnemer ${p + 1}`,
				perspective: PERSPECTIVES[p % PERSPECTIVES.length]!
			});
			return { id: participant.id, cookie: `kd_participant=${token}` };
		});
		for (let i = 0; i < 3; i++) gotoAgenda(db, actor, session.id, 'next'); // intro, overview, proposals, voting
		openVote(db, actor, session.id);
		// Voting and co-editing are different agenda steps of one session; to have every
		// participant do both at once, the first theme is marked chosen (so its document
		// exists) while the vote stays open. The UI never makes this state; the server only
		// checks a theme is chosen when a document connection opens.
		const themes = db.select().from(sessionThemes).where(eq(sessionThemes.dialogueSessionId, session.id)).all();
		db.update(sessionThemes).set({ chosenRank: 1 }).where(eq(sessionThemes.id, themes[0]!.id)).run();
		sessions.push({
			id: session.id,
			docName: `session/${session.id}/theme/${themes[0]!.key}`,
			themeIds: themes.map((t) => t.id),
			facilitatorCookie: cookie,
			people
		});
	}
	db.$client.close();
	return { dataDir, sessions };
}

/** Splits sessions over the client processes (whole sessions: one clock per session). */
function split(sessions: PlanSession[], n: number): PlanSession[][] {
	const parts: PlanSession[][] = Array.from({ length: n }, () => []);
	sessions.forEach((s, i) => parts[i % n]!.push(s));
	return parts;
}

/** Acknowledged votes against the database, and the clients' final texts against the stored documents. */
function verify(dataDir: string, product: PhaseResult): string[] {
	const problems: string[] = [];
	const db = openDatabase(dataDir);
	try {
		const rows = db
			.select({ participantId: stickers.participantId, themeId: stickers.sessionThemeId, ballot: stickers.ballot })
			.from(stickers)
			.all();
		const stored = new Map<number, number[]>();
		for (const r of rows) if (r.ballot === 'session') stored.set(r.participantId, [...(stored.get(r.participantId) ?? []), r.themeId]);
		let wrong = 0;
		let checked = 0;
		for (const result of product.results) {
			for (const [participantId, held] of result.held) {
				checked++;
				const inDb = sorted(stored.get(participantId) ?? []);
				if (JSON.stringify(inDb) !== JSON.stringify(sorted(held))) wrong++;
			}
		}
		console.log(`  stickers: ${rows.length} in the database; ${checked} participants' acknowledged votes checked, ${wrong} differ`);
		if (wrong > 0) problems.push(`${wrong} participants' stickers in the database differ from their acknowledged votes`);
		if (checked < SESSIONS * PARTICIPANTS)
			problems.push(`${SESSIONS * PARTICIPANTS - checked} participants could not be checked (a vote without acknowledgement)`);

		const store = new YjsStore(db);
		const docNames = new Map(planned.map((s) => [s.id, s.docName]));
		let differ = 0;
		let docs = 0;
		for (const result of product.results) {
			for (const [sessionId, sha] of result.docs) {
				docs++;
				const doc = new Y.Doc();
				const state = store.load(docNames.get(sessionId)!).state;
				if (state) Y.applyUpdate(doc, state);
				if (createHash('sha256').update(doc.getText('meaning').toString()).digest('hex') !== sha) differ++;
			}
		}
		console.log(`  documents: ${docs} of ${SESSIONS} converged in every replica; stored copy differs from the replicas in ${differ}`);
		if (docs < SESSIONS) problems.push(`${SESSIONS - docs} documents did not converge`);
		if (differ > 0) problems.push(`${differ} stored documents differ from what the participants see`);
	} finally {
		db.$client.close();
	}
	return problems;
}

let planned: PlanSession[] = [];

/** One round: fresh data, the product, the correctness checks, then (BASELINES) the bare servers. */
interface Round {
	product: PhaseResult;
	bare: PhaseResult | null;
	perSessionMb: number;
	stateBytes: number;
	problems: string[];
}

async function runRound(workers: Workers, round: number): Promise<Round> {
	if (ROUNDS > 1) console.log(`round ${round} of ${ROUNDS}`);
	const setupStart = performance.now();
	const { dataDir, sessions } = await prepare();
	planned = sessions;
	console.log(`  prepared ${SESSIONS} sessions in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);
	const plan = split(sessions, CLIENT_PROCS);

	const server = await startServerProcess(dataDir, await freePort());
	for (const pid of server.pids()) pin(pid, SERVER_CPUS);
	children.add(server.child);
	const product = await runPhase(
		'product (build/server.js: socket.io, and Yjs in its own process build/yjs-worker.js; authenticated, SQLite)',
		workers,
		plan,
		server.url,
		server.url.replace(/^http/, 'ws'),
		[{ name: 'server (both processes)', proc: server }]
	);
	await server.stop(); // SIGTERM compacts every open document into the database
	report(product);
	const perSessionMb = (product.servers[0]!.activeMb - product.servers[0]!.idleMb) / SESSIONS;
	console.log(`  memory per active session: ${perSessionMb.toFixed(2)} MB ((active - idle RSS) / ${SESSIONS})`);
	const stateBytes = product.results.map((r) => r.stateBytes).find((n) => n > 0) ?? 0;
	console.log(`  pushed session state: ${stateBytes} bytes of JSON per participant per change`);
	const problems = verify(dataDir, product);
	fs.rmSync(dataDir, { recursive: true, force: true });
	tempDirs.delete(dataDir);

	let bare: PhaseResult | null = null;
	if (BASELINES) {
		// The bare broadcast carries as many bytes as the product's state, so the ratio compares
		// the work around the message, not the size of the message. The bare servers get the same
		// node flags as the product (startFlags), so a runtime setting cannot flatter the ratio.
		const sio = await startProcess(path.join(ROOT, 'build/bench/_bare-socketio.js'), await freePort(), 'listening', {
			env: { STATE_BYTES: String(stateBytes) },
			nodeArgs: [...startFlags(), ...profileFlags()]
		});
		pin(sio.child.pid, SERVER_CPUS);
		children.add(sio.child);
		const yjs = await startProcess(path.join(ROOT, 'build/bench/_bare-yjs.js'), await freePort(), 'listening', {
			nodeArgs: [...startFlags(), ...profileFlags()]
		});
		pin(yjs.child.pid, SERVER_CPUS);
		children.add(yjs.child);
		bare = await runPhase(
			'bare (bench/_bare-socketio.ts and bench/_bare-yjs.ts, own processes, same clients and load)',
			workers,
			plan,
			sio.url,
			yjs.url.replace(/^http/, 'ws'),
			[
				{ name: 'bare socket.io server', proc: sio },
				{ name: 'bare y-websocket relay', proc: yjs }
			]
		);
		await sio.stop();
		await yjs.stop();
		report(bare);
	}
	const expected = SESSIONS * (PARTICIPANTS + 1);
	for (const r of [product, ...(bare ? [bare] : [])]) {
		const which = `${r.label.split(' ')[0]}${ROUNDS > 1 ? ` (round ${round})` : ''}`;
		if (r.sockets !== expected || r.docs !== SESSIONS * PARTICIPANTS)
			problems.push(
				`${which}: ${r.sockets} of ${expected} socket.io and ${r.docs} of ${SESSIONS * PARTICIPANTS} y-websocket clients connected`
			);
		const errs = Object.entries(r.errors);
		if (errs.length > 0) problems.push(`${which} errors: ${errs.map(([k, v]) => `${k} (${v}x)`).join('; ')}`);
		if (r.votes.length === 0 || r.edits.length === 0) problems.push(`${which}: no votes or edits measured`);
	}
	return { product, bare, perSessionMb, stateBytes, problems };
}

/** The middle value (the mean of the two middle ones for an even count). */
const median = (xs: number[]) => {
	const s = sorted(xs);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function main(): Promise<void> {
	console.log(
		`load: ${SESSIONS} sessions x ${PARTICIPANTS} participants = ${SESSIONS * PARTICIPANTS} participants (+ 1 facilitator per session)`
	);
	console.log(
		`  each participant: a socket.io client (joined) and a y-websocket client (theme document); one action every ${ACTION_SECONDS / 2}-${(ACTION_SECONDS * 3) / 2} s, alternately a vote and an edit, for ${STEADY_SECONDS} s`
	);
	console.log(
		PIN
			? `  clients run in ${CLIENT_PROCS} process(es) pinned to CPU ${CLIENT_CPUS}; each server is pinned to CPU ${SERVER_CPUS} (PIN=1), as if the load came from another machine`
			: `  clients run in ${CLIENT_PROCS} process(es) on this machine (${os.cpus().length} CPUs), next to the server(s), at CPU priority nice ${CLIENT_NICE}${CLIENT_NICE > 0 ? ' (they take the CPU the server leaves, as if the load came from elsewhere; CLIENT_NICE=0 for equal shares)' : ' (equal shares with the server)'}`
	);
	if (ROUNDS > 1)
		console.log(
			`  ${ROUNDS} rounds, each with fresh data: the product, then the bare servers right after it (same machine conditions); the verdicts use the median round`
		);
	console.log(`  machine load average at the start: ${os.loadavg()[0]!.toFixed(1)} (other work on the machine makes every figure worse)`);
	const workers = new Workers(CLIENT_PROCS);
	const rounds: Round[] = [];
	for (let round = 1; round <= ROUNDS; round++) rounds.push(await runRound(workers, round));

	const p95 = (xs: number[]) => percentile(xs, 95);
	const voteP95 = rounds.map((r) => p95(r.product.votes));
	const editP95 = rounds.map((r) => p95(r.product.edits));
	const voteRatios = rounds.filter((r) => r.bare).map((r) => p95(r.product.votes) / p95(r.bare!.votes));
	// Server CPU per participant action (vote or edit), all server processes together: steadier
	// than tail latency on a shared machine, since it does not count time spent waiting.
	const cpuPerAction = (r: PhaseResult) => r.servers.reduce((n, s) => n + s.cpuMs, 0) / Math.max(1, r.votes.length + r.edits.length);
	const cpuRatios = rounds.filter((r) => r.bare).map((r) => cpuPerAction(r.product) / cpuPerAction(r.bare!));
	const editRatios = rounds.filter((r) => r.bare).map((r) => p95(r.product.edits) / p95(r.bare!.edits));
	if (ROUNDS > 1) {
		console.log('rounds (p95 in ms; product / bare):');
		rounds.forEach((r, i) => {
			const bare = r.bare ? ` / ${ms(p95(r.bare.votes))} = ${voteRatios[i]!.toFixed(2)}x` : '';
			const bareEdit = r.bare ? ` / ${ms(p95(r.bare.edits))} = ${editRatios[i]!.toFixed(2)}x` : '';
			const cpuRatio = r.bare
				? ` (${cpuPerAction(r.product).toFixed(2)} / ${cpuPerAction(r.bare).toFixed(2)} ms per action = ${cpuRatios[i]!.toFixed(2)}x)`
				: '';
			console.log(
				`  round ${i + 1}: vote ${ms(voteP95[i]!)}${bare}; edit ${ms(editP95[i]!)}${bareEdit}; server CPU ${pct(r.product.servers[0]!.cpuMs, r.product.steadyMs)}${cpuRatio}`
			);
		});
	}
	console.log(`targets (machine load average now: ${os.loadavg()[0]!.toFixed(1)})`);
	const verdict = (ok: boolean, what: string) => console.log(`TARGET ${ok ? 'met' : 'missed'}: ${what}`);
	// The target is p95 under 150 ms *and* no errors.
	const problems = rounds.flatMap((r) => r.problems);
	const clean = rounds.every((r) => Object.keys(r.product.errors).length === 0);
	const noErrors = clean ? '' : ' (and no errors: there were errors)';
	const of = ROUNDS > 1 ? ` (median of ${ROUNDS} rounds)` : '';
	verdict(clean && median(voteP95) < TARGET_P95, `vote p95 ${ms(median(voteP95))}${of} < ${TARGET_P95} ms${noErrors}`);
	verdict(clean && median(editP95) < TARGET_P95, `edit p95 ${ms(median(editP95))}${of} < ${TARGET_P95} ms${noErrors}`);
	if (voteRatios.length > 0) {
		verdict(
			median(voteRatios) <= TARGET_RATIO,
			`vote overhead product p95 / bare socket.io p95 = ${median(voteRatios).toFixed(2)}x${of} <= ${TARGET_RATIO}x`
		);
		verdict(
			median(editRatios) <= TARGET_RATIO,
			`edit overhead product p95 / bare y-websocket p95 = ${median(editRatios).toFixed(2)}x${of} <= ${TARGET_RATIO}x`
		);
		verdict(
			median(cpuRatios) <= TARGET_RATIO,
			`server CPU per action product / bare socket.io + y-websocket = ${median(cpuRatios).toFixed(2)}x${of} <= ${TARGET_RATIO}x (${rounds.map((r) => (r.bare ? `${cpuPerAction(r.product).toFixed(2)}/${cpuPerAction(r.bare).toFixed(2)} ms` : '')).join(', ')})`
		);
		const cpu = (r: PhaseResult) => r.servers.map((s) => `${s.name} ${pct(s.cpuMs, r.steadyMs)}`).join(', ');
		const last = rounds.at(-1)!;
		console.log(`  server CPU${ROUNDS > 1 ? ' (last round)' : ''}: ${cpu(last.product)}; ${cpu(last.bare!)}`);
	}
	console.log(problems.length === 0 ? 'RESULT ok' : `RESULT failed: ${problems.join('; ')}`);
	process.exitCode = problems.length === 0 ? 0 : 1;
}

runMain(main);
