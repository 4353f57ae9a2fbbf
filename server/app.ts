/**
 * The Node server: one HTTP server on one port for the SvelteKit app (adapter-node's
 * handler), socket.io under /socket.io/ and the Yjs websocket under /yjs/<document>.
 * Migrations run before it listens.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { attachRealtime, bootRuntime, loadConfig, prepareFirstRun, shutdownRuntime, startMail } from '../src/lib/server/boot';
import type { Config } from '../src/lib/server/config';
import { log, errorFields } from '../src/lib/server/log';
import type { Runtime } from '../src/lib/server/runtime';
import { closeIfBodyUnread, securityHeaders, serveHuisstijl, tooLarge } from './http';

/** Both paths work from server/ (tests, tsx) and from build/server.js (production). */
const ROOT = new URL('../', import.meta.url);
export const MIGRATIONS_DIR = fileURLToPath(new URL('migrations/', ROOT));
const HANDLER = new URL('build/handler.js', ROOT).href;
const YJS_WORKER = fileURLToPath(new URL('build/yjs-worker.js', ROOT));
/** Written by the build (vite.config.ts, localeChunks): which browser files hold each catalogue. */
const LOCALE_CHUNKS = new URL('build/client/_app/locale-chunks.json', ROOT);

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface RunningServer {
	url: string;
	port: number;
	runtime: Runtime;
	setupLink: string | null;
	close(): Promise<void>;
}

/** The catalogue files per language; without them (an older build) pages just do not preload them. */
function readLocaleChunks(): Runtime['localeChunks'] {
	try {
		return JSON.parse(fs.readFileSync(LOCALE_CHUNKS, 'utf8')) as Runtime['localeChunks'];
	} catch {
		log.warn('server.no-locale-chunks', { file: fileURLToPath(LOCALE_CHUNKS) });
		return {};
	}
}

export async function startServer(config: Config = loadConfig()): Promise<RunningServer> {
	const runtime = bootRuntime(config, MIGRATIONS_DIR);
	runtime.localeChunks = readLocaleChunks();
	const server = http.createServer();
	let handler: Handler | null = null;
	const realtime = attachRealtime(runtime, server, false, YJS_WORKER);
	const huisstijl = config.huisstijl && {
		css: config.huisstijl.css,
		etag: `"${createHash('sha256').update(config.huisstijl.css).digest('base64url').slice(0, 27)}"`
	};
	if (config.huisstijl) log.info('server.huisstijl', { file: config.huisstijl.file });

	server.on('request', (req, res) => {
		securityHeaders(res, runtime.origin);
		if (realtime.handleRequest(req, res)) return;
		if (tooLarge(req, res, config.bodySizeLimit, runtime.origin)) return;
		if (serveHuisstijl(req, res, huisstijl)) return;
		closeIfBodyUnread(req, res);
		if (!handler) {
			res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
			res.end('De app start nog op. Probeer het zo opnieuw.');
			return;
		}
		handler(req, res);
	});
	server.on('clientError', (error, socket) => {
		log.debug('http.client-error', errorFields(error));
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
		else socket.destroy();
	});

	try {
		await realtime.ready();
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(config.port, config.host, () => {
				server.off('error', reject);
				resolve();
			});
		});
	} catch (error) {
		await shutdownRuntime();
		throw error;
	}
	const port = (server.address() as AddressInfo).port;
	if (!config.origin) runtime.origin = runtime.origin.replace(/:\d+$/, `:${port}`);

	let setupLink: string | null;
	try {
		// adapter-node reads these when its handler module loads.
		process.env.ORIGIN = runtime.origin;
		process.env.BODY_SIZE_LIMIT = String(config.bodySizeLimit);
		handler = ((await import(HANDLER)) as { handler: Handler }).handler;
		setupLink = await prepareFirstRun(runtime);
		startMail(runtime);
	} catch (error) {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
		await realtime.close();
		await shutdownRuntime();
		throw error;
	}
	log.info('server.listening', { url: runtime.origin, port });

	let closing: Promise<void> | null = null;
	return {
		url: runtime.origin,
		port,
		runtime,
		setupLink,
		close() {
			closing ??= (async () => {
				const closed = new Promise<void>((resolve) => server.close(() => resolve()));
				await realtime.close();
				server.closeIdleConnections();
				const timer = setTimeout(() => server.closeAllConnections(), 2000);
				await closed;
				clearTimeout(timer);
				await shutdownRuntime();
			})();
			return closing;
		}
	};
}
