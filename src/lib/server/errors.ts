import type { MessageKey } from '../i18n';

/**
 * An expected failure with a message for a person: `code` is a key in the message
 * catalogue, `status` the HTTP status it maps to. Routes, socket handlers and the JSON API
 * turn it into a Dutch (or English) message; anything else is an internal error.
 */
export class DomainError extends Error {
	constructor(
		readonly code: MessageKey,
		readonly status = 400,
		readonly params: Record<string, string | number> = {}
	) {
		super(code);
		this.name = 'DomainError';
	}
}
