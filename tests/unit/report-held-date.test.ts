/**
 * The report says when the session was held, not when it was planned: a session planned for
 * one evening and held a week later says the later day, with the time it started when that is
 * known (the first step through the agenda), else the day alone.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDb } from '../helpers/db';
import { holdSession, plannedWorld } from '../helpers/follow-up';
import { auditLog, dialogueSessions } from '../../src/lib/server/db/schema';
import { composeReport } from '../../src/lib/server/reports/compose';
import { heldDate, sessionListRow } from '../../src/lib/server/sessions/held';
import { reportView, startReport } from '../../src/lib/server/reports/reports';
import { SYSTEM } from '../../src/lib/server/audit';

const PLANNED = new Date('2027-03-10T18:30:00Z'); // woensdag 10 maart 2027 om 19:30
const CLOSED = new Date('2027-03-17T20:40:00Z'); // woensdag 17 maart 2027 om 21:40

function started(db: ReturnType<typeof testDb>, sessionId: number, at: Date) {
	db.insert(auditLog)
		.values({
			at,
			actorType: 'system',
			action: 'session.agenda',
			subjectType: 'dialogue_session',
			subjectId: sessionId,
			details: { from: 0, to: 1 }
		})
		.run();
}

describe('the date the session was held', () => {
	it('is the day it was closed, with the time its agenda started that day', async () => {
		const db = testDb();
		const { session, people } = await plannedWorld(db, PLANNED);
		// A try-out of the agenda the week before does not count as the start.
		started(db, session.id, new Date('2027-03-09T10:00:00Z'));
		started(db, session.id, new Date('2027-03-17T18:45:00Z'));
		started(db, session.id, new Date('2027-03-17T19:15:00Z'));
		holdSession(db, session.id, people, CLOSED);
		expect(heldDate(db, 'nl', { id: session.id, scheduledAt: PLANNED, closedAt: CLOSED })).toBe('woensdag 17 maart 2027 om 19:45');
		const intro = composeReport(db, session.id, 'nl').sections.find((s) => s.key === 'intro')!;
		expect(intro.body).toContain('was op woensdag 17 maart 2027 om 19:45.');
		expect(intro.body).not.toContain('10 maart');
		// The printed report's header says the same, not the time it was closed.
		startReport(db, SYSTEM, session.id, 'nl');
		expect(reportView(db, session.id, null, 'nl').meta.sessionDate).toBe('woensdag 17 maart 2027 om 19:45');
		// And so do the lists of sessions (dashboard, sessions, trajectory).
		const row = db.select().from(dialogueSessions).where(eq(dialogueSessions.id, session.id)).get()!;
		expect(sessionListRow(db, 'nl', row)).toMatchObject({ heldOn: 'woensdag 17 maart 2027 om 19:45', status: 'closed' });
		expect(sessionListRow(db, 'nl', { ...row, status: 'planned', closedAt: null }).heldOn).toBeNull();
		expect(heldDate(db, 'en', { id: session.id, scheduledAt: PLANNED, closedAt: CLOSED })).toContain('17 March 2027');
	});

	it('is the day alone when the start is not known, and the planned time when it was held that day', async () => {
		const db = testDb();
		const { session, people } = await plannedWorld(db, PLANNED);
		holdSession(db, session.id, people, CLOSED);
		expect(heldDate(db, 'nl', { id: session.id, scheduledAt: PLANNED, closedAt: CLOSED })).toBe('woensdag 17 maart 2027');
		const onTheDay = new Date('2027-03-17T18:30:00Z');
		db.update(dialogueSessions).set({ scheduledAt: onTheDay }).where(eq(dialogueSessions.id, session.id)).run();
		expect(heldDate(db, 'nl', { id: session.id, scheduledAt: onTheDay, closedAt: CLOSED })).toBe('woensdag 17 maart 2027 om 19:30');
		expect(composeReport(db, session.id, 'nl').sections.find((s) => s.key === 'intro')!.body).toContain(
			'was op woensdag 17 maart 2027 om 19:30.'
		);
		// Not closed yet: the planned date.
		expect(heldDate(db, 'nl', { id: session.id, scheduledAt: PLANNED, closedAt: null })).toBe('woensdag 10 maart 2027 om 19:30');
	});
});
