/**
 * What the live state keeps between broadcasts (issue 16, CPU per action): the sticker rows
 * and the static parts are reused while the session's counters match, a vote adds its own
 * change once committed, and any other change, by any writer, is read again. Each test
 * compares the kept rows with what the database holds, so a stale copy fails it.
 */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SYSTEM } from '../../src/lib/server/audit';
import { seedDatabase } from '../../src/lib/server/boot';
import { afterCommit, openDatabase, type Db } from '../../src/lib/server/db';
import { addParticipant } from '../../src/lib/server/sessions/participants';
import { createDialogueSession } from '../../src/lib/server/sessions/setup';
import { gotoAgenda } from '../../src/lib/server/sessions/agenda';
import { openVote, placeSticker, removeSticker } from '../../src/lib/server/sessions/voting';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { latestPublishedBySlug } from '../../src/lib/server/frameworks/store';
import { loadSnapshot } from '../../src/lib/server/sessions/state';
import { queries } from '../../src/lib/server/sessions/queries';
import { testDb } from '../helpers/db';

const opened: Db[] = [];
afterEach(() => {
	for (const db of opened.splice(0)) if (db.$client.open) db.$client.close();
});

async function world() {
	const db = testDb();
	opened.push(db);
	seedDatabase(db);
	const facilitator = await createAccount(db, SYSTEM, { email: 'gl@g.test', name: 'GL', roles: ['facilitator'] }, 'een goed wachtwoord');
	const session = createDialogueSession(db, SYSTEM, {
		title: 'Gesprek',
		facilitatorId: facilitator.id,
		frameworkVersionId: latestPublishedBySlug(db, 'movisie-kwaliteitsthemas')!.id,
		stickersPerParticipant: 3
	});
	const ans = addParticipant(db, SYSTEM, session.id, { displayName: 'Ans', perspective: 'client' }).participant;
	const bas = addParticipant(db, SYSTEM, session.id, { displayName: 'Bas', perspective: 'official' }).participant;
	const actor = { type: 'user' as const, id: facilitator.id };
	gotoAgenda(db, actor, session.id, 3);
	openVote(db, actor, session.id);
	const themes = loadSnapshot(db, session.id).themes.map((t) => t.id);
	return { db, id: session.id, ans: ans.id, bas: bas.id, themes, actor };
}

/** The rows as the database holds them now, in one order. */
function stored(db: Db, id: number) {
	return sorted(queries(db).stickerRows.all(id));
}
function sorted<T extends { themeId: number; participantId: number; ballot: string }>(rows: readonly T[]): T[] {
	return [...rows].sort((a, b) => a.themeId - b.themeId || a.participantId - b.participantId || a.ballot.localeCompare(b.ballot));
}
const me = (id: number) => ({ type: 'participant' as const, id });

describe('kept sticker rows', () => {
	it('follows votes without reading every sticker again, and matches the database', async () => {
		const w = await world();
		loadSnapshot(w.db, w.id); // the first broadcast reads and keeps
		const read = vi.spyOn(queries(w.db).stickerRows, 'all');
		placeSticker(w.db, me(w.ans), w.id, w.ans, w.themes[0]!);
		placeSticker(w.db, me(w.bas), w.id, w.bas, w.themes[1]!);
		placeSticker(w.db, me(w.ans), w.id, w.ans, w.themes[2]!);
		removeSticker(w.db, me(w.ans), w.id, w.ans, w.themes[0]!);
		const snapshot = loadSnapshot(w.db, w.id);
		expect(read).not.toHaveBeenCalled();
		expect(sorted(snapshot.stickerRows)).toEqual(stored(w.db, w.id));
		expect(sorted(snapshot.stickerRows).map((r) => [r.participantId, r.perspective])).toEqual(
			sorted(snapshot.stickerRows).map((r) => [r.participantId, r.participantId === w.ans ? 'client' : 'official'])
		);
	});

	it('reads again after a change by another connection (another process)', async () => {
		const w = await world();
		placeSticker(w.db, me(w.ans), w.id, w.ans, w.themes[0]!);
		placeSticker(w.db, me(w.bas), w.id, w.bas, w.themes[0]!);
		loadSnapshot(w.db, w.id);
		const other = openDatabase(path.dirname(w.db.$client.name));
		opened.push(other);
		other.$client.prepare('DELETE FROM stickers WHERE participant_id = ?').run(w.bas);
		expect(sorted(loadSnapshot(w.db, w.id).stickerRows)).toEqual(stored(w.db, w.id));
		expect(stored(w.db, w.id)).toHaveLength(1);
		// A vote after it: the kept copy was read again, so the vote's own change lands on the right rows.
		placeSticker(w.db, me(w.bas), w.id, w.bas, w.themes[1]!);
		expect(sorted(loadSnapshot(w.db, w.id).stickerRows)).toEqual(stored(w.db, w.id));
	});

	it('does not keep a vote that was rolled back', async () => {
		const w = await world();
		loadSnapshot(w.db, w.id);
		expect(() =>
			w.db.transaction(() => {
				placeSticker(w.db, me(w.ans), w.id, w.ans, w.themes[0]!);
				throw new Error('rolled back');
			})
		).toThrow('rolled back');
		// The counter went back with the rollback; another writer's sticker brings it to the
		// value the rolled-back vote had: a copy that kept that vote would now look current.
		const other = openDatabase(path.dirname(w.db.$client.name));
		opened.push(other);
		other.$client
			.prepare("INSERT INTO stickers (dialogue_session_id, participant_id, session_theme_id, ballot) VALUES (?, ?, ?, 'session')")
			.run(w.id, w.bas, w.themes[1]!);
		expect(sorted(loadSnapshot(w.db, w.id).stickerRows)).toEqual(stored(w.db, w.id));
		expect(stored(w.db, w.id).map((r) => r.participantId)).toEqual([w.bas]);
	});

	it('does not keep what was read inside a transaction that rolled back', async () => {
		const w = await world();
		placeSticker(w.db, me(w.ans), w.id, w.ans, w.themes[0]!);
		expect(() =>
			w.db.transaction(() => {
				w.db.$client.prepare('DELETE FROM stickers').run();
				expect(loadSnapshot(w.db, w.id).stickerRows).toEqual([]);
				throw new Error('rolled back');
			})
		).toThrow('rolled back');
		expect(sorted(loadSnapshot(w.db, w.id).stickerRows)).toEqual(stored(w.db, w.id));
		expect(stored(w.db, w.id)).toHaveLength(1);
	});

	it('shows a changed perspective on stickers already placed', async () => {
		const w = await world();
		placeSticker(w.db, me(w.ans), w.id, w.ans, w.themes[0]!);
		expect(loadSnapshot(w.db, w.id).stickerRows[0]!.perspective).toBe('client');
		w.db.$client.prepare("UPDATE participants SET perspective = 'provider' WHERE id = ?").run(w.ans);
		expect(loadSnapshot(w.db, w.id).stickerRows[0]!.perspective).toBe('provider');
	});

	it('keeps the votes of several sessions apart', async () => {
		const w = await world();
		const second = createDialogueSession(w.db, SYSTEM, {
			title: 'Tweede',
			facilitatorId: w.actor.id,
			frameworkVersionId: latestPublishedBySlug(w.db, 'movisie-kwaliteitsthemas')!.id
		});
		const cor = addParticipant(w.db, SYSTEM, second.id, { displayName: 'Cor', perspective: 'client' }).participant.id;
		gotoAgenda(w.db, w.actor, second.id, 3);
		openVote(w.db, w.actor, second.id);
		const theirs = loadSnapshot(w.db, second.id).themes[0]!.id;
		loadSnapshot(w.db, w.id);
		placeSticker(w.db, me(cor), second.id, cor, theirs);
		placeSticker(w.db, me(w.ans), w.id, w.ans, w.themes[0]!);
		expect(sorted(loadSnapshot(w.db, w.id).stickerRows)).toEqual(stored(w.db, w.id));
		expect(sorted(loadSnapshot(w.db, second.id).stickerRows)).toEqual(stored(w.db, second.id));
	});
});

describe('a vote checks against the kept copies', () => {
	/** The participant's stickers as the database holds them: [used, per theme]. */
	function counted(db: Db, participantId: number) {
		const rows = db.$client
			.prepare(
				"SELECT session_theme_id AS themeId, count(*) AS n FROM stickers WHERE participant_id = ? AND ballot = 'session' GROUP BY session_theme_id"
			)
			.all(participantId) as { themeId: number; n: number }[];
		return { used: rows.reduce((sum, r) => sum + r.n, 0), perTheme: Object.fromEntries(rows.map((r) => [r.themeId, r.n])) };
	}

	it('answers from them without asking the database again, with the same answer', async () => {
		const w = await world();
		loadSnapshot(w.db, w.id); // a broadcast kept the session's people, themes and stickers
		const q = queries(w.db);
		const asked = [vi.spyOn(q.voter, 'get'), vi.spyOn(q.themeSession, 'get'), vi.spyOn(q.myStickers, 'all')];
		const first = placeSticker(w.db, me(w.ans), w.id, w.ans, w.themes[0]!);
		const second = placeSticker(w.db, me(w.ans), w.id, w.ans, w.themes[1]!);
		const after = removeSticker(w.db, me(w.ans), w.id, w.ans, w.themes[0]!);
		for (const spy of asked) expect(spy).not.toHaveBeenCalled();
		expect(first).toMatchObject({ used: 1, perTheme: { [w.themes[0]!]: 1 } });
		expect(second).toMatchObject({ used: 2 });
		expect(after).toMatchObject(counted(w.db, w.ans));
		expect(after.perTheme[w.themes[0]!]).toBe(0);
	});

	it('refuses what the kept copies no longer allow: the budget, an unknown theme, an observer', async () => {
		const w = await world();
		loadSnapshot(w.db, w.id);
		for (const theme of w.themes.slice(0, 3)) placeSticker(w.db, me(w.ans), w.id, w.ans, theme);
		expect(() => placeSticker(w.db, me(w.ans), w.id, w.ans, w.themes[3]!)).toThrow(expect.objectContaining({ code: 'error.vote.budget' }));
		expect(() => placeSticker(w.db, me(w.bas), w.id, w.bas, 999_999)).toThrow(expect.objectContaining({ code: 'error.vote.unknownTheme' }));
		w.db.$client.prepare("UPDATE participants SET role = 'observer' WHERE id = ?").run(w.bas);
		loadSnapshot(w.db, w.id);
		expect(() => placeSticker(w.db, me(w.bas), w.id, w.bas, w.themes[0]!)).toThrow(
			expect.objectContaining({ code: 'error.vote.observer' })
		);
		expect(counted(w.db, w.ans).used).toBe(3);
		expect(counted(w.db, w.bas).used).toBe(0);
	});

	it('refuses someone removed by another connection (another process) after the copies were kept', async () => {
		const w = await world();
		loadSnapshot(w.db, w.id);
		placeSticker(w.db, me(w.bas), w.id, w.bas, w.themes[0]!);
		const other = openDatabase(path.dirname(w.db.$client.name));
		opened.push(other);
		other.$client.prepare('UPDATE participants SET removed_at = ? WHERE id = ?').run(Date.now(), w.bas);
		expect(() => placeSticker(w.db, me(w.bas), w.id, w.bas, w.themes[1]!)).toThrow(expect.objectContaining({ code: 'error.forbidden' }));
		expect(counted(w.db, w.bas).used).toBe(1);
	});
});

describe('afterCommit', () => {
	it('runs after the outermost commit, and not for a transaction or savepoint that rolled back', async () => {
		const w = await world();
		const ran: string[] = [];
		afterCommit(w.db, () => ran.push('outside'));
		expect(ran).toEqual(['outside']);
		w.db.transaction(() => {
			afterCommit(w.db, () => ran.push('outer'));
			try {
				w.db.transaction(() => {
					afterCommit(w.db, () => ran.push('savepoint rolled back'));
					throw new Error('no');
				});
			} catch {
				// the savepoint rolled back; the outer transaction goes on
			}
			w.db.transaction(() => afterCommit(w.db, () => ran.push('savepoint kept')));
			expect(ran).toEqual(['outside']);
		});
		expect(ran).toEqual(['outside', 'outer', 'savepoint kept']);
		expect(() =>
			w.db.transaction(() => {
				afterCommit(w.db, () => ran.push('rolled back'));
				throw new Error('no');
			})
		).toThrow();
		w.db.transaction(() => undefined);
		expect(ran).toEqual(['outside', 'outer', 'savepoint kept']);
	});
});
