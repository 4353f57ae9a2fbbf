/**
 * The Yjs websocket server: a thin layer on y-protocols (sync and awareness) that speaks
 * the y-websocket wire protocol. Authentication and authorisation happen before a
 * connection reaches it (see ../index.ts); here each connection carries its access level:
 * updates from read-only connections are dropped, malformed or oversized messages close
 * the connection, and presence (awareness) carries the identity the server knows, not one
 * the client claims.
 *
 * A client's update is applied to the live copy first, then checked against the theme
 * document's layout and the sender's rights (src/lib/shared/theme-document.ts, asked for
 * every write through `rights`) and the limits (per update, per document, per person per
 * minute). Only an update that applied cleanly and passed is stored, and only then relayed:
 * what anyone has seen is stored. A refused one is stored nowhere and relayed to nobody; the
 * live copy is built again from storage (which holds only accepted updates) and the sender
 * is disconnected with CLOSE.refused and the reason, so its browser starts afresh.
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
import {
	CLOSE_REFUSED,
	CLOSE_TOO_MANY,
	WRITE_LIMITS,
	checkTransaction,
	clearLegacyAuthors,
	rootsOf,
	type Refusal,
	type WriteLimits,
	type WriterRights
} from '../../../shared/theme-document';
import { LOAD, type LoadedDoc, type YjsStore } from './persistence';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_QUERY_AWARENESS = 3;

/** Close codes sent to clients. 4xxx are application codes. */
export const CLOSE = {
	malformed: 4400,
	forbidden: 4403,
	/**
	 * A change was refused (layout, rights or a limit) and not stored; the close reason is its
	 * key (see REFUSALS in the theme document module). The client must throw its copy away
	 * and sync afresh, or it sends the same change again.
	 */
	refused: CLOSE_REFUSED,
	/** This person has too many connections to this document (reason `limit.connections`). */
	tooMany: CLOSE_TOO_MANY,
	/** The update could not be stored (database locked, disk full): reconnect later and resync. */
	unavailable: 4503,
	shutdown: 1001
} as const;

/** What the sender of a write may do now (see YjsServerOptions.rights). */
export interface WriteRights {
	access: Access;
	/** The session's facilitator. */
	facilitator: boolean;
	/** The facilitator marked this theme's toetsvraag agreed. */
	testQuestionAgreed: boolean;
	/** A participant's perspective now (their new keywords must carry it); null for staff, absent: not checked. */
	perspective?: string | null;
}

export interface YjsServerOptions {
	/** Compact a document's stored rows after this many appended updates. */
	compactEvery?: number;
	pingIntervalMs?: number;
	/** Fills a document that has never been stored (e.g. with a starting text); persisted like any edit. */
	initialize?: (name: string, doc: Y.Doc) => void;
	/** How long presence renewals wait to be relayed together (see SharedDoc). */
	renewalMs?: number;
	/**
	 * Asked for every write: what the sender may do in this document now; null when they have
	 * no access any more (the connection is closed with CLOSE.forbidden). Without it, a write
	 * connection writes with its access at connect, staff as facilitator.
	 */
	rights?: (identity: Identity, docName: string) => WriteRights | null;
	/** Defaults: WRITE_LIMITS. */
	limits?: Partial<WriteLimits>;
}

/**
 * Presence renewals of a document are relayed together at most this long after the first.
 * Every y-websocket client renews its presence every 15 s and others drop it after 30 s
 * without one, so a few seconds' delay is safe.
 */
export const RENEWAL_MS = 5000;

/** Before refusing an update for the document's size, compact first when the rows hold this much more than the state. */
const COMPACT_SLACK = 64 * 1024;

/** The origin of the server's own edits (starting text, clearing authors). */
const SERVER = 'server';

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

/** The `author` a person's new keywords and criteria carry: their participant id; null for staff (the facilitator). */
export function authorOf(identity: Identity): number | null {
	if (identity.kind !== 'participant') return null;
	const id = Number(identity.key.split(':')[1]);
	return Number.isSafeInteger(id) && id > 0 ? id : null;
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
	/**
	 * An update that needs something this connection has not sent yet (see dependencies()),
	 * waiting for the rest; neither applied nor stored.
	 */
	held?: { update: Uint8Array; messages: number; since: number; timer: NodeJS.Timeout };
}

/** A client's update while it is applied and checked. */
interface Checking {
	origin: WebSocket;
	rights: WriterRights;
	refusal: Refusal | null;
	/** What applying it changed, as Yjs encodes it: what is stored and relayed. */
	update: Uint8Array | null;
}

const leftPending = (doc: Y.Doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

/** How long a document's writers (pieces per person, owners of client ids) are kept after its last change. */
const WRITERS_KEPT_MS = 24 * 60 * 60 * 1000;

/** The live copy's pieces (Yjs items and what is left of deleted ones), after Yjs joined what it could. */
function piecesOf(doc: Y.Doc): number {
	let n = 0;
	for (const structs of doc.store.clients.values()) n += structs.length;
	return n;
}

/** How many pieces one person's accepted changes added to a document, and how many they may (WRITE_LIMITS.piecesPerDocument). */
interface Growth {
	used: number;
	limit: number;
}

/**
 * What a Yjs client id new to a document costs, in pieces: its header and its entry in the
 * deleted ranges take about as many bytes as a piece or two. A page uses one id per load; an
 * update that puts every piece under an id of its own would otherwise take twice the room.
 */
const NEW_CLIENT_PIECES = 2;

/** What the server keeps of a document besides its content: per person their pieces, per Yjs client id its writer. */
interface Writers {
	people: Map<string, Growth>;
	/**
	 * Whose each client id is: who showed a presence under it first (a page does before it
	 * writes), or else who first wrote under it (a change that moved its state; naming it
	 * claims nothing). Nobody else may write under it: a change under someone else's id and
	 * next clock would make the server drop their next change as one it already has.
	 */
	owners: Map<number, string>;
	/**
	 * Per person, the ids they came to own by a presence (WRITE_LIMITS.presenceIdsPerPerson):
	 * presences are not stored, so without a cap one person adding and removing presences
	 * under new ids would grow `owners` for as long as it is kept.
	 */
	presenceClaims: Map<string, number>;
	touched: number;
}

/** The highest clock a struct may reach: far beyond any real editing, well inside safe integers. */
const MAX_CLOCK = 2 ** 40;

/** How long, and for how many messages, an update may wait for what it needs (see Connection.held). */
const HOLD_MS = 5000;
const HOLD_MESSAGES = 100;
/** What waits may grow to this many times the largest update. */
const HOLD_BYTES_FACTOR = 4;
/** What an answer with the whole document or all presences counts at least (see WRITE_LIMITS.syncBytesPerMinute). */
const SYNC_MIN_BYTES = 1024;
/** A refusal after applying (the live copy built again) counts as this many updates of the sender's budget. */
const REBUILD_COST = 60;

/**
 * Whether the document has everything an update builds on: 'ready'; 'waiting' when it refers
 * to something neither the document nor the update holds (Yjs would keep such parts pending:
 * a client that was offline may send a new edit just before the sync answer that carries
 * the edits it builds on); 'invalid' when it can never apply (an item whose origin lies in
 * its own client's future). Reads the decoded update only, so nothing is applied to find out.
 */
export function dependencies(
	doc: Y.Doc,
	decoded: { structs: (Y.Item | Y.GC | Y.Skip)[]; ds: { clients: Map<number, { clock: number; len: number }[]> } }
): 'ready' | 'waiting' | 'invalid' {
	const store = doc.store;
	const ranges = new Map<number, { start: number; end: number }>();
	for (const struct of decoded.structs) {
		const { client, clock } = struct.id;
		const end = clock + struct.length;
		const range = ranges.get(client);
		if (struct instanceof Y.Skip) {
			// A gap in the update: fine only where the document has it already.
			if (end > Y.getState(store, client)) return 'waiting';
		} else if (!range) ranges.set(client, { start: clock, end });
		else range.end = Math.max(range.end, end);
	}
	for (const [client, range] of ranges) if (range.start > Y.getState(store, client)) return 'waiting';
	const known = (id: Y.ID) => {
		if (id.clock < Y.getState(store, id.client)) return true;
		const range = ranges.get(id.client);
		return !!range && id.clock >= range.start && id.clock < range.end;
	};
	for (const struct of decoded.structs) {
		if (!(struct instanceof Y.Item)) continue;
		for (const dep of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
			if (!dep) continue;
			if (dep.client === struct.id.client && dep.clock >= struct.id.clock) return 'invalid';
			if (!known(dep)) return 'waiting';
		}
	}
	for (const [client, deletions] of decoded.ds.clients) {
		const end = Math.max(Y.getState(store, client), ranges.get(client)?.end ?? 0);
		for (const { clock, len } of deletions) if (clock + len > end) return 'waiting';
	}
	return 'ready';
}

/**
 * Updates and bytes per person per minute, across all their connections (a token bucket
 * that refills evenly over the minute).
 */
class Budget {
	private readonly buckets = new Map<string, { updates: number; bytes: number; at: number }>();

	constructor(
		private readonly updates: number,
		private readonly bytes: number
	) {}

	/** Takes `bytes` and `updates` from the person's budget; false (and nothing taken) when it has not enough. */
	take(key: string, bytes: number, updates = 1, now = Date.now()): boolean {
		let bucket = this.buckets.get(key);
		if (!bucket) {
			bucket = { updates: this.updates, bytes: this.bytes, at: now };
			this.buckets.set(key, bucket);
		} else {
			const share = Math.max(0, now - bucket.at) / 60_000;
			bucket.updates = Math.min(this.updates, bucket.updates + share * this.updates);
			bucket.bytes = Math.min(this.bytes, bucket.bytes + share * this.bytes);
			bucket.at = now;
		}
		if (bucket.updates < updates || bucket.bytes < bytes) return false;
		bucket.updates -= updates;
		bucket.bytes -= bytes;
		return true;
	}

	/** A refused update cost the server a rebuild of the live copy: it counts as many updates. */
	penalize(key: string, updates: number): void {
		const bucket = this.buckets.get(key);
		if (bucket) bucket.updates = Math.max(0, bucket.updates - updates);
	}

	/** Forgets people whose budget is full again. */
	sweep(now = Date.now()): void {
		for (const [key, bucket] of this.buckets) if (now - bucket.at >= 60_000) this.buckets.delete(key);
	}
}

/**
 * How long accepted edits wait to be stored together. A commit costs about as much as three
 * appends (SQLite's WAL write and locks); at a room's typing pace a few milliseconds gather
 * several edits into one, for a few milliseconds more before others see an edit.
 */
export const COMMIT_MS = 8;

/**
 * Accepted client updates wait in their document for at most COMMIT_MS, and are then stored
 * together in one transaction and relayed (YjsServer.commit). Until then
 * nobody is sent them or anything built on them: whatever reveals a document's content
 * (answering a sync, compacting, a server edit, rebuilding) stores its waiting updates first.
 */
interface GroupCommit {
	/** Stores a document's waiting updates within COMMIT_MS. */
	schedule(doc: SharedDoc): void;
	/** Stores a document's waiting updates now. */
	flush(doc: SharedDoc): void;
}

interface SharedDocOptions {
	commits: GroupCommit;
	compactEvery: number;
	initialize?: (name: string, doc: Y.Doc) => void;
	renewalMs: number;
	documentLimit: number;
}

class SharedDoc {
	/** The live copy; built again from storage when a client's update is refused. */
	doc!: Y.Doc;
	/** Presence is not part of the document: it has its own (empty) Y.Doc, so the live copy can be replaced. */
	private readonly presenceDoc = new Y.Doc();
	readonly awareness: awarenessProtocol.Awareness;
	readonly conns = new Map<WebSocket, Connection>();
	sinceCompaction = 0;
	/** Bytes of the document's rows in storage (kept up to date as rows are added and compacted). */
	storedBytes = 0;
	private compactedBytes = 0;
	/** Storage could not be read when the live copy had to be built again: the document must be dropped. */
	broken = false;
	private checking: Checking | null = null;
	/** Accepted client updates in the live copy, not yet stored and so not yet relayed (see GroupCommit). */
	unstored: { update: Uint8Array; origin: WebSocket }[] = [];
	/** Client ids whose presence was renewed (same state, newer clock) but not yet relayed. */
	private readonly renewals = new Set<number>();
	private renewalTimer: NodeJS.Timeout | null = null;

	constructor(
		readonly name: string,
		private readonly store: YjsStore,
		private readonly options: SharedDocOptions
	) {
		const loaded = this.open();
		if (loaded.rows > 1 || loaded.skipped.length > 0) this.tryCompact(); // the next load is one row; a skipped row is dropped
		// A new document: its starting content is stored like an edit, so every client gets the same one.
		if (loaded.rows === 0 && options.initialize) options.initialize(name, this.doc);
		// Written before authors were ids: the names go, stored like an edit, and compacted so
		// that they are not in the stored state any more (when compacting fails, the next one does it).
		if (clearLegacyAuthors(this.doc, SERVER) > 0) this.tryCompact();
		this.awareness = new awarenessProtocol.Awareness(this.presenceDoc);
		this.awareness.setLocalState(null);
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
				this.renewalTimer = setTimeout(() => this.relayRenewals(), this.options.renewalMs);
				this.renewalTimer.unref();
			}
			// Not back to the connection it came from: that client knows its own presence (and
			// ignores an echo with the same clock).
			if (now.size > 0) this.relayPresence([...now], origin);
		});
	}

	/** Loads the live copy from storage and listens to it. */
	private open(): LoadedDoc {
		const loaded = this.store.loadDoc(this.name);
		const doc = loaded.doc;
		rootsOf(doc);
		doc.on('afterTransaction', (tr: Y.Transaction) => {
			const checking = this.checking;
			// Now, before Yjs removes what the change deleted: the check compares with it.
			if (checking && tr.origin === checking.origin && checking.refusal === null) checking.refusal = checkTransaction(tr, checking.rights);
		});
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === LOAD) return;
			const checking = this.checking;
			if (checking && origin === checking.origin) {
				// A client's: stored and relayed once it has passed (see applyFromClient).
				checking.update = checking.update ? Y.mergeUpdates([checking.update, update]) : update;
				return;
			}
			// The server's own edit: stored (unless the session is closed), before anyone is sent it
			// (serverEdit stored the client updates it may build on first).
			if (this.store.append(this.name, update)) {
				this.storedBytes += update.length;
				this.sinceCompaction++;
			}
			this.relay(update, null);
		});
		this.doc = doc;
		this.storedBytes = loaded.bytes;
		return loaded;
	}

	/** Builds the live copy again from storage, which holds only accepted updates. Connections stay. */
	private rebuild(): void {
		// Accepted updates of others that wait to be stored are stored first, or they would be lost.
		this.options.commits.flush(this);
		const old = this.doc;
		try {
			this.open();
		} catch (error) {
			this.broken = true;
			log.error('yjs.rebuild-failed', { doc: this.name, ...errorFields(error) });
			throw error;
		}
		old.destroy();
	}

	/**
	 * Applies a client's update to the live copy, checks the result, and, when it passed, lets
	 * it wait to be stored and relayed within COMMIT_MS with the others (GroupCommit).
	 * Returns why it was refused (nothing stored or relayed, the live copy built again), or null.
	 */
	applyFromClient(update: Uint8Array, origin: WebSocket, rights: WriterRights, growth?: Growth): Refusal | null {
		const limit = this.options.documentLimit;
		// Rows hold each edit apart until they are compacted: compacting may make room.
		if (this.storedBytes + update.length > limit && this.storedBytes - this.compactedBytes >= COMPACT_SLACK) this.tryCompact();
		const checking: Checking = { origin, rights, refusal: null, update: null };
		this.checking = checking;
		const before = growth ? piecesOf(this.doc) + NEW_CLIENT_PIECES * this.doc.store.clients.size : 0;
		try {
			Y.applyUpdate(this.doc, update, origin);
		} catch {
			// Decodable but not applicable (e.g. an item whose origin lies in its own client's future).
			checking.refusal = 'invalid';
		} finally {
			this.checking = null;
		}
		if (checking.refusal === null && leftPending(this.doc)) checking.refusal = 'invalid';
		if (checking.refusal === null && checking.update && this.storedBytes + checking.update.length > limit)
			checking.refusal = 'limit.document';
		const grown = growth && checking.refusal === null ? piecesOf(this.doc) + NEW_CLIENT_PIECES * this.doc.store.clients.size - before : 0;
		if (growth && grown > 0 && growth.used + grown > growth.limit) checking.refusal = 'limit.edits';
		if (checking.refusal !== null) {
			this.rebuild();
			return checking.refusal;
		}
		// Deleting may join pieces again: that gives room back.
		if (growth) growth.used = Math.max(0, growth.used + grown);
		const accepted = checking.update;
		if (!accepted) return null; // nothing new
		// Counts toward the document's size at once, so the next update in this turn sees it.
		this.storedBytes += accepted.length;
		this.unstored.push({ update: accepted, origin });
		this.options.commits.schedule(this);
		return null;
	}

	/**
	 * After the waiting updates were stored (`stored[i]` for each, in order) or the store
	 * refused them all (`failure`): relays what was stored; when the session was closed meanwhile
	 * or storage failed, builds the live copy again without the rest and tells their senders.
	 */
	settle(entries: { update: Uint8Array; origin: WebSocket }[], stored: boolean[] | null, failure?: unknown): void {
		let lost = false;
		entries.forEach((entry, i) => {
			if (stored?.[i]) {
				this.relay(entry.update, entry.origin);
				this.sinceCompaction++;
				return;
			}
			lost = true;
			this.storedBytes -= entry.update.length;
			const conn = this.conns.get(entry.origin);
			if (!conn) return;
			if (stored) {
				// The session was closed just now (its connections hear so in a moment): the closing
				// has read the documents, so nothing is added to them any more.
				conn.access = 'read';
				log.debug('yjs.closed-update-dropped', { doc: this.name, who: conn.identity.key });
			} else if (!conn.closed) {
				// Not stored, so not relayed: the client keeps its edit and sends it again when it has
				// reconnected (y-websocket reconnects on this code).
				conn.closed = true;
				log.warn('yjs.storage-fault', { doc: this.name, who: conn.identity.key, fault: storageFault(failure) ?? 'unknown' });
				conn.ws.close(CLOSE.unavailable, 'try again later');
			}
		});
		if (lost) this.rebuild();
		if (this.sinceCompaction >= this.options.compactEvery) this.tryCompact();
	}

	/**
	 * A change of the server's own (clearing authors): stored and relayed like an edit, then
	 * compacted, also in a closed session (where the append refuses), so that what it replaced
	 * is not in storage any more.
	 */
	serverEdit(change: (doc: Y.Doc, origin: unknown) => void): void {
		this.options.commits.flush(this);
		change(this.doc, SERVER);
		this.compact();
	}

	private relay(update: Uint8Array, except: WebSocket | null): void {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		syncProtocol.writeUpdate(encoder, update);
		const message = encoding.toUint8Array(encoder);
		for (const conn of this.conns.values()) if (conn.ws !== except) send(conn.ws, message);
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
		this.presenceDoc.destroy();
		this.doc.destroy();
	}

	compact(): void {
		this.options.commits.flush(this);
		this.storedBytes = this.compactedBytes = this.store.compact(this.name, this.doc);
		this.sinceCompaction = 0;
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

/**
 * What may wait to be sent to one connection. A client that does not read what it is sent
 * (and asks for more) would otherwise make the process hold it all; a phone on a slow line
 * still gets the largest document several times over.
 */
export const MAX_BUFFERED = 4 * WRITE_LIMITS.document;

function send(ws: WebSocket, message: Uint8Array): void {
	if (ws.readyState !== ws.OPEN) return;
	if (ws.bufferedAmount + message.length > MAX_BUFFERED) {
		// Cut: its client reconnects (y-websocket does after an abnormal close) and syncs afresh.
		log.warn('yjs.slow-reader-cut', { buffered: ws.bufferedAmount });
		ws.terminate();
		return;
	}
	ws.send(message, (error) => {
		if (error) ws.terminate();
	});
}

class MalformedMessage extends Error {}

/** Whose a presence (an awareness client id) is: this connection's, another's, or nobody's yet. */
export type PresenceOwner = 'mine' | 'theirs' | 'free';

/**
 * Rewrites an awareness update from a connection: entries for client ids that another
 * connection owns are dropped unread (y-websocket clients echo everyone's presence: most
 * entries are such echoes), and each remaining state carries the identity the server knows
 * instead of what the client claims. A new presence is kept only while `mayAdd` allows.
 * Validates the structure on the way; throws MalformedMessage when it is not an update.
 */
export function ownAwareness(
	update: Uint8Array,
	ownerOf: (clientId: number) => PresenceOwner,
	mayAdd: (clientId: number) => boolean,
	user: Omit<Identity, 'key' | 'caller'>,
	maxState: number
): Uint8Array | null {
	const decoder = decoding.createDecoder(update);
	const length = decoding.readVarUint(decoder);
	if (length > 1000) throw new MalformedMessage('too many awareness entries');
	const kept: { id: number; clock: number; state: string }[] = [];
	for (let i = 0; i < length; i++) {
		const id = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const owner = ownerOf(id);
		if (owner === 'theirs') {
			decoding.readVarUint8Array(decoder); // the state, as bytes: not ours to read
			continue;
		}
		let state: unknown;
		try {
			state = JSON.parse(decoding.readVarString(decoder));
		} catch {
			throw new MalformedMessage('awareness state is not JSON');
		}
		const stamped = state && typeof state === 'object' && !Array.isArray(state) ? { ...state, user } : null;
		const text = JSON.stringify(stamped);
		if (text.length > maxState) continue;
		// The end of a presence nobody has changes nothing (y-protocols would still keep its clock
		// until the document closes: thousands a minute from one client); a new one needs room.
		if (owner === 'free' && (stamped === null || !mayAdd(id))) continue;
		kept.push({ id, clock, state: text });
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
	/** Sockets per person (Identity.key) held now, open or closing (see WRITE_LIMITS.socketsPerPerson). */
	private readonly sockets = new Map<string, number>();
	/**
	 * Per document name: the pieces each person's changes added, and who owns each Yjs client
	 * id (whose text is whose in the share check). Kept while the document is not open too, so
	 * that leaving and coming back does not start the count again.
	 */
	private readonly writers = new Map<string, Writers>();
	private readonly docOptions: SharedDocOptions;
	private readonly limits: WriteLimits;
	private readonly budget: Budget;
	/** Presence messages per person (see WRITE_LIMITS.presencePerMinute). */
	private readonly presence: Budget;
	/** Bytes of whole-document and all-presence answers per person (see WRITE_LIMITS.syncBytesPerMinute); not counted. */
	private readonly syncs: Budget;
	private readonly rights?: (identity: Identity, docName: string) => WriteRights | null;
	private readonly pinger: NodeJS.Timeout;

	constructor(
		private readonly store: YjsStore,
		options: YjsServerOptions = {}
	) {
		this.limits = { ...WRITE_LIMITS, ...options.limits };
		this.docOptions = {
			commits: { schedule: (doc) => this.scheduleCommit(doc), flush: (doc) => this.commit([doc]) },
			compactEvery: options.compactEvery ?? 500,
			initialize: options.initialize,
			renewalMs: options.renewalMs ?? RENEWAL_MS,
			documentLimit: this.limits.document
		};
		this.budget = new Budget(this.limits.updatesPerMinute, this.limits.bytesPerMinute);
		this.presence = new Budget(this.limits.presencePerMinute, this.limits.presenceBytesPerMinute);
		this.syncs = new Budget(Number.POSITIVE_INFINITY, this.limits.syncBytesPerMinute);
		this.rights = options.rights;
		this.pinger = setInterval(() => this.ping(), options.pingIntervalMs ?? 30_000);
		this.pinger.unref();
	}

	/** Documents with accepted updates that wait to be stored within COMMIT_MS. */
	private readonly waiting = new Set<SharedDoc>();
	private commitScheduled = false;

	private scheduleCommit(doc: SharedDoc): void {
		this.waiting.add(doc);
		if (this.commitScheduled) return;
		this.commitScheduled = true;
		setTimeout(() => {
			this.commitScheduled = false;
			this.commit([...this.waiting]);
		}, COMMIT_MS);
	}

	/**
	 * Stores the waiting updates of these documents in one transaction, then relays them (see
	 * GroupCommit). When the store refuses (database locked, disk full), none is stored: each
	 * document's live copy is built again and their senders are told to try again.
	 */
	private commit(docs: SharedDoc[]): void {
		const batch = docs.filter((doc) => this.waiting.delete(doc) && doc.unstored.length > 0).map((doc) => ({ doc, entries: doc.unstored }));
		if (batch.length === 0) return;
		for (const { doc } of batch) doc.unstored = [];
		let stored: boolean[];
		try {
			stored = this.store.appendAll(batch.flatMap(({ doc, entries }) => entries.map((e) => ({ docName: doc.name, update: e.update }))));
		} catch (error) {
			for (const { doc, entries } of batch) this.settleSafely(doc, entries, null, error);
			return;
		}
		let i = 0;
		for (const { doc, entries } of batch) {
			const mine = stored.slice(i, (i += entries.length));
			this.settleSafely(doc, entries, mine);
		}
	}

	private settleSafely(doc: SharedDoc, entries: SharedDoc['unstored'], stored: boolean[] | null, failure?: unknown): void {
		try {
			doc.settle(entries, stored, failure);
		} catch (error) {
			// Building the live copy again failed (storage): the document is dropped, its clients reconnect.
			log.error('yjs.settle-failed', { doc: doc.name, ...errorFields(error) });
			for (const conn of doc.conns.values()) conn.ws.close(CLOSE.unavailable, 'try again later');
		}
	}

	/** Loads a document (from memory or storage). Exposed for tests and the closing step. */
	document(name: string): Y.Doc {
		const shared = this.shared(name);
		this.commit([shared]);
		return shared.doc;
	}

	private shared(name: string): SharedDoc {
		let shared = this.docs.get(name);
		if (!shared) {
			shared = new SharedDoc(name, this.store, this.docOptions);
			this.docs.set(name, shared);
		}
		return shared;
	}

	/** The names of the documents open now that `filter` accepts. */
	openDocuments(filter: (docName: string) => boolean): string[] {
		return [...this.docs.keys()].filter(filter);
	}

	/**
	 * Makes a change of the server's own in an open document (stored, relayed and compacted;
	 * see SharedDoc.serverEdit). False when the document is not open here.
	 */
	edit(name: string, change: (doc: Y.Doc, origin: unknown) => void): boolean {
		const shared = this.docs.get(name);
		if (!shared) return false;
		shared.serverEdit(change);
		return true;
	}

	/** Takes over an authorised websocket for one document. */
	accept(ws: WebSocket, docName: string, access: Access, identity: Identity): void {
		// First, also for a connection refused below: a broken frame from its client while the
		// close is under way makes ws emit 'error', which without a listener ended the whole Yjs
		// process (helper-61: the ninth connection of one person and six bytes).
		ws.on('error', () => ws.terminate());
		// Every socket counts until it is gone, also while a refused one waits for its client to
		// answer the close: without it, one person held thousands (helper-61).
		const sockets = this.sockets.get(identity.key) ?? 0;
		if (sockets >= this.limits.socketsPerPerson) {
			log.warn('yjs.too-many-sockets', { doc: docName, who: identity.key });
			ws.terminate();
			return;
		}
		this.sockets.set(identity.key, sockets + 1);
		ws.once('close', () => {
			const left = (this.sockets.get(identity.key) ?? 1) - 1;
			if (left > 0) this.sockets.set(identity.key, left);
			else this.sockets.delete(identity.key);
		});
		const open = this.docs.get(docName);
		if (open && [...open.conns.values()].filter((c) => c.identity.key === identity.key).length >= this.limits.connectionsPerDocument) {
			log.warn('yjs.too-many-connections', { doc: docName, who: identity.key });
			ws.close(CLOSE.tooMany, 'limit.connections');
			return;
		}
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
				if (shared.broken) this.evict(shared);
				if (fault) {
					// Not stored, so not relayed (and gone from the live copy): the client keeps its
					// edit and sends it again when it has reconnected (y-websocket reconnects on this code).
					log.warn('yjs.storage-fault', { doc: docName, who: identity.key, fault });
					ws.close(CLOSE.unavailable, 'try again later');
					return;
				}
				log.warn('yjs.message-rejected', { doc: docName, who: identity.key, ...errorFields(error) });
				ws.close(CLOSE.malformed, 'malformed message');
			}
		});
		ws.on('close', () => this.onClose(shared, conn));

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
					// The answer is the whole document (what it holds in storage, at most): a few bytes
					// asked for up to a megabyte of work and sending, limited per person.
					if (!this.syncs.take(conn.identity.key, Math.max(SYNC_MIN_BYTES, shared.storedBytes), 0)) return this.tooManySyncs(shared, conn);
					// The answer is the document as stored: what waits to be stored goes first.
					this.commit([shared]);
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
					this.receive(shared, conn, update);
				} else {
					throw new MalformedMessage(`unknown sync message ${syncType}`);
				}
				break;
			}
			case MESSAGE_AWARENESS: {
				const update = decoding.readVarUint8Array(decoder);
				if (conn.access !== 'write') return;
				// Every presence goes to everyone in the document: limited per person, dropped beyond.
				// The bytes count for every message; a message counts only when it brings a presence
				// of the sender's own (y-websocket clients echo everyone's: those are dropped below).
				if (!this.presence.take(conn.identity.key, update.length, 0)) return this.dropPresence(shared, conn);
				const { key: _key, caller: _caller, ...shown } = conn.identity;
				// Its own presences, and new ones up to presencesPerConnection; none of another connection.
				let room = this.limits.presencesPerConnection - conn.clientIds.size;
				const ownerOf = (id: number): PresenceOwner => {
					if (conn.clientIds.has(id)) return 'mine';
					for (const other of shared.conns.values()) if (other.clientIds.has(id)) return 'theirs';
					return 'free';
				};
				const writers = this.writersOf(shared.name);
				const key = conn.identity.key;
				// A new presence needs room on this connection, an id that is nobody else's, and, when
				// the id is nobody's yet, a claim left (staff have no cap).
				let claims = conn.identity.kind === 'staff' ? Infinity : this.limits.presenceIdsPerPerson - (writers.presenceClaims.get(key) ?? 0);
				const mayAdd = (id: number) => {
					const owner = writers.owners.get(id);
					if (room <= 0 || (owner !== undefined && owner !== key) || (owner === undefined && claims <= 0)) return false;
					room--;
					if (owner === undefined) claims--;
					return true;
				};
				const own = ownAwareness(update, ownerOf, mayAdd, shown, this.limits.presenceState);
				if (!own) break;
				if (!this.presence.take(key, 0)) return this.dropPresence(shared, conn);
				awarenessProtocol.applyAwarenessUpdate(shared.awareness, own, conn.ws);
				// A page shows its presence before it writes, under the id it will write under: that
				// id is its own from now on, before anyone who sees it could write under it first.
				for (const id of conn.clientIds) {
					if (writers.owners.has(id)) continue;
					writers.owners.set(id, key);
					writers.presenceClaims.set(key, (writers.presenceClaims.get(key) ?? 0) + 1);
				}
				break;
			}
			case MESSAGE_QUERY_AWARENESS: {
				// Answered to the sender only, like a sync step 1, and limited with it; small now that
				// each connection shows presencesPerConnection at most.
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
				encoding.writeVarUint8Array(
					encoder,
					awarenessProtocol.encodeAwarenessUpdate(shared.awareness, [...shared.awareness.getStates().keys()])
				);
				const answer = encoding.toUint8Array(encoder);
				if (!this.syncs.take(conn.identity.key, Math.max(SYNC_MIN_BYTES, answer.length), 0)) return this.tooManySyncs(shared, conn);
				send(conn.ws, answer);
				break;
			}
			case MESSAGE_AUTH:
				// Clients do not authenticate in-band; the upgrade request carried the credentials.
				break;
			default:
				throw new MalformedMessage(`unknown message type ${type}`);
		}
	}

	/**
	 * Over the budget of whole-document answers: the connection is closed with "try again
	 * later", so a page reconnects (with back-off) and asks again, and nothing more is sent to
	 * one that asked for more than it reads.
	 */
	private tooManySyncs(shared: SharedDoc, conn: Connection): void {
		log.warn('yjs.too-many-syncs', { doc: shared.name, who: conn.identity.key });
		conn.closed = true;
		conn.ws.close(CLOSE.unavailable, 'try again later');
	}

	/** Over the presence budget: the message is dropped (the next presence says it all again). */
	private dropPresence(shared: SharedDoc, conn: Connection): void {
		log.debug('yjs.presence-dropped', { doc: shared.name, who: conn.identity.key });
	}

	/**
	 * A document update from a write connection: limits, decode, whether the document has
	 * what it builds on, rights, then apply and check (SharedDoc.applyFromClient).
	 */
	private receive(shared: SharedDoc, conn: Connection, incoming: Uint8Array): void {
		if (incoming.length > this.limits.update) return this.refuse(shared, conn, 'limit.update');
		if (!this.budget.take(conn.identity.key, incoming.length)) return this.refuse(shared, conn, 'limit.rate');
		let update = incoming;
		let decoded = Y.decodeUpdate(incoming); // throws on a malformed update before anything is applied
		if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return; // e.g. a sync answer with nothing new
		// Yjs never sends a struct of no length (a GC of length 0 makes the document's state one
		// that cannot be loaded again), nor clocks near the end of safe integers.
		if (decoded.structs.some((struct) => struct.length <= 0 || struct.id.clock + struct.length > MAX_CLOCK))
			return this.refuse(shared, conn, 'invalid');
		let ready = dependencies(shared.doc, decoded);
		if (ready === 'invalid') return this.refuse(shared, conn, 'invalid');
		const held = conn.held;
		if (held) {
			// Together with what waited, or on its own (it may not need it), or waiting along.
			this.release(conn);
			let together: Uint8Array;
			try {
				together = Y.mergeUpdates([held.update, incoming]);
			} catch {
				return this.refuse(shared, conn, 'invalid');
			}
			const decodedTogether = Y.decodeUpdate(together);
			const readyTogether = dependencies(shared.doc, decodedTogether);
			if (readyTogether === 'invalid') return this.refuse(shared, conn, 'invalid');
			if (readyTogether === 'ready' || ready === 'waiting') {
				update = together;
				decoded = decodedTogether;
				ready = readyTogether;
			} else if (!this.hold(shared, conn, held.update, held.messages + 1, held.since)) return;
		}
		if (ready === 'waiting') return void this.hold(shared, conn, update, (held?.messages ?? 0) + 1, held?.since ?? Date.now());
		const rights = this.rights
			? this.rights(conn.identity, shared.name)
			: { access: conn.access, facilitator: conn.identity.kind === 'staff', testQuestionAgreed: false };
		if (rights === null) return this.revoke(shared, conn);
		if (rights.access !== 'write') {
			conn.access = 'read';
			log.debug('yjs.read-only-update-dropped', { doc: shared.name, who: conn.identity.key });
			return;
		}
		const writers = this.writersOf(shared.name);
		const clients = new Set(decoded.structs.map((struct) => struct.id.client));
		for (const client of clients) {
			const owner = writers.owners.get(client);
			if (owner !== undefined && owner !== conn.identity.key) return this.refuse(shared, conn, 'invalid');
		}
		const author = rights.facilitator ? null : authorOf(conn.identity);
		const statesBefore = new Map([...clients].map((client) => [client, Y.getState(shared.doc.store, client)]));
		const result = shared.applyFromClient(
			update,
			conn.ws,
			{
				facilitator: rights.facilitator,
				testQuestionAgreed: rights.testQuestionAgreed,
				perspective: rights.perspective,
				author,
				wroteAs: (client) => writers.owners.get(client) === conn.identity.key
			},
			rights.facilitator ? undefined : this.growthOf(writers, conn.identity.key)
		);
		// Only the ids the change wrote under: naming an id (a Skip, a struct the document has) claims nothing.
		if (result === null)
			for (const client of clients)
				if (!writers.owners.has(client) && Y.getState(shared.doc.store, client) > statesBefore.get(client)!)
					writers.owners.set(client, conn.identity.key);
		if (result !== null) {
			// Building the live copy again took work: refusals use up the sender's budget fast.
			this.budget.penalize(conn.identity.key, REBUILD_COST);
			this.refuse(shared, conn, result);
		}
	}

	private writersOf(docName: string): Writers {
		let entry = this.writers.get(docName);
		if (!entry) this.writers.set(docName, (entry = { people: new Map(), owners: new Map(), presenceClaims: new Map(), touched: 0 }));
		entry.touched = Date.now();
		return entry;
	}

	private growthOf(writers: Writers, who: string): Growth {
		let growth = writers.people.get(who);
		if (!growth) writers.people.set(who, (growth = { used: 0, limit: this.limits.piecesPerDocument }));
		return growth;
	}

	/**
	 * Keeps an update that waits for what it builds on, for a few seconds (from when it first
	 * waited) and messages at most; then the connection is refused. False when refused now.
	 */
	private hold(shared: SharedDoc, conn: Connection, update: Uint8Array, messages: number, since: number): boolean {
		const left = since + HOLD_MS - Date.now();
		if (messages > HOLD_MESSAGES || left <= 0 || update.length > HOLD_BYTES_FACTOR * this.limits.update) {
			this.refuse(shared, conn, 'invalid');
			return false;
		}
		const timer = setTimeout(() => {
			if (conn.held?.timer !== timer || conn.closed) return;
			conn.held = undefined;
			this.refuse(shared, conn, 'invalid');
		}, left);
		timer.unref();
		conn.held = { update, messages, since, timer };
		return true;
	}

	private release(conn: Connection): void {
		if (conn.held) clearTimeout(conn.held.timer);
		conn.held = undefined;
	}

	/**
	 * Ends a connection whose access is gone, at once: nothing it sends any more is read, and its
	 * presence (with the person's name) leaves everyone's screen now, not when the client answers
	 * the close (a client that does not answer keeps the socket open for up to 30 seconds).
	 */
	private revoke(shared: SharedDoc, conn: Connection): void {
		conn.closed = true;
		conn.ws.close(CLOSE.forbidden, 'access revoked');
		this.onClose(shared, conn);
	}

	private refuse(shared: SharedDoc, conn: Connection, reason: Refusal): void {
		log.warn('yjs.update-refused', { doc: shared.name, who: conn.identity.key, reason });
		conn.closed = true;
		conn.ws.close(CLOSE.refused, reason);
	}

	/** Drops a document whose live copy cannot be trusted: everyone reconnects and gets it from storage. */
	private evict(shared: SharedDoc): void {
		if (this.docs.get(shared.name) === shared) this.docs.delete(shared.name);
		for (const conn of shared.conns.values()) {
			conn.closed = true;
			conn.ws.close(CLOSE.unavailable, 'try again later');
		}
		shared.destroy();
	}

	private onClose(shared: SharedDoc, conn: Connection): void {
		this.release(conn);
		if (!shared.conns.delete(conn.ws)) return;
		if (conn.clientIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(shared.awareness, [...conn.clientIds], null);
		}
		if (shared.conns.size === 0 && this.docs.get(shared.name) === shared) {
			// What the last editor sent in this turn is stored before the live copy goes.
			this.commit([shared]);
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
		this.budget.sweep();
		this.presence.sweep();
		this.syncs.sweep();
		// A session takes hours, not days: counts of documents nobody wrote to for long are let go.
		const stale = Date.now() - WRITERS_KEPT_MS;
		for (const [name, entry] of this.writers) if (entry.touched < stale && !this.docs.has(name)) this.writers.delete(name);
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
	reauthorize(
		concerns: (identity: Identity, docName: string) => boolean,
		decide: (identity: Identity, docName: string) => Access | null
	): void {
		for (const shared of this.docs.values()) {
			for (const conn of [...shared.conns.values()]) {
				if (!concerns(conn.identity, shared.name)) continue;
				const access = decide(conn.identity, shared.name);
				if (access === null) this.revoke(shared, conn);
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
