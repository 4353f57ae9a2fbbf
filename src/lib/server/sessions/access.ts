/**
 * Who is asking, and what they may do with a dialogue session. One place for the rule, used
 * by pages, socket.io and the Yjs server alike.
 */
import type { Db } from '../db';
import type { Participant, User } from '../db/schema';
import type { PublicUser } from '../auth/accounts';
import { queries } from './queries';

export type Principal =
	| { kind: 'staff'; user: PublicUser | User }
	| { kind: 'participant'; participant: Participant };

export type Access = 'write' | 'read';

/**
 * Only the session's facilitator and its participants may open it; not someone whose data was
 * erased or pseudonymised (the record stays as history, the person no longer takes part).
 * Observers, and everyone once the session is closed, may only read.
 */
export function sessionAccess(db: Db, principal: Principal | null, dialogueSessionId: number): Access | null {
	if (!principal) return null;
	const session = queries(db).session.get({ id: dialogueSessionId });
	if (!session) return null;
	let access: Access | null = null;
	if (principal.kind === 'staff') {
		const user = principal.user;
		if (!user.disabledAt && user.roles.includes('facilitator') && session.facilitatorId === user.id) access = 'write';
	} else {
		const participant = principal.participant;
		if (participant.dialogueSessionId === session.id && !participant.removedAt && !participant.pseudonymisedAt) {
			access = participant.role === 'observer' ? 'read' : 'write';
		}
	}
	if (access && session.status === 'closed') access = 'read';
	return access;
}

export type SessionRole =
	| { role: 'facilitator'; userId: number }
	| { role: 'participant'; participant: Participant }
	| { role: 'observer'; participant: Participant };

/**
 * The part someone plays in a session: its facilitator, a participant who may contribute, or
 * an observer who follows. Null for everyone else (other facilitators, managers, strangers).
 */
export function sessionRole(db: Db, principal: Principal | null, dialogueSessionId: number): SessionRole | null {
	if (!principal) return null;
	if (principal.kind === 'staff') {
		const session = queries(db).session.get({ id: dialogueSessionId });
		const user = principal.user;
		if (session && !user.disabledAt && user.roles.includes('facilitator') && session.facilitatorId === user.id) return { role: 'facilitator', userId: user.id };
		return null;
	}
	const participant = principal.participant;
	if (participant.dialogueSessionId !== dialogueSessionId || participant.removedAt || participant.pseudonymisedAt) return null;
	return participant.role === 'observer' ? { role: 'observer', participant } : { role: 'participant', participant };
}
