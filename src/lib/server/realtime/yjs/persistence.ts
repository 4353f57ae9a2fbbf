/**
 * Durable storage of Yjs documents in SQLite: every accepted update is appended as one row
 * (so an edit the server has relayed survives a crash), and the rows of a document are
 * compacted into one merged state now and then. A closed session's documents take no more
 * updates: the check is part of the append itself, so an edit and the closing (which reads
 * the documents in its transaction) never cross, also when they run in different processes.
 *
 * Loading survives a bad row (one stored before the server checked updates, or written by
 * hand): a row that cannot be applied is skipped and logged, and the next compaction drops it.
 */
import { and, count, eq, gte, lt, lte, max } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db, Tx } from '../../db';
import { yjsUpdates } from '../../db/schema';
import { log } from '../../log';
import { parseDocName, sessionDocPrefix } from '../../../shared/theme-document';

/** The origin of the transactions that load stored rows into a document. */
export const LOAD = 'load';

export interface LoadedDoc {
	doc: Y.Doc;
	/** Rows applied. */
	rows: number;
	/** Ids of rows that could not be applied (skipped). */
	skipped: number[];
	/** Bytes of all the document's rows in storage, skipped ones included. */
	bytes: number;
}

/** Whether applying left parts of an update waiting for something the document does not have. */
const leftPending = (doc: Y.Doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

export class YjsStore {
	/** Every edit is one append: prepared once instead of built and prepared per update. */
	private readonly insert;
	private readonly rows;

	constructor(private readonly db: Db) {
		this.insert = db.$client.prepare(
			'INSERT INTO yjs_updates (doc_name, "update") SELECT @docName, @update WHERE NOT EXISTS (SELECT 1 FROM dialogue_sessions WHERE id = @sessionId AND status = \'closed\')'
		);
		this.rows = db.$client.prepare<[string], { id: number; update: Buffer }>(
			'SELECT id, "update" FROM yjs_updates WHERE doc_name = ? ORDER BY id'
		);
	}

	/** All stored updates of a document merged into one, or null when it has none. */
	load(docName: string): { state: Uint8Array | null; rows: number } {
		const loaded = this.loadDoc(docName);
		const state = loaded.rows === 0 ? null : Y.encodeStateAsUpdate(loaded.doc);
		loaded.doc.destroy();
		return { state, rows: loaded.rows };
	}

	/**
	 * A document from its stored rows. The rows are applied in one transaction (10 000
	 * single-character edits: ~50 ms instead of ~1.5 s when merged first). A row that throws,
	 * or leaves parts waiting for something the document lacks (pending structs or deletes),
	 * is skipped: the document is built again from the good rows so far, and loading goes on.
	 */
	loadDoc(docName: string, origin: unknown = LOAD): LoadedDoc {
		const rows = this.rows.all(docName);
		const bytes = rows.reduce((sum, r) => sum + r.update.length, 0);
		const good: Uint8Array[] = [];
		const skipped: number[] = [];
		let doc = new Y.Doc();
		let next = 0;
		while (next < rows.length) {
			let bad = -1;
			doc.transact(() => {
				for (let i = next; i < rows.length; i++) {
					const update = new Uint8Array(rows[i]!.update);
					let ok: boolean;
					try {
						Y.applyUpdate(doc, update, origin);
						ok = !leftPending(doc);
					} catch {
						ok = false;
					}
					if (!ok) {
						bad = i;
						return;
					}
					good.push(update);
				}
			}, origin);
			if (bad < 0) break;
			skipped.push(rows[bad]!.id);
			log.warn('yjs.stored-row-skipped', { doc: docName, row: rows[bad]!.id });
			doc.destroy();
			doc = new Y.Doc();
			const rebuilt = doc;
			if (good.length > 0) rebuilt.transact(() => good.forEach((u) => Y.applyUpdate(rebuilt, u, origin)), origin);
			next = bad + 1;
		}
		return { doc, rows: good.length, skipped, bytes };
	}

	/** Applies a document's stored state to `doc` (rows that cannot be applied are skipped); returns how many rows were applied. */
	loadInto(docName: string, doc: Y.Doc, origin: unknown): number {
		const loaded = this.loadDoc(docName, origin);
		if (loaded.rows > 0) Y.applyUpdate(doc, Y.encodeStateAsUpdate(loaded.doc), origin);
		loaded.doc.destroy();
		return loaded.rows;
	}

	/**
	 * Stores an update. Returns false, storing nothing, when the document's session is closed
	 * (its documents are read-only from then on). Throws when the database refuses the write.
	 */
	append(docName: string, update: Uint8Array): boolean {
		const sessionId = parseDocName(docName)?.dialogueSessionId ?? 0;
		return this.insert.run({ docName, update: Buffer.from(update), sessionId }).changes === 1;
	}

	/**
	 * Stores several updates in one transaction (a group commit: one commit for all the edits
	 * of a moment costs about half as much per edit as one each); for each, whether it was stored
	 * (false: its session is closed). Throws, storing none, when the database refuses the write.
	 */
	appendAll(entries: { docName: string; update: Uint8Array }[]): boolean[] {
		return this.db.$client.transaction(() => entries.map((e) => this.append(e.docName, e.update))).immediate();
	}

	/**
	 * Replaces all stored rows of a document with its current full state and returns its
	 * size. The caller's doc holds every stored update it should keep (they are appended
	 * synchronously as they are applied), so nothing is lost; a skipped row is dropped. Also
	 * for a closed session: the state is not an edit.
	 */
	compact(docName: string, doc: Y.Doc): number {
		const state = Buffer.from(Y.encodeStateAsUpdate(doc));
		// Stored only if it loads again: one state in place of every row, if it could not be
		// applied, would lose the whole document (it throws, and the rows stay).
		const check = new Y.Doc();
		try {
			Y.applyUpdate(check, state);
		} finally {
			check.destroy();
		}
		this.db.transaction((tx) => this.replaceRows(tx, docName, state));
		return state.length;
	}

	private replaceRows(tx: Tx, docName: string, state: Buffer): void {
		const last = tx
			.select({ id: max(yjsUpdates.id) })
			.from(yjsUpdates)
			.where(eq(yjsUpdates.docName, docName))
			.get()?.id;
		if (last != null)
			tx.delete(yjsUpdates)
				.where(and(eq(yjsUpdates.docName, docName), lte(yjsUpdates.id, last)))
				.run();
		tx.insert(yjsUpdates).values({ docName, update: state }).run();
	}

	/**
	 * Changes a stored document that no process has open, in one transaction: loads it, lets
	 * `change` edit it, and stores it compacted (also when nothing changed, so that old rows
	 * holding what was changed before are gone). Returns whether `change` changed anything.
	 */
	rewrite(docName: string, change: (doc: Y.Doc) => boolean): boolean {
		return this.db.transaction((tx) => {
			const loaded = this.loadDoc(docName);
			try {
				if (loaded.rows === 0 && loaded.skipped.length === 0) return false;
				const changed = change(loaded.doc);
				this.replaceRows(tx, docName, Buffer.from(Y.encodeStateAsUpdate(loaded.doc)));
				return changed;
			} finally {
				loaded.doc.destroy();
			}
		});
	}

	/** The names of a dialogue session's stored documents. */
	sessionDocNames(dialogueSessionId: number): string[] {
		const prefix = sessionDocPrefix(dialogueSessionId);
		return (
			this.db
				.selectDistinct({ name: yjsUpdates.docName })
				.from(yjsUpdates)
				// A range on the indexed name: the prefix ends in "/", and "0" is the character after it.
				.where(and(gte(yjsUpdates.docName, prefix), lt(yjsUpdates.docName, `${prefix.slice(0, -1)}0`)))
				.all()
				.map((r) => r.name)
				.filter((name) => parseDocName(name)?.dialogueSessionId === dialogueSessionId)
		);
	}

	rowCount(docName: string): number {
		return this.db.select({ n: count() }).from(yjsUpdates).where(eq(yjsUpdates.docName, docName)).get()?.n ?? 0;
	}

	storedBytes(docName: string): number {
		return this.rows.all(docName).reduce((sum, r) => sum + r.update.length, 0);
	}
}
