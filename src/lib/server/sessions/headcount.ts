/**
 * The people of a session as the figures count them, loaded from the database. The
 * definitions are in ../../sessions/headcount.ts; the report, the evaluation, the report's
 * recipients and the call list all ask this module.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { PERSPECTIVES, participants, type Participant, type Perspective } from '../db/schema';
import { observersThere, onList, tookPart } from '../../shared/sessions/headcount';

export interface SessionHeadcount {
	/** Participants on the list (persons, not observers). */
	listed: Participant[];
	/** Participants who took part. */
	tookPart: Participant[];
	/** Per perspective, of those who took part. */
	byPerspective: Record<Perspective, number>;
	/** Observers who were there. */
	observers: Participant[];
	/** Whether "took part" comes from recorded attendance (else: everyone on the list). */
	attendanceRecorded: boolean;
}

export function sessionHeadcount(db: Pick<Db, 'select'>, sessionId: number): SessionHeadcount {
	const records = db.select().from(participants).where(eq(participants.dialogueSessionId, sessionId)).orderBy(participants.id).all();
	const took = tookPart(records);
	const byPerspective = Object.fromEntries(PERSPECTIVES.map((p) => [p, took.people.filter((r) => r.perspective === p).length])) as Record<
		Perspective,
		number
	>;
	return {
		listed: onList(records),
		tookPart: took.people,
		byPerspective,
		observers: observersThere(records),
		attendanceRecorded: took.recorded
	};
}
