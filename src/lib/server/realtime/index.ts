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
import { sessionAccess, type Principal } from '../sessions/access';
import { authenticate, authenticateAll, identityOf, originAllowed, reloadPrincipal } from './authenticate';
import { parseDocName } from './documents';
import { themeForDoc } from '../sessions/theme-docs';
import { SessionChannel, type ClientToServerEvents, type KdServer, type KdSocket, type ServerToClientEvents, type SessionSocketData } from './session-events';
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

export type { ClientToServerEvents, ServerToClientEvents, Ack } from './session-events';

/** Answers a websocket upgrade with an HTTP error and closes it. */
function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
	if (socket.writable) {
		socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
	}
	socket.destroy();
}

export class Realtime {
	readonly io: KdServer;
	readonly engine: EngineServer;
	readonly yjs: YjsHost;
	readonly sessions: SessionChannel;

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
		this.io = new SocketServer<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SessionSocketData>({
			serveClient: false,
			path: SOCKET_PATH
		});
		this.io.bind(this.engine);
		this.io.use((socket, next) => {
			const [principal, alt] = authenticateAll(options.db, socket.request, options.sessionDays);
			if (!principal) {
				const error = new Error('unauthorized') as Error & { data?: unknown };
				error.data = { code: 'error.unauthorized' };
				return next(error);
			}
			socket.data.principal = principal;
			if (alt) socket.data.alt = alt;
			next();
		});
		// Closing reads the stored documents: every update is stored before anyone sees it.
		this.sessions = new SessionChannel(options.db, this.io, (name) => storedDocument(options.db, name));
		this.sessions.onRemoved = (id) => this.reauthorizeSession(id);
		this.io.on('connection', (socket) => this.onSocket(socket));

		this.yjs = options.yjsProcess
			? new YjsProcess(options.yjsProcess.script, { compactEvery: options.compactEvery, ...options.yjsProcess.options })
			: new LocalYjs(options.db, { compactEvery: options.compactEvery });
	}

	/** Resolves once every part can take connections (the Yjs process has started). */
	ready(): Promise<void> {
		return this.yjs.ready();
	}

	private onSocket(socket: KdSocket): void {
		const identity = identityOf(socket.data.principal);
		void socket.join(`who:${identity.key}`);
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
		let principal: Principal | null;
		try {
			principal = authenticate(this.options.db, req, this.options.sessionDays);
		} catch (error) {
			log.error('yjs.auth-failed', errorFields(error));
			return refuseUpgrade(socket, 500, 'Internal Server Error');
		}
		if (!principal) {
			log.info('yjs.unauthenticated', { doc: name });
			return refuseUpgrade(socket, 401, 'Unauthorized');
		}
		const access = sessionAccess(this.options.db, principal, ref.dialogueSessionId);
		const identity = identityOf(principal);
		if (!access) {
			log.info('yjs.forbidden', { doc: name, who: identity.key });
			return refuseUpgrade(socket, 403, 'Forbidden');
		}
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
	 * Re-checks everyone connected to a dialogue session after a change (a participant
	 * removed, the session closed): refused people are disconnected, others get their new
	 * access level.
	 */
	reauthorizeSession(dialogueSessionId: number): void {
		const db = this.options.db;
		this.yjs.reauthorize(dialogueSessionId);
		for (const socket of this.io.sockets.sockets.values()) {
			if (!socket.rooms.has(`session:${dialogueSessionId}`)) continue;
			// Re-check the person the socket joined this session as (a participant token sent
			// along with a staff login counts as that participant here).
			const viewer = socket.data.views?.get(dialogueSessionId)?.viewer;
			const key = viewer && 'participantId' in viewer ? `participant:${viewer.participantId}` : identityOf(socket.data.principal).key;
			const principal = reloadPrincipal(db, key);
			if (!principal || !sessionAccess(db, principal, dialogueSessionId)) socket.disconnect(true);
			else if (principal.kind === socket.data.principal.kind) socket.data.principal = principal;
			else socket.data.alt = principal;
		}
	}

	private closing: Promise<void> | null = null;

	close(): Promise<void> {
		this.closing ??= this.shutdown();
		return this.closing;
	}

	private async shutdown(): Promise<void> {
		await this.yjs.close();
		await new Promise<void>((resolve) => this.io.close(() => resolve()));
		this.engine.close();
	}
}
