/**
 * One-line structured logging. Log lines carry ids and event names, never personal data
 * (no names, e-mail addresses or texts that participants wrote).
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * The threshold sits on globalThis: the server entry (which sets it from LOG_LEVEL) and
 * SvelteKit's build are separate bundles in one process, each with its own copy of this
 * module; with a module variable, code in the routes logged at `info` whatever LOG_LEVEL said.
 */
const KEY = Symbol.for('kwaliteitsdialoog.log-level');
type Holder = { [KEY]?: Level };

export function setLogLevel(level: Level): void {
	(globalThis as Holder)[KEY] = level;
}

function write(level: Level, event: string, fields: Record<string, unknown> = {}): void {
	if (ORDER[level] < ORDER[(globalThis as Holder)[KEY] ?? 'info']) return;
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

/**
 * A message or stack fit for a log line: error messages may quote the values that caused them
 * (a validation library echoing input, a driver naming a value, a URL with a token), so quoted
 * text, e-mail addresses, tokens, long numbers (phone numbers) and URL queries are replaced, and
 * the text is cut short.
 */
export function redact(text: string, max = 300): string {
	const cleaned = text
		.replace(/(["'`‘“])(?:(?!\1)[^\n]){0,500}?\1/g, '<value>')
		.replace(/[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+/g, '<address>')
		.replace(/\b[a-z2-7]{8,}\.[a-z2-7]{16,}\b/gi, '<token>')
		.replace(/\b[a-z2-7]{32,}\b/g, '<secret>')
		.replace(/\?[^\s]*/g, (q) => (q.length > 1 ? '?<query>' : q))
		.replace(/\+?\d[\d ()-]{5,}\d/g, '<number>');
	return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}

/**
 * Error details for a log line: name, a redacted message (see redact) and the stack (also
 * redacted) only at debug level. A validation error (zod) logs the paths and codes of its
 * issues, never the input.
 */
export function errorFields(error: unknown): Record<string, unknown> {
	// drizzle wraps a driver error in one whose message holds the query's parameters (names,
	// texts people wrote): log the driver's own error (e.g. SQLITE_BUSY, "database is locked").
	if (error instanceof Error && 'params' in error && error.cause instanceof Error) return errorFields(error.cause);
	if (error instanceof Error) {
		const issues = (error as { issues?: unknown }).issues;
		if (error.name === 'ZodError' && Array.isArray(issues)) {
			const summary = issues.map((i: { path?: unknown[]; code?: unknown }) => `${(i.path ?? []).join('.')}:${String(i.code)}`).join(', ');
			return { error: error.name, message: redact(summary) };
		}
		const code = (error as { code?: unknown }).code;
		return {
			error: error.name,
			...(typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? { code } : {}),
			message: redact(error.message),
			...((globalThis as Holder)[KEY] === 'debug' && error.stack ? { stack: redact(error.stack, 4000) } : {})
		};
	}
	return { error: typeof error };
}
