import { sql } from 'drizzle-orm';
import type { Db } from './db';
import { auditLog, ACTOR_TYPES } from './db/schema';

export interface Actor {
	type: (typeof ACTOR_TYPES)[number];
	id: number | null;
}

export const SYSTEM: Actor = { type: 'system', id: null };

const P = (name: string) => sql.placeholder(name);
function prepareInsert(db: Db) {
	return db
		.insert(auditLog)
		.values({ actorType: P('actorType'), actorId: P('actorId'), action: P('action'), subjectType: P('subjectType'), subjectId: P('subjectId'), details: P('details') })
		.prepare();
}
const statements = new WeakMap<object, ReturnType<typeof prepareInsert>>();

/**
 * The insert prepared once per connection, when given the database itself (a transaction
 * object has no connection of its own and takes the query builder). Building the insert each
 * time cost more than running it on the busiest paths (every sticker).
 */
function preparedInsert(db: Pick<Db, 'insert'>): ReturnType<typeof prepareInsert> | null {
	const client = (db as Partial<Db>).$client;
	if (!client) return null;
	let statement = statements.get(client);
	if (!statement) {
		statement = prepareInsert(db as Db);
		statements.set(client, statement);
	}
	return statement;
}

/** Appends one line to the audit log. Call it inside the transaction that made the change. */
export function audit(
	db: Pick<Db, 'insert'>,
	actor: Actor,
	action: string,
	subject?: { type: string; id: number },
	details?: Record<string, unknown>
): void {
	const row = {
		actorType: actor.type,
		actorId: actor.id,
		action,
		subjectType: subject?.type ?? null,
		subjectId: subject?.id ?? null,
		details: details ?? null
	};
	// drizzle maps placeholder values through the column (JSON for details), as in a built insert.
	const prepared = preparedInsert(db);
	if (prepared) prepared.run(row);
	else db.insert(auditLog).values(row).run();
}

/** The actor for a logged-in staff member. */
export function userActor(user: { id: number }): Actor {
	return { type: 'user', id: user.id };
}
