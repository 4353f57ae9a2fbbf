/**
 * Rights follow every change (issue 16): what someone may do in a live session is asked of the
 * access module at every socket event and Yjs write, and a change of a right ends or
 * downgrades their live connections at once, joined or not, on socket.io and in the Yjs
 * process. Also: limits per person, not per connection.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { SYSTEM } from '../../src/lib/server/audit';
import { changePassword, setAccountDisabled, updateAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { authSessions, participants, sessionThemes, stickers } from '../../src/lib/server/db/schema';
import { EXPIRY_SWEEP_MS } from '../../src/lib/server/access/changes';
import { removeParticipant } from '../../src/lib/server/sessions/participants';
import { erasePerson } from '../../src/lib/server/privacy/requests';
import { BURST, RATE } from '../../src/lib/server/realtime/session-events';
import { MAX_CONNECTIONS_PER_PERSON } from '../../src/lib/server/realtime';
import { startTestServer } from '../helpers/server';
import { connected, eventually, socketClient, yjsClient } from '../helpers/realtime';
import { emit, liveWorld, type Reply } from '../helpers/live';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

// One server for the file: SvelteKit's handler keeps the ORIGIN of the first server it served
// in this process, and the logout form must come from it. Each test has a world of its own.
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

async function setup() {
	const world = await liveWorld(server.runtime.db);
	const db = server.runtime.db;
	/** A connected socket that remembers why the server ended it. */
	const client = async (cookie: string) => {
		const socket = socketClient(server.url, { cookie });
		cleanup.push(() => socket.disconnect());
		const ended: string[] = [];
		socket.on('session:ended', (info: { reason: string }) => ended.push(info.reason));
		const gone = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
		await connected(socket);
		return {
			socket,
			ended,
			gone,
			send: (event: string, payload: Record<string, unknown> = {}) => emit(socket, event, { sessionId: world.session.id, ...payload })
		};
	};
	/** Opens the voting phase with a chosen-theme document for co-editing. */
	const toVoting = async (facilitator: Awaited<ReturnType<typeof client>>) => {
		expect(await facilitator.send('session:join')).toMatchObject({ ok: true });
		for (let i = 0; i < 3; i++) expect(await facilitator.send('agenda:goto', { to: 'next' })).toMatchObject({ ok: true });
		expect(await facilitator.send('vote:open')).toMatchObject({ ok: true });
	};
	const themeId = () => db.select().from(sessionThemes).where(eq(sessionThemes.dialogueSessionId, world.session.id)).get()!.id;
	return { server, world, db, client, toVoting, themeId };
}

describe('rights asked now, at every event', () => {
	it('refuses a participant removed after connecting, before joining: no join, no state, no proposal', async () => {
		const { world, db, client } = await setup();
		const ans = await client(world.cookies.ans);
		// Removed in the database only (nobody told the connection): the next event is refused anyway.
		db.update(participants).set({ removedAt: new Date() }).where(eq(participants.id, world.ans.participant.id)).run();
		expect(await ans.send('session:join')).toEqual({ ok: false, error: 'error.forbidden' });
		expect(await ans.send('session:state')).toEqual({ ok: false, error: 'error.forbidden' });
		expect(await ans.send('proposal:create', { title: 'Vervoer' })).toEqual({ ok: false, error: 'error.forbidden' });
	});

	it('refuses the stickers of an erased (pseudonymised) participant, also placed for them by proxy', async () => {
		const { world, db, client, toVoting, themeId } = await setup();
		const facilitator = await client(world.cookies.facilitator);
		await toVoting(facilitator);
		const ans = await client(world.cookies.ans);
		expect(await ans.send('session:join')).toMatchObject({ ok: true });
		// A proxy participant, erased: the facilitator cannot vote for them either.
		const proxy = (await facilitator.send('participant:proxy', { displayName: 'Zonder telefoon', perspective: 'client' })) as Reply & {
			participantId: number;
		};
		db.update(participants).set({ pseudonymisedAt: new Date() }).where(eq(participants.id, world.ans.participant.id)).run();
		db.update(participants).set({ pseudonymisedAt: new Date() }).where(eq(participants.id, proxy.participantId)).run();
		expect(await ans.send('sticker:place', { themeId: themeId() })).toEqual({ ok: false, error: 'error.forbidden' });
		expect((await facilitator.send('sticker:place', { themeId: themeId(), participantId: proxy.participantId })).ok).toBe(false);
		expect(db.select().from(stickers).all()).toEqual([]);
	});
});

describe('a change of rights reaches live connections at once', () => {
	it('ends a removed participant, joined or not, on socket.io and Yjs', async () => {
		const { world, db, client, server } = await setup();
		const joined = await client(world.cookies.ans);
		expect(await joined.send('session:join')).toMatchObject({ ok: true });
		const waiting = await client(world.cookies.ans);
		const bas = await client(world.cookies.bas);
		expect(await bas.send('session:join')).toMatchObject({ ok: true });
		removeParticipant(db, SYSTEM, world.session.id, world.ans.participant.id);
		expect(await joined.gone).toBe('io server disconnect');
		expect(await waiting.gone).toBe('io server disconnect');
		expect(joined.ended).toEqual(['removed']);
		expect(waiting.ended).toEqual(['removed']);
		expect(bas.socket.connected).toBe(true);
		await expect(connected(socketClient(server.url, { cookie: world.cookies.ans }))).rejects.toThrow('unauthorized');
	});

	it('ends an erased participant at once', async () => {
		const { world, db, client } = await setup();
		const ans = await client(world.cookies.ans);
		expect(await ans.send('session:join')).toMatchObject({ ok: true });
		erasePerson(db, SYSTEM, [world.ans.participant.id]);
		expect(await ans.gone).toBe('io server disconnect');
		expect(ans.ended).toEqual(['removed']);
	});

	for (const [what, change] of [
		['disabled', (w: Awaited<ReturnType<typeof setup>>) => setAccountDisabled(w.db, SYSTEM, w.world.facilitator.id, true)],
		[
			'loses the facilitator role',
			(w: Awaited<ReturnType<typeof setup>>) =>
				updateAccount(w.db, SYSTEM, w.world.facilitator.id, {
					email: w.world.facilitator.email,
					name: 'Gespreksleider',
					roles: ['quality_manager']
				})
		],
		[
			'changes the password',
			(w: Awaited<ReturnType<typeof setup>>) =>
				changePassword(w.db, w.world.facilitator.id, 'een goed wachtwoord', 'een nieuw goed wachtwoord', '127.0.0.1')
		]
	] as const) {
		it(`ends the facilitator's connections when the account ${what}: socket.io joined and not, the projector, and co-editing`, async () => {
			const w = await setup();
			const { world, client, server } = w;
			const lead = await client(world.cookies.facilitator);
			expect(await lead.send('session:join')).toMatchObject({ ok: true });
			const projector = await client(world.cookies.facilitator);
			expect(await projector.send('session:join', { view: 'projector' })).toMatchObject({ ok: true });
			const idle = await client(world.cookies.facilitator);
			const doc = await chosenThemeDoc(w);
			const editor = yjsClient(server.url, doc, { cookie: world.cookies.facilitator });
			cleanup.push(() => editor.destroy());
			await editor.synced;
			const closed = new Promise<number>((resolve) =>
				editor.provider.ws!.addEventListener('close', (e) => resolve((e as CloseEvent).code))
			);
			await change(w);
			for (const c of [lead, projector]) expect(await c.gone).toBe('io server disconnect');
			if (what === 'loses the facilitator role') {
				// Still logged in (as kwaliteitsmanager): the sessions they led are closed to them, said in
				// staff words (not the participant's "U doet niet meer mee").
				expect(lead.ended).toEqual(['staffRemoved']);
				expect(projector.ended).toEqual(['staffRemoved']);
				expect(await idle.send('session:join')).toEqual({ ok: false, error: 'error.forbidden' });
			} else {
				expect(await idle.gone).toBe('io server disconnect');
				expect(lead.ended).toEqual(['signedOut']);
				expect(idle.ended).toEqual(['signedOut']);
			}
			expect(await closed).toBe(4403);
		});
	}

	it("ends the facilitator's connections on logout (the logout form), and only those of that login", async () => {
		const w = await setup();
		const { world, client, server, db } = w;
		const other = `kd_session=${createSession(db, world.facilitator.id, 7).token}`;
		const lead = await client(world.cookies.facilitator);
		expect(await lead.send('session:join')).toMatchObject({ ok: true });
		const elsewhere = await client(other);
		expect(await elsewhere.send('session:join')).toMatchObject({ ok: true });
		const doc = await chosenThemeDoc(w);
		const editor = yjsClient(server.url, doc, { cookie: world.cookies.facilitator });
		cleanup.push(() => editor.destroy());
		await editor.synced;
		const closed = new Promise<number>((resolve) => editor.provider.ws!.addEventListener('close', (e) => resolve((e as CloseEvent).code)));
		const response = await fetch(`${server.url}/logout`, {
			method: 'POST',
			headers: {
				cookie: world.cookies.facilitator,
				origin: server.url,
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			},
			body: 'logout=1'
		});
		expect(await response.json()).toMatchObject({ type: 'redirect', location: '/' });
		expect(await lead.gone).toBe('io server disconnect');
		expect(lead.ended).toEqual(['signedOut']);
		expect(await closed).toBe(4403);
		// The login on another device goes on.
		expect(elsewhere.socket.connected).toBe(true);
		expect(await elsewhere.send('session:state')).toMatchObject({ ok: true });
	});

	it("ends the facilitator's connections when the login runs out, within the sweep, on socket.io and Yjs", async () => {
		const w = await setup();
		const { world, client, server, db } = w;
		const login = createSession(db, world.facilitator.id, 1);
		const cookie = `kd_session=${login.token}`;
		const lead = await client(cookie);
		expect(await lead.send('session:join')).toMatchObject({ ok: true });
		const elsewhere = await client(world.cookies.facilitator);
		expect(await elsewhere.send('session:join')).toMatchObject({ ok: true });
		const doc = await chosenThemeDoc(w);
		// Co-editing only (no socket.io connection of this login) is ended by the Yjs process itself.
		const other = createSession(db, world.facilitator.id, 1);
		const editor = yjsClient(server.url, doc, { cookie: `kd_session=${other.token}` });
		cleanup.push(() => editor.destroy());
		await editor.synced;
		const closed = new Promise<number>((resolve) => editor.provider.ws!.addEventListener('close', (e) => resolve((e as CloseEvent).code)));
		// Both logins run out; nobody announces it.
		const past = new Date(Date.now() - 1000);
		db.update(authSessions)
			.set({ expiresAt: past })
			.where(inArray(authSessions.id, [login.session.id, other.session.id]))
			.run();
		const ranOut = Date.now();
		expect(await lead.gone).toBe('io server disconnect');
		expect(lead.ended).toEqual(['signedOut']);
		expect(await closed).toBe(4403);
		expect(Date.now() - ranOut).toBeLessThan(EXPIRY_SWEEP_MS + 3000);
		// The login that did not run out goes on.
		expect(elsewhere.socket.connected).toBe(true);
		expect(await elsewhere.send('session:state')).toMatchObject({ ok: true });
	}, 20_000);

	it('makes a participant turned observer read-only at once, without ending the connection', async () => {
		const w = await setup();
		const { world, client, server, db } = w;
		const ans = await client(world.cookies.ans);
		expect(await ans.send('session:join')).toMatchObject({ ok: true, access: 'write' });
		const doc = await chosenThemeDoc(w);
		const editor = yjsClient(server.url, doc, { cookie: world.cookies.ans });
		cleanup.push(() => editor.destroy());
		await editor.synced;
		const { updateListedParticipant } = await import('../../src/lib/server/sessions/participants');
		updateListedParticipant(db, SYSTEM, world.session.id, world.ans.participant.id, {
			displayName: 'Ans',
			perspective: 'client',
			role: 'observer'
		});
		expect(await ans.send('proposal:create', { title: 'Vervoer' })).toEqual({ ok: false, error: 'error.forbidden' });
		expect(ans.socket.connected).toBe(true);
		await eventually(async () => (await ans.send('session:state')).state?.viewer === 'observer', 3000, 'the observer view');
		editor.doc.getText('meaning').insert(0, 'niet meer');
		await new Promise((r) => setTimeout(r, 300));
		expect((await server.runtime.realtime!.yjs.document(doc)).getText('meaning').toString()).not.toContain('niet meer');
	});
});

describe('limits per person, not per connection', () => {
	it('counts the events of one participant across all their connections', async () => {
		const { world, client } = await setup();
		const tabs = await Promise.all(Array.from({ length: 6 }, () => client(world.cookies.ans)));
		const started = Date.now();
		const answers = await Promise.all(tabs.flatMap((t) => Array.from({ length: 30 }, () => t.send('session:state'))));
		const seconds = (Date.now() - started) / 1000;
		const accepted = answers.filter((a) => a.ok).length;
		// 180 sent at once: no more than one burst and what the rate refilled in the meantime.
		expect(accepted).toBeLessThanOrEqual(BURST + Math.ceil(seconds * RATE) + 1);
		expect(answers.filter((a) => a.error === 'error.rateLimited').length).toBeGreaterThan(100);
	});

	it('refuses more connections of one person than a person needs', async () => {
		const { world, server } = await setup();
		const sockets: Socket[] = [];
		for (let i = 0; i < MAX_CONNECTIONS_PER_PERSON.participant; i++) {
			const s = socketClient(server.url, { cookie: world.cookies.ans });
			cleanup.push(() => s.disconnect());
			await connected(s);
			sockets.push(s);
		}
		const refused = socketClient(server.url, { cookie: world.cookies.ans });
		cleanup.push(() => refused.disconnect());
		const error = await connected(refused).then(
			() => null,
			(e: Error & { data?: { code: string } }) => e
		);
		expect(error?.data).toEqual({ code: 'error.tooManyConnections' });
		// Someone else is not affected, and closing a tab frees a place.
		const bas = socketClient(server.url, { cookie: world.cookies.bas });
		cleanup.push(() => bas.disconnect());
		await connected(bas);
		sockets[0]!.disconnect();
		await new Promise((r) => setTimeout(r, 100));
		const again = socketClient(server.url, { cookie: world.cookies.ans });
		cleanup.push(() => again.disconnect());
		await connected(again);
	});
});

/** Chooses a theme so the session has a co-edited document, and returns its name. */
async function chosenThemeDoc(w: Awaited<ReturnType<typeof setup>>): Promise<string> {
	const theme = w.db.select().from(sessionThemes).where(eq(sessionThemes.dialogueSessionId, w.world.session.id)).get()!;
	w.db.update(sessionThemes).set({ chosenRank: 1 }).where(eq(sessionThemes.id, theme.id)).run();
	return `session/${w.world.session.id}/theme/${theme.key}`;
}
