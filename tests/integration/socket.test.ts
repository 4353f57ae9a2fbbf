import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { removeParticipant } from '../../src/lib/server/sessions/participants';
import { SYSTEM } from '../../src/lib/server/audit';
import { startTestServer } from '../helpers/server';
import { connected, socketClient } from '../helpers/realtime';
import { sessionWorld } from '../helpers/world';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup() {
	const server = await startTestServer();
	cleanup.push(() => server.close());
	const world = await sessionWorld(server.runtime.db);
	const client = (cookie?: string, origin?: string) => {
		const socket = socketClient(server.url, { cookie, origin });
		cleanup.push(() => socket.disconnect());
		return socket;
	};
	return { server, world, client };
}

function join(socket: Socket, payload: unknown): Promise<{ ok: boolean; access?: string; error?: string; state?: unknown }> {
	return socket.timeout(3000).emitWithAck('session:join', payload);
}

describe('socket.io', () => {
	it('refuses connections without credentials', async () => {
		const { client } = await setup();
		const error = await connected(client()).then(
			() => null,
			(e: Error & { data?: { code: string } }) => e
		);
		expect(error?.message).toBe('unauthorized');
		expect(error?.data).toEqual({ code: 'error.unauthorized' });
	});

	it('refuses connections from another origin', async () => {
		const { world, client } = await setup();
		await expect(connected(client(world.cookies.ans, 'https://evil.example'))).rejects.toThrow();
	});

	it('authenticates from the session cookie or participant token and authorises per session', async () => {
		const { world, client } = await setup();
		const facilitator = client(world.cookies.facilitator);
		const ans = client(world.cookies.ans);
		const observer = client(world.cookies.observer);
		const stranger = client(world.cookies.stranger);
		const manager = client(world.cookies.manager);
		await Promise.all([facilitator, ans, observer, stranger, manager].map(connected));
		const id = world.session.id;
		expect(await join(facilitator, { sessionId: id })).toMatchObject({ ok: true, access: 'write', state: { id, viewer: 'facilitator' } });
		expect(await join(ans, { sessionId: id })).toMatchObject({
			ok: true,
			access: 'write',
			state: { id, viewer: 'participant', joinCode: null }
		});
		expect(await join(observer, { sessionId: id })).toMatchObject({ ok: true, access: 'read', state: { id, viewer: 'observer' } });
		expect(await join(stranger, { sessionId: id })).toEqual({ ok: false, error: 'error.forbidden' });
		expect(await join(manager, { sessionId: id })).toEqual({ ok: false, error: 'error.forbidden' });
	});

	it('answers malformed payloads with an error instead of crashing', async () => {
		const { world, client } = await setup();
		const ans = client(world.cookies.ans);
		await connected(ans);
		for (const payload of [null, 'x', { sessionId: '1' }, { sessionId: -1 }, { sessionId: 1.5 }, [1, 2]]) {
			expect(await join(ans, payload)).toEqual({ ok: false, error: 'error.badRequest' });
		}
		expect(await join(ans, { sessionId: world.session.id })).toMatchObject({ ok: true, access: 'write' });
	});

	it('disconnects a participant who is removed from the session', async () => {
		const { server, world, client } = await setup();
		const ans = client(world.cookies.ans);
		const bas = client(world.cookies.bas);
		await Promise.all([connected(ans), connected(bas)]);
		await join(ans, { sessionId: world.session.id });
		await join(bas, { sessionId: world.session.id });
		const gone = new Promise<string>((resolve) => ans.once('disconnect', (reason) => resolve(reason)));
		// Removing is enough: the change of rights reaches the connection by itself.
		removeParticipant(server.runtime.db, SYSTEM, world.session.id, world.ans.participant.id);
		expect(await gone).toBe('io server disconnect');
		expect(bas.connected).toBe(true);
		// The removed participant's token no longer opens a connection.
		await expect(connected(client(world.cookies.ans))).rejects.toThrow('unauthorized');
	});
});
