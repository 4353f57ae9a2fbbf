/**
 * Shared helpers for forms (browser-safe): which field a message code is about, so the
 * page can mark that field invalid and link it to the error text with aria-describedby.
 */
import type { MessageKey } from './i18n';

export type FieldName = 'name' | 'email' | 'roles' | 'password' | 'current' | 'repeat';

export function fieldForCode(code: MessageKey | undefined | null): FieldName | null {
	if (!code) return null;
	if (code === 'error.account.email' || code === 'error.account.emailTaken') return 'email';
	if (code === 'error.account.name') return 'name';
	if (code === 'error.account.roles' || code === 'error.account.lastAdmin') return 'roles';
	if (code === 'error.password.currentWrong') return 'current';
	if (code === 'account.password.mismatch') return 'repeat';
	if (code.startsWith('error.password.')) return 'password';
	return null;
}

/**
 * Whether a field should be marked invalid: the field the error is about, or every field
 * of the form when the error is not about one field in particular.
 */
export function isInvalid(code: MessageKey | undefined | null, field: FieldName, explicit?: FieldName | null): boolean {
	if (!code) return false;
	const target = explicit ?? fieldForCode(code);
	return target === null || target === field;
}
