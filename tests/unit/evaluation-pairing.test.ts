/**
 * Anonymous evaluation answers cannot be paired with their receipts (the audit found 7 of 7
 * by insertion order). Seven participants answer anonymously one after the other, in an order
 * that is neither their list order nor anything else stored. Deterministic: the test gives the
 * random ids itself, in an order of its own, and shows that the stored order is the order of
 * those ids, so it carries nothing of the order of answering; no stored column of the answers
 * sorts them into that order; receipts have no rowid and are kept in participant order; the
 * audit lines name nobody; nothing else is written. The migration re-keys existing rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DATABASE_FILE, migrateDatabase, openDatabase, type Db } from '../../src/lib/server/db';
import { auditLog, evaluationReceipts, evaluationResponses } from '../../src/lib/server/db/schema';
import { randomRowId, submitEvaluation } from '../../src/lib/server/reports/evaluation';
import { MIGRATIONS, testDb } from '../helpers/db';
import { heldWorld } from '../helpers/follow-up';

/** Who answers when: the places on the list (0-based) in the order they answer. */
const ANSWER_ORDER = [3, 0, 5, 1, 6, 2, 4];
/** The "random" ids the test hands out, one per answer in that order; sorted, they give another order again. */
const IDS = [5_000, 70_000, 300, 999_999, 42, 123_456, 8_000];

/** Each answer's mark tells them apart; the marks are not in the order of answering either (content may be sorted too). */
const MARKS = [6, 3, 7, 1, 4, 2, 5];
const answersOf = (k: number) => ({
	sharedAll: 'yes' as const,
	heard: 'partly' as const,
	clear: 'yes' as const,
	worthwhile: 'no' as const,
	grade: MARKS[k]!,
	better: `antwoord ${MARKS[k]}`,
	anonymous: true
});

type Row = Record<string, unknown>;
const all = (db: Db, sql: string) => db.$client.prepare(sql).all() as Row[];
const tables = (db: Db) =>
	(db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]).sort();
const dump = (db: Db) => Object.fromEntries(tables(db).map((t) => [t, all(db, `SELECT * FROM "${t}"`)]));

async function answered(ids: number[] | null) {
	const db = testDb();
	const world = await heldWorld(db);
	const people = world.people.slice(0, 7);
	const changes: Record<string, number>[] = [];
	for (const [k, place] of ANSWER_ORDER.entries()) {
		const before = dump(db);
		submitEvaluation(db, people[place]!, answersOf(k), new Date('2027-03-02T15:00:00Z'), ids ? () => ids[k]! : undefined);
		const after = dump(db);
		// What this one answer wrote, per table: rows added, and no other row changed.
		const diff: Record<string, number> = {};
		for (const t of Object.keys(after)) {
			const added = after[t]!.length - before[t]!.length;
			if (added !== 0) diff[t] = added;
			const kept = after[t]!.filter((r) => before[t]!.some((b) => JSON.stringify(b) === JSON.stringify(r)));
			expect(kept.length, `rows of ${t} changed`).toBe(before[t]!.length);
		}
		changes.push(diff);
	}
	/** The mark each participant gave. */
	const truth = new Map(ANSWER_ORDER.map((place, k) => [people[place]!.id, MARKS[k]!]));
	return { db, world, people, changes, truth };
}

const grades = (rows: Row[]) => rows.map((r) => (JSON.parse(r.answers as string) as { grade: number }).grade);
/** The marks in the order they were given. */
const SUBMITTED = MARKS;
const RESPONSE_COLUMNS = ['rowid', 'id', 'dialogue_session_id', 'participant_id', 'answers', 'day'];

describe('anonymous evaluation answers and their receipts', () => {
	it('are stored in the order of their random ids, which is not the order of answering', async () => {
		const { db, changes } = await answered(IDS);
		// One answer writes one answer, one receipt and one audit line: nothing else.
		expect(changes).toEqual(Array.from({ length: 7 }, () => ({ evaluation_responses: 1, evaluation_receipts: 1, audit_log: 1 })));

		const stored = all(db, 'SELECT rowid AS row_id, * FROM evaluation_responses');
		// The id is the rowid, so it alone decides where a row is stored and how a plain read orders it.
		expect(stored.map((r) => r.row_id)).toEqual(stored.map((r) => r.id));
		expect(stored.map((r) => r.id)).toEqual([...IDS].sort((a, b) => a - b));
		const byId = new Map(IDS.map((id, k) => [id, MARKS[k]]));
		expect(grades(stored)).toEqual(stored.map((r) => byId.get(r.id as number)));
		expect(grades(stored)).not.toEqual(SUBMITTED);
		// No stored column sorts them into the order they were given, either way.
		for (const column of RESPONSE_COLUMNS) {
			for (const direction of ['ASC', 'DESC']) {
				expect(grades(all(db, `SELECT * FROM evaluation_responses ORDER BY ${column} ${direction}`)), `${column} ${direction}`).not.toEqual(
					SUBMITTED
				);
			}
		}
		// Nothing counts them: no AUTOINCREMENT, no sequence.
		expect(db.$client.prepare("SELECT sql FROM sqlite_master WHERE name = 'evaluation_responses'").pluck().get()).not.toMatch(
			/autoincrement/i
		);
		expect(db.$client.prepare("SELECT count(*) FROM sqlite_sequence WHERE name = 'evaluation_responses'").pluck().get()).toBe(0);
		expect(all(db, 'SELECT * FROM evaluation_responses').every((r) => r.day === '2027-03-02' && r.participant_id === null)).toBe(true);
	});

	it('cannot be paired with the receipts by any order the tables give', async () => {
		const { db, people, truth } = await answered(IDS);
		const receipts = all(db, 'SELECT * FROM evaluation_receipts');
		const receiptOrders = [receipts, all(db, 'SELECT * FROM evaluation_receipts ORDER BY participant_id DESC')];
		// Pair the k-th receipt with the k-th answer, for every order of both: never all right.
		let best = 0;
		for (const r of receiptOrders) {
			for (const column of RESPONSE_COLUMNS) {
				for (const direction of ['ASC', 'DESC']) {
					const answers = grades(all(db, `SELECT * FROM evaluation_responses ORDER BY ${column} ${direction}`));
					const right = r.filter((receipt, k) => truth.get(receipt.participant_id as number) === answers[k]).length;
					best = Math.max(best, right);
				}
			}
		}
		expect(best).toBeLessThan(7);
		// Receipts have no rowid: they are kept in participant order, not in the order of answering.
		expect(receipts.map((r) => r.participant_id)).toEqual(people.map((p) => p.id));
		expect(() => db.$client.prepare('SELECT rowid FROM evaluation_receipts').all()).toThrow(/no such column/);
		expect(db.$client.prepare("SELECT sql FROM sqlite_master WHERE name = 'evaluation_receipts'").pluck().get()).toMatch(/WITHOUT ROWID/i);
		// What the order of answering is: the audit lines, which name nobody and hold nothing else.
		const lines = db.select().from(auditLog).where(eq(auditLog.action, 'evaluation.submit')).all();
		expect(lines).toHaveLength(7);
		expect(lines.map(({ actorType, actorId, subjectType, details }) => ({ actorType, actorId, subjectType, details }))).toEqual(
			Array.from({ length: 7 }, () => ({
				actorType: 'system',
				actorId: null,
				subjectType: 'dialogue_session',
				details: { anonymous: true }
			}))
		);
	});

	it('lie in the database file in the order of their ids, and the WAL keeps no earlier states', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-pairing-'));
		const db = openDatabase(dir);
		migrateDatabase(db, MIGRATIONS);
		const world = await heldWorld(db);
		const people = world.people.slice(0, 7);
		for (const [k, place] of ANSWER_ORDER.entries()) {
			submitEvaluation(db, people[place]!, answersOf(k), new Date('2027-03-02T15:00:00Z'), () => IDS[k]!);
		}
		// Everything is in the file itself: the WAL was truncated after the last answer.
		expect(fs.statSync(path.join(dir, `${DATABASE_FILE}-wal`)).size).toBe(0);
		const file = fs.readFileSync(path.join(dir, DATABASE_FILE));
		const places = MARKS.map((mark) => ({ mark, at: file.indexOf(Buffer.from(`"antwoord ${mark}"`)) }));
		for (const p of places) expect(p.at, `answer ${p.mark} in the file once`).toBeGreaterThan(0);
		for (const p of places) expect(file.indexOf(Buffer.from(`"antwoord ${p.mark}"`), p.at + 1), `answer ${p.mark} once`).toBe(-1);
		const inFile = places.sort((a, b) => a.at - b.at).map((p) => p.mark);
		// Where an answer lies says nothing of when it came: not the order of answering, either way...
		expect(inFile).not.toEqual(SUBMITTED);
		expect(inFile).not.toEqual([...SUBMITTED].reverse());
		// ...but the order of the random ids (rewritten in that order after every answer).
		const byId = IDS.map((id, k) => ({ id, mark: MARKS[k]! }))
			.sort((a, b) => a.id - b.id)
			.map((x) => x.mark);
		expect([byId, [...byId].reverse()]).toContainEqual(inFile);
		db.$client.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('get a random id by default: within JavaScript safe integers, none counted up', async () => {
		const { db } = await answered(null);
		const rows = db.select().from(evaluationResponses).all();
		expect(rows).toHaveLength(7);
		for (const r of rows) expect(Number.isSafeInteger(r.id) && r.id >= 1 && r.id <= 2 ** 52).toBe(true);
		expect(new Set(rows.map((r) => r.id)).size).toBe(7);
		for (let i = 0; i < 1000; i++) {
			const id = randomRowId();
			expect(id >= 1 && id <= 2 ** 52 && Number.isSafeInteger(id)).toBe(true);
		}
		expect(db.select().from(evaluationReceipts).all()).toHaveLength(7);
	});

	it('gets the existing answers of an older database re-keyed by the migration', async () => {
		// A database migrated up to the version before this change, with answers stored then.
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-rekey-'));
		const older = path.join(dir, 'migrations');
		fs.cpSync(MIGRATIONS, older, { recursive: true });
		const journal = JSON.parse(fs.readFileSync(path.join(older, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
		const at = journal.entries.findIndex((e) => e.tag === '0012_evaluation_unpairable');
		expect(at).toBeGreaterThan(0);
		journal.entries = journal.entries.slice(0, at);
		fs.writeFileSync(path.join(older, 'meta', '_journal.json'), JSON.stringify(journal));
		const db = openDatabase(dir);
		migrateDatabase(db, older);
		// A session and its people as that version stored them (the code of today writes newer columns).
		const run = (sql: string, ...params: unknown[]) => db.$client.prepare(sql).run(...params);
		const userId = run(
			"INSERT INTO users (email, name, password_hash, roles) VALUES ('gl@oud.test', 'GL', 'x', '[\"facilitator\"]')"
		).lastInsertRowid;
		const sessionId = Number(
			run("INSERT INTO dialogue_sessions (title, facilitator_id, status) VALUES ('Oud gesprek', ?, 'closed')", userId).lastInsertRowid
		);
		const people = Array.from({ length: 7 }, (_, i) => ({
			id: Number(
				run(
					"INSERT INTO participants (dialogue_session_id, display_name, perspective, access_id, access_secret_hash) VALUES (?, ?, 'client', ?, x'00')",
					sessionId,
					`P${i}`,
					`oud${i}`
				).lastInsertRowid
			)
		}));
		const world = { session: { id: sessionId }, people };
		for (const [k, place] of ANSWER_ORDER.entries()) {
			const p = world.people[place]!;
			db.$client.prepare('INSERT INTO evaluation_receipts (dialogue_session_id, participant_id) VALUES (?, ?)').run(world.session.id, p.id);
			db.$client
				.prepare('INSERT INTO evaluation_responses (dialogue_session_id, participant_id, answers, day) VALUES (?, NULL, ?, ?)')
				.run(world.session.id, JSON.stringify(answersOf(k)), '2027-03-02');
		}
		expect(all(db, 'SELECT id FROM evaluation_responses').map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);

		migrateDatabase(db, MIGRATIONS);
		const rows = all(db, 'SELECT rowid AS row_id, * FROM evaluation_responses');
		expect(rows.map((r) => r.row_id)).toEqual(rows.map((r) => r.id));
		// New ids from the random range (1..7 again would be one chance in 10^30).
		expect(rows.every((r) => (r.id as number) > 7 && (r.id as number) <= 2 ** 52)).toBe(true);
		expect(grades(rows).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(db.$client.prepare("SELECT count(*) FROM sqlite_sequence WHERE name = 'evaluation_responses'").pluck().get()).toBe(0);
		expect(() => db.$client.prepare('SELECT rowid FROM evaluation_receipts').all()).toThrow(/no such column/);
		expect(all(db, 'SELECT participant_id FROM evaluation_receipts').map((r) => r.participant_id)).toEqual(
			ANSWER_ORDER.map((p) => world.people[p]!.id).sort((a, b) => a - b)
		);
		db.$client.close();
	});
});
