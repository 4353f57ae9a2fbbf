/**
 * The theme document has one owner (src/lib/shared/theme-document.ts) and the Yjs server
 * refuses what does not fit: it applies a client's update to its live copy, checks the
 * result against the layout, the limits and the sender's rights, and only then stores and
 * relays it. Real server (the Yjs process of its own), real y-websocket clients.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type WebSocket from 'ws';
import { SYSTEM } from '../../src/lib/server/audit';
import { participants, sessionCriteria, sessionThemes, themeResults, yjsUpdates } from '../../src/lib/server/db/schema';
import { exportPerson, erasePerson } from '../../src/lib/server/privacy/requests';
import { YjsStore } from '../../src/lib/server/realtime/yjs/persistence';
import { storedDocument } from '../../src/lib/server/realtime/yjs/host';
import { addParticipant } from '../../src/lib/server/sessions/participants';
import { createDialogueSession } from '../../src/lib/server/sessions/setup';
import { sessionState } from '../../src/lib/server/sessions/state';
import { chooseThemes } from '../../src/lib/server/sessions/voting';
import {
	DOC_LIMITS,
	WRITE_LIMITS,
	addCriterion,
	addKeyword,
	criteriaOf,
	keywordsOf,
	removeCriterion,
	rootsOf,
	setAddressees,
	setStatus
} from '../../src/lib/shared/theme-document';
import { startTestServer } from '../helpers/server';
import { eventually, rawUpgrade, yjsClient, type YClient } from '../helpers/realtime';
import { member, movisieVersionId } from '../helpers/live';
import { sessionWorld } from '../helpers/world';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup() {
	const server = await startTestServer();
	cleanup.push(() => server.close());
	const world = await sessionWorld(server.runtime.db);
	const db = server.runtime.db;
	const doc = `session/${world.session.id}/theme/regie`;
	const themeId = db
		.select()
		.from(sessionThemes)
		.where(and(eq(sessionThemes.dialogueSessionId, world.session.id), eq(sessionThemes.key, 'regie')))
		.get()!.id;
	const client = (cookie: string, name = doc) => {
		const c = yjsClient(server.url, name, { cookie });
		cleanup.push(() => c.destroy());
		return c;
	};
	const store = new YjsStore(db);
	/** Every stored row of the document, concatenated: what a scan of the storage finds. */
	const storedBytes = (name = doc) =>
		Buffer.concat(
			db
				.select()
				.from(yjsUpdates)
				.where(eq(yjsUpdates.docName, name))
				.all()
				.map((r) => r.update)
		);
	const serverDoc = (name = doc) => server.runtime.realtime!.yjs.document(name);
	const facilitatorSocket = async () => {
		const f = await member(server.url, world.cookies.facilitator, world.session.id);
		cleanup.push(() => f.socket.disconnect());
		return f;
	};
	return { server, world, db, doc, themeId, client, store, storedBytes, serverDoc, facilitatorSocket };
}

/** Resolves with the close code and reason when the server closes this client's connection for good (44xx). */
const closedFor = (c: YClient) =>
	new Promise<{ code: number; reason: string }>((resolve) =>
		c.provider.once('closed', (event: { code: number; reason: string }) => resolve(event))
	);

/** A y-websocket sync message carrying an update. */
function updateMessage(update: Uint8Array): Buffer {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	syncProtocol.writeUpdate(e, update);
	return Buffer.from(encoding.toUint8Array(e));
}

/** An update of one struct (info 0: GC, 10: Skip) of length `length` under `client` at `clock`, deleting nothing. */
function oneStruct(info: 0 | 10, client: number, clock: number, length: number): Uint8Array {
	return encoding.encode((e) => {
		encoding.writeVarUint(e, 1); // one client
		encoding.writeVarUint(e, 1); // one struct
		encoding.writeVarUint(e, client);
		encoding.writeVarUint(e, clock);
		encoding.writeUint8(e, info);
		encoding.writeVarUint(e, length);
		encoding.writeVarUint(e, 0); // no deletions
	});
}

/** Opens a raw websocket to a document as `cookie`. */
async function raw(url: string, doc: string, cookie: string): Promise<WebSocket> {
	const answer = await rawUpgrade(url, `/yjs/${doc}`, { origin: url, cookie });
	if (!('open' in answer)) throw new Error(`upgrade refused: ${answer.status}`);
	cleanup.push(() => answer.open.terminate());
	return answer.open;
}

const closeOf = (ws: WebSocket) =>
	new Promise<{ code: number; reason: string }>((resolve) =>
		ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
	);

/**
 * An update Y.decodeUpdate accepts and Y.applyUpdate throws on: after `first` (an insert by
 * client 4242), an item of the same client whose origin lies in that client's future.
 */
function craftedUpdates(): { first: Uint8Array; crafted: Uint8Array } {
	const doc = new Y.Doc();
	doc.clientID = 4242;
	const text = doc.getText('meaning');
	text.insert(0, 'ab');
	const first = Y.encodeStateAsUpdate(doc);
	const before = Y.encodeStateVector(doc);
	text.insert(2, 'cd');
	const next = Buffer.from(Y.encodeStateAsUpdate(doc, before));
	// One struct of client 4242 at clock 2: [info 0x84: origin and a string] [origin: client 4242, clock 1] ...
	const client = encoding.encode((e) => encoding.writeVarUint(e, 4242));
	const at = next.indexOf(Buffer.from([0x84, ...client, 0x01]));
	if (at < 0) throw new Error('unexpected encoding');
	next[at + 1 + client.length] = 0x50; // origin clock 80: the future of client 4242
	return { first, crafted: new Uint8Array(next) };
}

describe('a crafted update', () => {
	it('is refused and stored nowhere; the document keeps loading, others keep editing, and the session closes', async () => {
		const { server, world, db, doc, client, store, serverDoc, facilitatorSocket } = await setup();
		const { first, crafted } = craftedUpdates();
		// Y.decodeUpdate takes it; applied after `first`, Y.applyUpdate throws.
		expect(() => Y.decodeUpdate(crafted)).not.toThrow();
		const probe = new Y.Doc();
		Y.applyUpdate(probe, first);
		expect(() => Y.applyUpdate(probe, crafted)).toThrow();
		const bas = client(world.cookies.bas);
		const lead = client(world.cookies.facilitator);
		await Promise.all([bas.synced, lead.synced]);
		const ws = await raw(server.url, doc, world.cookies.ans);
		ws.send(updateMessage(first));
		await eventually(() => rootsOf(bas.doc).meaning.toString() === 'ab', 5000, 'the first update to arrive');
		const rows = store.rowCount(doc);
		const closed = closeOf(ws);
		ws.send(updateMessage(crafted));
		expect(await closed).toEqual({ code: 4422, reason: 'invalid' });
		expect(store.rowCount(doc)).toBe(rows);
		expect(rootsOf(await serverDoc()).meaning.toString()).toBe('ab');
		// Others go on, and a new client loads the document.
		rootsOf(bas.doc).meaning.insert(2, ' en meer');
		await eventually(() => rootsOf(lead.doc).meaning.toString() === 'ab en meer', 5000, 'an edit after the refusal');
		const late = client(world.cookies.ans);
		await late.synced;
		expect(rootsOf(late.doc).meaning.toString()).toBe('ab en meer');
		expect(rootsOf(storedDocument(db, doc)).meaning.toString()).toBe('ab en meer');
		const f = await facilitatorSocket();
		expect(await f.send('session:close')).toMatchObject({ ok: true });
		expect(db.select().from(themeResults).all()).toEqual([expect.objectContaining({ meaning: 'ab en meer' })]);
	});

	it('stored by hand as a row is skipped when the document loads, and closing still works', async () => {
		const { server, world, db, doc, client, store, facilitatorSocket } = await setup();
		const { first, crafted } = craftedUpdates();
		db.insert(yjsUpdates)
			.values({ docName: doc, update: Buffer.from(first) })
			.run();
		const bad = db
			.insert(yjsUpdates)
			.values({ docName: doc, update: Buffer.from(crafted) })
			.returning()
			.get();
		const after = new Y.Doc();
		after.clientID = 5151;
		after.getText('meaning').insert(0, 'Z');
		db.insert(yjsUpdates)
			.values({ docName: doc, update: Buffer.from(Y.encodeStateAsUpdate(after)) })
			.run();
		const good = new Y.Doc();
		Y.applyUpdate(good, first);
		Y.applyUpdate(good, Y.encodeStateAsUpdate(after));
		const expected = rootsOf(good).meaning.toString();
		expect(expected).toMatch(/^(Zab|abZ)$/);
		// The main process reads it as closing does, the Yjs process serves it.
		expect(rootsOf(storedDocument(db, doc)).meaning.toString()).toBe(expected);
		const ans = client(world.cookies.ans);
		await ans.synced;
		expect(rootsOf(ans.doc).meaning.toString()).toBe(expected);
		// Loading compacted it: the bad row is gone.
		expect(store.rowCount(doc)).toBe(1);
		expect(db.select().from(yjsUpdates).where(eq(yjsUpdates.id, bad.id)).get()).toBeUndefined();
		ans.destroy();
		const f = await facilitatorSocket();
		expect(await f.send('session:close')).toMatchObject({ ok: true });
		void server;
	});
});

describe('an update that builds on what has not arrived yet', () => {
	it('waits for it on the same connection (a client back online types before its sync answer), then both are stored', async () => {
		const { server, world, doc, client, store } = await setup();
		const bas = client(world.cookies.bas);
		await bas.synced;
		const offline = new Y.Doc();
		offline.clientID = 777;
		rootsOf(offline).meaning.insert(0, 'offline getypt');
		const earlier = Y.encodeStateAsUpdate(offline);
		const before = Y.encodeStateVector(offline);
		rootsOf(offline).meaning.insert(14, ', en meer');
		const later = Y.encodeStateAsUpdate(offline, before);
		const ws = await raw(server.url, doc, world.cookies.ans);
		const rows = store.rowCount(doc);
		ws.send(updateMessage(later));
		ws.send(updateMessage(earlier));
		await eventually(() => rootsOf(bas.doc).meaning.toString() === 'offline getypt, en meer', 5000, 'both edits');
		expect(store.rowCount(doc)).toBe(rows + 1);
		expect(ws.readyState).toBe(ws.OPEN);
	});

	it('is refused when what it builds on does not come', async () => {
		const { server, world, doc, store } = await setup();
		const offline = new Y.Doc();
		offline.clientID = 778;
		rootsOf(offline).meaning.insert(0, 'nooit verstuurd');
		const before = Y.encodeStateVector(offline);
		rootsOf(offline).meaning.insert(0, 'zwevend ');
		const ws = await raw(server.url, doc, world.cookies.ans);
		const rows = store.rowCount(doc);
		const closed = closeOf(ws);
		ws.send(updateMessage(Y.encodeStateAsUpdate(offline, before)));
		expect(await closed).toEqual({ code: 4422, reason: 'invalid' });
		expect(store.rowCount(doc)).toBe(rows);
	});
});

describe('limits', () => {
	it('refuses an update over the size limit, stores nothing and tells the sender', async () => {
		const { world, doc, client, store, serverDoc } = await setup();
		const ans = client(world.cookies.ans);
		await ans.synced;
		const rows = store.rowCount(doc);
		const closed = closedFor(ans);
		addCriterion(ans.doc, world.ans.participant.id);
		const c = criteriaOf(ans.doc)[0]!;
		ans.doc.transact(() => {
			c.text.insert(0, '€'.repeat(DOC_LIMITS.criterion));
			c.comment.insert(0, '€'.repeat(DOC_LIMITS.comment));
			for (let i = 0; i < 100; i++)
				addKeyword(ans.doc, { text: '€'.repeat(DOC_LIMITS.keyword), perspective: 'client', author: world.ans.participant.id });
		});
		expect(Y.encodeStateAsUpdate(ans.doc).length).toBeGreaterThan(WRITE_LIMITS.update);
		expect(await closed).toEqual({ code: 4422, reason: 'limit.update' });
		// The criterion added before went through; the big change did not.
		await eventually(async () => criteriaOf(await serverDoc()).length === 1, 5000, 'the first criterion');
		expect(store.rowCount(doc)).toBe(rows + 1);
		expect(criteriaOf(await serverDoc())[0]!.text.toString()).toBe('');
		expect(keywordsOf(await serverDoc())).toEqual([]);
	});

	/** Criteria of 2 000 "€" (three bytes each) in text and comment, added in turn by these clients until one is refused. */
	async function fillInTurn(
		clients: YClient[],
		authors: number[],
		watcher: YClient,
		rounds: number
	): Promise<{ accepted: number; refusals: ({ code: number; reason: string } | null)[] }> {
		const refusals: ({ code: number; reason: string } | null)[] = clients.map(() => null);
		let accepted = 0;
		for (let round = 0; round < rounds; round++) {
			const i = round % clients.length;
			if (refusals[i]) continue;
			const c = clients[i]!;
			const closed = closedFor(c);
			c.doc.transact(() => {
				const id = addCriterion(c.doc, authors[i]!);
				const criterion = criteriaOf(c.doc).find((x) => x.id === id)!;
				criterion.text.insert(0, '€'.repeat(DOC_LIMITS.criterion));
				criterion.comment.insert(0, '€'.repeat(DOC_LIMITS.comment));
			});
			const outcome = await Promise.race([
				closed,
				eventually(() => criteriaOf(watcher.doc).length === accepted + 1, 5000, 'the criterion').then(() => null)
			]);
			if (outcome) refusals[i] = outcome;
			else accepted++;
			if (refusals.every((r) => r !== null)) break;
		}
		return { accepted, refusals };
	}

	it('keeps a few people with the join code from filling the document for everyone', async () => {
		const { world, db, doc, client, storedBytes, serverDoc } = await setup();
		// Four identities, each within its budget per minute: each reaches its share of the document first.
		const people = ['Els', 'Fred', 'Gijs', 'Hans'].map((displayName) =>
			addParticipant(db, SYSTEM, world.session.id, { displayName, perspective: 'client' })
		);
		const clients = people.map((p) => client(`kd_participant=${p.token}`));
		const watcher = client(world.cookies.facilitator);
		await Promise.all([...clients, watcher].map((c) => c.synced));
		const perPerson = Math.floor(DOC_LIMITS.perAuthor / (DOC_LIMITS.criterion + DOC_LIMITS.comment));
		const { accepted, refusals } = await fillInTurn(
			clients,
			people.map((p) => p.participant.id),
			watcher,
			people.length * (perPerson + 1)
		);
		expect(refusals).toEqual(people.map(() => ({ code: 4422, reason: 'limit.author' })));
		expect(accepted).toBe(people.length * perPerson);
		expect(criteriaOf(await serverDoc())).toHaveLength(accepted);
		expect(storedBytes(doc).length).toBeLessThan(WRITE_LIMITS.document / 4);
		// A fresh page writes under a new Yjs client id: what they typed before still counts.
		const again = client(`kd_participant=${people[0]!.token}`);
		await again.synced;
		const closedAgain = closedFor(again);
		again.doc.transact(() => {
			const id = addCriterion(again.doc, people[0]!.participant.id);
			const criterion = criteriaOf(again.doc).find((x) => x.id === id)!;
			criterion.text.insert(0, '€'.repeat(DOC_LIMITS.criterion));
			criterion.comment.insert(0, '€'.repeat(DOC_LIMITS.comment));
		});
		const taken = eventually(() => criteriaOf(watcher.doc).length > accepted, 5000, 'a criterion').then(() => 'taken');
		expect(await Promise.race([closedAgain, taken.catch(() => 'not taken')])).toEqual({ code: 4422, reason: 'limit.author' });
		// Everyone else still writes: another participant, and the facilitator.
		const ans = client(world.cookies.ans);
		await ans.synced;
		const id = addCriterion(ans.doc, world.ans.participant.id);
		criteriaOf(ans.doc)
			.find((x) => x.id === id)!
			.text.insert(0, 'De cliënt weet bij wie hij terecht kan.');
		rootsOf(watcher.doc).testQuestion.insert(0, 'Weet de cliënt waar hij terecht kan?');
		await eventually(
			async () => {
				const server = await serverDoc();
				return criteriaOf(server).length === accepted + 1 && rootsOf(server).testQuestion.length > 0;
			},
			5000,
			'the others’ writing'
		);
	}, 60_000);

	it('refuses what would make the document larger than its limit', async () => {
		const { world, db, doc, client, storedBytes, serverDoc } = await setup();
		// Many people, each within their budget per minute and their share of the document: two full criteria each.
		const people = Array.from({ length: 48 }, (_, n) =>
			addParticipant(db, SYSTEM, world.session.id, { displayName: `Deelnemer ${n + 1}`, perspective: 'client' })
		);
		const clients = people.map((p) => client(`kd_participant=${p.token}`));
		const watcher = client(world.cookies.facilitator);
		await Promise.all([...clients, watcher].map((c) => c.synced));
		expect(2 * (DOC_LIMITS.criterion + DOC_LIMITS.comment)).toBeLessThanOrEqual(DOC_LIMITS.perAuthor);
		const { accepted, refusals } = await fillInTurn(
			clients,
			people.map((p) => p.participant.id),
			watcher,
			2 * people.length
		);
		// Once it is full, whoever adds more is told so (nobody reached their own share).
		const refused = refusals.filter((r) => r !== null);
		expect(refused.length).toBeGreaterThan(0);
		for (const r of refused) expect(r).toEqual({ code: 4422, reason: 'limit.document' });
		expect(accepted).toBeGreaterThan(60);
		expect(criteriaOf(await serverDoc())).toHaveLength(accepted);
		expect(criteriaOf(storedDocument(db, doc))).toHaveLength(accepted);
		expect(storedBytes().length).toBeLessThanOrEqual(WRITE_LIMITS.document);
	}, 120_000);

	it('counts a person’s updates across their connections per minute', async () => {
		const { world, doc, client, store, serverDoc } = await setup();
		const a = client(world.cookies.ans);
		const b = client(world.cookies.ans);
		await Promise.all([a.synced, b.synced]);
		const closes = [closedFor(a), closedFor(b)];
		let refusal: { code: number; reason: string } | null = null;
		let accepted = 0;
		let held = 0; // criteria on the server now
		const perCriterion = 2 * 3 * DOC_LIMITS.criterion; // text and comment of "€"
		const stored = (rows: number) => eventually(() => store.rowCount(doc) > rows, 5000, 'stored').then(() => null);
		for (let n = 0; refusal === null && n < 40; n++) {
			const c = n % 2 === 0 ? a : b;
			let rows = store.rowCount(doc);
			let id = '';
			c.doc.transact(() => {
				id = addCriterion(c.doc, world.ans.participant.id);
				const criterion = criteriaOf(c.doc).find((x) => x.id === id)!;
				criterion.text.insert(0, '€'.repeat(DOC_LIMITS.criterion));
				criterion.comment.insert(0, '€'.repeat(DOC_LIMITS.comment));
			});
			refusal = await Promise.race([...closes, stored(rows)]);
			if (refusal) break;
			accepted++;
			held++;
			// Taken off again, so that the person stays within their share of the document (a few bytes).
			rows = store.rowCount(doc);
			removeCriterion(c.doc, id);
			refusal = await Promise.race([...closes, stored(rows)]);
			if (!refusal) held--;
		}
		expect(refusal).toEqual({ code: 4422, reason: 'limit.rate' });
		// Together they went over the budget (give or take what it refilled meanwhile); neither came near it alone.
		expect(accepted * perCriterion).toBeLessThanOrEqual(WRITE_LIMITS.bytesPerMinute * 1.1);
		expect((accepted + 1) * (perCriterion + 300)).toBeGreaterThan(WRITE_LIMITS.bytesPerMinute);
		expect(Math.ceil(accepted / 2) * perCriterion).toBeLessThan(WRITE_LIMITS.bytesPerMinute / 1.5);
		expect(criteriaOf(await serverDoc())).toHaveLength(held);
		// Someone else still has their own budget.
		const bas = client(world.cookies.bas);
		await bas.synced;
		addCriterion(bas.doc, world.bas.participant.id);
		await eventually(async () => criteriaOf(await serverDoc()).length === held + 1, 5000, 'Bas’s criterion');
	});

	it('takes at most eight connections of one person to one document', async () => {
		const { world, client } = await setup();
		const first = Array.from({ length: WRITE_LIMITS.connectionsPerDocument }, () => client(world.cookies.ans));
		await Promise.all(first.map((c) => c.synced));
		const ninth = client(world.cookies.ans);
		expect(await closedFor(ninth)).toEqual({ code: 4429, reason: 'limit.connections' });
		const bas = client(world.cookies.bas);
		await bas.synced;
	});
});

describe('text typed and deleted again', () => {
	/** Typed and at once deleted again, `n` times, each at another place of the meaning: pieces that Yjs cannot join. */
	function typeAndDelete(doc: Y.Doc, n: number, seed: number) {
		const meaning = rootsOf(doc).meaning;
		doc.transact(() => {
			for (let i = 0; i < n; i++) {
				const at = ((seed + i) * 7919) % (meaning.length + 1);
				meaning.insert(at, 'ab');
				meaning.delete(at, 2);
			}
		});
	}

	it('lets one person add only so much that is not there any more, while a busy writer and the others go on', async () => {
		const { world, doc, client, storedBytes, serverDoc } = await setup();
		const ans = client(world.cookies.ans);
		const watcher = client(world.cookies.facilitator);
		await Promise.all([ans.synced, watcher.synced]);
		rootsOf(watcher.doc).meaning.insert(0, 'Regie: de cliënt houdt zelf de touwtjes in handen. '.repeat(4));
		await eventually(() => rootsOf(ans.doc).meaning.length > 0, 5000, 'the meaning');
		const meaning = rootsOf(await serverDoc()).meaning.toString();
		const closed = closedFor(ans);
		const start = storedBytes(doc).length;
		let refusal: { code: number; reason: string } | null = null;
		let sent = 0;
		// Each update is far within the limits per update and per minute: only the pieces left behind count.
		for (let round = 0; refusal === null && round < 40; round++) {
			const before = storedBytes(doc).length;
			typeAndDelete(ans.doc, 500, round * 500);
			sent += 500;
			refusal = await Promise.race([closed, eventually(() => storedBytes(doc).length > before, 5000, 'stored').then(() => null)]);
		}
		expect(refusal).toEqual({ code: 4422, reason: 'limit.edits' });
		// Refused once what was taken (a few more pieces than changes: inserts split the text) would go over.
		const accepted = sent - 500;
		expect(accepted).toBeLessThanOrEqual(WRITE_LIMITS.piecesPerDocument);
		expect(accepted).toBeGreaterThan(WRITE_LIMITS.piecesPerDocument - 1500);
		// Far from full: about a tenth of the document's room, for text nobody sees.
		expect(storedBytes(doc).length - start).toBeLessThan(WRITE_LIMITS.document / 6);
		expect(rootsOf(await serverDoc()).meaning.toString()).toBe(meaning);
		// Coming back does not start the count again.
		const again = client(world.cookies.ans);
		await again.synced;
		const closedAgain = closedFor(again);
		typeAndDelete(again.doc, 500, 99);
		expect(await closedAgain).toEqual({ code: 4422, reason: 'limit.edits' });
		// Someone who writes a lot, with jumps and corrections: ten thousand keystrokes in two texts, all kept.
		const bas = client(world.cookies.bas);
		await bas.synced;
		const { meaning: basMeaning, testQuestion: basQuestion } = rootsOf(bas.doc);
		let random = 7;
		const next = () => (random = (random * 48271) % 2147483647) / 2147483647;
		for (const text of [basMeaning, basQuestion]) {
			let position = text.length;
			for (let batch = 0; batch < 50; batch++) {
				bas.doc.transact(() => {
					for (let key = 0; key < 100; key++) {
						if (next() < 1 / 30) position = Math.floor(next() * (text.length + 1));
						if (next() < 0.1 && position > 0) text.delete(--position, 1);
						else text.insert(position++, 'e');
					}
				});
				await new Promise((r) => setTimeout(r, 5));
			}
			expect(text.length).toBeLessThanOrEqual(DOC_LIMITS.text);
		}
		await eventually(
			async () => {
				const server = rootsOf(await serverDoc());
				return server.meaning.toString() === basMeaning.toString() && server.testQuestion.toString() === basQuestion.toString();
			},
			10_000,
			'Bas’s texts'
		);
		// And the facilitator is not counted: more than a participant may, then still writing.
		for (let round = 0; round * 500 <= WRITE_LIMITS.piecesPerDocument; round++) {
			const before = storedBytes(doc).length;
			typeAndDelete(watcher.doc, 500, 3 + round * 500);
			await eventually(() => storedBytes(doc).length > before, 5000, 'the facilitator’s change');
		}
		rootsOf(watcher.doc).testQuestion.insert(0, 'Weet de cliënt waar hij terecht kan? ');
		await eventually(
			async () =>
				rootsOf(await serverDoc())
					.testQuestion.toString()
					.startsWith('Weet de cliënt'),
			5000,
			'the facilitator’s writing'
		);
	}, 60_000);
});

describe('Yjs client ids', () => {
	it('cost room when each piece comes under an id of its own: one person still fills no more than a tenth', async () => {
		const { server, world, doc, client, storedBytes, serverDoc } = await setup();
		const watcher = client(world.cookies.facilitator);
		await watcher.synced;
		rootsOf(watcher.doc).meaning.insert(0, 'Regie: de cliënt houdt zelf de touwtjes in handen. '.repeat(4));
		await eventually(async () => rootsOf(await serverDoc()).meaning.length > 0, 5000, 'the meaning');
		const attacker = new Y.Doc();
		Y.applyUpdate(attacker, Y.encodeStateAsUpdate(await serverDoc()));
		let batch: Uint8Array[] = [];
		attacker.on('update', (update: Uint8Array) => batch.push(update));
		const ws = await raw(server.url, doc, world.cookies.ans);
		const closed = closeOf(ws);
		const start = storedBytes(doc).length;
		let refusal: { code: number; reason: string } | null = null;
		const meaning = rootsOf(attacker).meaning;
		for (let round = 0; refusal === null && round < 40; round++) {
			for (let i = 0; i < 300; i++) {
				attacker.clientID = 2 ** 52 + round * 1000 + i; // a new, large id for every piece
				const at = ((round * 300 + i) * 7919) % (meaning.length + 1);
				meaning.insert(at, 'a');
				meaning.delete(at, 1);
			}
			const before = storedBytes(doc).length;
			ws.send(updateMessage(Y.mergeUpdates(batch)));
			batch = [];
			refusal = await Promise.race([closed, eventually(() => storedBytes(doc).length > before, 5000, 'stored').then(() => null)]);
		}
		expect(refusal).toEqual({ code: 4422, reason: 'limit.edits' });
		expect(storedBytes(doc).length - start).toBeLessThan(WRITE_LIMITS.document / 8);
	}, 60_000);

	it('belong to whoever wrote under them first: nobody else writes under one', async () => {
		const { server, world, doc, client, serverDoc } = await setup();
		const ans = client(world.cookies.ans);
		await ans.synced;
		rootsOf(ans.doc).meaning.insert(0, 'Zelf kiezen.');
		await eventually(async () => rootsOf(await serverDoc()).meaning.toString() === 'Zelf kiezen.', 5000, 'Ans’s text');
		// Bas writes under Ans's id at her next clock: the server would take Ans's next change for one it has.
		const forged = new Y.Doc();
		Y.applyUpdate(forged, Y.encodeStateAsUpdate(await serverDoc()));
		forged.clientID = ans.doc.clientID;
		const vector = Y.encodeStateVector(forged);
		rootsOf(forged).meaning.insert(0, 'X');
		const ws = await raw(server.url, doc, world.cookies.bas);
		const closed = closeOf(ws);
		ws.send(updateMessage(Y.encodeStateAsUpdate(forged, vector)));
		expect(await closed).toEqual({ code: 4422, reason: 'invalid' });
		// Ans goes on, and her change arrives.
		rootsOf(ans.doc).meaning.insert(rootsOf(ans.doc).meaning.length, ' Met hulp.');
		await eventually(async () => rootsOf(await serverDoc()).meaning.toString() === 'Zelf kiezen. Met hulp.', 5000, 'Ans’s next change');
	});

	it('are not taken by naming them, nor before their page writes: pages that show presence write on (helper-60)', async () => {
		const { server, world, doc, client, serverDoc } = await setup();
		// Bas claims every id he sees in presence: with an update that writes nothing under it
		// (a Skip of no length), and with one that writes a character under it.
		const ws = await raw(server.url, doc, world.cookies.bas);
		const [naming, writing] = [await raw(server.url, doc, world.cookies.bas), await raw(server.url, doc, world.cookies.bas)];
		const refused = [closeOf(naming), closeOf(writing)];
		const seen = new Set<number>();
		const serverCopy = new Y.Doc();
		ws.on('message', (data: Buffer) => {
			const d = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(d) !== 1) return; // presence only
			const u = decoding.createDecoder(decoding.readVarUint8Array(d));
			for (let n = decoding.readVarUint(u); n > 0; n--) {
				const id = decoding.readVarUint(u);
				decoding.readVarUint(u);
				decoding.readVarString(u);
				if (seen.has(id)) continue;
				seen.add(id);
				naming.send(updateMessage(oneStruct(10, id, 0, 0)));
				const forged = new Y.Doc();
				Y.applyUpdate(forged, Y.encodeStateAsUpdate(serverCopy));
				forged.clientID = id;
				const vector = Y.encodeStateVector(forged);
				rootsOf(forged).meaning.insert(0, 'X');
				writing.send(updateMessage(Y.encodeStateAsUpdate(forged, vector)));
			}
		});
		const ans = client(world.cookies.ans);
		const lead = client(world.cookies.facilitator);
		for (const c of [ans, lead]) c.provider.awareness.setLocalState({ editing: null }); // as the app's pages do
		await Promise.all([ans.synced, lead.synced]);
		await eventually(() => seen.has(ans.doc.clientID) && seen.has(lead.doc.clientID), 5000, 'the presences Bas saw');
		// Both are refused: the page that showed its presence owns its id before it writes.
		expect(await Promise.all(refused)).toEqual([
			{ code: 4422, reason: 'invalid' },
			{ code: 4422, reason: 'invalid' }
		]);
		// Ans and the facilitator write on.
		addCriterion(ans.doc, world.ans.participant.id);
		rootsOf(lead.doc).meaning.insert(0, 'Regie.');
		await eventually(
			async () => criteriaOf(await serverDoc()).length === 1 && rootsOf(await serverDoc()).meaning.toString() === 'Regie.',
			5000,
			'their changes'
		);
	});

	it('a struct of no length is refused and stored nowhere, so the document still loads after it is compacted (helper-60)', async () => {
		const { server, world, doc, db, client, serverDoc } = await setup();
		const ans = client(world.cookies.ans);
		await ans.synced;
		addCriterion(ans.doc, world.ans.participant.id);
		criteriaOf(ans.doc)[0]!.text.insert(0, 'De cliënt kiest zelf wie helpt.');
		await eventually(async () => criteriaOf(await serverDoc()).length === 1, 5000, 'Ans’s criterion');
		const rows = new YjsStore(db).rowCount(doc);
		for (const update of [oneStruct(0, 0x1234567, 0, 0), oneStruct(10, 0x1234568, 0, 0), oneStruct(0, 0x1234569, 0, 2 ** 53)]) {
			const ws = await raw(server.url, doc, world.cookies.bas);
			const closed = closeOf(ws);
			ws.send(updateMessage(update));
			expect(await closed).toEqual({ code: 4422, reason: 'invalid' });
		}
		expect(new YjsStore(db).rowCount(doc)).toBe(rows);
		// Everyone leaves: the document is compacted into one row, and loads again with Ans's criterion.
		ans.destroy();
		await eventually(() => new YjsStore(db).rowCount(doc) === 1, 5000, 'compacted');
		expect(criteriaOf(storedDocument(db, doc)).map((c) => c.text.toString())).toEqual(['De cliënt kiest zelf wie helpt.']);
	});
});

describe('rights', () => {
	it('leaves "agreed" to the facilitator: a participant can neither set it nor edit an agreed criterion', async () => {
		const { world, client, serverDoc } = await setup();
		const ans = client(world.cookies.ans);
		const lead = client(world.cookies.facilitator);
		await Promise.all([ans.synced, lead.synced]);
		const id = addCriterion(ans.doc, world.ans.participant.id);
		criteriaOf(ans.doc)[0]!.text.insert(0, 'De cliënt kiest zelf.');
		await eventually(async () => criteriaOf(await serverDoc())[0]?.text.toString() === 'De cliënt kiest zelf.', 5000, 'the criterion');

		const refused = closedFor(ans);
		setStatus(ans.doc, id, 'agreed');
		expect(await refused).toEqual({ code: 4422, reason: 'forbidden.agreed' });
		expect(criteriaOf(await serverDoc())[0]!.status).toBe('provisional');
		expect(criteriaOf(lead.doc)[0]!.status).toBe('provisional');

		setStatus(lead.doc, id, 'agreed');
		await eventually(async () => criteriaOf(await serverDoc())[0]!.status === 'agreed', 5000, 'agreed by the facilitator');
		const again = client(world.cookies.ans);
		await again.synced;
		const refusedText = closedFor(again);
		criteriaOf(again.doc)[0]!.text.insert(0, 'Niet: ');
		expect(await refusedText).toEqual({ code: 4422, reason: 'forbidden.agreed' });
		criteriaOf(lead.doc)[0]!.text.insert(0, 'Afgesproken: ');
		await eventually(
			async () => criteriaOf(await serverDoc())[0]!.text.toString() === 'Afgesproken: De cliënt kiest zelf.',
			5000,
			'the facilitator’s edit'
		);
	});

	it('takes a participant’s keyword under their own perspective only, also after it changed', async () => {
		const { world, db, client, serverDoc } = await setup();
		const ans = client(world.cookies.ans);
		await ans.synced;
		const id = world.ans.participant.id;
		addKeyword(ans.doc, { text: 'zelf kiezen', perspective: 'client', author: id });
		await eventually(async () => keywordsOf(await serverDoc()).length === 1, 5000, 'her keyword');
		const refused = closedFor(ans);
		addKeyword(ans.doc, { text: 'eigen regie', perspective: 'official', author: id });
		expect(await refused).toEqual({ code: 4422, reason: 'forbidden.perspective' });
		const again = client(world.cookies.ans);
		await again.synced;
		addKeyword(again.doc, { text: 'kiezen', perspective: 'client', author: id });
		await eventually(async () => keywordsOf(await serverDoc()).length === 2, 5000, 'her second keyword');
		// The facilitator corrects her perspective: from now on her keywords carry the new one,
		// also on the connection that was open (the change moves the access epoch).
		db.update(participants).set({ perspective: 'official' }).where(eq(participants.id, id)).run();
		const refusedOld = closedFor(again);
		addKeyword(again.doc, { text: 'eigen regie', perspective: 'client', author: id });
		expect(await refusedOld).toEqual({ code: 4422, reason: 'forbidden.perspective' });
		const third = client(world.cookies.ans);
		await third.synced;
		addKeyword(third.doc, { text: 'eigen regie', perspective: 'official', author: id });
		await eventually(async () => keywordsOf(await serverDoc()).length === 3, 5000, 'the keyword under her new perspective');
		expect(keywordsOf(await serverDoc()).map((k) => [k.text, k.perspective])).toEqual([
			['zelf kiezen', 'client'],
			['kiezen', 'client'],
			['eigen regie', 'official']
		]);
	});

	it('leaves whom a criterion addresses to the facilitator, and closing stores it', async () => {
		const { world, db, themeId, client, serverDoc, facilitatorSocket } = await setup();
		const ans = client(world.cookies.ans);
		const lead = client(world.cookies.facilitator);
		await Promise.all([ans.synced, lead.synced]);
		const first = addCriterion(ans.doc, world.ans.participant.id);
		criteriaOf(ans.doc)[0]!.text.insert(0, 'De gemeente legt uit waar u terechtkunt.');
		const second = addCriterion(ans.doc, world.ans.participant.id);
		criteriaOf(ans.doc)[1]!.text.insert(0, 'Er is een vast aanspreekpunt.');
		await eventually(async () => criteriaOf(await serverDoc()).length === 2, 5000, 'the criteria');

		const refused = closedFor(ans);
		setAddressees(ans.doc, first, ['municipality']);
		expect(await refused).toEqual({ code: 4422, reason: 'forbidden.addressees' });
		expect(criteriaOf(await serverDoc())[0]!.addressees).toEqual(['provider']);
		expect(
			rootsOf(await serverDoc())
				.criteria.get(0)
				.has('addressees')
		).toBe(false);

		setAddressees(lead.doc, first, ['municipality']);
		await eventually(async () => criteriaOf(await serverDoc())[0]!.addressees.join() === 'municipality', 5000, 'the facilitator’s choice');
		const again = client(world.cookies.ans);
		await again.synced;
		expect(criteriaOf(again.doc).map((c) => c.addressees)).toEqual([['municipality'], ['provider']]);

		const f = await facilitatorSocket();
		expect(await f.send('session:close')).toMatchObject({ ok: true });
		const stored = db.select().from(sessionCriteria).where(eq(sessionCriteria.sessionThemeId, themeId)).all();
		expect(stored.map((c) => [c.text, c.addressees])).toEqual([
			['De gemeente legt uit waar u terechtkunt.', ['municipality']],
			['Er is een vast aanspreekpunt.', ['provider']]
		]);
		expect(second).toBeTruthy();
	});

	it('keeps the toetsvraag for the facilitator once it is marked agreed with theme:mark', async () => {
		const { world, themeId, client, serverDoc, facilitatorSocket } = await setup();
		const ans = client(world.cookies.ans);
		const lead = client(world.cookies.facilitator);
		await Promise.all([ans.synced, lead.synced]);
		const f = await facilitatorSocket();
		// Nothing written yet: there is nothing to agree on.
		expect(await f.send('theme:mark', { themeId, testQuestionAgreed: true })).toEqual({ ok: false, error: 'error.mark.testQuestionEmpty' });
		rootsOf(ans.doc).testQuestion.insert(0, 'Kiest de cliënt zelf?');
		await eventually(async () => rootsOf(await serverDoc()).testQuestion.toString() === 'Kiest de cliënt zelf?', 5000, 'the toetsvraag');
		expect(await f.send('theme:mark', { themeId, testQuestionAgreed: true })).toMatchObject({ ok: true });
		const refused = closedFor(ans);
		rootsOf(ans.doc).testQuestion.insert(0, 'Vraag: ');
		expect(await refused).toEqual({ code: 4422, reason: 'forbidden.testQuestion' });
		expect(rootsOf(await serverDoc()).testQuestion.toString()).toBe('Kiest de cliënt zelf?');
		rootsOf(lead.doc).testQuestion.insert(0, 'Vraag: ');
		await eventually(
			async () => rootsOf(await serverDoc()).testQuestion.toString() === 'Vraag: Kiest de cliënt zelf?',
			5000,
			'the facilitator’s edit'
		);
		// Unmarked, everyone may write again.
		expect(await f.send('theme:mark', { themeId, testQuestionAgreed: false })).toMatchObject({ ok: true });
		const later = client(world.cookies.ans);
		await later.synced;
		rootsOf(later.doc).testQuestion.insert(rootsOf(later.doc).testQuestion.length, ' Ja.');
		await eventually(
			async () =>
				rootsOf(await serverDoc())
					.testQuestion.toString()
					.endsWith(' Ja.'),
			5000,
			'a participant’s edit'
		);
	});

	it('refuses unknown top-level names and wrongly typed fields', async () => {
		const { world, client, store, doc } = await setup();
		const cases: [string, (d: Y.Doc) => void][] = [
			['a new top-level text', (d) => d.getText('verborgen').insert(0, 'x')],
			['a map as top-level type', (d) => d.getMap('extra').set('x', 1)],
			['a string in the criteria list', (d) => rootsOf(d).criteria.push(['tekst'] as never)],
			[
				'a keyword whose text is a number',
				(d) => {
					const m = new Y.Map<unknown>();
					for (const [k, v] of Object.entries({ id: 'k', text: 7, perspective: 'client', author: world.ans.participant.id, group: null }))
						m.set(k, v);
					rootsOf(d).keywords.push([m]);
				}
			],
			[
				'a keyword with a name as author',
				(d) => {
					const m = new Y.Map<unknown>();
					for (const [k, v] of Object.entries({ id: 'k', text: 'x', perspective: 'client', author: 'Ans', group: null })) m.set(k, v);
					rootsOf(d).keywords.push([m]);
				}
			]
		];
		for (const [what, change] of cases) {
			const rows = store.rowCount(doc);
			const c = client(world.cookies.ans);
			await c.synced;
			const refused = closedFor(c);
			c.doc.transact(() => change(c.doc));
			expect(await refused, what).toEqual({ code: 4422, reason: 'layout' });
			expect(store.rowCount(doc), what).toBe(rows);
			c.destroy();
		}
	});

	it('refuses control characters and direction overrides in a text, storing nothing of it', async () => {
		const { world, client, store, doc, serverDoc } = await setup();
		const rows = store.rowCount(doc);
		const before = rootsOf(await serverDoc()).meaning.toString();
		const c = client(world.cookies.ans);
		await c.synced;
		const refused = closedFor(c);
		rootsOf(c.doc).meaning.insert(0, 'Leest \u202eomgekeerd\u202c op het scherm. ');
		expect(await refused).toEqual({ code: 4422, reason: 'text.unsafe' });
		expect(store.rowCount(doc)).toBe(rows);
		expect(rootsOf(await serverDoc()).meaning.toString()).toBe(before);
		c.destroy();
	});
});

describe('authors', () => {
	it('are participant ids; names in documents written before are scrubbed from storage when the document loads', async () => {
		const { world, db, doc, client, storedBytes, serverDoc } = await setup();
		const legacy = new Y.Doc();
		legacy.transact(() => {
			const k = new Y.Map<unknown>();
			for (const [key, v] of Object.entries({
				id: 'oud',
				text: 'eigen regie',
				perspective: 'client',
				author: 'Annemarie Oudenaarde',
				group: null
			}))
				k.set(key, v);
			rootsOf(legacy).keywords.push([k]);
			const c = new Y.Map<unknown>();
			for (const [key, v] of Object.entries({
				id: 'oud-c',
				text: new Y.Text('Een oud criterium.'),
				status: 'provisional',
				comment: new Y.Text(),
				order: 0,
				author: 'Annemarie Oudenaarde'
			}))
				c.set(key, v);
			rootsOf(legacy).criteria.push([c]);
		});
		db.insert(yjsUpdates)
			.values({ docName: doc, update: Buffer.from(Y.encodeStateAsUpdate(legacy)) })
			.run();
		expect(storedBytes().includes('Annemarie Oudenaarde')).toBe(true);
		const ans = client(world.cookies.ans);
		await ans.synced;
		expect(storedBytes().includes('Annemarie Oudenaarde')).toBe(false);
		expect(keywordsOf(ans.doc)).toEqual([expect.objectContaining({ text: 'eigen regie', author: null })]);
		expect(criteriaOf(ans.doc)[0]).toMatchObject({ author: null });
		addKeyword(ans.doc, { text: 'zelf kiezen', perspective: 'client', author: world.ans.participant.id });
		await eventually(async () => keywordsOf(await serverDoc()).length === 2, 5000, 'the keyword');
		expect(keywordsOf(storedDocument(db, doc)).map((k) => k.author)).toEqual([null, world.ans.participant.id]);
		expect(storedBytes().includes('Ans')).toBe(false);
	});

	it('are in the privacy export, and erasure detaches them in open and closed sessions alike', async () => {
		const { world, db, doc, client, storedBytes, serverDoc, facilitatorSocket } = await setup();
		const ans = client(world.cookies.ans);
		const bas = client(world.cookies.bas);
		await Promise.all([ans.synced, bas.synced]);
		addKeyword(ans.doc, { text: 'zelf kiezen', perspective: 'client', author: world.ans.participant.id });
		const mine = addCriterion(ans.doc, world.ans.participant.id);
		criteriaOf(ans.doc)
			.find((c) => c.id === mine)!
			.text.insert(0, 'De cliënt kiest zelf.');
		await eventually(() => criteriaOf(bas.doc).length === 1 && keywordsOf(bas.doc).length === 1, 5000, 'Ans’s edits at Bas');
		addKeyword(bas.doc, { text: 'regels', perspective: 'official', author: world.bas.participant.id });
		const basCriterion = addCriterion(bas.doc, world.bas.participant.id);
		criteriaOf(bas.doc)
			.find((c) => c.id === basCriterion)!
			.text.insert(0, 'Het plan is helder.');
		await eventually(
			async () => keywordsOf(await serverDoc()).length === 2 && criteriaOf(await serverDoc()).every((c) => c.text.length > 0),
			5000,
			'all edits'
		);

		const exported = exportPerson(db, SYSTEM, [world.ans.participant.id]);
		expect(exported.records[0]!.keywords).toEqual([
			{ theme: 'Regie van de cliënt', text: 'zelf kiezen', perspective: 'client', group: null, merged: false }
		]);
		expect(exported.records[0]!.criteria).toEqual([
			{ theme: 'Regie van de cliënt', text: 'De cliënt kiest zelf.', status: 'provisional', comment: '' }
		]);
		expect(JSON.stringify(exported)).not.toContain('regels');

		/** The authors of every keyword and criterion in every stored row. */
		const storedAuthors = () => {
			const found: unknown[] = [];
			for (const row of db.select().from(yjsUpdates).where(eq(yjsUpdates.docName, doc)).all()) {
				for (const struct of Y.decodeUpdate(new Uint8Array(row.update)).structs) {
					if (struct instanceof Y.Item && struct.parentSub === 'author' && struct.content instanceof Y.ContentAny)
						found.push(...struct.content.arr);
				}
			}
			return found;
		};
		expect(storedAuthors()).toContain(world.ans.participant.id);

		// Ans is erased while her document is open: detached in the live copy (relayed) and in storage.
		const erased = erasePerson(db, SYSTEM, [world.ans.participant.id]);
		expect(await erased.documents).toBe(true);
		expect(storedAuthors()).not.toContain(world.ans.participant.id);
		expect(storedAuthors()).toContain(world.bas.participant.id);
		await eventually(() => keywordsOf(bas.doc).every((k) => k.author !== world.ans.participant.id), 5000, 'the detaching relayed');
		expect(keywordsOf(bas.doc).map((k) => k.text)).toEqual(['zelf kiezen', 'regels']);
		expect(exportPerson(db, SYSTEM, [world.ans.participant.id]).records[0]!.keywords).toEqual([]);

		// Bas is erased after the session was closed (the store takes no edits any more).
		const f = await facilitatorSocket();
		expect(await f.send('session:close')).toMatchObject({ ok: true });
		expect(await erasePerson(db, SYSTEM, [world.bas.participant.id]).documents).toBe(true);
		expect(storedAuthors().filter((a) => a !== null)).toEqual([]);
		// Erasing again changes nothing and works.
		expect(await erasePerson(db, SYSTEM, [world.bas.participant.id]).documents).toBe(true);
		expect(criteriaOf(storedDocument(db, doc)).map((c) => c.text.toString())).toEqual(['De cliënt kiest zelf.', 'Het plan is helder.']);
		void storedBytes;
	});
});

describe('starting texts', () => {
	it('start every MOVISIE theme’s document from its framework text: the definition or else the description, and the toetsvraag', async () => {
		const { server, world, db } = await setup();
		const source = JSON.parse(fs.readFileSync('seeds/frameworks/movisie-kwaliteitsthemas-2013.json', 'utf8')) as {
			themes: { key: string; name: string; description: string | null; definition?: string | null; testQuestion?: string | null }[];
		};
		expect(source.themes).toHaveLength(10);
		const seen: string[] = [];
		for (let start = 0; start < source.themes.length; start += 3) {
			const session = createDialogueSession(db, SYSTEM, {
				title: `Thema’s ${start}`,
				facilitatorId: world.facilitator.id,
				frameworkVersionId: movisieVersionId(db),
				themeSelection: 'fixed'
			});
			const themes = sessionState(db, session.id, { kind: 'facilitator' }).themes.filter((t) =>
				source.themes.slice(start, start + 3).some((s) => s.name === t.name)
			);
			chooseThemes(db, SYSTEM, session.id, { themeIds: themes.map((t) => t.id) });
			const state = sessionState(db, session.id, { kind: 'facilitator' });
			const cookie = `kd_participant=${addParticipant(db, SYSTEM, session.id, { displayName: 'Lezer', perspective: 'client' }).token}`;
			for (const theme of themes) {
				const framework = source.themes.find((s) => s.name === theme.name)!;
				const c = yjsClient(server.url, `session/${session.id}/theme/${theme.key}`, { cookie });
				cleanup.push(() => c.destroy());
				await c.synced;
				const meaning = (framework.definition ?? framework.description ?? '').trim();
				expect(meaning, theme.name).not.toBe('');
				expect(rootsOf(c.doc).meaning.toString(), theme.name).toBe(meaning);
				expect(rootsOf(c.doc).testQuestion.toString(), theme.name).toBe((framework.testQuestion ?? '').trim());
				// The live state tells the page whether the hints may say so.
				expect(state.themes.find((t) => t.id === theme.id)!.prefilled, theme.name).toEqual({
					meaning: true,
					testQuestion: !!framework.testQuestion
				});
				seen.push(theme.name);
			}
		}
		expect(seen.sort()).toEqual(source.themes.map((t) => t.name).sort());
	}, 60_000);
});
