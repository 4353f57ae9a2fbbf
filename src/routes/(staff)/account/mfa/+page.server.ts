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
import type { Actions, PageServerLoad } from './$types';

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

function codeOf(data: FormData): string {
	return formText(data, 'code').trim();
}

export const actions: Actions = {
	confirm: async (event) => {
		const user = requireUser(event);
		const code = codeOf(await event.request.formData());
		if (!code) return fail(400, { form: 'confirm' as const, error: 'mfa.error.codeMissing' as const, params: {} });
		try {
			const recoveryCodes = confirmEnrolment(event.locals.db, user.id, code);
			event.locals.mfaEnrolmentRequired = false;
			return { form: 'confirm' as const, recoveryCodes };
		} catch (err) {
			return domainFailure(err, { form: 'confirm' as const });
		}
	},
	recovery: async (event) => {
		const user = requireUser(event);
		const code = codeOf(await event.request.formData());
		if (!code) return fail(400, { form: 'recovery' as const, error: 'mfa.error.codeMissing' as const, params: {} });
		try {
			return { form: 'recovery' as const, recoveryCodes: regenerateRecoveryCodes(event.locals.db, user.id, code) };
		} catch (err) {
			return domainFailure(err, { form: 'recovery' as const });
		}
	},
	disable: async (event) => {
		const user = requireUser(event);
		const code = codeOf(await event.request.formData());
		if (!code) return fail(400, { form: 'disable' as const, error: 'mfa.error.codeMissing' as const, params: {} });
		const { db, config } = event.locals;
		try {
			disableMfa(db, user.id, code);
		} catch (err) {
			return domainFailure(err, { form: 'disable' as const });
		}
		// Required for this account: this login may now only set it up again.
		if (mfaRequiredFor(user, config.mfaRequired) && event.locals.sessionId) {
			markEnrolmentRequired(db, event.locals.sessionId);
			event.locals.mfaEnrolmentRequired = true;
		}
		return { form: 'disable' as const, disabled: true };
	}
};
