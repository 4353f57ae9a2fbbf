/**
 * A client process of bench/load.ts: it holds the socket.io and y-websocket clients of some
 * of the sessions and drives them on the parent's commands (over the fork IPC channel).
 * All participants of one session live in the same process, so the send time of a vote or an
 * edit and the times other participants receive it come from one clock.
 *
 * Each participant has a socket.io connection that joined its session (cookie and Origin as a
 * browser sends them) and a y-websocket provider on the session's theme document. In the
 * steady phase each participant acts every few seconds, alternately voting (placing or taking
 * off a sticker) and typing a short piece of text into the shared `meaning` text.
 */
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { io, type Socket } from 'socket.io-client';

export interface PlanSession {
	id: number;
	/** The theme document's name, e.g. `session/3/theme/toegankelijkheid`. */
	docName: string;
	themeIds: number[];
	facilitatorCookie: string | null;
	people: { id: number; cookie: string | null }[];
}

export type ToWorker =
	| { type: 'connect'; url: string; yjsUrl: string; sessions: PlanSession[]; budget: number; batch: number }
	| { type: 'steady'; seconds: number; actionSeconds: number; drainSeconds: number }
	| { type: 'close' };

export interface SteadyResult {
	type: 'steady-done';
	/** Per vote: ms from sending it to the last other participant seeing a state with it. */
	votes: number[];
	edits: number[];
	errors: Record<string, number>;
	/** Per participant whose every vote was acknowledged: the themes it holds a sticker on. */
	held: [participantId: number, themeIds: number[]][];
	/** Per session: SHA-256 of the shared text, when all replicas agreed. */
	docs: [sessionId: number, sha: string][];
	cpuMs: number;
	wallMs: number;
	/** How late this process's event loop ran (p99, ms): time a client adds to the latencies. */
	loopDelayP99: number;
	stateBytes: number;
}

export type FromWorker =
	| { type: 'connected'; ms: number; errors: Record<string, number>; sockets: number; docs: number }
	| SteadyResult
	| { type: 'closed' }
	| { type: 'fatal'; message: string };

/** A token typed into the text: `#<participant index>.<n>` and a few words, ending in `;`. */
const TOKEN = /#(\d+\.\d+) [^;#]*;/g;
const WORDS = ['goed', 'bereikbaar', 'op tijd', 'duidelijk', 'samen', 'veilig', 'luisteren', 'passend'];

interface Person {
	index: number;
	participantId: number;
	session: Run;
	socket: Socket;
	doc: Y.Doc;
	provider: WebsocketProvider;
	text: Y.Text;
	/** Revisions of pushed states and when they arrived (in the steady phase). */
	seen: { revision: number; at: number }[];
	lastRevision: number;
	/** When each other participant's edit (`index.n`) arrived here. */
	arrivals: Map<string, number>;
	held: number[];
	certain: boolean;
	typed: number;
}

interface Run {
	plan: PlanSession;
	people: Person[];
	facilitator: Socket | null;
	votes: { sender: Person; sentAt: number; revision: number }[];
	edits: { author: Person; key: string; sentAt: number }[];
}

const errors: Record<string, number> = {};
const fail = (what: string) => (errors[what] = (errors[what] ?? 0) + 1);
let runs: Run[] = [];
let recording = false;
let closing = false;
let stateBytes = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function send(message: FromWorker): void {
	process.send!(message);
}

function connectSocket(url: string, cookie: string | null): Promise<Socket> {
	return new Promise((resolve, reject) => {
		const socket = io(url, {
			transports: ['websocket'],
			reconnection: false,
			timeout: 60_000,
			extraHeaders: { ...(cookie ? { cookie } : {}), origin: url }
		});
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', (error) => reject(new Error(`socket.io connect error: ${error.message}`)));
	});
}

async function join(socket: Socket, sessionId: number): Promise<{ revision: number }> {
	let ack: { ok: boolean; error?: string; state?: { revision: number } };
	try {
		ack = await socket.timeout(60_000).emitWithAck('session:join', { sessionId });
	} catch {
		throw new Error('session:join timed out');
	}
	if (!ack.ok) throw new Error(`session:join refused: ${ack.error}`);
	return { revision: ack.state?.revision ?? 0 };
}

function openDoc(yjsUrl: string, docName: string, cookie: string | null, origin: string) {
	const doc = new Y.Doc();
	const headers = { ...(cookie ? { cookie } : {}), origin };
	const provider = new WebsocketProvider(`${yjsUrl}/yjs`, docName, doc, {
		WebSocketPolyfill: class extends WebSocket {
			constructor(address: string | URL, protocols?: string | string[]) {
				super(address, protocols, { headers });
			}
		} as never,
		disableBc: true
	});
	// Present in the document as the live page is (src/lib/live/theme-doc.svelte.ts).
	provider.awareness.setLocalState({ editing: null });
	const synced = new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('y-websocket sync timed out')), 60_000);
		provider.once('sync', (ok: boolean) => {
			if (!ok) return;
			clearTimeout(timer);
			resolve();
		});
		provider.once('connection-error', () => fail('y-websocket connection error'));
	});
	return { doc, provider, synced };
}

async function connectSession(url: string, yjsUrl: string, plan: PlanSession): Promise<Run> {
	const run: Run = { plan, people: [], facilitator: null, votes: [], edits: [] };
	// The facilitator leads every session (and sees who is present); not measured as a receiver.
	run.facilitator = await connectSocket(url, plan.facilitatorCookie);
	await join(run.facilitator, plan.id);
	run.facilitator.on('disconnect', (reason) => closing || fail(`socket.io disconnect (${reason})`));
	run.people = await Promise.all(
		plan.people.map(async (p, index) => {
			const y = openDoc(yjsUrl, plan.docName, p.cookie, url);
			const socket = await connectSocket(url, p.cookie);
			const person: Person = {
				index,
				participantId: p.id,
				session: run,
				socket,
				doc: y.doc,
				provider: y.provider,
				text: y.doc.getText('meaning'),
				seen: [],
				lastRevision: 0,
				arrivals: new Map(),
				held: [],
				certain: true,
				typed: 0
			};
			socket.on('session:state', (state: { revision: number }) => {
				const at = performance.now();
				if (stateBytes === 0 && 'themes' in state) stateBytes = Buffer.byteLength(JSON.stringify(state));
				person.lastRevision = Math.max(person.lastRevision, state.revision);
				if (recording) person.seen.push({ revision: state.revision, at });
			});
			socket.on('disconnect', (reason) => closing || fail(`socket.io disconnect (${reason})`));
			person.lastRevision = (await join(socket, plan.id)).revision;
			person.text.observe((event, transaction) => {
				if (transaction.local) return;
				const at = performance.now();
				for (const op of event.delta) {
					if (typeof op.insert !== 'string') continue;
					for (const m of op.insert.matchAll(TOKEN)) if (!person.arrivals.has(m[1]!)) person.arrivals.set(m[1]!, at);
				}
			});
			await y.synced;
			y.provider.on('status', ({ status }: { status: string }) => status === 'disconnected' && !closing && fail('y-websocket disconnect'));
			return person;
		})
	);
	return run;
}

async function connectAll(message: Extract<ToWorker, { type: 'connect' }>): Promise<void> {
	const started = performance.now();
	closing = false;
	runs = [];
	const queue = [...message.sessions];
	await Promise.all(
		Array.from({ length: Math.min(message.batch, queue.length) }, async () => {
			for (let plan = queue.shift(); plan; plan = queue.shift()) {
				try {
					runs.push(await connectSession(message.url, message.yjsUrl, plan));
				} catch (error) {
					fail((error as Error).message);
				}
			}
		})
	);
	const sockets = runs.reduce((n, r) => n + r.people.length + (r.facilitator ? 1 : 0), 0);
	send({
		type: 'connected',
		ms: performance.now() - started,
		errors: { ...errors },
		sockets,
		docs: runs.reduce((n, r) => n + r.people.length, 0)
	});
}

async function vote(person: Person, budget: number): Promise<void> {
	const run = person.session;
	const place = person.held.length === 0 || (person.held.length < budget && Math.random() < 0.5);
	const free = run.plan.themeIds.filter((id) => !person.held.includes(id));
	const themeId = place ? free[Math.floor(Math.random() * free.length)]! : person.held[Math.floor(Math.random() * person.held.length)]!;
	const sentAt = performance.now();
	let ack: { ok: boolean; error?: string; revision?: number };
	try {
		ack = await person.socket.timeout(10_000).emitWithAck(place ? 'sticker:place' : 'sticker:remove', { sessionId: run.plan.id, themeId });
	} catch {
		person.certain = false;
		fail('vote not acknowledged within 10 s');
		return;
	}
	if (!ack.ok || typeof ack.revision !== 'number') {
		fail(`vote refused: ${ack.error ?? 'no revision'}`);
		return;
	}
	if (place) person.held.push(themeId);
	else person.held.splice(person.held.indexOf(themeId), 1);
	run.votes.push({ sender: person, sentAt, revision: ack.revision });
}

function edit(person: Person): void {
	const n = ++person.typed;
	const key = `${person.index}.${n}`;
	const words = Array.from({ length: 2 }, () => WORDS[Math.floor(Math.random() * WORDS.length)]).join(' ');
	// Insert right after a token or at the end, never inside another participant's token.
	const current = person.text.toString();
	const after = current.indexOf(';', Math.floor(Math.random() * (current.length + 1)));
	const at = after < 0 ? current.length : after + 1;
	person.session.edits.push({ author: person, key, sentAt: performance.now() });
	person.text.insert(at, `#${key} ${words};`);
}

/** Whether every vote and edit so far reached every other participant. */
function delivered(): boolean {
	for (const run of runs) {
		const maxRevision = run.votes.reduce((m, v) => Math.max(m, v.revision), 0);
		for (const p of run.people) {
			if (p.lastRevision < maxRevision) return false;
			const others = run.edits.length - p.typed;
			if (p.arrivals.size < others) return false;
		}
	}
	return true;
}

async function steady(message: Extract<ToWorker, { type: 'steady' }>, budget: number): Promise<void> {
	for (const run of runs) {
		run.votes = [];
		run.edits = [];
		for (const p of run.people) {
			p.seen = [];
			p.arrivals.clear();
		}
	}
	recording = true;
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const loop = monitorEventLoopDelay({ resolution: 10 });
	loop.enable();
	const actionMs = message.actionSeconds * 1000;
	const end = performance.now() + message.seconds * 1000;
	await Promise.all(
		runs.flatMap((run) =>
			run.people.map(async (person) => {
				await sleep(Math.random() * actionMs);
				let voting = Math.random() < 0.5;
				while (performance.now() < end) {
					// After a vote without an answer this participant's stickers are unknown: it only types.
					if (voting && person.certain) await vote(person, budget);
					else edit(person);
					voting = !voting;
					await sleep(actionMs * (0.5 + Math.random()));
				}
			})
		)
	);
	const drainEnd = performance.now() + message.drainSeconds * 1000;
	while (!delivered() && performance.now() < drainEnd) await sleep(100);
	const cpu = process.cpuUsage(cpuBefore);
	loop.disable();
	recording = false;

	const votes: number[] = [];
	const edits: number[] = [];
	const docs: [number, string][] = [];
	for (const run of runs) {
		// A vote or edit that did not reach everyone is an error, not a latency.
		for (const v of run.votes) {
			let worst = 0;
			for (const other of run.people) {
				if (other === v.sender) continue;
				const seen = other.seen.find((s) => s.revision >= v.revision);
				worst = Math.max(worst, seen ? seen.at - v.sentAt : Infinity);
			}
			if (worst === Infinity) fail('vote not delivered to every other participant');
			else votes.push(worst);
		}
		for (const e of run.edits) {
			let worst = 0;
			for (const other of run.people) {
				if (other === e.author) continue;
				const at = other.arrivals.get(e.key);
				worst = Math.max(worst, at === undefined ? Infinity : at - e.sentAt);
			}
			if (worst === Infinity) fail('edit not delivered to every other participant');
			else edits.push(worst);
		}
		// Convergence: every replica holds the same text, and it holds every edit whole.
		const texts = run.people.map((p) => p.text.toString());
		if (texts.some((t) => t !== texts[0])) {
			fail('documents did not converge');
			continue;
		}
		const inText = new Set([...texts[0]!.matchAll(TOKEN)].map((m) => m[1]));
		const lost = run.edits.filter((e) => !inText.has(e.key)).length;
		if (lost > 0) fail('edit missing from the converged text');
		docs.push([run.plan.id, createHash('sha256').update(texts[0]!).digest('hex')]);
	}
	send({
		type: 'steady-done',
		votes,
		edits,
		errors: { ...errors },
		held: runs.flatMap((r) => r.people.filter((p) => p.certain).map((p) => [p.participantId, [...p.held]] as [number, number[]])),
		docs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		wallMs: performance.now() - started,
		loopDelayP99: loop.percentile(99) / 1e6,
		stateBytes
	});
}

function closeAll(): void {
	closing = true;
	for (const run of runs) {
		run.facilitator?.disconnect();
		for (const p of run.people) {
			p.socket.disconnect();
			p.provider.destroy();
			p.doc.destroy();
		}
	}
	runs = [];
	for (const key of Object.keys(errors)) delete errors[key];
	stateBytes = 0;
	send({ type: 'closed' });
	// A profiled client process (BENCH_PROFILE_CLIENTS) writes its profile when it exits normally.
	if (process.execArgv.includes('--cpu-prof')) setTimeout(() => process.exit(0), 100);
}

let budget = 3;
process.on('message', (message: ToWorker) => {
	const done = (p: Promise<void> | void) =>
		Promise.resolve(p).catch((error: unknown) => send({ type: 'fatal', message: error instanceof Error ? error.message : String(error) }));
	if (message.type === 'connect') {
		budget = message.budget;
		void done(connectAll(message));
	} else if (message.type === 'steady') void done(steady(message, budget));
	else if (message.type === 'close') done(closeAll());
});
// Every y-websocket provider adds an exit listener in Node; thousands of them are expected here.
process.setMaxListeners(0);
// The parent went away (finished or crashed): stop at once.
process.on('disconnect', () => process.exit(0));
