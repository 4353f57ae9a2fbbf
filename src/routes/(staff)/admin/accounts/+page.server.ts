import { accountSummary, createAccount, listAccounts } from '$lib/server/auth/accounts';
import { MIN_PASSWORD_LENGTH } from '$lib/server/config';
import { ROLES } from '$lib/server/db/schema';
import { domainFailure, formRoles, formText } from '$lib/server/http/forms';
import { requireUser } from '$lib/server/http/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireUser(event, 'admin');
	const accounts = listAccounts(event.locals.db).map(accountSummary);
	return { accounts, allRoles: [...ROLES], minPasswordLength: MIN_PASSWORD_LENGTH };
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event, 'admin');
		const data = await event.request.formData();
		const values = { name: formText(data, 'name').trim(), email: formText(data, 'email').trim(), roles: formRoles(data) };
		const password = formText(data, 'password');
		try {
			const account = await createAccount(event.locals.db, { type: 'user', id: user.id }, values, password, {
				mustChangePassword: true
			});
			return { created: account.name };
		} catch (err) {
			return domainFailure(err, { values });
		}
	}
};
