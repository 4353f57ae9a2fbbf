// Bundles the benchmark scripts in bench/*.ts into build/bench/*.js (packages stay external).
import fs from 'node:fs';
import { build } from 'esbuild';

const entries = fs.readdirSync('bench').filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => `bench/${f}`);
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
