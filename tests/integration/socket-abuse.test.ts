/**
 * Abuse of the live session's socket.io layer with one participant identity, against the real
 * built server (found by an attack in 2026-12). Each test failed on the code before its fix.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eq } from 'drizzle-orm';
import { DATABASE_FILE, sqliteDriver } from '../../src/lib/server/db';
import { dialogueSessions, participants } from '../../src/lib/server/db/schema';
import { MAX_CONNECTIONS_PER_PERSON } from '../../src/lib/server/realtime';
import { startTestServer } from '../helpers/server';
import { eventually } from '../helpers/realtime';
import { liveWorld, member } from '../helpers/live';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;

beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

/** A raw engine.io websocket with the cookie, once the engine handshake ("0{...}") came; keeps every packet. */
function rawEngine(url: string, cookie: string): Promise<{ ws: WebSocket; packets: string[] }> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers: { cookie, origin: url } });
		const packets: string[] = [];
		ws.on('message', (data) => {
			const text = data.toString();
			if (text === '2') return ws.send('3');
			packets.push(text);
			if (text.startsWith('0')) resolve({ ws, packets });
		});
		ws.once('error', reject);
	});
}

describe('socket.io with one identity', () => {
	it('keeps one person to MAX_CONNECTIONS_PER_PERSON sockets, also when CONNECT packets come pipelined in one read', async () => {
		const world = await liveWorld(server.runtime.db);
		const before = server.runtime.realtime!.io.sockets.sockets.size;
		const { ws, packets } = await rawEngine(server.url, world.cookies.ans);
		// (8 000 of them in one 64 kB read gave 8 000 sockets, 36 MB of heap, for one cookie.)
		// 200 socket.io CONNECT packets for "/" in one TCP write: the middleware checks the count
		// for each before any of them is counted (socket.io connects a tick later).
		const tcp = (ws as unknown as { _socket: import('node:net').Socket })._socket;
		tcp.cork();
		for (let i = 0; i < 200; i++) ws.send('40');
		tcp.uncork();
		await eventually(() => packets.filter((p) => p.startsWith('40') || p.startsWith('44')).length > 0, 3000, 'answers');
		await new Promise((r) => setTimeout(r, 500));
		const opened = server.runtime.realtime!.io.sockets.sockets.size - before;
		ws.close();
		expect(opened).toBeLessThanOrEqual(MAX_CONNECTIONS_PER_PERSON.participant);
	});

	it('still records someone seen before the session opened when the first write of attendance failed (database busy)', async () => {
		const db = server.runtime.db;
		const world = await liveWorld(db);
		// Ans opens her link an hour before: connected to the planned session, then her phone goes off.
		const ans = await member(server.url, world.cookies.ans, world.session.id);
		await new Promise((r) => setTimeout(r, 100));
		ans.socket.disconnect();
		await new Promise((r) => setTimeout(r, 100));
		// The session opens (here: by another writer, nobody in the room).
		db.update(dialogueSessions).set({ status: 'open' }).where(eq(dialogueSessions.id, world.session.id)).run();
		// The first broadcast after opening cannot write: another process holds the write lock.
		const lock = new (sqliteDriver())(path.join(server.dataDir, DATABASE_FILE));
		lock.exec('BEGIN IMMEDIATE');
		let facilitator: Awaited<ReturnType<typeof member>> | undefined;
		try {
			facilitator = await member(server.url, world.cookies.facilitator, world.session.id);
			await new Promise((r) => setTimeout(r, 1500));
		} finally {
			lock.exec('ROLLBACK');
			lock.close();
		}
		// Later broadcasts (here: Bas arrives) try again, as for people connected now.
		const bas = await member(server.url, world.cookies.bas, world.session.id);
		const attended = (id: number) => db.select().from(participants).where(eq(participants.id, id)).get()!.attendedAt !== null;
		await eventually(() => attended(world.bas.participant.id), 5000, 'Bas recorded');
		await new Promise((r) => setTimeout(r, 300));
		bas.socket.disconnect();
		facilitator?.socket.disconnect();
		expect(attended(world.ans.participant.id)).toBe(true);
	});
});
