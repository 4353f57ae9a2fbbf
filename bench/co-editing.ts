/**
 * Co-editing under load (issue 5), against the real server in its own process:
 *
 * 1. EDITORS (default 20) y-websocket clients type into one theme's criteria at a steady
 *    rate (RATE edits per second each, for SECONDS). Prints p50/p95/p99 of the time for an
 *    edit to reach every other editor (target p95 < 100 ms), checks that all documents
 *    converge exactly, and after the server stops (which compacts) compares the stored size
 *    with the document's own size.
 * 2. A document of 10 000 edits: how long the server takes to load it from storage, stored
 *    as 10 000 rows and compacted into one (target < 200 ms), and how long a new client
 *    takes to connect and sync it.
 *
 *   npm run bench:co-editing                  # 20 editors, 10 edits/s each, 10 s
 *   EDITORS=5 SECONDS=3 npm run bench:co-editing   # short run (CI)
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { eq } from 'drizzle-orm';
import { SYSTEM } from '../src/lib/server/audit';
import { openDatabase } from '../src/lib/server/db';
import { sessionThemes } from '../src/lib/server/db/schema';
import { YjsStore } from '../src/lib/server/realtime/yjs/persistence';
import { addCriterion } from '../src/lib/shared/theme-document';
import { addParticipant } from '../src/lib/server/sessions/participants';
import { createDialogueSession } from '../src/lib/server/sessions/setup';
import { chooseThemes } from '../src/lib/server/sessions/voting';
import { benchFacilitator, freePort, percentile, prepareData, startServerProcess, runMain } from './_server';

const EDITORS = Number(process.env.EDITORS ?? 20);
const RATE = Number(process.env.RATE ?? 10);
const SECONDS = Number(process.env.SECONDS ?? 10);
const BIG_EDITS = Number(process.env.BIG_EDITS ?? 10_000);

function connect(url: string, docName: string, cookie: string) {
	const doc = new Y.Doc();
	const headers = { cookie, origin: url };
	const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/yjs`, docName, doc, {
		WebSocketPolyfill: class extends WebSocket {
			constructor(address: string | URL, protocols?: string | string[]) {
				super(address, protocols, { headers });
			}
		} as never,
		disableBc: true
	});
	const synced = new Promise<void>((resolve) => provider.once('sync', (ok: boolean) => ok && resolve()));
	return { doc, provider, synced };
}

async function main(): Promise<void> {
	const { dataDir, db } = prepareData();
	const { facilitatorId, movisieVersionId } = await benchFacilitator(db);
	const session = createDialogueSession(db, SYSTEM, {
		title: 'Bench',
		facilitatorId,
		frameworkVersionId: movisieVersionId,
		themeSelection: 'fixed'
	});
	const themes = db.select().from(sessionThemes).where(eq(sessionThemes.dialogueSessionId, session.id)).all();
	chooseThemes(db, SYSTEM, session.id, { themeIds: [themes[0]!.id, themes[1]!.id] });
	const people = Array.from({ length: EDITORS }, (_, i) =>
		addParticipant(db, SYSTEM, session.id, { displayName: `E${i}`, perspective: 'client' })
	);
	const cookies = people.map((p) => `kd_participant=${p.token}`);
	const docName = `session/${session.id}/theme/${themes[0]!.key}`;
	const bigDocName = `session/${session.id}/theme/${themes[1]!.key}`;

	// A document of BIG_EDITS edits, stored as one row per edit (as the server appends them).
	const store = new YjsStore(db);
	{
		const doc = new Y.Doc();
		doc.on('update', (u: Uint8Array) => store.append(bigDocName, u));
		const text = doc.getText('meaning');
		for (let i = 0; i < BIG_EDITS; i++) text.insert(Math.floor(Math.random() * (text.length + 1)), String.fromCharCode(97 + (i % 26)));
	}
	// As the server loads a document: its stored rows applied to a new Y.Doc.
	const timeLoad = () => {
		const t0 = performance.now();
		const { doc } = store.loadDoc(bigDocName);
		return { ms: performance.now() - t0, doc };
	};
	const loadRows = timeLoad();
	store.compact(bigDocName, loadRows.doc);
	const loadCompact = timeLoad();
	db.$client.close();

	const step = (what: string) => process.env.BENCH_DEBUG && console.error(`[bench] ${what}`);
	step('starting server');
	const server = await startServerProcess(dataDir, await freePort());
	step('server started');
	const editors = cookies.map((cookie) => connect(server.url, docName, cookie));
	try {
		await Promise.all(editors.map((e) => e.synced));
		step('editors synced');
		// Each editor has its own criterion; it types tokens "<editor>:<n>;" into its text.
		const sent: number[][] = editors.map(() => []);
		const arrived: Map<number, number>[][] = editors.map(() => editors.map(() => new Map()));
		const lastSeen = editors.map(() => editors.map(() => 0));
		// As the browser adds them (the server refuses criteria that do not fit the layout).
		editors[0]!.doc.transact(() => {
			for (let i = 0; i < EDITORS; i++) addCriterion(editors[0]!.doc, people[0]!.participant.id);
		});
		await new Promise<void>((resolve) => {
			const check = () => (editors.every((e) => e.doc.getArray('criteria').length === EDITORS) ? resolve() : setTimeout(check, 20));
			check();
		});
		editors.forEach((editor, me) => {
			editor.doc.getArray<Y.Map<unknown>>('criteria').observeDeep(() => {
				const now = performance.now();
				editor.doc
					.getArray<Y.Map<unknown>>('criteria')
					.toArray()
					.forEach((m, author) => {
						if (author === me) return;
						const tail = /(\d+);$/.exec((m.get('text') as Y.Text).toString());
						const n = tail ? Number(tail[1]) : 0;
						for (let k = lastSeen[me]![author]! + 1; k <= n; k++) arrived[author]![me]!.set(k, now);
						if (n > lastSeen[me]![author]!) lastSeen[me]![author] = n;
					});
			});
		});

		step('criteria ready');
		const start = performance.now();
		await Promise.all(
			editors.map(
				(editor, me) =>
					new Promise<void>((resolve) => {
						let n = 0;
						const text = editor.doc.getArray<Y.Map<unknown>>('criteria').get(me).get('text') as Y.Text;
						const timer = setInterval(() => {
							if (performance.now() - start > SECONDS * 1000) {
								clearInterval(timer);
								return resolve();
							}
							n++;
							sent[me]![n] = performance.now();
							text.insert(text.length, `${me}:${n};`);
						}, 1000 / RATE);
						// Spread the editors over the interval.
						void timer;
					})
			)
		);
		await new Promise((r) => setTimeout(r, 1500));

		const latencies: number[] = [];
		let missing = 0;
		sent.forEach((times, author) => {
			times.forEach((t, n) => {
				if (t === undefined) return;
				let worst = 0;
				editors.forEach((_, other) => {
					if (other === author) return;
					const at = arrived[author]![other]!.get(n);
					if (at === undefined) missing++;
					else worst = Math.max(worst, at - t);
				});
				latencies.push(worst);
			});
		});
		latencies.sort((a, b) => a - b);
		const texts = editors.map((e) => JSON.stringify(e.doc.getArray('criteria').toJSON()));
		const converged =
			texts.every((t) => t === texts[0]) &&
			editors.every((e) => Y.encodeStateAsUpdate(e.doc).length === Y.encodeStateAsUpdate(editors[0]!.doc).length);
		const docBytes = Y.encodeStateAsUpdate(editors[0]!.doc).length;
		const contentChars = editors[0]!.doc
			.getArray<Y.Map<unknown>>('criteria')
			.toArray()
			.reduce((n, m) => n + (m.get('text') as Y.Text).length, 0);
		const fmt = (n: number) => `${n.toFixed(1)} ms`;
		console.log(`${EDITORS} editors, ${RATE} edits/s each for ${SECONDS} s: ${latencies.length} edits`);
		console.log(
			`edit to every other editor: p50 ${fmt(percentile(latencies, 50))}  p95 ${fmt(percentile(latencies, 95))}  p99 ${fmt(percentile(latencies, 99))}  max ${fmt(latencies.at(-1) ?? NaN)}  (target p95 < 100 ms: ${percentile(latencies, 95) < 100 ? 'met' : 'NOT met'})`
		);
		console.log(`converged: ${converged ? 'yes, all documents equal' : 'NO'}; edits not seen by someone: ${missing}`);

		for (const e of editors) e.provider.destroy();
		await new Promise((r) => setTimeout(r, 300));
		// A new client syncing the 10 000-edit document end to end.
		const t0 = performance.now();
		const late = connect(server.url, bigDocName, cookies[0]!);
		await late.synced;
		const syncMs = performance.now() - t0;
		late.provider.destroy();
		await server.stop(); // SIGTERM compacts every open document

		const check = openDatabase(dataDir);
		const storedBytes = new YjsStore(check).storedBytes(docName);
		const rows = new YjsStore(check).rowCount(docName);
		const stored = new Y.Doc();
		Y.applyUpdate(stored, new YjsStore(check).load(docName).state!);
		const storedEqual = JSON.stringify(stored.getArray('criteria').toJSON()) === texts[0];
		check.$client.close();
		console.log(
			`stored after compaction: ${storedBytes} bytes in ${rows} row(s) for a document of ${docBytes} bytes (${contentChars} characters of text): ${(storedBytes / docBytes).toFixed(2)}x; stored document equals the editors': ${storedEqual ? 'yes' : 'NO'}`
		);
		console.log(
			`document of ${BIG_EDITS} edits: server load from ${BIG_EDITS} rows ${fmt(loadRows.ms)}, from 1 compacted row ${fmt(loadCompact.ms)} (target < 200 ms: ${Math.max(loadRows.ms, loadCompact.ms) < 200 ? 'met' : 'NOT met'}); a new client connects and syncs it in ${fmt(syncMs)}`
		);
		const ok = converged && missing === 0 && storedEqual && rows === 1;
		console.log(ok ? 'RESULT ok' : 'RESULT failed');
		process.exitCode = ok ? 0 : 1;
	} catch (error) {
		await server.stop();
		throw error;
	}
}

runMain(main);
