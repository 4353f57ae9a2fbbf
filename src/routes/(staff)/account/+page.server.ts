import { fail } from '@sveltejs/kit';
import { changePassword } from '$lib/server/auth/accounts';
import { createSession } from '$lib/server/auth/sessions';
import { markEnrolmentRequired, mfaStatus } from '$lib/server/auth/mfa';
import { ssoOnly } from '$lib/server/auth/oidc';
import { MIN_PASSWORD_LENGTH } from '$lib/server/config';
import { setSessionCookie } from '$lib/server/http/cookies';
import { domainFailure, formText } from '$lib/server/http/forms';
import { requireUser } from '$lib/server/http/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return {
		account: { name: user.name, email: user.email, roles: user.roles },
		mustChangePassword: user.mustChangePassword,
		mfaOn: mfaStatus(event.locals.db, user.id) === 'on',
		/** Made by single sign-on: password and second step are the organisation's, not ours. */
		ssoOnly: ssoOnly(event.locals.db, user.id),
		minPasswordLength: MIN_PASSWORD_LENGTH
	};
};

export const actions: Actions = {
	password: async (event) => {
		const user = requireUser(event);
		const data = await event.request.formData();
		const current = formText(data, 'current');
		const next = formText(data, 'password');
		const repeat = formText(data, 'repeat');
		if (!current) return fail(400, { error: 'account.password.currentMissing' as const, field: 'current' as const });
		if (next !== repeat) return fail(400, { error: 'account.password.mismatch' as const, field: 'repeat' as const });

		const { db, config } = event.locals;
		try {
			await changePassword(db, user.id, current, next, event.getClientAddress());
		} catch (err) {
			return domainFailure(err, {});
		}
		// Changing the password ends every session of this user, this one too: start a new one.
		const { token, session } = createSession(db, user.id, config.sessionDays);
		// A login that must first set up MFA stays one.
		if (event.locals.mfaEnrolmentRequired) markEnrolmentRequired(db, session.id);
		setSessionCookie(event, token, session.expiresAt);
		event.locals.user = { ...user, mustChangePassword: false };
		event.locals.sessionId = session.id;
		return { saved: true as const, wasForced: user.mustChangePassword };
	}
};
