import type { MessageKey, Params } from '../i18n';

/**
 * An expected failure with a message for a person: `code` is a key in the message
 * catalogue, `status` the HTTP status it maps to, `params` the values for its placeholders
 * (a date as a Date: it is written in the language of whoever reads the message). Routes, socket handlers and the JSON API
 * turn it into a Dutch (or English) message; anything else is an internal error.
 */
export class DomainError extends Error {
	constructor(
		readonly code: MessageKey,
		readonly status = 400,
		readonly params: Params = {}
	) {
		super(code);
		this.name = 'DomainError';
	}
}

/** Why storage refused a write for now: the database is locked by someone else, or the disk is full. */
export type StorageFault = 'busy' | 'full';

/**
 * Recognises a storage failure that is not a bug but a passing condition: SQLITE_BUSY /
 * SQLITE_LOCKED (another connection holds a write lock longer than busy_timeout) and
 * SQLITE_FULL / ENOSPC / EDQUOT (no space left). Looks through wrappers (drizzle wraps driver
 * errors in a DrizzleQueryError whose `cause` is the SqliteError).
 */
export function storageFault(error: unknown): StorageFault | null {
	for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
		const code = (e as { code?: unknown }).code;
		if (typeof code !== 'string') continue;
		if (/^SQLITE_(BUSY|LOCKED)(_|$)/.test(code)) return 'busy';
		if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
	}
	return null;
}

/**
 * The one place that maps a storage fault to what people see: a 503 with a message that says
 * nothing was saved and to try again. Staff get the cause (busy, or the disk is full: ask the
 * administrator); participants get a plain "try again later". Null for any other error.
 */
export function unavailable(error: unknown, audience: 'staff' | 'participant' = 'staff'): DomainError | null {
	const fault = storageFault(error);
	if (!fault) return null;
	if (audience === 'participant') return new DomainError(fault === 'busy' ? 'error.busyPlain' : 'error.saveLater', 503);
	return new DomainError(fault === 'busy' ? 'error.dbBusy' : 'error.diskFull', 503);
}

/** Seconds a client is asked to wait before trying again after a 503 for a storage fault. */
export const RETRY_AFTER_SECONDS = 5;
