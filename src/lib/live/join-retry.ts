/**
 * Answers to `session:join` that mean "not now" rather than "not you": the live page (and the
 * fault benchmark, which behaves like it) tries again shortly while still connected.
 */
export const RETRY_JOIN: ReadonlySet<string> = new Set([
	'error.rateLimited',
	'live.noAnswer',
	'error.busyPlain',
	'error.saveLater',
	'error.internalShort'
]);
