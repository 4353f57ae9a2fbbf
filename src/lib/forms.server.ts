/**
 * Server side of forms: turns a DomainError into a `fail()` with its message code, so the
 * page shows the message in the user's language. Anything else is rethrown.
 */
import { fail } from '@sveltejs/kit';
import { DomainError } from './server/errors';
import type { MessageKey, Params } from './i18n';
import type { Role } from './server/db/schema';
import { ROLES } from './server/db/schema';

export function domainFailure<T extends Record<string, unknown>>(err: unknown, extra: T) {
	if (err instanceof DomainError) {
		return fail(err.status, { ...extra, error: err.code as MessageKey, params: err.params as Params });
	}
	throw err;
}

/** The checked role boxes (`roles`), keeping only known roles. */
export function formRoles(data: FormData): Role[] {
	return data
		.getAll('roles')
		.filter((value): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value));
}
