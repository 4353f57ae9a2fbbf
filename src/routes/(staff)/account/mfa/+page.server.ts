import { fail } from '@sveltejs/kit';
import {
	confirmEnrolment,
	disableMfa,
	markEnrolmentRequired,
	mfaRequiredFor,
	mfaStatus,
	recoveryCodesLeft,
	regenerateRecoveryCodes,
	startEnrolment
} from '$lib/server/auth/mfa';
import { domainFailure, formText } from '$lib/server/http/forms';
import { requireUser } from '$lib/server/http/guards';
import type { PublicUser } from '$lib/server/auth/accounts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Setting up, and switching off, MFA for the logged-in staff member (see $lib/server/auth/mfa). */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { db, config } = event.locals;
	const required = mfaRequiredFor(user, config.mfaRequired);
	const on = mfaStatus(db, user.id) === 'on';
	return {
		on,
		required,
		mustEnrol: event.locals.mfaEnrolmentRequired,
		recoveryUsed: event.url.searchParams.get('recovery') === 'used',
		codesLeft: on ? recoveryCodesLeft(db, user.id) : 0,
		// Only while it is off: the secret waiting for its first code, as QR code and as text.
		enrolment: on ? null : await startEnrolment(db, user.id).then(({ secret, qrSvg }) => ({ secret, qrSvg }))
	};
};

/**
 * One of the forms that ask for a code from the app (or a recovery code): the logged-in staff
 * member's code, then `act`; no code, or a refusal, is answered under the form's name.
 */
async function withCode<F extends string, R>(event: RequestEvent, form: F, act: (user: PublicUser, code: string) => R) {
	const user = requireUser(event);
	const code = formText(await event.request.formData(), 'code').trim();
	if (!code) return fail(400, { form, error: 'mfa.error.codeMissing' as const, params: {} });
	try {
		return act(user, code);
	} catch (err) {
		return domainFailure(err, { form });
	}
}

export const actions: Actions = {
	confirm: (event) =>
		withCode(event, 'confirm', (user, code) => {
			const recoveryCodes = confirmEnrolment(event.locals.db, user.id, code);
			event.locals.mfaEnrolmentRequired = false;
			return { form: 'confirm' as const, recoveryCodes };
		}),
	recovery: (event) =>
		withCode(event, 'recovery', (user, code) => ({
			form: 'recovery' as const,
			recoveryCodes: regenerateRecoveryCodes(event.locals.db, user.id, code)
		})),
	disable: (event) =>
		withCode(event, 'disable', (user, code) => {
			const { db, config } = event.locals;
			disableMfa(db, user.id, code);
			// Required for this account: this login may now only set it up again.
			if (mfaRequiredFor(user, config.mfaRequired) && event.locals.sessionId) {
				markEnrolmentRequired(db, event.locals.sessionId);
				event.locals.mfaEnrolmentRequired = true;
			}
			return { form: 'disable' as const, disabled: true };
		})
};
