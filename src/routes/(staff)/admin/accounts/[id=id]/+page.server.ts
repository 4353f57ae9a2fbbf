import { accountSummary, getAccount, resetPassword, setAccountDisabled, updateAccount } from '$lib/server/auth/accounts';
import { mfaStatus, resetMfa } from '$lib/server/auth/mfa';
import { oidcIssuerOf, unlinkOidc } from '$lib/server/auth/oidc';
import { MIN_PASSWORD_LENGTH } from '$lib/server/config';
import { ROLES } from '$lib/server/db/schema';
import { domainFailure, formRoles, formText } from '$lib/server/http/forms';
import { idParam, notFound, requireUser } from '$lib/server/http/guards';
import type { Actor } from '$lib/server/audit';
import type { Db } from '$lib/server/db';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

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

/**
 * One of the page's forms that change the account (all but its details): the admin's change,
 * answered with the form's name and what was done, or why it was refused.
 */
async function accountChange<F extends string, D extends MessageKey>(
	event: RequestEvent,
	form: F,
	change: (db: Db, actor: Actor, id: number) => D | Promise<D>
) {
	const user = requireUser(event, 'admin');
	const id = idParam(event, 'id');
	try {
		return { form, done: await change(event.locals.db, { type: 'user', id: user.id }, id) };
	} catch (err) {
		return domainFailure(err, { form });
	}
}

export const actions: Actions = {
	update: async (event) => {
		const user = requireUser(event, 'admin');
		const id = idParam(event, 'id');
		const data = await event.request.formData();
		const values = { name: formText(data, 'name').trim(), email: formText(data, 'email').trim(), roles: formRoles(data) };
		try {
			updateAccount(event.locals.db, { type: 'user', id: user.id }, id, values, event.locals.config.mfaRequired);
		} catch (err) {
			return domainFailure(err, { form: 'details' as const, values });
		}
		return { form: 'details' as const, done: 'accounts.saved' as const };
	},
	status: (event) =>
		accountChange(event, 'status', async (db, actor, id) => {
			const disable = formText(await event.request.formData(), 'disabled') === 'true';
			setAccountDisabled(db, actor, id, disable);
			return disable ? 'accounts.disabled' : 'accounts.enabled';
		}),
	reset: (event) =>
		accountChange(event, 'reset', async (db, actor, id) => {
			const password = formText(await event.request.formData(), 'password');
			await resetPassword(db, actor, id, password);
			return 'accounts.reset.done' as const;
		}),
	/** Switches MFA off for someone who lost their device; audited, and they are logged out everywhere. */
	mfa: (event) =>
		accountChange(event, 'mfa', (db, actor, id) => {
			resetMfa(db, actor, id);
			return 'mfa.admin.resetDone' as const;
		}),
	/** Ends the link to the person at the identity provider; audited, and they are logged out everywhere. */
	sso: (event) =>
		accountChange(event, 'sso', (db, actor, id) => {
			unlinkOidc(db, actor, id);
			return 'oidc.admin.unlinked' as const;
		})
};
