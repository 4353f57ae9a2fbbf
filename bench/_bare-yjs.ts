/**
 * The baseline for bench/load.ts: a bare y-websocket relay, its own process. One Y.Doc per
 * room (the URL path), the y-protocols sync and awareness messages, every update applied and
 * broadcast to the room's other connections. No authentication, no persistence, no checks.
 *
 *   PORT=3002 node build/bench/_bare-yjs.js
 */
import http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

interface Room {
	doc: Y.Doc;
	awareness: awarenessProtocol.Awareness;
	conns: Map<WebSocket, Set<number>>;
}

const rooms = new Map<string, Room>();

function send(ws: WebSocket, message: Uint8Array): void {
	if (ws.readyState === ws.OPEN) ws.send(message);
}

function framed(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

function roomOf(name: string): Room {
	const room = rooms.get(name);
	if (room) return room;
	const doc = new Y.Doc();
	const awareness = new awarenessProtocol.Awareness(doc);
	awareness.setLocalState(null);
	const created: Room = { doc, awareness, conns: new Map() };
	doc.on('update', (update: Uint8Array, origin: unknown) => {
		const message = framed(MESSAGE_SYNC, (e) => syncProtocol.writeUpdate(e, update));
		for (const ws of created.conns.keys()) if (ws !== origin) send(ws, message);
	});
	awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
		const ids = created.conns.get(origin as WebSocket);
		if (ids) {
			for (const id of added) ids.add(id);
			for (const id of removed) ids.delete(id);
		}
		const message = framed(MESSAGE_AWARENESS, (e) =>
			encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]))
		);
		for (const ws of created.conns.keys()) send(ws, message);
	});
	rooms.set(name, created);
	return created;
}

const server = http.createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server });
wss.on('connection', (ws, req) => {
	const room = roomOf((req.url ?? '/').split('?')[0]!);
	room.conns.set(ws, new Set());
	ws.binaryType = 'arraybuffer';
	ws.on('message', (data: ArrayBuffer) => {
		try {
			const decoder = decoding.createDecoder(new Uint8Array(data));
			const type = decoding.readVarUint(decoder);
			if (type === MESSAGE_SYNC) {
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, MESSAGE_SYNC);
				syncProtocol.readSyncMessage(decoder, encoder, room.doc, ws);
				if (encoding.length(encoder) > 1) send(ws, encoding.toUint8Array(encoder));
			} else if (type === MESSAGE_AWARENESS) {
				awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), ws);
			}
		} catch {
			ws.close();
		}
	});
	ws.on('close', () => {
		const ids = room.conns.get(ws);
		room.conns.delete(ws);
		if (ids && ids.size > 0) awarenessProtocol.removeAwarenessStates(room.awareness, [...ids], null);
	});
	send(
		ws,
		framed(MESSAGE_SYNC, (e) => syncProtocol.writeSyncStep1(e, room.doc))
	);
	const states = room.awareness.getStates();
	if (states.size > 0)
		send(
			ws,
			framed(MESSAGE_AWARENESS, (e) =>
				encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...states.keys()]))
			)
		);
});

server.listen(Number(process.env.PORT ?? 3002), '127.0.0.1', () => console.log('bare y-websocket listening'));
process.on('SIGTERM', () => {
	for (const ws of wss.clients) ws.terminate();
	process.exit(0);
});
