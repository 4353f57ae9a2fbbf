/**
 * The SIGKILL scenario (issue 8, faults), shared by `npm run bench:faults` and
 * tests/integration/faults.test.ts: the real server (build/server.js) in its own process,
 * participants voting with stickers over socket.io and editors typing into one theme's
 * document over y-websocket, all at once. Each round kills the server with SIGKILL in the
 * middle of it, checks the database the dead server left behind, and starts it again on the
 * same port and DATA_DIR. The clients are never reconnected by this code: socket.io and
 * y-websocket reconnect by themselves, and the socket client joins again on every `connect`
 * (as the live page does, src/lib/live/session.svelte.ts); the editors keep typing while the
 * server is down (their edits stay in their own document, as in the browser).
 *
 * What counts as acknowledged:
 * - a vote (sticker placed or removed) whose acknowledgement came back `{ ok: true }`;
 * - an edit that another editor has received (the server stores an update before it applies
 *   or relays it, so "seen by someone else" means "the server had it").
 */
import { RETRY_JOIN } from '../src/lib/live/join-retry';
import { KnownParts } from '../src/lib/live/static-parts';
import type { SessionState } from '../src/lib/shared/live-state';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { and, eq } from 'drizzle-orm';
import { SYSTEM } from '../src/lib/server/audit';
import { openDatabase } from '../src/lib/server/db';
import { PERSPECTIVES, sessionThemes, stickers } from '../src/lib/server/db/schema';
import { YjsStore } from '../src/lib/server/realtime/yjs/persistence';
import { addParticipant } from '../src/lib/server/sessions/participants';
import { createDialogueSession } from '../src/lib/server/sessions/setup';
import { chooseThemes } from '../src/lib/server/sessions/voting';
import { benchFacilitator, freePort, prepareData, startServerProcess, type ServerProcess } from './_server';

export interface FaultOptions {
	/** Voting sessions, each with `participants` voters. */
	sessions: number;
	participants: number;
	/** Editors typing into one shared theme document. */
	editors: number;
	rounds: number;
	/** How long the load runs before each kill. */
	runMs: number;
	/** How long the server stays down (editors keep typing). */
	downMs: number;
	/** Pause between two actions of one client. */
	paceMs?: number;
	progress?: (line: string) => void;
}

export interface RoundResult {
	round: number;
	/** Acknowledged sticker actions so far, and how many of them the dead server's database lacks. */
	votesAcked: number;
	votesLost: number;
	/** Edits another editor had seen at the kill, and how many of them the stored document lacks. */
	editsAcked: number;
	editsLost: number;
	/** Server start after the kill, until it listens again (ms). */
	restartMs: number;
	/**
	 * Per client: from starting the server again to joined with a fresh state (socket) or synced
	 * (Yjs), ms. Includes the restart itself: a fast client can be back before the bench reads the
	 * server's "running" line.
	 */
	voterResyncMs: number[];
	editorResyncMs: number[];
	/** Clients that did not come back by themselves within the time limit. */
	notBack: number;
}

export interface FaultResult {
	rounds: RoundResult[];
	votesAcked: number;
	votesLost: number;
	/** At the end: each voter's last pushed state, the database and the acknowledged actions agree. */
	votesAgree: boolean;
	votesDisagreeing: string[];
	editsTyped: number;
	/** Of those, made while the editor had no connection. */
	editsTypedOffline: number;
	editsAcked: number;
	editsLost: number;
	/** At the end: every replica has the same text, with every edit every editor made. */
	converged: boolean;
	missingInReplicas: number;
	/** After a clean stop: the stored document equals the replicas. */
	storedEqual: boolean;
	problems: string[];
}

type Ack = { ok: boolean; error?: string; state?: { mine: { perTheme: Record<number, number> } | null; revision: number } };
type Op = { kind: 'place' | 'remove'; themeId: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Voter {
	readonly socket: Socket;
	/** Stickers per theme after every acknowledged action. */
	model = new Map<number, number>();
	/** The action sent whose answer has not come (yet). */
	pending: Op | null = null;
	acked = 0;
	joined = false;
	joinedAt = 0;
	/** The answer of the last join that did not succeed (for the report of who did not come back). */
	lastJoinError = '';
	/** After an unanswered action: take the stickers from the next state the server sends. */
	resync = false;
	latest: Ack['state'] | null = null;
	/** As the live page: what a push leaves out is what the last state had (src/lib/live/static-parts.ts). */
	readonly known = new KnownParts();
	stopped = false;
	refused = 0;

	constructor(
		url: string,
		cookie: string,
		readonly sessionId: number,
		readonly participantId: number,
		readonly themes: number[],
		readonly budget: number
	) {
		// As the live page: reconnect by itself (socket.io's default), join again on every connect.
		this.socket = io(url, { transports: ['websocket'], reconnectionDelayMax: 5000, extraHeaders: { cookie, origin: url } });
		this.socket.on('connect', () => void this.join());
		this.socket.on('disconnect', () => (this.joined = false));
		this.socket.on('session:state', (pushed: SessionState) => {
			const state = this.known.complete(pushed);
			if (!this.latest || state.revision >= this.latest.revision) this.latest = state;
		});
	}

	private async join(): Promise<void> {
		let ack: Ack | null = null;
		try {
			// The state in the answer is known before a push right behind it is read (as the live page does).
			ack = await new Promise<Ack>((resolve, reject) =>
				this.socket.timeout(10_000).emit('session:join', { sessionId: this.sessionId }, (error: Error | null, answer: Ack) => {
					if (error) return reject(error);
					if (answer.ok && answer.state) this.known.complete(answer.state as unknown as SessionState);
					resolve(answer);
				})
			);
		} catch {
			ack = null;
		}
		if (!ack?.ok) {
			this.lastJoinError = ack?.error ?? 'no answer';
			// As the live page: busy or no answer, try again shortly (while connected).
			if (RETRY_JOIN.has(ack?.error ?? 'live.noAnswer')) setTimeout(() => this.socket.connected && !this.joined && void this.join(), 2000);
			return;
		}
		this.latest = ack.state ?? null;
		this.joined = true;
		this.joinedAt = performance.now();
	}

	async run(paceMs: number): Promise<void> {
		while (!this.stopped) {
			if (!this.joined || !this.socket.connected) {
				await sleep(50);
				continue;
			}
			if (this.resync) {
				// After a refusal or an unanswered action: the stickers as the server says (the
				// state of the join after a reconnect), which settles the unanswered one.
				this.model = new Map(Object.entries(this.latest?.mine?.perTheme ?? {}).map(([k, v]) => [Number(k), v]));
				this.resync = false;
				this.pending = null;
			}
			const used = [...this.model.values()].reduce((a, b) => a + b, 0);
			const free = this.themes.filter((t) => !this.model.get(t));
			const op: Op =
				used < this.budget && free.length > 0
					? { kind: 'place', themeId: free[Math.floor(Math.random() * free.length)]! }
					: { kind: 'remove', themeId: [...this.model.keys()][Math.floor(Math.random() * this.model.size)]! };
			this.pending = op;
			let ack: Ack | null = null;
			try {
				ack = (await this.socket.timeout(4000).emitWithAck(op.kind === 'place' ? 'sticker:place' : 'sticker:remove', {
					sessionId: this.sessionId,
					themeId: op.themeId
				})) as Ack;
			} catch {
				ack = null; // no answer: the server may or may not have done it
			}
			if (ack?.ok) {
				const n = (this.model.get(op.themeId) ?? 0) + (op.kind === 'place' ? 1 : -1);
				if (n > 0) this.model.set(op.themeId, n);
				else this.model.delete(op.themeId);
				this.acked++;
				this.pending = null;
			} else {
				this.resync = true;
				// Refused: it did not happen. Unanswered: it may have; it stays pending (either
				// outcome is right at a kill) until the model is taken from the server again.
				if (ack) {
					this.refused++;
					this.pending = null;
				}
			}
			await sleep(paceMs * (0.5 + Math.random()));
		}
	}
}

class Editor {
	readonly doc = new Y.Doc();
	readonly text = this.doc.getText('meaning');
	readonly provider: WebsocketProvider;
	typed = 0;
	/** Edits made while the connection was down. */
	typedOffline = 0;
	syncedAt = 0;
	stopped = false;

	constructor(
		url: string,
		docName: string,
		cookie: string,
		readonly me: number
	) {
		const headers = { cookie, origin: url };
		// As the browser (src/lib/live/theme-doc.svelte.ts): y-websocket reconnects by itself.
		this.provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/yjs`, docName, this.doc, {
			WebSocketPolyfill: class extends WebSocket {
				constructor(address: string | URL, protocols?: string | string[]) {
					super(address, protocols, { headers });
				}
			} as never,
			disableBc: true,
			maxBackoffTime: 5000
		});
		this.provider.on('sync', (synced: boolean) => {
			if (synced) this.syncedAt = performance.now();
		});
	}

	/** Types a token `[me.n]` at the end of the text now and then, online or not. */
	async run(paceMs: number): Promise<void> {
		while (!this.stopped) {
			this.typed++;
			if (!this.provider.wsconnected) this.typedOffline++;
			this.text.insert(this.text.length, `[${this.me}.${this.typed}]`);
			await sleep(paceMs * (0.5 + Math.random()));
		}
	}

	tokens(): Set<string> {
		return new Set(this.text.toString().match(/\[\d+\.\d+\]/g) ?? []);
	}
}

const tokensOf = (text: string) => new Set(text.match(/\[\d+\.\d+\]/g) ?? []);

export async function runFaults(options: FaultOptions): Promise<FaultResult> {
	const pace = options.paceMs ?? 250;
	const say = options.progress ?? (() => undefined);
	const { dataDir, db } = prepareData();
	const { facilitatorId, cookie: staffCookie, movisieVersionId } = await benchFacilitator(db);
	const BUDGET = 3;
	const votingSessions: { id: number; people: { id: number; cookie: string }[] }[] = [];
	for (let s = 0; s < options.sessions; s++) {
		const session = createDialogueSession(db, SYSTEM, {
			title: `Faults ${s}`,
			facilitatorId,
			frameworkVersionId: movisieVersionId,
			stickersPerParticipant: BUDGET
		});
		const people = Array.from({ length: options.participants }, (_, p) => {
			const { participant, token } = addParticipant(db, SYSTEM, session.id, {
				displayName: `P${p}`,
				perspective: PERSPECTIVES[p % PERSPECTIVES.length]!
			});
			return { id: participant.id, cookie: `kd_participant=${token}` };
		});
		votingSessions.push({ id: session.id, people });
	}
	const editSession = createDialogueSession(db, SYSTEM, {
		title: 'Faults editing',
		facilitatorId,
		frameworkVersionId: movisieVersionId,
		themeSelection: 'fixed'
	});
	const theme = db.select().from(sessionThemes).where(eq(sessionThemes.dialogueSessionId, editSession.id)).all()[0]!;
	chooseThemes(db, SYSTEM, editSession.id, { themeIds: [theme.id] });
	const editorCookies = Array.from(
		{ length: options.editors },
		(_, i) => `kd_participant=${addParticipant(db, SYSTEM, editSession.id, { displayName: `E${i}`, perspective: 'client' }).token}`
	);
	const docName = `session/${editSession.id}/theme/${theme.key}`;
	db.$client.close();

	const port = await freePort();
	let server: ServerProcess = await startServerProcess(dataDir, port);
	const problems: string[] = [];
	const voters: Voter[] = [];
	const editors: Editor[] = [];
	try {
		// The facilitators open the vote (through the socket events, as in a session).
		const themeIds = new Map<number, number[]>();
		for (const session of votingSessions) {
			const f = io(server.url, {
				transports: ['websocket'],
				reconnection: false,
				extraHeaders: { cookie: staffCookie, origin: server.url }
			});
			await new Promise<void>((resolve, reject) => {
				f.once('connect', () => resolve());
				f.once('connect_error', reject);
			});
			await f.timeout(10_000).emitWithAck('session:join', { sessionId: session.id });
			for (let i = 0; i < 3; i++) await f.timeout(10_000).emitWithAck('agenda:goto', { sessionId: session.id, to: 'next' });
			const opened = (await f.timeout(10_000).emitWithAck('vote:open', { sessionId: session.id })) as Ack;
			if (!opened.ok) throw new Error(`vote:open: ${opened.error}`);
			const state = (await f.timeout(10_000).emitWithAck('session:state', { sessionId: session.id })) as {
				state: { themes: { id: number }[] };
			};
			themeIds.set(
				session.id,
				state.state.themes.map((t) => t.id)
			);
			f.disconnect();
		}
		for (const session of votingSessions) {
			for (const person of session.people)
				voters.push(new Voter(server.url, person.cookie, session.id, person.id, themeIds.get(session.id)!, BUDGET));
		}
		editorCookies.forEach((cookie, i) => editors.push(new Editor(server.url, docName, cookie, i)));
		const deadline = performance.now() + 30_000;
		while (!voters.every((v) => v.joined) || !editors.every((e) => e.syncedAt > 0)) {
			if (performance.now() > deadline)
				throw new Error(
					`clients did not connect: voters ${voters.filter((v) => v.joined).length}/${voters.length}, editors ${editors.filter((e) => e.syncedAt > 0).length}/${editors.length}`
				);
			await sleep(50);
		}
		say(`${voters.length} voters in ${votingSessions.length} sessions and ${editors.length} editors connected`);
		const running = [...voters.map((v) => v.run(pace)), ...editors.map((e) => e.run(pace))];

		const rounds: RoundResult[] = [];
		for (let round = 1; round <= options.rounds; round++) {
			await sleep(options.runMs);
			// SIGKILL in the middle of voting and typing, to the server and its Yjs process at once.
			await server.crash();
			const killedAt = performance.now();
			await sleep(200); // answers already on the wire arrive; nothing new can

			// What the dead server left on disk.
			const check = openDatabase(dataDir);
			let votesLost = 0;
			for (const v of voters) {
				const rows = check
					.select({ themeId: stickers.sessionThemeId })
					.from(stickers)
					.where(and(eq(stickers.participantId, v.participantId), eq(stickers.ballot, 'session')))
					.all();
				const stored = new Map<number, number>();
				for (const r of rows) stored.set(r.themeId, (stored.get(r.themeId) ?? 0) + 1);
				const withPending = new Map(v.model);
				if (v.pending) {
					const n = (withPending.get(v.pending.themeId) ?? 0) + (v.pending.kind === 'place' ? 1 : -1);
					if (n > 0) withPending.set(v.pending.themeId, n);
					else withPending.delete(v.pending.themeId);
				}
				const same = (a: Map<number, number>, b: Map<number, number>) => a.size === b.size && [...a].every(([k, n]) => b.get(k) === n);
				if (!same(stored, v.model) && !same(stored, withPending)) {
					// Count the acknowledged stickers missing (or acknowledged removals undone).
					for (const t of new Set([...stored.keys(), ...v.model.keys()]))
						votesLost += Math.abs((stored.get(t) ?? 0) - (v.model.get(t) ?? 0));
				}
			}
			const storedDoc = new Y.Doc();
			new YjsStore(check).loadInto(docName, storedDoc, 'load');
			check.$client.close();
			const stored = tokensOf(storedDoc.getText('meaning').toString());
			const acked = new Set<string>();
			for (const e of editors) for (const token of e.tokens()) if (!token.startsWith(`[${e.me}.`)) acked.add(token);
			const editsLost = [...acked].filter((t) => !stored.has(t)).length;

			await sleep(options.downMs);
			const t0 = performance.now();
			server = await startServerProcess(dataDir, port);
			const readyAt = performance.now();
			const restartMs = readyAt - t0;
			// Wait for every client to come back by itself: joined again / synced again.
			const limit = readyAt + 20_000;
			// Back = joined / synced again after the kill (which may be before we read "running").
			const back = (at: number) => at > killedAt;
			while (performance.now() < limit && !(voters.every((v) => v.joined && back(v.joinedAt)) && editors.every((e) => back(e.syncedAt))))
				await sleep(50);
			const result: RoundResult = {
				round,
				votesAcked: voters.reduce((n, v) => n + v.acked, 0),
				votesLost,
				editsAcked: acked.size,
				editsLost,
				restartMs,
				voterResyncMs: voters.filter((v) => back(v.joinedAt)).map((v) => v.joinedAt - t0),
				editorResyncMs: editors.filter((e) => back(e.syncedAt)).map((e) => e.syncedAt - t0),
				notBack: voters.filter((v) => !back(v.joinedAt)).length + editors.filter((e) => !back(e.syncedAt)).length
			};
			rounds.push(result);
			say(
				`round ${round}: down ${(t0 - killedAt).toFixed(0)} ms, restart ${restartMs.toFixed(0)} ms; votes acked ${result.votesAcked}, lost ${votesLost}; edits acked ${acked.size}, lost ${editsLost}; not back ${result.notBack}`
			);
			if (result.notBack > 0) {
				const voterStates = voters
					.filter((v) => !back(v.joinedAt))
					.map((v) => (v.socket.connected ? `connected, not joined (${v.lastJoinError || 'no join sent'})` : 'disconnected'));
				const editorStates = editors
					.filter((e) => !back(e.syncedAt))
					.map((e) => (e.provider.wsconnected ? 'connected, not synced' : 'disconnected'));
				problems.push(
					`round ${round}: ${result.notBack} client(s) did not come back: ${JSON.stringify({ voters: voterStates, editors: editorStates })}`
				);
			}
		}

		// Let the load run a little on the last server, then stop everyone and compare.
		await sleep(options.runMs);
		for (const c of [...voters, ...editors]) c.stopped = true;
		await Promise.all(running);
		await sleep(300);
		const pushed = performance.now() + 10_000;
		// Each voter's state: the last one pushed must show the stickers its acknowledged actions left.
		const check = openDatabase(dataDir);
		const disagreeing: string[] = [];
		for (const v of voters) {
			const rows = check
				.select({ themeId: stickers.sessionThemeId })
				.from(stickers)
				.where(and(eq(stickers.participantId, v.participantId), eq(stickers.ballot, 'session')))
				.all();
			const stored: Record<number, number> = {};
			for (const r of rows) stored[r.themeId] = (stored[r.themeId] ?? 0) + 1;
			const model = Object.fromEntries([...v.model].map(([k, n]) => [String(k), n]));
			while (performance.now() < pushed && JSON.stringify(v.latest?.mine?.perTheme ?? {}) !== JSON.stringify(stored)) await sleep(50);
			const shown = JSON.stringify(v.latest?.mine?.perTheme ?? {});
			if (shown !== JSON.stringify(stored) || (!v.resync && JSON.stringify(model) !== JSON.stringify(stored))) {
				disagreeing.push(
					`participant ${v.participantId}: acknowledged ${JSON.stringify(model)}, stored ${JSON.stringify(stored)}, shown ${shown}`
				);
			}
		}
		check.$client.close();

		// Every replica converges to the same text with every edit of every editor.
		const all = new Set<string>();
		for (const e of editors) for (let n = 1; n <= e.typed; n++) all.add(`[${e.me}.${n}]`);
		const convergeBy = performance.now() + 20_000;
		const texts = () => editors.map((e) => e.text.toString());
		while (
			performance.now() < convergeBy &&
			!(texts().every((t) => t === texts()[0]) && [...all].every((t) => tokensOf(texts()[0]!).has(t)))
		)
			await sleep(50);
		const final = texts();
		const converged = final.every((t) => t === final[0]);
		const missingInReplicas = Math.max(...editors.map((e) => [...all].filter((t) => !e.tokens().has(t)).length));

		for (const v of voters) v.socket.disconnect();
		for (const e of editors) e.provider.destroy();
		await server.stop(); // SIGTERM: compacts the document
		const after = openDatabase(dataDir);
		const storedDoc = new Y.Doc();
		new YjsStore(after).loadInto(docName, storedDoc, 'load');
		after.$client.close();
		const storedEqual = storedDoc.getText('meaning').toString() === final[0];

		return {
			rounds,
			votesAcked: voters.reduce((n, v) => n + v.acked, 0),
			votesLost: rounds.reduce((n, r) => n + r.votesLost, 0),
			votesAgree: disagreeing.length === 0,
			votesDisagreeing: disagreeing,
			editsTyped: all.size,
			editsTypedOffline: editors.reduce((n, e) => n + e.typedOffline, 0),
			editsAcked: Math.max(0, ...rounds.map((r) => r.editsAcked)),
			editsLost: rounds.reduce((n, r) => n + r.editsLost, 0),
			converged,
			missingInReplicas,
			storedEqual,
			problems
		};
	} catch (error) {
		for (const v of voters) v.socket.disconnect();
		for (const e of editors) e.provider.destroy();
		if (server.child.exitCode === null) await server.crash();
		throw error;
	}
}
