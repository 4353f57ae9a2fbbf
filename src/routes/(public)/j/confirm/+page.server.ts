import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Participant } from '$lib/server/db/schema';
import { canBeMergeSource, canBeMergeTarget, mergeParticipants } from '$lib/server/sessions/identity';
import { validateParticipantToken } from '$lib/server/sessions/participants';
import { getDialogueSession } from '$lib/server/sessions/setup';
import { clearPendingLink, pendingLink, setParticipantCookie } from '$lib/server/http/cookies';
import { pushLiveState } from '$lib/server/http/live';
import { domainFailure } from '$lib/server/http/forms';
import { participantLanding } from '$lib/server/sessions/view';
import type { MessageKey, Params } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/**
 * A personal link opened in a browser that is someone else already (/j/[token] sent the
 * person here, with the link's token in a cookie of its own). Asks before replacing who this
 * browser is: go on as the link's person, or stay. When this browser joined the same session
 * with the code and the link is of a person on the list, they are most likely one person: it
 * offers to merge the two (../../../lib/server/sessions/identity.ts), so they count once.
 */

interface Pending {
	token: string;
	/** The person of the link. */
	target: Participant;
	/** Who this browser is now. */
	current: Participant | null;
}

type Ev = Pick<RequestEvent, 'cookies' | 'locals'>;

function pending({ cookies, locals }: Ev, current: Participant | null): Pending | null {
	const token = pendingLink(cookies);
	const target = token ? validateParticipantToken(locals.db, token) : null;
	return token && target ? { token, target, current } : null;
}

function mergeable(p: Pending): boolean {
	return (
		!!p.current && p.current.dialogueSessionId === p.target.dialogueSessionId && canBeMergeSource(p.current) && canBeMergeTarget(p.target)
	);
}

/** Goes on as the link's person: the token becomes the participant cookie. */
function goOn(event: Ev, p: Pending): never {
	setParticipantCookie(event, p.token);
	clearPendingLink(event);
	redirect(303, participantLanding(event.locals.db, p.target));
}

const expired = () => fail(410, { error: 'identity.link.expired' as MessageKey, params: undefined as Params | undefined });

export const load: PageServerLoad = ({ cookies, locals, setHeaders }) => {
	// The token is not in this address, so a Referer gives nothing away; `no-referrer` would
	// make the browser send `Origin: null` with the forms below, which the CSRF check refuses.
	setHeaders({ 'referrer-policy': 'same-origin', 'cache-control': 'no-store' });
	const p = pending({ cookies, locals }, locals.participant);
	if (!p) return { ask: null };
	// Nobody else in this browser (any more): nothing to ask.
	if (!p.current || p.current.id === p.target.id) goOn({ cookies, locals }, p);
	const title = (sessionId: number) => getDialogueSession(locals.db, sessionId)?.title ?? '';
	return {
		ask: {
			current: { name: p.current.displayName, session: title(p.current.dialogueSessionId) },
			target: { name: p.target.displayName, session: title(p.target.dialogueSessionId) },
			sameSession: p.current.dialogueSessionId === p.target.dialogueSessionId,
			mergeable: mergeable(p)
		}
	};
};

export const actions: Actions = {
	/** "Ja, ik ben …": the record this browser joined with the code becomes part of the list entry. */
	merge: ({ cookies, locals }) => {
		const p = pending({ cookies, locals }, locals.participant);
		if (!p || !p.current) return expired();
		if (!mergeable(p)) return fail(409, { error: 'error.merge.notCode' as MessageKey, params: undefined as Params | undefined });
		try {
			mergeParticipants(
				locals.db,
				{ type: 'participant', id: p.target.id },
				p.target.dialogueSessionId,
				{ fromId: p.current.id, intoId: p.target.id },
				'link'
			);
		} catch (err) {
			return domainFailure(err, {});
		}
		pushLiveState({ locals }, p.target.dialogueSessionId);
		goOn({ cookies, locals }, p);
	},
	/** Go on as the link's person, without merging anything. */
	switch: ({ cookies, locals }) => {
		const p = pending({ cookies, locals }, locals.participant);
		if (!p) return expired();
		goOn({ cookies, locals }, p);
	},
	/** Stay who this browser is; the link is forgotten. */
	stay: ({ cookies, locals }) => {
		clearPendingLink({ cookies, locals });
		redirect(303, locals.participant ? participantLanding(locals.db, locals.participant) : '/');
	}
};
