/** What a domain call refused with, as a string to compare; other errors are thrown on. */
import { DomainError } from '../../src/lib/server/errors';
import { ValidationError } from '../../src/lib/server/validation';

function refusal(fn: () => unknown, validation: boolean): string {
	try {
		fn();
	} catch (error) {
		if (validation && error instanceof ValidationError) return error.problems.map((p) => p.code).join(',');
		if (error instanceof DomainError) return error.code;
		throw error;
	}
	return 'no error';
}

/** The code of the DomainError, or the problem codes of the ValidationError, `fn` threw; 'no error' when it returned. */
export function errorCode(fn: () => unknown): string {
	return refusal(fn, true);
}

/** The code of the DomainError `fn` threw; 'no error' when it returned. A ValidationError is thrown on like any other. */
export function domainErrorCode(fn: () => unknown): string {
	return refusal(fn, false);
}
