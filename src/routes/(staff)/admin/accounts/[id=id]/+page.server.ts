import { error, type RequestEvent } from '@sveltejs/kit';
import { getAccount, resetPassword, setAccountDisabled, updateAccount } from '$lib/server/auth/accounts';
import { MIN_PASSWORD_LENGTH } from '$lib/server/config';
import { ROLES } from '$lib/server/db/schema';
import { getRuntime } from '$lib/server/runtime';
import { formText, requireUser } from '$lib/server/web';
import { translate } from '$lib/i18n';
import { domainFailure, formRoles } from '$lib/forms.server';
import type { Actions, PageServerLoad } from './$types';

/** The account id from the address: a positive whole number, anything else is "not found". */
function accountId(event: Pick<RequestEvent, 'params' | 'locals'>): number {
	const raw = event.params.id ?? '';
	const id = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
	if (!Number.isSafeInteger(id)) notFound(event);
	return id;
}

function notFound(event: Pick<RequestEvent, 'locals'>): never {
	error(404, { message: translate(event.locals.locale, 'error.notFound'), code: 'error.notFound' });
}

export const load: PageServerLoad = (event) => {
	requireUser(event, 'admin');
	const account = getAccount(getRuntime().db, accountId(event));
	if (!account) notFound(event);
	return {
		account: {
			id: account.id,
			name: account.name,
			email: account.email,
			roles: account.roles,
			disabled: account.disabledAt !== null,
			mustChangePassword: account.mustChangePassword
		},
		allRoles: [...ROLES],
		minPasswordLength: MIN_PASSWORD_LENGTH
	};
};

export const actions: Actions = {
	update: async (event) => {
		const user = requireUser(event, 'admin');
		const id = accountId(event);
		const data = await event.request.formData();
		const values = { name: formText(data, 'name').trim(), email: formText(data, 'email').trim(), roles: formRoles(data) };
		try {
			updateAccount(getRuntime().db, { type: 'user', id: user.id }, id, values);
		} catch (err) {
			return domainFailure(err, { form: 'details' as const, values });
		}
		return { form: 'details' as const, done: 'accounts.saved' as const };
	},
	status: async (event) => {
		const user = requireUser(event, 'admin');
		const id = accountId(event);
		const data = await event.request.formData();
		const disable = formText(data, 'disabled') === 'true';
		try {
			setAccountDisabled(getRuntime().db, { type: 'user', id: user.id }, id, disable);
		} catch (err) {
			return domainFailure(err, { form: 'status' as const });
		}
		return { form: 'status' as const, done: disable ? ('accounts.disabled' as const) : ('accounts.enabled' as const) };
	},
	reset: async (event) => {
		const user = requireUser(event, 'admin');
		const id = accountId(event);
		const data = await event.request.formData();
		const password = formText(data, 'password');
		try {
			await resetPassword(getRuntime().db, { type: 'user', id: user.id }, id, password);
		} catch (err) {
			return domainFailure(err, { form: 'reset' as const });
		}
		return { form: 'reset' as const, done: 'accounts.reset.done' as const };
	}
};
