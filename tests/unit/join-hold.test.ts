/**
 * Every push of a session's state asks whether joins are held back, in the same statement as
 * the session's row (liveSessionQuery). Normally none are, and the answer must then come from
 * the index alone, without reading the session's accepted joins one by one (issue 16, CPU per
 * action).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { joinEvents } from '../../src/lib/server/db/schema';
import { liveSessionQuery } from '../../src/lib/server/sessions/queries';
import {
	JOIN_WINDOW_MS,
	MAX_WRONG_CODES,
	WRONG_CODE_PACE_MS,
	WRONG_CODE_WINDOW_MS,
	recordWrongCode,
	wrongCodeWait
} from '../../src/lib/server/sessions/join-limits';
import { loadSnapshot } from '../../src/lib/server/sessions/state';
import { testDb } from '../helpers/db';
import { SYSTEM } from '../../src/lib/server/audit';
import { seedDatabase } from '../../src/lib/server/boot';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createDialogueSession } from '../../src/lib/server/sessions/setup';
import { latestPublishedBySlug } from '../../src/lib/server/frameworks/store';

const opened: Db[] = [];
afterEach(() => {
	for (const db of opened.splice(0)) db.$client.close();
});

describe('the join hold lookup', () => {
	it('is answered from a covering index on session, refusal and time', () => {
		const db = testDb();
		opened.push(db);
		const plan = db.$client
			.prepare(`EXPLAIN QUERY PLAN ${liveSessionQuery(db).toSQL().sql}`)
			.all(0, 0, 1)
			.map((row) => (row as { detail: string }).detail);
		const joins = plan.filter((detail) => /\bj\b/.test(detail));
		expect(joins).toHaveLength(2);
		for (const detail of joins) {
			expect(detail).toMatch(/^SEARCH j USING COVERING INDEX \w+ \(dialogue_session_id=\? AND refused=\? AND at>\?\)$/);
		}
	});

	it('counts the refused joins of this session within the window, and only those', async () => {
		const db = testDb();
		opened.push(db);
		seedDatabase(db);
		const facilitator = await createAccount(db, SYSTEM, { email: 'gl@g.test', name: 'GL', roles: ['facilitator'] }, 'een goed wachtwoord');
		const make = () =>
			createDialogueSession(db, SYSTEM, {
				title: 'Gesprek',
				facilitatorId: facilitator.id,
				frameworkVersionId: latestPublishedBySlug(db, 'movisie-kwaliteitsthemas')!.id
			}).id;
		const [here, elsewhere] = [make(), make()];
		const now = Date.now();
		const join = (session: number, refused: boolean, agoMs: number) =>
			db
				.insert(joinEvents)
				.values({ dialogueSessionId: session, addressHash: 'x', refused, at: new Date(now - agoMs) })
				.run();
		join(here, false, 1000); // accepted: not a hold
		join(here, true, JOIN_WINDOW_MS + 1000); // refused before the window
		join(elsewhere, true, 1000); // another session's
		expect(loadSnapshot(db, here, now).joinHold).toBeNull();
		join(here, true, 5000);
		join(here, true, 2000);
		expect(loadSnapshot(db, here, now).joinHold).toEqual({ refused: 2, lastAt: now - 2000 });
		expect(loadSnapshot(db, elsewhere, now).joinHold).toEqual({ refused: 1, lastAt: now - 1000 });
	});
});

describe('wrong join codes from one address', () => {
	it('make the next code wait half a minute after the last wrong one, not a quarter of an hour, and only on that address', () => {
		const db = testDb();
		opened.push(db);
		const start = Date.parse('2026-12-07T10:00:00Z');
		for (let i = 0; i < MAX_WRONG_CODES - 1; i++) recordWrongCode(db, '198.51.100.7', start + i * 1000);
		// One wrong code short of the limit: codes are still looked at.
		expect(wrongCodeWait(db, '198.51.100.7', start + MAX_WRONG_CODES * 1000)).toBe(0);
		const last = start + MAX_WRONG_CODES * 1000;
		recordWrongCode(db, '198.51.100.7', last);
		expect(wrongCodeWait(db, '198.51.100.7', last)).toBe(WRONG_CODE_PACE_MS / 1000);
		expect(wrongCodeWait(db, '198.51.100.7', last + 10_000)).toBe(WRONG_CODE_PACE_MS / 1000 - 10);
		// Someone on another network is not held back.
		expect(wrongCodeWait(db, '203.0.113.9', last)).toBe(0);
		// Half a minute after the last wrong code, the next code is looked at (the room can join)...
		expect(wrongCodeWait(db, '198.51.100.7', last + WRONG_CODE_PACE_MS)).toBe(0);
		// ...and another wrong one waits again: one guess per half minute while the count holds.
		recordWrongCode(db, '198.51.100.7', last + WRONG_CODE_PACE_MS);
		expect(wrongCodeWait(db, '198.51.100.7', last + WRONG_CODE_PACE_MS + 1000)).toBe(WRONG_CODE_PACE_MS / 1000 - 1);
		// Once the wrong codes have left the window, there is no wait at all.
		expect(wrongCodeWait(db, '198.51.100.7', last + WRONG_CODE_PACE_MS + WRONG_CODE_WINDOW_MS)).toBe(0);
	});
});
