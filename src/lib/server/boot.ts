/**
 * Start-up and shut-down of everything but the HTTP server itself: database, migrations,
 * first administrator or set-up link, realtime layer. Shared by server/ and the dev plugin.
 */
import type { Server as HttpServer } from 'node:http';
import { loadConfig, resolveOrigin, type Config } from './config';
import { checkpointEvery, deferCheckpoints, migrateDatabase, openDatabase, type Db } from './db';
import { countUsers, createFirstAdmin } from './auth/accounts';
import { hashSecret, newToken, secretMatches } from './auth/tokens';
import { errorFields, log, setLogLevel } from './log';
import { Realtime } from './realtime';
import { startMail } from './mail';

export { startMail };
import { seedFrameworks } from './frameworks/exchange';
import { seedJargon } from './reports/jargon';
import { findRuntime, setRuntime, type Runtime } from './runtime';

export { loadConfig };

/** Opens and migrates the database and registers the runtime. Throws on any problem. */
export function bootRuntime(config: Config, migrationsFolder: string): Runtime {
	setLogLevel(config.logLevel);
	const db = openDatabase(config.dataDir);
	try {
		migrateDatabase(db, migrationsFolder);
	} catch (error) {
		db.$client.close();
		throw error;
	}
	try {
		seedDatabase(db);
	} catch (error) {
		db.$client.close();
		throw error;
	}
	// The server checkpoints the WAL itself, in the background, for its Yjs process too.
	deferCheckpoints(db);
	checkpointEvery(db);
	const runtime: Runtime = { config, origin: resolveOrigin(config, config.port), db, realtime: null, mail: null, setupTokenHash: null };
	setRuntime(runtime);
	log.info('db.ready', { dataDir: config.dataDir });
	return runtime;
}

/**
 * Loads the seed data that is not there yet: the two source frameworks and (once) the
 * standard jargon list. Runs at every start
 * (so a fresh installation has them) and from `npm run seed`; what exists is left alone.
 */
export function seedDatabase(db: Db): { loaded: string[]; present: string[] } {
	const result = seedFrameworks(db);
	if (result.loaded.length > 0) log.info('seed.loaded', { frameworks: result.loaded });
	const jargon = seedJargon(db);
	if (jargon > 0) log.info('seed.jargon', { terms: jargon });
	return result;
}

/**
 * Attaches socket.io and the Yjs endpoint to an HTTP server through one upgrade dispatcher.
 * `yjsWorker`: the built Yjs process script (build/yjs-worker.js), used when YJS_PROCESS is
 * `separate`; without it (the dev server) co-editing runs in this process.
 */
export function attachRealtime(runtime: Runtime, server: HttpServer, dev = false, yjsWorker?: string): Realtime {
	const { config } = runtime;
	const realtime = new Realtime({
		db: runtime.db,
		origin: () => runtime.origin,
		sessionDays: config.sessionDays,
		dev,
		yjsProcess:
			yjsWorker && config.yjsProcess === 'separate'
				? { script: yjsWorker, options: { dataDir: config.dataDir, logLevel: config.logLevel } }
				: undefined
	});
	runtime.realtime = realtime;
	server.on('upgrade', (req, socket, head) => {
		try {
			realtime.handleUpgrade(req, socket, head);
		} catch (error) {
			log.error('upgrade.failed', errorFields(error));
			socket.destroy();
		}
	});
	return realtime;
}

/**
 * First start: with ADMIN_EMAIL and ADMIN_PASSWORD the first beheerder is created; without
 * them a one-time set-up link is printed to the console. Returns that link, if any.
 */
export async function prepareFirstRun(runtime: Runtime): Promise<string | null> {
	if (countUsers(runtime.db) > 0) return null;
	const { adminEmail, adminPassword } = runtime.config;
	if (adminEmail && adminPassword) {
		const user = await createFirstAdmin(runtime.db, { email: adminEmail, name: 'Beheerder' }, adminPassword);
		log.info('setup.admin-created', { userId: user.id });
		return null;
	}
	const { token } = newToken();
	runtime.setupTokenHash = hashSecret(token);
	const link = `${runtime.origin}/setup?token=${encodeURIComponent(token)}`;
	process.stdout.write(`\nNo account exists yet. Open this one-time link to create the first administrator:\n\n  ${link}\n\n`);
	log.info('setup.link-printed', {});
	return link;
}

/** True while the one-time set-up link is valid and `token` is its token. */
export function setupTokenValid(runtime: Runtime, token: string | null): boolean {
	return !!token && token.length < 100 && !!runtime.setupTokenHash && secretMatches(token, runtime.setupTokenHash);
}

export async function shutdownRuntime(): Promise<void> {
	const runtime = findRuntime();
	if (!runtime) return;
	setRuntime(undefined);
	await runtime.realtime?.close();
	await runtime.mail?.stop();
	runtime.db.$client.close();
	log.info('runtime.stopped', {});
}
