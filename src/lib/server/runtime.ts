/**
 * The process-wide runtime: configuration, database and realtime layer. The Node server (or
 * the Vite dev plugin) boots it before the first request; SvelteKit's hooks and routes read
 * it from here. It sits on globalThis because the server entry and SvelteKit's build are
 * separate bundles in one process, and both must share one database connection.
 */
import type { Locale } from '../i18n';
import type { Config } from './config';
import type { Db } from './db';
import type { Realtime } from './realtime';
import type { MailQueue } from './mail/outbox';

export interface Runtime {
	config: Config;
	/** The origin the app is reached at (ORIGIN, or derived from the port it listens on). */
	origin: string;
	db: Db;
	realtime: Realtime | null;
	/** Mail delivery; null where no mail is sent (the seed command). */
	mail: MailQueue | null;
	/** Hash of the one-time set-up token, while no account exists and none was configured. */
	setupTokenHash: Buffer | null;
	/**
	 * Per language, the browser files with its catalogue (paths below the site root, from the
	 * build), which a page preloads; none in development.
	 */
	localeChunks?: Partial<Record<Locale, string[]>>;
}

const KEY = Symbol.for('kwaliteitsdialoog.runtime');
type Holder = { [KEY]?: Runtime };

export function setRuntime(runtime: Runtime | undefined): void {
	(globalThis as Holder)[KEY] = runtime;
}

export function findRuntime(): Runtime | undefined {
	return (globalThis as Holder)[KEY];
}

export function getRuntime(): Runtime {
	const runtime = findRuntime();
	if (!runtime) throw new Error('The runtime has not been started (start the app with npm start or npm run dev).');
	return runtime;
}
