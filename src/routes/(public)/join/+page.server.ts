import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { PERSPECTIVES, type Perspective } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { joinByCode } from '$lib/server/sessions/participants';
import { recordWrongCode, wrongCodeWait } from '$lib/server/sessions/join-limits';
import { findSessionByCode, JOIN_CODE_LENGTH, normalizeJoinCode } from '$lib/server/sessions/setup';
import { setParticipantCookie } from '$lib/server/http/cookies';
import { formText } from '$lib/server/http/forms';
import type { MessageKey, Params } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

type CodeCheck = { session: { id: number; title: string } } | { error: MessageKey; params?: Params; status: number };

/** Looks a code up, counting unknown codes per address so that codes cannot be guessed (../sessions/join-limits.ts). */
function checkCode(event: Pick<RequestEvent, 'getClientAddress' | 'locals'>, code: string): CodeCheck {
	const { db } = event.locals;
	const address = event.getClientAddress();
	// Not looked at while the address waits: the answer then says nothing about the code.
	const wait = wrongCodeWait(db, address);
	if (wait > 0) return { error: 'join.throttled', params: { seconds: wait }, status: 429 };
	const session = findSessionByCode(db, code);
	if (!session) {
		recordWrongCode(db, address);
		return { error: 'error.join.unknownCode', status: 404 };
	}
	if (session.status === 'closed') return { error: 'error.session.closed', status: 409 };
	if (session.status === 'cancelled') return { error: 'error.session.cancelled', status: 409 };
	if (session.joinLocked) return { error: 'error.join.locked', status: 409 };
	return { session: { id: session.id, title: session.title } };
}

export const load: PageServerLoad = (event) => {
	const raw = event.url.searchParams.get('code');
	if (raw === null) return { code: '', session: null, codeError: null, already: null };
	const code = normalizeJoinCode(raw);
	// Sent empty or of the wrong length (from this page or the home page): said as such, not counted as a wrong code.
	if (code.length !== JOIN_CODE_LENGTH) {
		const error: MessageKey = code === '' ? 'join.codeMissing' : 'join.codeLength';
		return { code, session: null, codeError: { error, params: undefined }, already: null };
	}
	const check = checkCode(event, code);
	if ('error' in check) return { code, session: null, codeError: { error: check.error, params: check.params }, already: null };
	const participant = event.locals.participant;
	const already = participant && participant.dialogueSessionId === check.session.id ? { name: participant.displayName } : null;
	return { code, session: check.session, codeError: null, already };
};

/** The longest name (as the domain's check, sessions/participants.ts). */
const NAME_MAX = 60;

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const code = normalizeJoinCode(formText(data, 'code'));
		const values = { displayName: formText(data, 'displayName').trim(), perspective: formText(data, 'perspective') };
		// What the form gets back to show again: enough to shorten a name that is too long, not a
		// megabyte sent by anyone without logging in.
		const shown = { displayName: values.displayName.slice(0, 2 * NAME_MAX), perspective: values.perspective.slice(0, 40) };
		const check = checkCode(event, code);
		if ('error' in check) return fail(check.status, { values: shown, error: check.error, params: check.params, field: 'code' as const });
		const fields: { displayName?: MessageKey; perspective?: MessageKey } = {};
		if (!values.displayName) fields.displayName = 'join.nameMissing';
		else if (values.displayName.length > NAME_MAX) fields.displayName = 'join.nameTooLong';
		if (!(PERSPECTIVES as readonly string[]).includes(values.perspective)) fields.perspective = 'join.perspectiveMissing';
		if (fields.displayName || fields.perspective) return fail(400, { values: shown, fields, error: 'error.validation' as MessageKey });
		let sessionId: number;
		try {
			const { participant, token } = joinByCode(
				event.locals.db,
				code,
				{ displayName: values.displayName, perspective: values.perspective as Perspective },
				event.getClientAddress()
			);
			setParticipantCookie(event, token);
			sessionId = participant.dialogueSessionId;
		} catch (err) {
			if (err instanceof DomainError) {
				// Held back by the join limits: the facilitator sees it at once and can allow joining again.
				if (err.code === 'error.join.held') event.locals.realtime?.sessions.schedule(check.session.id);
				return fail(err.status, { values: shown, error: err.code, params: err.params, field: 'code' as const });
			}
			throw err;
		}
		event.locals.realtime?.sessions.schedule(sessionId);
		redirect(303, `/live/${sessionId}`);
	}
};
