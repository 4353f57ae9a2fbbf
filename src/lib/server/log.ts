/**
 * One-line structured logging. Log lines carry ids and event names, never personal data
 * (no names, e-mail addresses or texts that participants wrote).
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let threshold: Level = 'info';

export function setLogLevel(level: Level): void {
	threshold = level;
}

function write(level: Level, event: string, fields: Record<string, unknown> = {}): void {
	if (ORDER[level] < ORDER[threshold]) return;
	const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
	if (level === 'error' || level === 'warn') process.stderr.write(line + '\n');
	else process.stdout.write(line + '\n');
}

export const log = {
	debug: (event: string, fields?: Record<string, unknown>) => write('debug', event, fields),
	info: (event: string, fields?: Record<string, unknown>) => write('info', event, fields),
	warn: (event: string, fields?: Record<string, unknown>) => write('warn', event, fields),
	error: (event: string, fields?: Record<string, unknown>) => write('error', event, fields)
};

/** Error details for a log line: name and message, and the stack only at debug level. */
export function errorFields(error: unknown): Record<string, unknown> {
	// drizzle wraps a driver error in one whose message holds the query's parameters (names,
	// texts people wrote): log the driver's own error (e.g. SQLITE_BUSY, "database is locked").
	if (error instanceof Error && 'params' in error && error.cause instanceof Error) {
		const cause = error.cause as Error & { code?: unknown };
		return { error: cause.name, ...(typeof cause.code === 'string' ? { code: cause.code } : {}), message: cause.message, ...(threshold === 'debug' ? { stack: cause.stack } : {}) };
	}
	if (error instanceof Error) {
		return { error: error.name, message: error.message, ...(threshold === 'debug' ? { stack: error.stack } : {}) };
	}
	return { error: String(error) };
}
