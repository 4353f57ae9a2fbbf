/**
 * Where the co-edited documents live. The main process authenticates and authorises every
 * Yjs upgrade (see ../index.ts) and then hands the connection to a host:
 *
 * - `YjsProcess` (production): a child process of its own (`build/yjs-worker.js`), so
 *   co-editing and the session's state each have a CPU core on a two-core server. The socket
 *   itself is passed over the IPC channel, as Node's cluster module passes connections; the
 *   child has its own SQLite connection to the same database (WAL).
 * - `LocalYjs`: the same server in this process. The child runs one; the dev server uses one
 *   directly; YJS_PROCESS=inline chooses it in production.
 *
 * The main process never needs a document's live copy: the closing step reads the stored
 * one (every update is stored before anyone sees it). Each write is checked against what its
 * sender may do at that moment (`writeRights`), and the host detaches an erased person from
 * the documents (`detachAuthors`), in the process that serves them.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { deferCheckpoints, openDatabase, type Db } from '../../db';
import { log, errorFields, setLogLevel } from '../../log';
import { accessEpoch, callerValid, sessionRights, type Access } from '../../access';
import { EXPIRY_SWEEP_MS, type AccessChange } from '../../access/changes';
import { themeForDoc } from '../../sessions/theme-docs';
import { detachAuthors, isSessionDoc, parseDocName, seedThemeDoc } from '../../../shared/theme-document';
import { YjsServer, type Identity, type WriteRights } from './server';
import { YjsStore } from './persistence';

/** Largest websocket message accepted from a client; larger ones close the connection. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Who an authorised connection is, and to which document with which access. */
export interface Handoff {
	name: string;
	access: Access;
	identity: Identity;
}

export interface YjsHost {
	/** Resolves once connections can be taken over. */
	ready(): Promise<void>;
	/** Takes over an authorised websocket upgrade; false when it cannot now (the caller refuses it). */
	accept(req: IncomingMessage, socket: Duplex, head: Buffer, handoff: Handoff): boolean;
	/** Re-asks the access module for every connection a change of rights concerns (see ../../access/changes). */
	reauthorize(change: AccessChange): void;
	/** A copy of a document as the server holds it now (tests, diagnostics). */
	document(name: string): Promise<Y.Doc>;
	/**
	 * Detaches these participants from what they added in the dialogue session's documents
	 * (`author` becomes null), in open documents (stored and relayed like an edit) and stored
	 * ones, and compacts them so the ids are not in storage any more. Idempotent.
	 */
	detachAuthors(dialogueSessionId: number, participantIds: number[]): Promise<void>;
	connectionCount(): Promise<number>;
	/** Closes every connection and stores every open document compactly. */
	close(): Promise<void>;
}

/**
 * A theme's document starts from the framework's texts (see startingTexts in the theme document
 * module), or empty when the facilitator chose to start it blank (../../sessions/theme-start.ts).
 */
function themeDocInitializer(db: Db): (name: string, doc: Y.Doc) => void {
	return (name, doc) => {
		const ref = parseDocName(name);
		const theme = ref ? themeForDoc(db, ref.dialogueSessionId, ref.themeKey) : undefined;
		if (theme) seedThemeDoc(doc, theme);
	};
}

/**
 * A document as stored, for reading in this process (the closing step). One that was never
 * opened holds only its starting text, which is not stored from here: the process serving
 * the document does that when someone opens it.
 */
export function storedDocument(db: Db, name: string): Y.Doc {
	// A stored row that cannot be applied is skipped (and logged), so closing always works.
	const { doc, rows } = new YjsStore(db).loadDoc(name);
	if (rows === 0) themeDocInitializer(db)(name, doc);
	return doc;
}

/**
 * What the sender of a write may do now, asked for every write (see YjsServerOptions.rights):
 * the access module's answer for the connection's credential (two prepared lookups).
 */
export function writeRights(db: Db): (identity: Identity, docName: string) => WriteRights | null {
	const agreed = db.$client.prepare<[number, string], { agreed: number }>(
		'SELECT test_question_agreed AS agreed FROM session_themes WHERE dialogue_session_id = ? AND key = ? AND chosen_rank IS NOT NULL'
	);
	// Per connection (its identity), the last answer and the access epoch it was given in: the
	// answer holds until the epoch moves (any change a right or a theme's mark depends on) or
	// the login expires, so most writes cost one read of the epoch.
	const known = new WeakMap<Identity, { epoch: number; docName: string; until: number; value: WriteRights | null }>();
	return (identity, docName) => {
		const epoch = accessEpoch(db);
		const now = Date.now();
		const hit = known.get(identity);
		if (hit && hit.epoch === epoch && hit.docName === docName && now < hit.until) return hit.value;
		const ref = parseDocName(docName);
		if (!ref) return null;
		// Asked of the access module for the credential the connection came with, now.
		const rights = sessionRights(db, identity.caller, ref.dialogueSessionId, now);
		const theme = rights ? agreed.get(ref.dialogueSessionId, ref.themeKey) : undefined;
		// No rights, or no longer a chosen theme: nothing.
		const value =
			rights && theme
				? {
						access: rights.access,
						facilitator: rights.part === 'facilitator',
						testQuestionAgreed: theme.agreed === 1,
						perspective: rights.perspective ?? null
					}
				: null;
		known.set(identity, { epoch, docName, until: rights?.until ?? Infinity, value });
		return value;
	};
}

function copyOf(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}

export class LocalYjs implements YjsHost {
	readonly server: YjsServer;
	private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

	private readonly store: YjsStore;

	constructor(
		private readonly db: Db,
		options: { compactEvery?: number } = {}
	) {
		this.store = new YjsStore(db);
		this.server = new YjsServer(this.store, {
			compactEvery: options.compactEvery,
			initialize: themeDocInitializer(db),
			rights: writeRights(db)
		});
		// Also co-editing without a socket.io connection: a login that ran out ends here too.
		this.expirySweep = setInterval(() => this.endExpiredLogins(), EXPIRY_SWEEP_MS);
		this.expirySweep.unref();
	}

	private readonly expirySweep: NodeJS.Timeout;

	/** Closes the connections of staff logins that ran out (see EXPIRY_SWEEP_MS). */
	private endExpiredLogins(): void {
		const now = Date.now();
		try {
			this.server.reauthorize(
				(identity) => identity.caller.kind === 'staff' && !callerValid(this.db, identity.caller, now),
				() => null
			);
		} catch (error) {
			log.warn('yjs.expiry-check-failed', errorFields(error));
		}
	}

	ready(): Promise<void> {
		return Promise.resolve();
	}

	accept(req: Pick<IncomingMessage, 'headers' | 'method' | 'url'>, socket: Duplex, head: Buffer, handoff: Handoff): boolean {
		this.wss.handleUpgrade(req as IncomingMessage, socket, head, (ws) => {
			try {
				this.server.accept(ws, handoff.name, handoff.access, handoff.identity);
			} catch (error) {
				log.error('yjs.accept-failed', { doc: handoff.name, ...errorFields(error) });
				ws.close(1011, 'internal error');
			}
		});
		return true;
	}

	reauthorize(change: AccessChange): void {
		const db = this.db;
		const users = new Set(change.userIds ?? []);
		const people = new Set(change.participantIds ?? []);
		const sessions = (change.sessionIds ?? []).map(isSessionDoc);
		this.server.reauthorize(
			(identity, docName) =>
				(identity.caller.kind === 'staff' ? users.has(identity.caller.userId) : people.has(identity.caller.participantId)) ||
				sessions.some((inSession) => inSession(docName)),
			(identity, docName) => {
				const ref = parseDocName(docName);
				return ref ? (sessionRights(db, identity.caller, ref.dialogueSessionId)?.access ?? null) : null;
			}
		);
	}

	async document(name: string): Promise<Y.Doc> {
		return copyOf(this.server.document(name));
	}

	async detachAuthors(dialogueSessionId: number, participantIds: number[]): Promise<void> {
		const names = new Set([
			...this.store.sessionDocNames(dialogueSessionId),
			...this.server.openDocuments(isSessionDoc(dialogueSessionId))
		]);
		for (const name of names) {
			// Open here: in the live copy. Otherwise nobody has it open (only this process serves documents): in storage.
			if (!this.server.edit(name, (doc, origin) => detachAuthors(doc, participantIds, origin)))
				this.store.rewrite(name, (doc) => detachAuthors(doc, participantIds) > 0);
		}
	}

	async connectionCount(): Promise<number> {
		return this.server.connectionCount();
	}

	async close(): Promise<void> {
		clearInterval(this.expirySweep);
		this.server.close();
		// Give close frames a moment to reach the clients, then cut what is left.
		const deadline = Date.now() + 500;
		while (this.wss.clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
		for (const ws of this.wss.clients) ws.terminate();
	}
}

/** Messages from the main process to the Yjs process. */
type ToWorker =
	| { type: 'accept'; handoff: Handoff; req: { method?: string; url?: string; headers: IncomingMessage['headers'] }; head: string }
	| { type: 'reauthorize'; change: AccessChange }
	| { type: 'document'; id: number; name: string }
	| { type: 'detach'; id: number; dialogueSessionId: number; participantIds: number[] }
	| { type: 'count'; id: number }
	| { type: 'close' };

/** Messages from the Yjs process to the main process. */
type FromWorker = { type: 'ready' } | { type: 'reply'; id: number; value?: unknown; error?: string };

export interface WorkerOptions {
	dataDir: string;
	logLevel: 'debug' | 'info' | 'warn' | 'error';
	compactEvery?: number;
}

/** After an unexpected exit the Yjs process is started again after this delay. */
const RESTART_MS = 1000;

export class YjsProcess implements YjsHost {
	private child: ChildProcess | null = null;
	private started!: Promise<void>;
	private live = false;
	private closing = false;
	private nextId = 1;
	private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

	constructor(
		private readonly script: string,
		private readonly options: WorkerOptions
	) {
		this.start();
	}

	private start(): void {
		// The garbage collector settings of `npm start`, not a test runner's loaders.
		// A CPU profile of the server (bench:load's BENCH_PROFILE) covers this process too.
		const argv = process.execArgv;
		const profile = argv.includes('--cpu-prof')
			? [
					'--cpu-prof',
					...argv.flatMap((arg, i) =>
						arg === '--cpu-prof-dir' && argv[i + 1] ? [arg, argv[i + 1]!] : arg.startsWith('--cpu-prof-dir=') ? [arg] : []
					)
				]
			: [];
		const execArgv = [...argv.filter((arg) => /^--max-(semi|old)-space-size=/.test(arg)), ...profile];
		const child = fork(this.script, [JSON.stringify(this.options)], {
			execArgv,
			stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
			serialization: 'json'
		});
		this.child = child;
		// One log: its lines go out through this process's streams.
		child.stdout!.on('data', (chunk: Buffer) => process.stdout.write(chunk));
		child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
		this.started = new Promise((resolve, reject) => {
			child.once('error', reject);
			child.once('exit', (code) => reject(new Error(`the Yjs process exited during start-up (${code})`)));
			child.on('message', (message: FromWorker) => {
				if (message.type === 'ready') {
					this.live = true;
					resolve();
				} else if (message.type === 'reply') {
					const waiter = this.waiting.get(message.id);
					this.waiting.delete(message.id);
					if (message.error) waiter?.reject(new Error(message.error));
					else waiter?.resolve(message.value);
				}
			});
		});
		this.started.catch(() => undefined);
		child.on('exit', (code, signal) => {
			this.live = false;
			for (const waiter of this.waiting.values()) waiter.reject(new Error('the Yjs process stopped'));
			this.waiting.clear();
			if (this.closing) return;
			// Its clients reconnect by themselves once it is back; nothing they saw was unstored.
			log.error('yjs.process-exited', { code, signal });
			setTimeout(() => {
				if (!this.closing) this.start();
			}, RESTART_MS).unref();
		});
	}

	ready(): Promise<void> {
		return this.started;
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	private send(message: ToWorker, handle?: Socket): boolean {
		if (!this.live || !this.child?.connected) return false;
		this.child.send(message, handle, (error) => {
			if (error) log.warn('yjs.process-send-failed', { type: message.type, ...errorFields(error) });
		});
		return true;
	}

	private request<T>(message: ToWorker & { id: number }): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.waiting.set(message.id, { resolve: resolve as (value: unknown) => void, reject });
			if (!this.send(message)) {
				this.waiting.delete(message.id);
				reject(new Error('the Yjs process is not running'));
			}
		});
	}

	accept(req: IncomingMessage, socket: Duplex, head: Buffer, handoff: Handoff): boolean {
		// Not running (restarting) or not a plain TCP connection: refused, the client tries again.
		if (!(socket instanceof Socket) || !this.live) return false;
		// This process must not read from the connection any more: Node keeps its copy open
		// until the Yjs process confirms, and would drop what it read meanwhile (the client's
		// first message, sent as soon as the Yjs process answered the upgrade).
		(socket as unknown as { _handle?: { readStop?: () => number } })._handle?.readStop?.();
		const unread = socket.readableLength > 0 ? (socket.read() as Buffer | null) : null;
		if (unread) head = Buffer.concat([head, unread]);
		const message: ToWorker = {
			type: 'accept',
			handoff,
			req: { method: req.method, url: req.url, headers: req.headers },
			head: head.toString('base64')
		};
		return this.send(message, socket);
	}

	reauthorize(change: AccessChange): void {
		this.send({ type: 'reauthorize', change });
	}

	async document(name: string): Promise<Y.Doc> {
		const state = await this.request<string>({ type: 'document', id: this.nextId++, name });
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Buffer.from(state, 'base64'));
		return doc;
	}

	async detachAuthors(dialogueSessionId: number, participantIds: number[]): Promise<void> {
		await this.request<void>({ type: 'detach', id: this.nextId++, dialogueSessionId, participantIds });
	}

	connectionCount(): Promise<number> {
		return this.request<number>({ type: 'count', id: this.nextId++ });
	}

	async close(): Promise<void> {
		this.closing = true;
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		if (child.connected) child.send({ type: 'close' } satisfies ToWorker);
		else child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
		await exited;
		clearTimeout(timer);
	}
}

/**
 * The Yjs process itself (build/yjs-worker.js): a LocalYjs on its own database connection,
 * driven over the IPC channel. It stops when asked, and also when the main process is gone
 * (the channel closes), so it never outlives the server.
 */
export function runYjsWorker(options: WorkerOptions): void {
	setLogLevel(options.logLevel);
	const db = openDatabase(options.dataDir);
	// The main process checkpoints the WAL (see checkpointEvery); appends here never do.
	deferCheckpoints(db);
	const host = new LocalYjs(db, { compactEvery: options.compactEvery });
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		try {
			await host.close();
			db.$client.close();
		} finally {
			process.exit(0);
		}
	};
	const answer = (id: number, value: Promise<unknown>) =>
		value.then(
			(v) => process.send?.({ type: 'reply', id, value: v } satisfies FromWorker),
			(error) => {
				log.error('yjs.worker-request-failed', errorFields(error));
				process.send?.({ type: 'reply', id, error: 'failed' } satisfies FromWorker);
			}
		);
	process.on('message', (message: ToWorker, handle: unknown) => {
		try {
			switch (message.type) {
				case 'accept':
					if (!(handle instanceof Socket)) return;
					if (stopping) return void handle.destroy();
					handle.on('error', () => handle.destroy());
					host.accept(message.req as IncomingMessage, handle, Buffer.from(message.head, 'base64'), message.handoff);
					break;
				case 'reauthorize':
					host.reauthorize(message.change);
					break;
				case 'document':
					void answer(
						message.id,
						host.document(message.name).then((doc) => Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'))
					);
					break;
				case 'detach':
					void answer(message.id, host.detachAuthors(message.dialogueSessionId, message.participantIds));
					break;
				case 'count':
					void answer(message.id, host.connectionCount());
					break;
				case 'close':
					void stop();
					break;
			}
		} catch (error) {
			log.error('yjs.worker-message-failed', { type: message.type, ...errorFields(error) });
			if ('id' in message) process.send?.({ type: 'reply', id: message.id, error: 'failed' } satisfies FromWorker);
		}
	});
	process.on('disconnect', () => void stop());
	process.on('SIGTERM', () => void stop());
	process.on('SIGINT', () => undefined); // Ctrl+C reaches the whole group; the main process says when.
	process.send?.({ type: 'ready' } satisfies FromWorker);
}
