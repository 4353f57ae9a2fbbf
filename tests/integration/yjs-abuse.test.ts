/**
 * Abuse of the Yjs server with one participant's identity (found by an attack in 2026-12). Real server (the Yjs
 * process of its own), raw websockets for the attacker, real y-websocket clients for the others.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WRITE_LIMITS, addKeyword, keywordsOf, mergeKeyword, rootsOf } from '../../src/lib/shared/theme-document';
import { startTestServer } from '../helpers/server';
import { awarenessUpdate, eventually, rawUpgrade, yjsClient } from '../helpers/realtime';
import { sessionWorld } from '../helpers/world';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup() {
	const server = await startTestServer();
	cleanup.push(() => server.close());
	const world = await sessionWorld(server.runtime.db);
	const doc = `session/${world.session.id}/theme/regie`;
	const client = (cookie: string) => {
		const c = yjsClient(server.url, doc, { cookie });
		cleanup.push(() => c.destroy());
		return c;
	};
	const raw = async (cookie: string): Promise<WebSocket> => {
		const answer = await rawUpgrade(server.url, `/yjs/${doc}`, { origin: server.url, cookie });
		if (!('open' in answer)) throw new Error(`upgrade refused: ${answer.status}`);
		cleanup.push(() => answer.open.terminate());
		return answer.open;
	};
	const workerPid = () => (server.runtime.realtime!.yjs as unknown as { pid: number }).pid;
	return { server, world, doc, client, raw, workerPid };
}

/** A sync step 1 with an empty state vector: "send me the whole document" (4 bytes). */
const STEP1 = Buffer.from(
	encoding.encode((e) => {
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
	})
);
/** A presence query: "send me everyone's presence" (1 byte). */
const QUERY = Buffer.from([3]);

const fdCount = (pid: number) => fs.readdirSync(`/proc/${pid}/fd`).length;
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** A document of about 10 kB, typed by the facilitator. */
async function fill(lead: ReturnType<typeof yjsClient>) {
	await lead.synced;
	rootsOf(lead.doc).meaning.insert(0, 'Regie betekent: de cliënt houdt zelf de touwtjes in handen. '.repeat(80));
	rootsOf(lead.doc).testQuestion.insert(0, 'Weet de cliënt waar hij terecht kan? '.repeat(120));
}

describe('whole-document answers (sync step 1, presence query)', () => {
	it('are limited per person: a few bytes asking for the whole document again and again end the connection', async () => {
		const { world, client, raw } = await setup();
		const lead = client(world.cookies.facilitator);
		await fill(lead);
		const ws = await raw(world.cookies.ans);
		let answers = 0;
		let received = 0;
		ws.on('message', (data: Buffer) => {
			received += data.length;
			const d = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === 1) answers++;
		});
		const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
		for (let i = 0; i < 4000; i++) ws.send(i % 2 ? STEP1 : QUERY);
		expect(await closed).toBe(4503);
		// About the budget's worth, give or take what it refilled meanwhile.
		expect(answers).toBeLessThan(2000);
		expect(received).toBeLessThan(1.1 * WRITE_LIMITS.syncBytesPerMinute);
		// Everyone else syncs and edits as before.
		const bas = client(world.cookies.bas);
		await bas.synced;
		rootsOf(bas.doc).meaning.insert(0, 'Bas: ');
		await eventually(() => rootsOf(lead.doc).meaning.toString().startsWith('Bas: '), 5000, 'Bas’s edit');
	});

	it('do not pile up in the Yjs process for a client that asks and never reads', async () => {
		const { world, client, raw, workerPid } = await setup();
		const lead = client(world.cookies.facilitator);
		await fill(lead);
		await new Promise((r) => setTimeout(r, 200));
		const before = rssMb(workerPid());
		const ws = await raw(world.cookies.ans);
		(ws as unknown as { _socket: { pause(): void } })._socket.pause(); // reads nothing
		// 80 kB sent: on a 10 kB document, 200 MB of answers.
		for (let i = 0; i < 20_000; i++) ws.send(STEP1);
		await new Promise((r) => setTimeout(r, 3000));
		expect(rssMb(workerPid()) - before).toBeLessThan(100);
		const bas = client(world.cookies.bas);
		await bas.synced;
	}, 30_000);
});

describe('connections of one person', () => {
	it('are held by the Yjs process only so many at once, also those refused that never answer the close', async () => {
		const { server, world, doc, client, workerPid } = await setup();
		const before = fdCount(workerPid());
		// Far more than eight to one document: the ninth on is closed with 4429, and a client that
		// never reads does not answer the close, which keeps its socket for 30 s.
		const sockets = await Promise.all(
			Array.from(
				{ length: 400 },
				() =>
					new Promise<WebSocket>((resolve) => {
						const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/yjs/${doc}`, {
							headers: { origin: server.url, cookie: world.cookies.ans }
						});
						cleanup.push(() => ws.terminate());
						ws.once('open', () => {
							(ws as unknown as { _socket: { pause(): void } })._socket.pause();
							resolve(ws);
						});
						ws.once('error', () => resolve(ws));
					})
			)
		);
		expect(sockets).toHaveLength(400);
		await new Promise((r) => setTimeout(r, 500));
		expect(fdCount(workerPid()) - before).toBeLessThanOrEqual(WRITE_LIMITS.socketsPerPerson + 10);
		// Someone else still connects and edits.
		const bas = client(world.cookies.bas);
		await bas.synced;
		rootsOf(bas.doc).meaning.insert(0, 'Bas');
		const lead = client(world.cookies.facilitator);
		await lead.synced;
		await eventually(() => rootsOf(lead.doc).meaning.toString().startsWith('Bas'), 5000, 'Bas’s edit');
	}, 30_000);
});

describe('ids of keywords and criteria', () => {
	it('hold no control characters: the facilitator can merge any keyword into a participant’s', async () => {
		const { world, client } = await setup();
		const ans = client(world.cookies.ans);
		const lead = client(world.cookies.facilitator);
		await Promise.all([ans.synced, lead.synced]);
		const mine = addKeyword(lead.doc, { text: 'eigen regie', perspective: null, author: null });
		// Ans adds a keyword as her page would, but with a bell character in its id.
		const odd = 'kw\u0007' + 'x'.repeat(20);
		ans.doc.transact(() => {
			const map = new Y.Map<unknown>();
			map.set('id', odd);
			map.set('text', 'zelf kiezen');
			map.set('perspective', 'client');
			map.set('author', world.ans.participant.id);
			map.set('group', null);
			rootsOf(ans.doc).keywords.push([map]);
		});
		const ansClosed = new Promise<{ code: number; reason: string }>((resolve) =>
			ans.provider.once('closed', (event: { code: number; reason: string }) => resolve(event))
		);
		const taken = await Promise.race([
			ansClosed,
			eventually(
				() =>
					rootsOf(lead.doc)
						.keywords.toArray()
						.some((k) => k.get('id') === odd),
				5000,
				'Ans’s keyword'
			).then(() => 'taken' as const)
		]);
		if (taken === 'taken') {
			// Taken: the facilitator merges their keyword into hers, and must not be refused for it.
			const leadClosed = new Promise<{ code: number; reason: string }>((resolve) =>
				lead.provider.once('closed', (event: { code: number; reason: string }) => resolve(event))
			);
			mergeKeyword(lead.doc, mine, odd);
			const watcher = client(world.cookies.bas);
			const merged = await Promise.race([
				leadClosed,
				watcher.synced
					.then(() => eventually(() => keywordsOf(watcher.doc).find((k) => k.id === mine)?.mergedInto === odd, 5000, 'the merge'))
					.then(() => 'merged')
			]);
			expect(merged).toBe('merged');
		} else expect(taken).toEqual({ code: 4422, reason: 'text.unsafe' });
	});
});

describe('a refused connection', () => {
	it('that sends a broken frame while it is being closed does not bring the Yjs process down', async () => {
		const { server, world, doc, client, workerPid } = await setup();
		const pid = workerPid();
		const open = () =>
			new Promise<WebSocket>((resolve) => {
				const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/yjs/${doc}`, {
					headers: { origin: server.url, cookie: world.cookies.ans }
				});
				cleanup.push(() => ws.terminate());
				ws.on('error', () => undefined);
				ws.once('open', () => resolve(ws));
			});
		for (let i = 0; i < WRITE_LIMITS.connectionsPerDocument; i++) await open();
		// The ninth is closed with 4429; before it is gone, its client sends a frame of an unknown kind.
		const ninth = await open();
		(ninth as unknown as { _socket: { write(bytes: Buffer): void } })._socket.write(Buffer.from([0x8f, 0x80, 0, 0, 0, 0]));
		await new Promise((r) => setTimeout(r, 1500));
		expect(workerPid()).toBe(pid);
		const bas = client(world.cookies.bas);
		await bas.synced;
	});
});

describe('presences under new ids', () => {
	it('are capped per person and document, and nobody shows a presence under an id that is someone else’s', async () => {
		const { world, client, raw } = await setup();
		const lead = client(world.cookies.facilitator);
		const ans = client(world.cookies.ans);
		await Promise.all([lead.synced, ans.synced]);
		const ansId = ans.doc.clientID;
		ans.provider.awareness.setLocalStateField('editing', 'c1');
		await eventually(() => lead.provider.awareness.getStates().has(ansId), 5000, 'Ans’s presence');
		// Ans's page goes away; her id stays hers.
		ans.provider.disconnect();
		await eventually(() => !lead.provider.awareness.getStates().has(ansId), 5000, 'Ans’s presence gone');

		const bas = await raw(world.cookies.bas);
		const send = (entries: { id: number; clock: number; state: unknown }[]) =>
			bas.send(
				encoding.encode((e) => {
					encoding.writeVarUint(e, 1); // awareness
					encoding.writeVarUint8Array(e, awarenessUpdate(entries));
				})
			);
		const FIRST = 5_000_000;
		let shown = 0;
		lead.provider.awareness.on('change', ({ added }: { added: number[] }) => {
			shown += added.filter((id) => id >= FIRST).length;
		});
		// Under Ans's id: not shown.
		send([{ id: ansId, clock: 100, state: { editing: 'nep' } }]);
		// Presences under new ids, each removed again at once: up to the cap, then none.
		for (let i = 0; i < WRITE_LIMITS.presenceIdsPerPerson + 10; i++) {
			send([{ id: FIRST + i, clock: 1, state: { editing: `k${i}` } }]);
			send([{ id: FIRST + i, clock: 2, state: null }]);
		}
		// A sync step 1 after them is answered after they were all handled (one connection, in order).
		const answered = new Promise<void>((resolve) => bas.once('message', () => resolve()));
		bas.send(STEP1);
		await answered;
		await new Promise((r) => setTimeout(r, 300));
		expect(shown).toBe(WRITE_LIMITS.presenceIdsPerPerson);
		expect(lead.provider.awareness.getStates().has(ansId)).toBe(false);
	});
});
