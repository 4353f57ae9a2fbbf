/** Real socket.io and y-websocket clients for integration tests, with cookie and Origin. */
import WebSocket from 'ws';
import { io, type Socket } from 'socket.io-client';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

export function socketClient(url: string, headers: { cookie?: string; origin?: string }): Socket {
	return io(url, {
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: { ...(headers.cookie ? { cookie: headers.cookie } : {}), origin: headers.origin ?? url }
	});
}

export function connected(socket: Socket): Promise<void> {
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', (error) => reject(error));
	});
}

/** A WebSocket class for y-websocket that sends our cookie and Origin headers. */
function webSocketWith(headers: Record<string, string>): typeof WebSocket {
	return class extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	} as typeof WebSocket;
}

export interface YClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	synced: Promise<void>;
	destroy(): void;
}

export function yjsClient(url: string, docName: string, headers: { cookie?: string; origin?: string }): YClient {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/yjs`, docName, doc, {
		WebSocketPolyfill: webSocketWith({ ...(headers.cookie ? { cookie: headers.cookie } : {}), origin: headers.origin ?? url }) as never,
		disableBc: true,
		maxBackoffTime: 200
	});
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
	});
	return {
		doc,
		provider,
		synced,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Resolves when `check` holds, polling briefly; rejects after `timeout` ms. */
export async function eventually(check: () => boolean | Promise<boolean>, timeout = 5000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeout;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** Opens a raw websocket and reports how the server answered the upgrade. */
export function rawUpgrade(url: string, path: string, headers: Record<string, string>): Promise<{ status: number } | { open: WebSocket }> {
	return new Promise((resolve) => {
		const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`, { headers });
		ws.once('unexpected-response', (_req, res) => {
			resolve({ status: res.statusCode ?? 0 });
			ws.terminate();
		});
		ws.once('open', () => resolve({ open: ws }));
		ws.once('error', () => undefined);
	});
}

/** An awareness update (y-protocols' encoding) with these entries, each state as JSON. */
export function awarenessUpdate(entries: { id: number; clock: number; state: unknown }[]): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(e, entry.id);
		encoding.writeVarUint(e, entry.clock);
		encoding.writeVarString(e, JSON.stringify(entry.state));
	}
	return encoding.toUint8Array(e);
}
