import { accountSummary, getAccount, resetPassword, setAccountDisabled, updateAccount } from '$lib/server/auth/accounts';
import { mfaStatus, resetMfa } from '$lib/server/auth/mfa';
import { oidcIssuerOf, unlinkOidc } from '$lib/server/auth/oidc';
import { MIN_PASSWORD_LENGTH } from '$lib/server/config';
import { ROLES } from '$lib/server/db/schema';
import { domainFailure, formRoles, formText } from '$lib/server/http/forms';
import { idParam, notFound, requireUser } from '$lib/server/http/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireUser(event, 'admin');
	const account = getAccount(event.locals.db, idParam(event, 'id'));
	if (!account) notFound(event);
	return {
		account: accountSummary(account),
		mfaOn: mfaStatus(event.locals.db, account.id) === 'on',
		// Shown when single sign-on is set up, or when an account is still linked from before.
		sso: { configured: event.locals.config.oidc !== null, issuer: oidcIssuerOf(event.locals.db, account.id) },
		allRoles: [...ROLES],
		minPasswordLength: MIN_PASSWORD_LENGTH
	};
};

export const actions: Actions = {
	update: async (event) => {
		const user = requireUser(event, 'admin');
		const id = idParam(event, 'id');
		const data = await event.request.formData();
		const values = { name: formText(data, 'name').trim(), email: formText(data, 'email').trim(), roles: formRoles(data) };
		try {
			updateAccount(event.locals.db, { type: 'user', id: user.id }, id, values);
		} catch (err) {
			return domainFailure(err, { form: 'details' as const, values });
		}
		return { form: 'details' as const, done: 'accounts.saved' as const };
	},
	status: async (event) => {
		const user = requireUser(event, 'admin');
		const id = idParam(event, 'id');
		const data = await event.request.formData();
		const disable = formText(data, 'disabled') === 'true';
		try {
			setAccountDisabled(event.locals.db, { type: 'user', id: user.id }, id, disable);
		} catch (err) {
			return domainFailure(err, { form: 'status' as const });
		}
		return { form: 'status' as const, done: disable ? ('accounts.disabled' as const) : ('accounts.enabled' as const) };
	},
	reset: async (event) => {
		const user = requireUser(event, 'admin');
		const id = idParam(event, 'id');
		const data = await event.request.formData();
		const password = formText(data, 'password');
		try {
			await resetPassword(event.locals.db, { type: 'user', id: user.id }, id, password);
		} catch (err) {
			return domainFailure(err, { form: 'reset' as const });
		}
		return { form: 'reset' as const, done: 'accounts.reset.done' as const };
	},
	/** Switches MFA off for someone who lost their device; audited, and they are logged out everywhere. */
	mfa: async (event) => {
		const user = requireUser(event, 'admin');
		const id = idParam(event, 'id');
		try {
			resetMfa(event.locals.db, { type: 'user', id: user.id }, id);
		} catch (err) {
			return domainFailure(err, { form: 'mfa' as const });
		}
		return { form: 'mfa' as const, done: 'mfa.admin.resetDone' as const };
	},
	/** Ends the link to the person at the identity provider; audited, and they are logged out everywhere. */
	sso: async (event) => {
		const user = requireUser(event, 'admin');
		const id = idParam(event, 'id');
		try {
			unlinkOidc(event.locals.db, { type: 'user', id: user.id }, id);
		} catch (err) {
			return domainFailure(err, { form: 'sso' as const });
		}
		return { form: 'sso' as const, done: 'oidc.admin.unlinked' as const };
	}
};
