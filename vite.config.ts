import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin, ViteDevServer } from 'vite';
import { defineConfig } from 'vitest/config';
import { LOCALES } from './src/lib/i18n/core';

/**
 * In `npm run dev`, attaches the same realtime modules (socket.io, Yjs) and runtime as the
 * production server to Vite's own HTTP server. They are loaded through Vite's SSR module
 * graph, so they share code and state with the SvelteKit routes.
 */
function realtimeDev(): Plugin {
	return {
		name: 'kwaliteitsdialoog:realtime-dev',
		apply: 'serve',
		async configureServer(server: ViteDevServer) {
			if (!server.httpServer) return;
			const boot = await server.ssrLoadModule('/src/lib/server/boot.ts');
			const config = boot.loadConfig({ ...process.env, PORT: String(server.config.server.port ?? 5173) });
			const runtime = boot.bootRuntime(config, new URL('./migrations/', import.meta.url).pathname);
			const realtime = boot.attachRealtime(runtime, server.httpServer, true);
			server.middlewares.use((req, res, next) => {
				if (!realtime.handleRequest(req, res)) next();
			});
			server.httpServer.once('listening', () => {
				const address = server.httpServer?.address();
				if (address && typeof address === 'object' && !config.origin) {
					runtime.origin = `http://localhost:${address.port}`;
				}
				void boot.prepareFirstRun(runtime);
				boot.startMail(runtime);
			});
		}
	};
}

/**
 * The browser loads its language's catalogue with a dynamic import (src/lib/i18n/load.ts),
 * which SvelteKit does not announce in the page. The client build records which files hold
 * each catalogue in `_app/locale-chunks.json` (build/client); the server reads it at start-up
 * (server/app.ts) and every page preloads its own language's file (src/hooks.server.ts).
 */
function localeChunks(): Plugin {
	let ssr = false;
	return {
		name: 'kwaliteitsdialoog:locale-chunks',
		apply: 'build',
		configResolved(config) {
			ssr = !!config.build.ssr;
		},
		generateBundle(_options, bundle) {
			if (ssr) return;
			const files: Record<string, string[]> = {};
			for (const chunk of Object.values(bundle)) {
				const locale = LOCALES.find((l) => chunk.type === 'chunk' && chunk.facadeModuleId?.endsWith(`/src/lib/i18n/${l}.ts`));
				if (locale && chunk.type === 'chunk') files[locale] = [chunk.fileName, ...chunk.imports];
			}
			this.emitFile({ type: 'asset', fileName: '_app/locale-chunks.json', source: JSON.stringify(files) });
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), realtimeDev(), localeChunks()],
	server: { port: 5173, strictPort: false, watch: { ignored: ['**/.ci/**', '**/data/**', '**/test-results/**'] } },
	test: {
		// CI sets VITEST_REPORT to collect the counts of every run in one summary line.
		reporters: process.env.VITEST_REPORT ? ['default', 'json'] : ['default'],
		outputFile: process.env.VITEST_REPORT ? { json: process.env.VITEST_REPORT } : undefined,
		// Tests start the real server, which imports the built app (build/handler.js). Node
		// loads it as it is, as in production; through Vitest's transform, vite-plugin-svelte
		// would compile the built *.svelte.js chunks a second time and reject them.
		server: { deps: { external: [/\/build\//] } },
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'browser',
					include: ['tests/browser/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 90_000,
					fileParallelism: false
				}
			}
		]
	}
});
