// Bundles server/index.ts into build/server.js. Packages stay external (installed with npm);
// the SvelteKit handler is loaded at run time from build/handler.js.
import { build } from 'esbuild';

await build({
	entryPoints: ['server/index.ts'],
	outfile: 'build/server.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
console.log('built build/server.js');
