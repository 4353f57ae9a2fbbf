/**
 * The fields of staff accounts, as FieldSpecs for Fields: in the beheerder's forms (a new
 * account, changing one, a new temporary password) and for choosing one's own password (the
 * first account at setup, the account page).
 */
import { t } from '$lib/i18n/t';
import type { Role } from '$lib/shared/vocabulary';
import type { FieldSpec } from './Fields.svelte';

/** Name, e-mail address and the roles (check boxes named `roles`). */
export function accountFields(roles: readonly Role[]): FieldSpec[] {
	return [
		{ name: 'name', label: t('accounts.table.name'), required: true, autocomplete: 'off' },
		{ name: 'email', type: 'email', label: t('accounts.table.email'), required: true, autocomplete: 'off' },
		{
			kind: 'choice',
			name: 'roles',
			type: 'checkbox',
			legend: t('accounts.rolesLegend'),
			hint: t('accounts.rolesHint'),
			options: roles.map((role) => ({ value: role, label: t(`role.${role}`) }))
		}
	];
}

/** A temporary password the beheerder hands over: shown as typed, not remembered by the browser. */
export function temporaryPasswordField(minLength: number): FieldSpec {
	return {
		name: 'password',
		label: t('accounts.new.password'),
		hint: `${t('accounts.new.passwordHint')} ${t('account.password.hint', { min: minLength })}`,
		required: true,
		autocomplete: 'off',
		spellcheck: false
	};
}

/** A password someone chooses for their own account (password managers may suggest one). */
export function newPasswordField(label: string, minLength: number): FieldSpec {
	return {
		name: 'password',
		type: 'password',
		label,
		hint: t('account.password.hint', { min: minLength }),
		required: true,
		autocomplete: 'new-password'
	};
}
