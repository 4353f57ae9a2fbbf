import type { Db } from './db';
import { auditLog, ACTOR_TYPES } from './db/schema';

export interface Actor {
	type: (typeof ACTOR_TYPES)[number];
	id: number | null;
}

export const SYSTEM: Actor = { type: 'system', id: null };

/** Appends one line to the audit log. Call it inside the transaction that made the change. */
export function audit(
	db: Pick<Db, 'insert'>,
	actor: Actor,
	action: string,
	subject?: { type: string; id: number },
	details?: Record<string, unknown>
): void {
	db.insert(auditLog)
		.values({
			actorType: actor.type,
			actorId: actor.id,
			action,
			subjectType: subject?.type ?? null,
			subjectId: subject?.id ?? null,
			details: details ?? null
		})
		.run();
}

/** The actor for a logged-in staff member. */
export function userActor(user: { id: number }): Actor {
	return { type: 'user', id: user.id };
}
