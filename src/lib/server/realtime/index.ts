/**
 * The realtime layer: socket.io (server-authoritative session state) and the Yjs websocket
 * (co-edited text), both behind one upgrade dispatcher. The production server and the Vite
 * dev server attach the same module. Yjs connections are authenticated and authorised here,
 * then served by a YjsHost: in production a process of its own (see yjs/host.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Server as EngineServer } from 'engine.io';
import { Server as SocketServer } from 'socket.io';
import type { Db } from '../db';
import { log, errorFields } from '../log';
import { callerValid, endReason, personKey, sessionRights, type Caller } from '../access';
import type { EndReason } from '../../shared/live-contract';
import { EXPIRY_SWEEP_MS, onAccessChange, type AccessChange } from '../access/changes';
import { authenticateRequest, identityOf, originAllowed } from './authenticate';
import { parseDocName } from '../../shared/theme-document';
import { themeForDoc } from '../sessions/theme-docs';
import {
	SessionChannel,
	type IncomingEvents,
	type KdServer,
	type KdSocket,
	type ServerToClientEvents,
	type SessionSocketData
} from './session-events';
import { LocalYjs, YjsProcess, storedDocument, type WorkerOptions, type YjsHost } from './yjs/host';

export const SOCKET_PATH = '/socket.io/';
export const YJS_PREFIX = '/yjs/';
export { MAX_MESSAGE_BYTES } from './yjs/host';

export interface RealtimeOptions {
	db: Db;
	/** The app's own origin; websocket requests from any other origin are refused. */
	origin: () => string;
	sessionDays: number;
	/** In dev, upgrades this module does not know (Vite's HMR) are left alone. */
	dev?: boolean;
	compactEvery?: number;
	/** Serve co-editing from this script in a process of its own; without it, in this process. */
	yjsProcess?: { script: string; options: WorkerOptions };
}

export type { ClientToServerEvents, ServerToClientEvents, Ack } from '../../shared/live-contract';

/**
 * Socket.io connections one person may have open at once (tabs, a projector, a phone): more
 * are refused. 800 connections with one cookie were accepted before.
 */
export const MAX_CONNECTIONS_PER_PERSON = { participant: 8, staff: 20 } as const;

/** Answers a websocket upgrade with an HTTP error and closes it. */
function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
	if (socket.writable) {
		socket.write(
			`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`
		);
	}
	socket.destroy();
}

export class Realtime {
	readonly io: KdServer;
	readonly engine: EngineServer;
	readonly yjs: YjsHost;
	readonly sessions: SessionChannel;
	/** Open socket.io connections per person (personKey). */
	private readonly connections = new Map<string, number>();
	private readonly stopListening: () => void;
	private readonly expirySweep: NodeJS.Timeout;

	constructor(private readonly options: RealtimeOptions) {
		// The upgrade dispatcher and handleRequest route /socket.io/ here, so no path option.
		this.engine = new EngineServer({
			maxHttpBufferSize: 64 * 1024,
			allowRequest: (req, callback) => {
				const allowed = originAllowed(req, options.origin());
				if (!allowed) log.warn('socket.origin-refused', { path: SOCKET_PATH });
				callback(allowed ? null : 'origin not allowed', allowed);
			}
		});
		this.io = new SocketServer<IncomingEvents, ServerToClientEvents, Record<string, never>, SessionSocketData>({
			serveClient: false,
			path: SOCKET_PATH
		});
		this.io.bind(this.engine);
		this.io.use((socket, next) => {
			const refuse = (code: string) => {
				const error = new Error(code === 'error.unauthorized' ? 'unauthorized' : 'too many connections') as Error & { data?: unknown };
				error.data = { code };
				next(error);
			};
			const { callers } = authenticateRequest(options.db, socket.request, options.sessionDays);
			if (callers.length === 0) return refuse('error.unauthorized');
			const person = personKey(callers[0]!);
			const open = this.connections.get(person) ?? 0;
			if (open >= MAX_CONNECTIONS_PER_PERSON[callers[0]!.kind]) {
				log.warn('socket.too-many-connections', { who: person });
				return refuse('error.tooManyConnections');
			}
			// Counted here, not when socket.io connects it a tick later: CONNECT packets that come
			// in one read would all pass the check first (8 000 sockets for one cookie). Given
			// back when the socket goes, or when its connection closes before it was connected.
			this.connections.set(person, open + 1);
			let counted = true;
			const release = () => {
				if (!counted) return;
				counted = false;
				socket.client.conn.off('close', release);
				const left = (this.connections.get(person) ?? 1) - 1;
				if (left > 0) this.connections.set(person, left);
				else this.connections.delete(person);
			};
			socket.client.conn.once('close', release);
			socket.data.callers = callers;
			socket.data.person = person;
			socket.data.release = release;
			next();
		});
		// Closing reads the stored documents: every update is stored before anyone sees it.
		this.sessions = new SessionChannel(options.db, this.io, (name) => storedDocument(options.db, name));
		this.io.on('connection', (socket) => this.onSocket(socket));
		// A right that changes reaches every connection concerned at once.
		this.stopListening = onAccessChange(options.db, (change) => this.recheck(change));
		// A login that runs out ends like one logged out (nobody announces it).
		this.expirySweep = setInterval(() => this.endExpiredLogins(), EXPIRY_SWEEP_MS);
		this.expirySweep.unref();

		this.yjs = options.yjsProcess
			? new YjsProcess(options.yjsProcess.script, { compactEvery: options.compactEvery, ...options.yjsProcess.options })
			: new LocalYjs(options.db, { compactEvery: options.compactEvery });
	}

	/** Resolves once every part can take connections (the Yjs process has started). */
	ready(): Promise<void> {
		return this.yjs.ready();
	}

	private onSocket(socket: KdSocket): void {
		socket.on('disconnect', () => socket.data.release());
		// Socket events are validated and authorised one by one; an unknown event is ignored.
		this.sessions.attach(socket);
	}

	/** Serves socket.io's HTTP long-polling requests. Returns false for other paths. */
	handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
		if (!req.url?.startsWith(SOCKET_PATH)) return false;
		this.engine.handleRequest(req, res);
		return true;
	}

	/** The one upgrade dispatcher. Returns false when the path is not ours (and left alone). */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		const path = (req.url ?? '/').split('?')[0]!;
		if (path.startsWith(SOCKET_PATH)) {
			this.engine.handleUpgrade(req, socket, head);
			return true;
		}
		if (path.startsWith(YJS_PREFIX)) {
			this.upgradeYjs(req, socket, head, path.slice(YJS_PREFIX.length));
			return true;
		}
		if (!this.options.dev) refuseUpgrade(socket, 404, 'Not Found');
		return !this.options.dev;
	}

	private upgradeYjs(req: IncomingMessage, socket: Duplex, head: Buffer, rawName: string): void {
		socket.on('error', () => socket.destroy());
		if (!originAllowed(req, this.options.origin())) {
			log.warn('yjs.origin-refused', {});
			return refuseUpgrade(socket, 403, 'Forbidden');
		}
		let name: string;
		try {
			name = decodeURIComponent(rawName);
		} catch {
			return refuseUpgrade(socket, 404, 'Not Found');
		}
		const ref = parseDocName(name);
		if (!ref) return refuseUpgrade(socket, 404, 'Not Found');
		let found: ReturnType<typeof authenticateRequest>;
		try {
			found = authenticateRequest(this.options.db, req, this.options.sessionDays);
		} catch (error) {
			log.error('yjs.auth-failed', errorFields(error));
			return refuseUpgrade(socket, 500, 'Internal Server Error');
		}
		if (found.callers.length === 0) {
			log.info('yjs.unauthenticated', { doc: name });
			return refuseUpgrade(socket, 401, 'Unauthorized');
		}
		const rights = sessionRights(this.options.db, found.callers, ref.dialogueSessionId);
		if (!rights) {
			log.info('yjs.forbidden', { doc: name, who: personKey(found.callers[0]!) });
			return refuseUpgrade(socket, 403, 'Forbidden');
		}
		const access = rights.access;
		const identity = identityOf(rights.caller, found.names.get(rights.caller)!);
		// Only the session's chosen themes have documents.
		if (!themeForDoc(this.options.db, ref.dialogueSessionId, ref.themeKey)) {
			log.info('yjs.unknown-theme', { doc: name });
			return refuseUpgrade(socket, 404, 'Not Found');
		}
		if (!this.yjs.accept(req, socket, head, { name, access, identity })) {
			log.warn('yjs.process-unavailable', { doc: name });
			refuseUpgrade(socket, 503, 'Service Unavailable');
		}
	}

	/**
	 * Re-asks the access module for every connection a change of rights concerns, joined to a
	 * session or not, on socket.io and in the Yjs process: a caller whose credential ended is
	 * dropped; a connection left without callers, or without a part in a session it follows,
	 * is told why and ended; one whose part changed (to observer) sees the session with it.
	 */
	recheck(change: AccessChange): void {
		const db = this.options.db;
		this.yjs.reauthorize(change);
		const users = new Set(change.userIds ?? []);
		const people = new Set(change.participantIds ?? []);
		const sessions = new Set(change.sessionIds ?? []);
		const concerns = (c: Caller) => (c.kind === 'staff' ? users.has(c.userId) : people.has(c.participantId));
		const touched = new Set<number>();
		for (const socket of [...this.io.sockets.sockets.values()]) {
			const views = socket.data.views;
			const inSession = [...(views?.keys() ?? [])].some((id) => sessions.has(id));
			if (!inSession && !socket.data.callers.some(concerns)) continue;
			const before = socket.data.callers;
			socket.data.callers = before.filter((c) => callerValid(db, c));
			socket.data.rights?.forget();
			if (socket.data.callers.length === 0) {
				for (const id of views?.keys() ?? []) touched.add(id);
				this.end(socket, before[0] ? endReason(db, before[0]) : 'removed');
				continue;
			}
			let lost: EndReason | null = null;
			for (const [id, joined] of [...(views?.entries() ?? [])]) {
				const rights = sessionRights(db, socket.data.callers, id);
				if (!rights) {
					// A staff member's view (leading, the projector) says so in their own words.
					lost = joined.viewer.kind === 'facilitator' || joined.viewer.kind === 'projector' ? 'staffRemoved' : 'removed';
					touched.add(id);
					this.sessions.leave(socket, id);
					continue;
				}
				joined.viewer = this.sessions.viewerFor(rights, joined.view);
			}
			// Following nothing any more after a session took it away: the page shows why.
			if (lost && views!.size === 0) this.end(socket, lost);
		}
		for (const id of touched) this.sessions.schedule(id);
	}

	/** Staff logins of live connections that ran out since the last look: recheck as at logout (socket.io and Yjs). */
	private endExpiredLogins(): void {
		const db = this.options.db;
		const now = Date.now();
		const ended = new Set<number>();
		try {
			for (const socket of this.io.sockets.sockets.values())
				for (const caller of socket.data.callers)
					if (caller.kind === 'staff' && !ended.has(caller.userId) && !callerValid(db, caller, now)) ended.add(caller.userId);
		} catch (error) {
			log.warn('realtime.expiry-check-failed', errorFields(error));
			return;
		}
		if (ended.size > 0) this.recheck({ userIds: [...ended] });
	}

	/** Tells a connection why it ends, then ends it (the page shows the message and does not reconnect, unless `merged`). */
	private end(socket: KdSocket, reason: EndReason): void {
		socket.emit('session:ended', { reason });
		socket.disconnect(true);
	}

	private closing: Promise<void> | null = null;

	close(): Promise<void> {
		this.closing ??= this.shutdown();
		return this.closing;
	}

	private async shutdown(): Promise<void> {
		// Stickers waiting to be stored are stored and answered before the connections close.
		this.sessions.commitGroup();
		this.stopListening();
		clearInterval(this.expirySweep);
		await this.yjs.close();
		await new Promise<void>((resolve) => this.io.close(() => resolve()));
		this.engine.close();
	}
}
