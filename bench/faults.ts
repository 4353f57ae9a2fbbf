/**
 * Faults (issue 8): SIGKILL the real server in the middle of voting and co-editing, ROUNDS
 * times, and restart it on the same port and DATA_DIR (see _faults.ts). Prints how many votes
 * and edits were acknowledged and how many of those were lost (must be 0), how long the server
 * took to start again, and how long the clients took to reconnect and resync by themselves:
 * from the restarted server listening until a voter has joined again with a fresh state, and
 * until an editor's document is synced again (p50/p95/max).
 *
 *   npm run bench:faults                           # 10 sessions x 15 voters, 20 editors, 5 kills
 *   SESSIONS=2 EDITORS=5 ROUNDS=2 npm run bench:faults   # a short run (CI)
 */
import { percentile, runMain } from './_server';
import { runFaults } from './_faults';

const SESSIONS = Number(process.env.SESSIONS ?? 10);
const PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 15);
const EDITORS = Number(process.env.EDITORS ?? 20);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const RUN_MS = Number(process.env.RUN_MS ?? 3000);
const DOWN_MS = Number(process.env.DOWN_MS ?? 1000);
/** Pause between two actions of one client (voting and typing), ms. */
const PACE_MS = Number(process.env.PACE_MS ?? 1000);

async function main(): Promise<void> {
	console.log(
		`faults: ${SESSIONS} voting sessions x ${PARTICIPANTS} participants, ${EDITORS} editors on one document; ${ROUNDS} x SIGKILL after ${RUN_MS} ms of load, ${DOWN_MS} ms down, an action per client every ~${PACE_MS} ms`
	);
	const result = await runFaults({
		sessions: SESSIONS,
		participants: PARTICIPANTS,
		editors: EDITORS,
		rounds: ROUNDS,
		runMs: RUN_MS,
		downMs: DOWN_MS,
		paceMs: PACE_MS,
		progress: (line) => console.log(`  ${line}`)
	});
	const fmt = (n: number) => `${n.toFixed(0)} ms`;
	const spread = (label: string, values: number[]) => {
		const sorted = [...values].sort((a, b) => a - b);
		console.log(
			`${label}: p50 ${fmt(percentile(sorted, 50))}  p95 ${fmt(percentile(sorted, 95))}  max ${fmt(sorted.at(-1) ?? NaN)}  (${sorted.length} reconnects)`
		);
	};
	console.log(
		`votes: ${result.votesAcked} acknowledged, ${result.votesLost} lost; at the end state, database and acknowledgements agree: ${result.votesAgree ? 'yes' : `NO (${result.votesDisagreeing.length})`}`
	);
	for (const line of result.votesDisagreeing.slice(0, 5)) console.log(`  ${line}`);
	console.log(
		`edits: ${result.editsTyped} typed (${result.editsTypedOffline} while disconnected), ${result.editsAcked} acknowledged (seen by another editor) at the kills, ${result.editsLost} lost; replicas converged: ${result.converged ? 'yes' : 'NO'}, edits missing in a replica: ${result.missingInReplicas}; stored document equals the replicas: ${result.storedEqual ? 'yes' : 'NO'}`
	);
	spread(
		'server restart',
		result.rounds.map((r) => r.restartMs)
	);
	spread(
		'voter reconnect + join + state (from restart)',
		result.rounds.flatMap((r) => r.voterResyncMs)
	);
	spread(
		'editor reconnect + sync (from restart)',
		result.rounds.flatMap((r) => r.editorResyncMs)
	);
	const failures = [
		...result.problems,
		...(result.votesLost > 0 ? [`${result.votesLost} acknowledged votes lost`] : []),
		...(result.editsLost > 0 ? [`${result.editsLost} acknowledged edits lost`] : []),
		...(result.votesAgree ? [] : ['votes disagree']),
		...(result.converged && result.missingInReplicas === 0 ? [] : ['replicas did not converge with every edit']),
		...(result.storedEqual ? [] : ['stored document differs'])
	];
	console.log(failures.length === 0 ? 'RESULT ok' : `RESULT failed: ${failures.join('; ')}`);
	process.exitCode = failures.length === 0 ? 0 : 1;
}

runMain(main);
