/**
 * The baseline for bench/load.ts: a bare socket.io server, its own process, with no
 * authentication, no database and no per-viewer state. It speaks just enough of the
 * product's events for the same clients to drive it: `session:join` puts the socket in the
 * session's room; `sticker:place` / `sticker:remove` change a tally in memory, acknowledge
 * with the new revision and broadcast a state object to the room, once. STATE_BYTES pads that
 * object to the size of the product's pushed state (bench/load.ts passes it), so both send the
 * same number of bytes per change.
 *
 *   PORT=3001 node build/bench/_bare-socketio.js
 */
import http from 'node:http';
import { Server } from 'socket.io';

interface Room {
	revision: number;
	tallies: Record<number, number>;
}

const rooms = new Map<number, Room>();
/** Filler of the state: the product's state size minus the few fields here. */
const padding = 'x'.repeat(Math.max(0, Number(process.env.STATE_BYTES ?? 0) - 80));
const server = http.createServer((_req, res) => res.writeHead(404).end());
const io = new Server(server, { serveClient: false, transports: ['websocket'] });

function sessionIdOf(payload: unknown): number | null {
	const id = (payload as { sessionId?: unknown } | null)?.sessionId;
	return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : null;
}

io.on('connection', (socket) => {
	socket.on('session:join', (payload: unknown, ack: unknown) => {
		const id = sessionIdOf(payload);
		if (id === null || typeof ack !== 'function') return;
		void socket.join(`session:${id}`);
		if (!rooms.has(id)) rooms.set(id, { revision: 1, tallies: {} });
		ack({ ok: true, state: { revision: rooms.get(id)!.revision } });
	});
	const vote = (delta: number) => (payload: unknown, ack: unknown) => {
		const id = sessionIdOf(payload);
		const themeId = (payload as { themeId?: unknown }).themeId;
		const room = id === null ? undefined : rooms.get(id);
		if (!room || typeof themeId !== 'number' || typeof ack !== 'function') return;
		room.tallies[themeId] = (room.tallies[themeId] ?? 0) + delta;
		room.revision++;
		ack({ ok: true, revision: room.revision });
		io.to(`session:${id}`).emit('session:state', { id, revision: room.revision, tallies: room.tallies, padding });
	};
	socket.on('sticker:place', vote(1));
	socket.on('sticker:remove', vote(-1));
});

server.listen(Number(process.env.PORT ?? 3001), '127.0.0.1', () => console.log('bare socket.io listening'));
process.on('SIGTERM', () => {
	void io.close();
	process.exit(0);
});
