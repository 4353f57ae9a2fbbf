/**
 * Starts the real server (the same startServer as `npm start`) in this test process, on an
 * ephemeral port over a fresh DATA_DIR. Requires `npm run build` (it serves build/handler.js).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../server/app';
import { loadConfig } from '../../src/lib/server/config';

export const ADMIN_EMAIL = 'beheer@gemeente.test';
export const ADMIN_PASSWORD = 'een lang wachtwoord voor tests';

export function tempDataDir(prefix = 'kd-test-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestServerOptions {
	dataDir?: string;
	/** Set false to start without ADMIN_EMAIL/ADMIN_PASSWORD (first-run set-up link). */
	admin?: boolean;
	port?: number;
	env?: Record<string, string>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<RunningServer & { dataDir: string }> {
	const dataDir = options.dataDir ?? tempDataDir();
	const env: Record<string, string> = {
		PORT: String(options.port ?? 0),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
		...(options.admin === false ? {} : { ADMIN_EMAIL, ADMIN_PASSWORD }),
		...options.env
	};
	const running = await startServer(loadConfig(env));
	return Object.assign(running, { dataDir });
}

/** Logs in over the JSON API and returns the cookie header to send with later requests. */
export async function loginCookie(url: string, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<string> {
	const response = await fetch(`${url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({ email, password })
	});
	if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('kd_session='));
	if (!cookie) throw new Error('no session cookie');
	return cookie.split(';')[0]!;
}
