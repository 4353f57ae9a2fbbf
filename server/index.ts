/**
 * Entry point: `node build/server.js` serves the app. Configuration comes from environment
 * variables (see docs/beheerder-guide.md); a wrong value stops start-up with a message naming it.
 */
import { ConfigError, loadConfig } from '../src/lib/server/config';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE, DataDirError, NewerDatabaseError, migrateDatabase, openDatabase } from '../src/lib/server/db';
import { seedDatabase } from '../src/lib/server/boot';
import { BackupError, backupDatabase } from '../src/lib/server/backup';
import { log, errorFields } from '../src/lib/server/log';
import { MIGRATIONS_DIR, startServer } from './app';

async function main(): Promise<void> {
	// Everything the app writes holds personal data (the database, its journal, backups, mails
	// with personal links): readable by the app's own user only, not by every account on the server.
	process.umask(0o077);
	let config;
	try {
		config = loadConfig();
	} catch (error) {
		if (error instanceof ConfigError) {
			process.stderr.write(`Configuration error: ${error.message}\n`);
			process.exit(1);
		}
		throw error;
	}
	if (process.argv[2] === 'seed') return seed(config);
	if (process.argv[2] === 'backup') return backup(config, process.argv[3]);
	let running;
	try {
		running = await startServer(config);
	} catch (error) {
		if (error instanceof DataDirError || error instanceof NewerDatabaseError) {
			process.stderr.write(`Start-up error: ${error.message}\n`);
		} else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
			process.stderr.write(`Start-up error: port ${config.port} is already in use (set PORT to another port)\n`);
		} else {
			process.stderr.write(`Start-up error: ${(error as Error).message ?? error}\n`);
			log.error('server.start-failed', errorFields(error));
		}
		process.exit(1);
	}
	process.stdout.write(`Kwaliteitsdialoog is running at ${running.url}\n`);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		log.info('server.stopping', { signal });
		const force = setTimeout(() => {
			log.error('server.stop-timeout', {});
			process.exit(1);
		}, 10_000);
		force.unref();
		running.close().then(
			() => process.exit(0),
			(error) => {
				log.error('server.stop-failed', errorFields(error));
				process.exit(1);
			}
		);
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
}

/** `npm run seed`: migrates the database and loads missing seed data, then exits. Safe to run twice. */
function seed(config: ReturnType<typeof loadConfig>): void {
	try {
		const db = openDatabase(config.dataDir);
		migrateDatabase(db, MIGRATIONS_DIR);
		const { loaded, present } = seedDatabase(db);
		db.$client.close();
		for (const name of loaded) process.stdout.write(`Loaded: ${name}\n`);
		for (const name of present) process.stdout.write(`Already present: ${name}\n`);
	} catch (error) {
		process.stderr.write(`Seed error: ${(error as Error).message ?? error}\n`);
		process.exit(1);
	}
}

/**
 * `npm run backup -- <file>`: a consistent copy of the database in DATA_DIR, made with the
 * online backup API, also while the app is running. Never overwrites an existing file.
 */
async function backup(config: ReturnType<typeof loadConfig>, file: string | undefined): Promise<void> {
	if (!file) {
		process.stderr.write('Backup error: name the file to write, e.g. npm run backup -- /backups/dialoog-2027-01-31.sqlite\n');
		process.exit(1);
	}
	// Opening a missing database would make an empty one, and a backup of that says "ok": a
	// nightly job without the app's DATA_DIR would keep writing empty copies.
	const source = path.join(config.dataDir, DATABASE_FILE);
	if (!fs.existsSync(source)) {
		process.stderr.write(`Backup error: there is no database at ${path.resolve(source)}. Set DATA_DIR to the folder the app runs with.\n`);
		process.exit(1);
	}
	try {
		const db = openDatabase(config.dataDir);
		const result = await backupDatabase(db, file);
		db.$client.close();
		process.stdout.write(`Backup written: ${result.file} (${result.bytes} bytes, integrity ok)\n`);
		for (const [table, rows] of Object.entries(result.tables)) process.stdout.write(`  ${table}: ${rows}\n`);
	} catch (error) {
		process.stderr.write(`Backup error: ${error instanceof BackupError ? error.message : ((error as Error).message ?? error)}\n`);
		process.exit(1);
	}
}

void main();
