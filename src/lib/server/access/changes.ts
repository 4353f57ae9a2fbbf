/**
 * Telling live connections that someone's rights changed. Domain functions that change a
 * right (removing or erasing a participant, ending a link, disabling an account, logging out,
 * a new password or role, closing or reopening a session) call `accessChanged` with whom it
 * concerns; the realtime layer listens and re-asks the access module (./index.ts) for every
 * connection concerned, on socket.io and in the Yjs process, ending or downgrading them at
 * once, whether they had joined a session or not.
 *
 * Listeners are kept per database connection, so several servers in one process (tests)
 * only hear about their own database. They sit on globalThis: the server entry (which
 * listens) and SvelteKit's build (whose routes announce) are separate bundles in one process,
 * each with its own copy of this module (as ../runtime.ts).
 */
import type { Db } from '../db';
import { log, errorFields } from '../log';

/**
 * A staff login also ends by running out, which nobody announces: the realtime layer looks at
 * the logins of its live connections this often, in both processes, and ends those that ran
 * out as at logout.
 */
export const EXPIRY_SWEEP_MS = 5000;

/** Whose rights may have changed. */
export interface AccessChange {
	userIds?: number[];
	participantIds?: number[];
	/** Everyone in these sessions (closed, reopened, facilitator changed). */
	sessionIds?: number[];
}

export type AccessListener = (change: AccessChange) => void;

const KEY = Symbol.for('kwaliteitsdialoog.access-listeners');
type Holder = { [KEY]?: WeakMap<object, Set<AccessListener>> };
const listeners = ((globalThis as Holder)[KEY] ??= new WeakMap<object, Set<AccessListener>>());

/** Listens to changes of rights in this database; returns a function that stops listening. */
export function onAccessChange(db: Db, listener: AccessListener): () => void {
	let set = listeners.get(db.$client);
	if (!set) {
		set = new Set();
		listeners.set(db.$client, set);
	}
	set.add(listener);
	return () => set.delete(listener);
}

/**
 * Announces a change of rights. Call it with the root database handle after the change is
 * written. Outside a transaction the listeners run now, before the caller goes on (so a
 * broadcast that follows cannot reach someone who just lost access); inside one they run as
 * soon as it has committed (better-sqlite3 transactions are synchronous), so what they read is
 * the new state.
 */
export function accessChanged(db: Db, change: AccessChange): void {
	const set = listeners.get(db.$client);
	if (!set || set.size === 0) return;
	const run = () => {
		for (const listener of set) {
			try {
				listener(change);
			} catch (error) {
				log.error('access.listener-failed', errorFields(error));
			}
		}
	};
	if (db.$client.inTransaction) queueMicrotask(run);
	else run();
}
