import { json } from '@sveltejs/kit';
import { apiError } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Who is asking: a staff member, a participant, or 401. */
export const GET: RequestHandler = ({ locals }) => {
	if (locals.user) {
		const { id, name, email, roles, mustChangePassword } = locals.user;
		return json({ kind: 'staff', user: { id, name, email, roles, mustChangePassword } });
	}
	if (locals.participant) {
		const { id, displayName, perspective, role, dialogueSessionId } = locals.participant;
		return json({ kind: 'participant', participant: { id, displayName, perspective, role, dialogueSessionId } });
	}
	return apiError(locals.locale, 401, 'error.unauthorized');
};
