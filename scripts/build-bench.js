// Bundles the benchmark scripts in bench/*.ts into build/bench/*.js (packages stay external).
// Files starting with `_` are shared modules, except the processes a benchmark starts itself
// (its client processes and bare baseline servers), which are entries of their own.
import fs from 'node:fs';
import { build } from 'esbuild';

const processes = ['_load-worker.ts', '_bare-socketio.ts', '_bare-yjs.ts'];
const entries = fs
	.readdirSync('bench')
	.filter((f) => f.endsWith('.ts') && (!f.startsWith('_') || processes.includes(f)))
	.map((f) => `bench/${f}`);
await build({
	entryPoints: entries,
	outdir: 'build/bench',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	logLevel: 'warning'
});
console.log(`built ${entries.length} benchmark(s) into build/bench/`);
