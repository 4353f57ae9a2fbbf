/**
 * Every push of a session's state asks whether joins are held back (joinHold). Normally none
 * are, and the answer must then come from the index alone, without reading the session's
 * accepted joins one by one (issue 16, CPU per action).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { HOLD_QUERY } from '../../src/lib/server/sessions/join-limits';
import { testDb } from '../helpers/db';

const opened: Db[] = [];
afterEach(() => {
	for (const db of opened.splice(0)) db.$client.close();
});

describe('the join hold lookup', () => {
	it('is answered from a covering index on session, refusal and time', () => {
		const db = testDb();
		opened.push(db);
		const plan = db.$client
			.prepare(`EXPLAIN QUERY PLAN ${HOLD_QUERY}`)
			.all(1, 0)
			.map((row) => (row as { detail: string }).detail);
		expect(plan).toEqual([
			expect.stringMatching(/^SEARCH join_events USING COVERING INDEX \w+ \(dialogue_session_id=\? AND refused=\? AND at>\?\)$/)
		]);
	});
});
