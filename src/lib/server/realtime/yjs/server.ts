/**
 * The Yjs websocket server: a thin layer on y-protocols (sync and awareness) that speaks
 * the y-websocket wire protocol. Authentication and authorisation happen before a
 * connection reaches it (see ../index.ts); here each connection carries its access level:
 * updates from read-only connections are dropped, malformed or oversized messages close
 * the connection, and presence (awareness) carries the identity the server knows, not one
 * the client claims.
 */
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { Access, Caller } from '../../access';
import { log, errorFields } from '../../log';
import { storageFault } from '../../errors';
import type { YjsStore } from './persistence';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_QUERY_AWARENESS = 3;

/** Close codes sent to clients. 4xxx are application codes. */
export const CLOSE = {
	malformed: 4400,
	forbidden: 4403,
	/** The update could not be stored (database locked, disk full): reconnect later and resync. */
	unavailable: 4503,
	shutdown: 1001
} as const;

export interface YjsServerOptions {
	/** Compact a document's stored rows after this many appended updates. */
	compactEvery?: number;
	pingIntervalMs?: number;
	/** Fills a document that has never been stored (e.g. with a starting text); persisted like any edit. */
	initialize?: (name: string, doc: Y.Doc) => void;
	/** How long presence renewals wait to be relayed together (see SharedDoc). */
	renewalMs?: number;
}

/**
 * Presence renewals of a document are relayed together at most this long after the first.
 * Every y-websocket client renews its presence every 15 s and others drop it after 30 s
 * without one, so a few seconds' delay is safe.
 */
export const RENEWAL_MS = 5000;

/** What the server knows about the person behind a connection, shown to others as presence. */
export interface Identity {
	/** Stable key for the person (e.g. `participant:12`), used to find their connections. */
	key: string;
	/** The credential the connection came with: its rights are asked of the access module with it. */
	caller: Caller;
	name: string;
	kind: 'staff' | 'participant';
	perspective?: string;
}

interface Connection {
	ws: WebSocket;
	access: Access;
	identity: Identity;
	/** Awareness client ids this connection introduced; only it may change them. */
	clientIds: Set<number>;
	alive: boolean;
	/** Closed by the server: later messages already on their way are ignored. */
	closed?: boolean;
}

class SharedDoc {
	readonly doc = new Y.Doc();
	readonly awareness: awarenessProtocol.Awareness;
	readonly conns = new Map<WebSocket, Connection>();
	sinceCompaction = 0;
	/** Client ids whose presence was renewed (same state, newer clock) but not yet relayed. */
	private readonly renewals = new Set<number>();
	private renewalTimer: NodeJS.Timeout | null = null;

	constructor(
		readonly name: string,
		private readonly store: YjsStore,
		private readonly compactEvery: number,
		initialize?: (name: string, doc: Y.Doc) => void,
		private readonly renewalMs = RENEWAL_MS
	) {
		const rows = store.loadInto(name, this.doc, 'load');
		if (rows > 1) this.tryCompact();
		// A new document: its starting content is stored like an edit, so every client gets the same one.
		if (rows === 0 && initialize) {
			initialize(name, this.doc);
			const seed = Y.encodeStateAsUpdate(this.doc);
			if (seed.length > 2) store.append(name, seed);
		}
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === 'load') return;
			// A client's update was stored before it was applied (see YjsServer.onMessage); others
			// (the starting text) are stored here, before anyone is sent them.
			if (!this.conns.has(origin as WebSocket)) this.store.append(this.name, update);
			if (++this.sinceCompaction >= this.compactEvery) this.tryCompact();
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE_SYNC);
			syncProtocol.writeUpdate(encoder, update);
			const message = encoding.toUint8Array(encoder);
			for (const conn of this.conns.values()) if (conn.ws !== origin) send(conn.ws, message);
		});
		// Awareness emits 'change' (states that really changed) just before 'update' (those and
		// the renewals), for the same update.
		let changed = new Set<number>();
		this.awareness.on('change', ({ added, updated, removed }: AwarenessChange) => {
			changed = new Set([...added, ...updated, ...removed]);
		});
		this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
			const now = changed;
			changed = new Set();
			const conn = origin ? this.conns.get(origin as WebSocket) : undefined;
			if (conn) {
				for (const id of added) conn.clientIds.add(id);
				for (const id of removed) conn.clientIds.delete(id);
			}
			// A renewal only keeps a presence alive; with thousands of people they were a fifth of
			// all messages sent. They go out together, a few seconds later (RENEWAL_MS).
			for (const id of updated) if (!now.has(id)) this.renewals.add(id);
			for (const id of now) this.renewals.delete(id);
			if (this.renewals.size > 0 && !this.renewalTimer) {
				this.renewalTimer = setTimeout(() => this.relayRenewals(), this.renewalMs);
				this.renewalTimer.unref();
			}
			// Not back to the connection it came from: that client knows its own presence (and
			// ignores an echo with the same clock).
			if (now.size > 0) this.relayPresence([...now], origin);
		});
	}

	private relayPresence(clientIds: number[], origin: unknown): void {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds));
		const message = encoding.toUint8Array(encoder);
		for (const c of this.conns.values()) if (c.ws !== origin) send(c.ws, message);
	}

	private relayRenewals(): void {
		this.renewalTimer = null;
		const ids = [...this.renewals].filter((id) => this.awareness.states.has(id));
		this.renewals.clear();
		if (ids.length > 0) this.relayPresence(ids, null);
	}

	destroy(): void {
		if (this.renewalTimer) clearTimeout(this.renewalTimer);
		this.awareness.destroy();
		this.doc.destroy();
	}

	compact(): void {
		this.store.compact(this.name, this.doc);
		this.sinceCompaction = 0;
	}

	/**
	 * Stores an update from a client before it is applied (throws when storage refuses it).
	 * False when the session has been closed: the document is read-only now.
	 */
	persist(update: Uint8Array): boolean {
		return this.store.append(this.name, update);
	}

	/** Compaction only tidies up (one transaction, all or nothing): when it fails, the rows stay and it is tried again later. */
	tryCompact(): void {
		try {
			this.compact();
		} catch (error) {
			log.warn('yjs.compact-failed', { doc: this.name, ...errorFields(error) });
		}
	}
}

interface AwarenessChange {
	added: number[];
	updated: number[];
	removed: number[];
}

function send(ws: WebSocket, message: Uint8Array): void {
	if (ws.readyState !== ws.OPEN) return;
	ws.send(message, (error) => {
		if (error) ws.terminate();
	});
}

class MalformedMessage extends Error {}

/**
 * Rewrites an awareness update from a connection: entries for client ids that another
 * connection owns are dropped (y-websocket clients echo everyone's presence), and each
 * remaining state carries the identity the server knows instead of what the client claims.
 * Validates the structure on the way; throws MalformedMessage when it is not an update.
 */
function ownAwareness(update: Uint8Array, mayUse: (clientId: number) => boolean, user: Omit<Identity, 'key' | 'caller'>): Uint8Array | null {
	const decoder = decoding.createDecoder(update);
	const length = decoding.readVarUint(decoder);
	if (length > 1000) throw new MalformedMessage('too many awareness entries');
	const kept: { id: number; clock: number; state: string }[] = [];
	for (let i = 0; i < length; i++) {
		const id = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		let state: unknown;
		try {
			state = JSON.parse(decoding.readVarString(decoder));
		} catch {
			throw new MalformedMessage('awareness state is not JSON');
		}
		if (!mayUse(id)) continue;
		const stamped = state && typeof state === 'object' && !Array.isArray(state) ? { ...state, user } : null;
		kept.push({ id, clock, state: JSON.stringify(stamped) });
	}
	if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes in awareness update');
	if (kept.length === 0) return null;
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, kept.length);
	for (const entry of kept) {
		encoding.writeVarUint(encoder, entry.id);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, entry.state);
	}
	return encoding.toUint8Array(encoder);
}

export class YjsServer {
	private readonly docs = new Map<string, SharedDoc>();
	private readonly compactEvery: number;
	private readonly initialize?: (name: string, doc: Y.Doc) => void;
	private readonly renewalMs: number;
	private readonly pinger: NodeJS.Timeout;

	constructor(
		private readonly store: YjsStore,
		options: YjsServerOptions = {}
	) {
		this.compactEvery = options.compactEvery ?? 500;
		this.initialize = options.initialize;
		this.renewalMs = options.renewalMs ?? RENEWAL_MS;
		this.pinger = setInterval(() => this.ping(), options.pingIntervalMs ?? 30_000);
		this.pinger.unref();
	}

	/** Loads a document (from memory or storage). Exposed for tests and the closing step. */
	document(name: string): Y.Doc {
		return this.shared(name).doc;
	}

	private shared(name: string): SharedDoc {
		let shared = this.docs.get(name);
		if (!shared) {
			shared = new SharedDoc(name, this.store, this.compactEvery, this.initialize, this.renewalMs);
			this.docs.set(name, shared);
		}
		return shared;
	}

	/** Takes over an authorised websocket for one document. */
	accept(ws: WebSocket, docName: string, access: Access, identity: Identity): void {
		const shared = this.shared(docName);
		const conn: Connection = { ws, access, identity, clientIds: new Set(), alive: true };
		shared.conns.set(ws, conn);
		ws.binaryType = 'arraybuffer';
		ws.on('pong', () => (conn.alive = true));
		ws.on('message', (data: ArrayBuffer | Buffer, isBinary: boolean) => {
			if (conn.closed) return;
			try {
				if (!isBinary) throw new MalformedMessage('text frame');
				this.onMessage(shared, conn, new Uint8Array(data as ArrayBuffer));
			} catch (error) {
				conn.closed = true;
				const fault = storageFault(error);
				if (fault) {
					// Not stored, so not applied or relayed: the client keeps its edit and sends it
					// again when it has reconnected (y-websocket reconnects on this code).
					log.warn('yjs.storage-fault', { doc: docName, who: identity.key, fault });
					ws.close(CLOSE.unavailable, 'try again later');
					return;
				}
				log.warn('yjs.message-rejected', { doc: docName, who: identity.key, ...errorFields(error) });
				ws.close(CLOSE.malformed, 'malformed message');
			}
		});
		ws.on('close', () => this.onClose(shared, conn));
		ws.on('error', () => ws.terminate());

		// Stored state is in the doc already: start the sync with step 1 and current presence.
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(encoder, shared.doc);
		send(ws, encoding.toUint8Array(encoder));
		const states = shared.awareness.getStates();
		if (states.size > 0) {
			const awarenessEncoder = encoding.createEncoder();
			encoding.writeVarUint(awarenessEncoder, MESSAGE_AWARENESS);
			encoding.writeVarUint8Array(awarenessEncoder, awarenessProtocol.encodeAwarenessUpdate(shared.awareness, [...states.keys()]));
			send(ws, encoding.toUint8Array(awarenessEncoder));
		}
	}

	private onMessage(shared: SharedDoc, conn: Connection, message: Uint8Array): void {
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MESSAGE_SYNC: {
				const syncType = decoding.readVarUint(decoder);
				if (syncType === syncProtocol.messageYjsSyncStep1) {
					const encoder = encoding.createEncoder();
					encoding.writeVarUint(encoder, MESSAGE_SYNC);
					syncProtocol.readSyncStep1(decoder, encoder, shared.doc);
					send(conn.ws, encoding.toUint8Array(encoder));
				} else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
					const update = decoding.readVarUint8Array(decoder);
					if (conn.access !== 'write') {
						log.debug('yjs.read-only-update-dropped', { doc: shared.name, who: conn.identity.key });
						return;
					}
					const decoded = Y.decodeUpdate(update); // throws on a malformed update before anything is applied
					// Stored before it is applied: whatever another client gets (relayed, or in a sync
					// answer) is on disk, so an edit anyone has seen survives a crash. When it cannot be
					// stored, this throws and nothing is applied.
					if ((decoded.structs.length > 0 || decoded.ds.clients.size > 0) && !shared.persist(update)) {
						// The session was closed just now (its connections hear so in a moment): the
						// closing has read the documents, so nothing is added to them any more.
						conn.access = 'read';
						log.debug('yjs.closed-update-dropped', { doc: shared.name, who: conn.identity.key });
						return;
					}
					Y.applyUpdate(shared.doc, update, conn.ws);
				} else {
					throw new MalformedMessage(`unknown sync message ${syncType}`);
				}
				break;
			}
			case MESSAGE_AWARENESS: {
				const update = decoding.readVarUint8Array(decoder);
				if (conn.access !== 'write') return;
				const { key: _key, caller: _caller, ...shown } = conn.identity;
				const mayUse = (id: number) => conn.clientIds.has(id) || ![...shared.conns.values()].some((c) => c.clientIds.has(id));
				const own = ownAwareness(update, mayUse, shown);
				if (own) awarenessProtocol.applyAwarenessUpdate(shared.awareness, own, conn.ws);
				break;
			}
			case MESSAGE_QUERY_AWARENESS: {
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
				encoding.writeVarUint8Array(
					encoder,
					awarenessProtocol.encodeAwarenessUpdate(shared.awareness, [...shared.awareness.getStates().keys()])
				);
				send(conn.ws, encoding.toUint8Array(encoder));
				break;
			}
			case MESSAGE_AUTH:
				// Clients do not authenticate in-band; the upgrade request carried the credentials.
				break;
			default:
				throw new MalformedMessage(`unknown message type ${type}`);
		}
	}

	private onClose(shared: SharedDoc, conn: Connection): void {
		if (!shared.conns.delete(conn.ws)) return;
		if (conn.clientIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(shared.awareness, [...conn.clientIds], null);
		}
		if (shared.conns.size === 0 && this.docs.get(shared.name) === shared) {
			try {
				if (shared.sinceCompaction > 0) shared.compact();
			} catch (error) {
				log.error('yjs.compact-failed', { doc: shared.name, ...errorFields(error) });
			}
			shared.destroy();
			this.docs.delete(shared.name);
		}
	}

	private ping(): void {
		for (const shared of this.docs.values()) {
			for (const conn of shared.conns.values()) {
				if (!conn.alive) {
					conn.ws.terminate();
					continue;
				}
				conn.alive = false;
				conn.ws.ping();
			}
		}
	}

	/**
	 * Re-checks every connection a change concerns: `decide` returns the new access for a
	 * connection, or null to disconnect it. Used whenever someone's rights change.
	 */
	reauthorize(concerns: (identity: Identity, docName: string) => boolean, decide: (identity: Identity, docName: string) => Access | null): void {
		for (const shared of this.docs.values()) {
			for (const conn of [...shared.conns.values()]) {
				if (!concerns(conn.identity, shared.name)) continue;
				const access = decide(conn.identity, shared.name);
				if (access === null) conn.ws.close(CLOSE.forbidden, 'access revoked');
				else conn.access = access;
			}
		}
	}

	connectionCount(): number {
		let n = 0;
		for (const shared of this.docs.values()) n += shared.conns.size;
		return n;
	}

	/** Closes every connection and writes every document's state compactly. */
	close(): void {
		clearInterval(this.pinger);
		for (const shared of [...this.docs.values()]) {
			for (const conn of shared.conns.values()) conn.ws.close(CLOSE.shutdown, 'server shutting down');
			try {
				shared.compact();
			} catch (error) {
				log.error('yjs.compact-failed', { doc: shared.name, ...errorFields(error) });
			}
			shared.destroy();
		}
		this.docs.clear();
	}
}
