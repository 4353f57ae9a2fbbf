// Bundles server/index.ts into build/server.js and server/yjs-worker.ts (the co-editing
// process it starts) into build/yjs-worker.js. Packages stay external (installed with npm);
// the SvelteKit handler is loaded at run time from build/handler.js.
import { build } from 'esbuild';

await build({
	entryPoints: { server: 'server/index.ts', 'yjs-worker': 'server/yjs-worker.ts' },
	outdir: 'build',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
console.log('built build/server.js and build/yjs-worker.js');
