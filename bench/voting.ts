/**
 * Sticker voting under load (issue 4), against the real server in its own process, with N
 * concurrent sessions of 15 participants each:
 *
 * 1. Steady voting: every participant places and removes stickers at a human pace (one
 *    action every ~2 s) for STEADY_SECONDS. Prints p50/p95/p99 of the time from a sticker
 *    being placed (sent) to every other participant of that session seeing a state that
 *    includes it. Target: p95 < 100 ms.
 * 2. The race: every participant fires ten concurrent placements at once. Checks that no
 *    accepted sticker is lost and nobody exceeds their budget; prints the same latencies,
 *    which here include the queue of the whole burst.
 *
 *   npm run bench:voting               # 50 sessions x 15 participants
 *   SESSIONS=5 npm run bench:voting    # a short run (CI)
 */
import { io, type Socket } from 'socket.io-client';
import { SYSTEM } from '../src/lib/server/audit';
import { addParticipant } from '../src/lib/server/sessions/participants';
import { createDialogueSession } from '../src/lib/server/sessions/setup';
import { PERSPECTIVES, stickers } from '../src/lib/server/db/schema';
import { benchFacilitators, freePort, percentile, prepareData, startServerProcess, runMain } from './_server';

const SESSIONS = Number(process.env.SESSIONS ?? 50);
const PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 15);
const PLACEMENTS = Number(process.env.PLACEMENTS ?? 10);
const BUDGET = 3;
const STEADY_SECONDS = Number(process.env.STEADY_SECONDS ?? 10);

type Ack = { ok: boolean; error?: string; revision?: number; mine?: { used: number } };

interface Client {
	socket: Socket;
	session: number;
	participantId: number;
	/** Arrival time of each pushed state revision. */
	seen: { revision: number; at: number }[];
}

function connect(url: string, cookie: string): Promise<Socket> {
	return new Promise((resolve, reject) => {
		const socket = io(url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie, origin: url } });
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

async function main(): Promise<void> {
	const { dataDir, db } = prepareData();
	const { facilitators: leads, movisieVersionId: versionId } = await benchFacilitators(db, SESSIONS);
	const plan: { id: number; staffCookie: string; people: { id: number; cookie: string }[] }[] = [];
	for (let s = 0; s < SESSIONS; s++) {
		const { id: facilitatorId, cookie: staffCookie } = leads[s]!;
		const session = createDialogueSession(db, SYSTEM, {
			title: `Bench ${s}`,
			facilitatorId,
			frameworkVersionId: versionId,
			stickersPerParticipant: BUDGET
		});
		const people = [];
		for (let p = 0; p < PARTICIPANTS; p++) {
			const { participant, token } = addParticipant(db, SYSTEM, session.id, {
				displayName: `P${p}`,
				perspective: PERSPECTIVES[p % PERSPECTIVES.length]!
			});
			people.push({ id: participant.id, cookie: `kd_participant=${token}` });
		}
		plan.push({ id: session.id, staffCookie, people });
	}
	db.$client.close();

	const server = await startServerProcess(dataDir, await freePort());
	const clients: Client[] = [];
	const facilitators: Socket[] = [];
	try {
		// Connect everyone, in batches so the connection storm is not what is measured.
		for (const session of plan) {
			const f = await connect(server.url, session.staffCookie);
			facilitators.push(f);
			const joined = (await f.timeout(10_000).emitWithAck('session:join', { sessionId: session.id })) as Ack;
			if (!joined.ok) throw new Error(`facilitator join: ${joined.error}`);
			for (let i = 0; i < 3; i++) await f.timeout(10_000).emitWithAck('agenda:goto', { sessionId: session.id, to: 'next' });
			const opened = (await f.timeout(10_000).emitWithAck('vote:open', { sessionId: session.id })) as Ack;
			if (!opened.ok) throw new Error(`vote:open: ${opened.error}`);
			await Promise.all(
				session.people.map(async (person) => {
					const socket = await connect(server.url, person.cookie);
					const client: Client = { socket, session: session.id, participantId: person.id, seen: [] };
					socket.on('session:state', (state: { revision: number }) =>
						client.seen.push({ revision: state.revision, at: performance.now() })
					);
					const ack = (await socket.timeout(10_000).emitWithAck('session:join', { sessionId: session.id })) as Ack;
					if (!ack.ok) throw new Error(`join: ${ack.error}`);
					clients.push(client);
				})
			);
		}
		const themeIds = new Map<number, number[]>();
		for (const [i, session] of plan.entries()) {
			const ack = (await facilitators[i]!.timeout(10_000).emitWithAck('session:state', { sessionId: session.id })) as {
				state?: { themes: { id: number }[] };
			};
			themeIds.set(
				session.id,
				ack.state!.themes.map((t) => t.id)
			);
		}
		await new Promise((r) => setTimeout(r, 500));
		const bySession = new Map<number, Client[]>();
		for (const c of clients) bySession.set(c.session, [...(bySession.get(c.session) ?? []), c]);
		/** For each accepted sticker, when every other participant of the session saw it. */
		const deliveries = (accepted: { client: Client; sentAt: number; revision: number }[]) => {
			const latencies: number[] = [];
			let undelivered = 0;
			for (const a of accepted) {
				let worst = 0;
				for (const other of bySession.get(a.client.session)!) {
					if (other === a.client) continue;
					const seen = other.seen.find((x) => x.revision >= a.revision);
					if (!seen) undelivered++;
					else worst = Math.max(worst, seen.at - a.sentAt);
				}
				latencies.push(worst);
			}
			return { latencies: latencies.sort((x, y) => x - y), undelivered };
		};
		const fmt = (n: number) => `${n.toFixed(1)} ms`;
		const report = (label: string, l: number[]) =>
			console.log(
				`${label}: p50 ${fmt(percentile(l, 50))}  p95 ${fmt(percentile(l, 95))}  p99 ${fmt(percentile(l, 99))}  max ${fmt(l.at(-1) ?? NaN)}`
			);
		console.log(`sessions ${SESSIONS} x participants ${PARTICIPANTS} (${clients.length} participants connected), budget ${BUDGET}`);

		// 1. Steady voting at a human pace: place a sticker, later take it off again.
		let before = server.usage();
		const steady: { client: Client; sentAt: number; revision: number }[] = [];
		let steadyErrors = 0;
		const end = performance.now() + STEADY_SECONDS * 1000;
		await Promise.all(
			clients.map(async (client) => {
				const themes = themeIds.get(client.session)!;
				await new Promise((r) => setTimeout(r, Math.random() * 2000));
				while (performance.now() < end) {
					const themeId = themes[Math.floor(Math.random() * themes.length)]!;
					const sentAt = performance.now();
					const placed = (await client.socket.timeout(30_000).emitWithAck('sticker:place', { sessionId: client.session, themeId })) as Ack;
					if (placed.ok) steady.push({ client, sentAt, revision: placed.revision! });
					else steadyErrors++;
					await new Promise((r) => setTimeout(r, 1000 + Math.random() * 2000));
					if (placed.ok) {
						const removed = (await client.socket
							.timeout(30_000)
							.emitWithAck('sticker:remove', { sessionId: client.session, themeId })) as Ack;
						if (!removed.ok) steadyErrors++;
					}
					await new Promise((r) => setTimeout(r, 1000 + Math.random() * 2000));
				}
			})
		);
		await new Promise((r) => setTimeout(r, 1000));
		let after = server.usage();
		const steadyResult = deliveries(steady);
		console.log(
			`1. steady voting for ${STEADY_SECONDS} s: ${steady.length} placements (and as many removals), ${steadyErrors} refused; server CPU ${fmt(after.cpuMs - before.cpuMs)} (${(((after.cpuMs - before.cpuMs) / (STEADY_SECONDS * 1000)) * 100).toFixed(0)} % of one core)`
		);
		report('   sticker to every other participant', steadyResult.latencies);
		console.log(
			`   target p95 < 100 ms: ${percentile(steadyResult.latencies, 95) < 100 ? 'met' : 'NOT met'}; states not delivered: ${steadyResult.undelivered}`
		);

		// 2. The race: everyone fires PLACEMENTS concurrent placements at once.
		for (const c of clients) c.seen.length = 0;
		before = server.usage();
		const accepted: { client: Client; sentAt: number; revision: number }[] = [];
		const refused = new Map<string, number>();
		const started = performance.now();
		await Promise.all(
			clients.flatMap((client) =>
				Array.from({ length: PLACEMENTS }, async (_, i) => {
					const themes = themeIds.get(client.session)!;
					const sentAt = performance.now();
					const ack = (await client.socket
						.timeout(60_000)
						.emitWithAck('sticker:place', { sessionId: client.session, themeId: themes[i % themes.length]! })) as Ack;
					if (ack.ok) accepted.push({ client, sentAt, revision: ack.revision! });
					else refused.set(ack.error!, (refused.get(ack.error!) ?? 0) + 1);
				})
			)
		);
		const wall = performance.now() - started;
		await new Promise((r) => setTimeout(r, 1000));
		after = server.usage();
		const burst = deliveries(accepted);
		console.log(
			`2. race: ${clients.length * PLACEMENTS} placements at once, ${accepted.length} accepted, refused ${[...refused].map(([k, v]) => `${k}=${v}`).join(' ')}; handled in ${fmt(wall)}, server CPU ${fmt(after.cpuMs - before.cpuMs)}, memory ${after.rssMb.toFixed(0)} MB`
		);
		report('   sticker to every other participant (includes the burst queue)', burst.latencies);
		const undelivered = burst.undelivered + steadyResult.undelivered;

		// Nothing lost, nobody over budget: compare with the database.
		const check = (await import('../src/lib/server/db')).openDatabase(dataDir);
		const rows = check.select().from(stickers).all();
		const perParticipant = new Map<number, number>();
		for (const r of rows) perParticipant.set(r.participantId, (perParticipant.get(r.participantId) ?? 0) + 1);
		const overBudget = [...perParticipant.values()].filter((n) => n > BUDGET).length;
		const acceptedPer = new Map<number, number>();
		for (const a of accepted) acceptedPer.set(a.client.participantId, (acceptedPer.get(a.client.participantId) ?? 0) + 1);
		const lost = [...acceptedPer].filter(([id, n]) => (perParticipant.get(id) ?? 0) !== n).length;
		check.$client.close();

		console.log(
			`   stickers in database ${rows.length}; accepted but missing: ${lost} participants; over budget: ${overBudget}; states not delivered: ${undelivered}`
		);
		const ok =
			lost === 0 && overBudget === 0 && undelivered === 0 && rows.length === accepted.length && accepted.length === clients.length * BUDGET;
		console.log(ok ? 'RESULT ok' : 'RESULT failed');
		process.exitCode = ok ? 0 : 1;
	} finally {
		for (const c of clients) c.socket.disconnect();
		for (const f of facilitators) f.disconnect();
		await server.stop();
	}
}

runMain(main);
