import type { Statement } from 'better-sqlite3';
import type { Db } from './db';
import { auditLog, ACTOR_TYPES } from './db/schema';

export interface Actor {
	type: (typeof ACTOR_TYPES)[number];
	id: number | null;
}

export const SYSTEM: Actor = { type: 'system', id: null };

/** The insert as plain SQL, prepared once per connection: it runs with every sticker. */
const statements = new WeakMap<object, Statement>();

function preparedInsert(db: Pick<Db, 'insert'>): Statement | null {
	const client = (db as Partial<Db>).$client;
	if (!client) return null;
	let statement = statements.get(client);
	if (!statement) {
		statement = client.prepare(
			'INSERT INTO audit_log (actor_type, actor_id, action, subject_type, subject_id, details) VALUES (?, ?, ?, ?, ?, ?)'
		);
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
	const prepared = preparedInsert(db);
	// `details` is a JSON column: stored as its JSON text, as drizzle would.
	if (prepared)
		prepared.run(
			row.actorType,
			row.actorId,
			row.action,
			row.subjectType,
			row.subjectId,
			row.details === null ? null : JSON.stringify(row.details)
		);
	else db.insert(auditLog).values(row).run();
}

/** The actor for a logged-in staff member. */
export function userActor(user: { id: number }): Actor {
	return { type: 'user', id: user.id };
}
