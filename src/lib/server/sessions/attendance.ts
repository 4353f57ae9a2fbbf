/**
 * Who was there, and who takes part without a device. Attendance is what "took part" counts
 * (../../sessions/headcount.ts): it is recorded the first time a person is connected to the
 * live session while it runs (the realtime layer calls recordAttendance), when a sticker is
 * placed for them (./voting.ts), and when the facilitator marks them present or not.
 *
 * Without a device: a person on the list can be marked (and unmarked) as without a device;
 * the facilitator then places their stickers (`participants.proxy_user_id`, the same proxy as
 * for someone added in the live view). Their personal link keeps working.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { dialogueSessions, participants, type DialogueSession, type Participant } from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { touchSession } from './agenda';
import { currentParticipant } from './participants';
import { ensureGoingOn } from './setup';

function currentPerson(db: Pick<Db, 'select'>, sessionId: number, participantId: number): Participant {
	const person = currentParticipant(db, sessionId, participantId);
	if (!person) throw new DomainError('error.missing', 404);
	return person;
}

function loadSession(tx: Pick<Db, 'select'>, sessionId: number): DialogueSession {
	const session = tx.select().from(dialogueSessions).where(eq(dialogueSessions.id, sessionId)).get();
	if (!session) throw new DomainError('error.missing', 404);
	return session;
}

/** Changes one person on the list, tells the live session and keeps it in the audit log. */
function changePerson(
	db: Db,
	tx: Pick<Db, 'update' | 'insert'>,
	actor: Actor,
	session: DialogueSession,
	participantId: number,
	values: Partial<Pick<Participant, 'proxyUserId' | 'attendedAt'>>,
	action: string
): Participant {
	const updated = tx.update(participants).set(values).where(eq(participants.id, participantId)).returning().get();
	touchSession(db, session);
	audit(tx, actor, action, { type: 'participant', id: participantId }, { dialogueSessionId: session.id });
	return updated;
}

/**
 * Marks a person on the list as without a device (the facilitator, `actor`, votes for them)
 * or as having one again. Only for participants on the list: someone who joined with the code
 * has a device, an observer does not vote, and someone added in the live view without a
 * device stays so. Not once the session is closed.
 */
export function setWithoutDevice(
	db: Db,
	actor: Actor & { type: 'user'; id: number },
	sessionId: number,
	participantId: number,
	without: boolean
): Participant {
	return db.transaction((tx) => {
		const session = loadSession(tx, sessionId);
		ensureGoingOn(session);
		const person = currentPerson(tx, sessionId, participantId);
		if (person.origin !== 'list')
			throw new DomainError(person.origin === 'code' ? 'error.device.joinedWithCode' : 'error.device.addedWithout', 409);
		if (person.role !== 'participant') throw new DomainError('error.device.observer', 409);
		if ((person.proxyUserId !== null) === without) return person;
		const action = without ? 'participant.device-none' : 'participant.device';
		return changePerson(db, tx, actor, session, participantId, { proxyUserId: without ? actor.id : null }, action);
	});
}

/** The facilitator marks someone present (or not): for people without a device, and to correct afterwards. */
export function setAttended(
	db: Db,
	actor: Actor,
	sessionId: number,
	participantId: number,
	attended: boolean,
	now = new Date()
): Participant {
	return db.transaction((tx) => {
		const session = loadSession(tx, sessionId);
		const person = currentPerson(tx, sessionId, participantId);
		if (!!person.attendedAt === attended) return person;
		const action = attended ? 'participant.attended' : 'participant.absent';
		return changePerson(db, tx, actor, session, participantId, { attendedAt: attended ? now : null }, action);
	});
}

/**
 * Records that these people are at the session now (connected while it runs), for those not
 * recorded yet. One statement; not audited (it is what happened, not a decision).
 */
export function recordAttendance(db: Pick<Db, 'update'>, sessionId: number, participantIds: number[], now = new Date()): number {
	if (participantIds.length === 0) return 0;
	return db
		.update(participants)
		.set({ attendedAt: now })
		.where(
			and(
				eq(participants.dialogueSessionId, sessionId),
				inArray(participants.id, participantIds),
				isNull(participants.attendedAt),
				isNull(participants.removedAt)
			)
		)
		.run().changes;
}
