/**
 * Dialogue sessions and their participants, as far as access control needs them. A
 * participant has no account: a personal token bound to one session is their key.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import {
	PARTICIPANT_ROLES,
	PERSPECTIVES,
	dialogueSessions,
	participants,
	type DialogueSession,
	type Participant
} from '../db/schema';
import { DomainError } from '../errors';
import { audit, SYSTEM, type Actor } from '../audit';
import { newToken, parseToken, secretMatches } from '../auth/tokens';

export const PARTICIPANT_COOKIE = 'kd_participant';

export const participantInputSchema = z.object({
	displayName: z.string().trim().min(1).max(60),
	perspective: z.enum(PERSPECTIVES),
	role: z.enum(PARTICIPANT_ROLES).default('participant')
});
export type ParticipantInput = z.input<typeof participantInputSchema>;

export { createDialogueSession, getDialogueSession } from './setup';
import { findSessionByCode } from './setup';

/** Adds a participant and returns their personal token; it is shown once, never stored. */
export function addParticipant(
	db: Db,
	actor: Actor,
	dialogueSessionId: number,
	input: ParticipantInput
): { participant: Participant; token: string } {
	const parsed = participantInputSchema.safeParse(input);
	if (!parsed.success) throw new DomainError('error.participant.invalid');
	const { id: accessId, secretHash, token } = newToken();
	return db.transaction((tx) => {
		if (!tx.select({ id: dialogueSessions.id }).from(dialogueSessions).where(eq(dialogueSessions.id, dialogueSessionId)).get()) {
			throw new DomainError('error.missing', 404);
		}
		const participant = tx
			.insert(participants)
			.values({ ...parsed.data, dialogueSessionId, accessId, accessSecretHash: secretHash })
			.returning()
			.get();
		audit(tx, actor, 'participant.add', { type: 'participant', id: participant.id }, { dialogueSessionId, role: participant.role });
		return { participant, token };
	});
}

/**
 * Joins a session with the short code from the projector: a display name (a pseudonym is
 * fine) and a perspective, nothing more. Refused when the code is unknown, joining is locked
 * or the session is closed.
 */
export function joinByCode(db: Db, code: string, input: ParticipantInput): { participant: Participant; token: string } {
	const session = findSessionByCode(db, code);
	if (!session) throw new DomainError('error.join.unknownCode', 404);
	if (session.status === 'closed') throw new DomainError('error.session.closed', 409);
	if (session.joinLocked) throw new DomainError('error.join.locked', 409);
	const parsed = participantInputSchema.safeParse(input);
	if (!parsed.success || parsed.data.role !== 'participant') throw new DomainError('error.participant.invalid');
	return addParticipant(db, SYSTEM, session.id, parsed.data);
}

/**
 * Adds a participant without a device; the facilitator places their stickers for them
 * (proxy), and every such sticker is recorded as placed by proxy.
 */
export function addProxyParticipant(db: Db, actor: Actor & { type: 'user'; id: number }, dialogueSessionId: number, input: Omit<ParticipantInput, 'role'>): Participant {
	const { participant } = addParticipant(db, actor, dialogueSessionId, { ...input, role: 'participant' });
	return db.update(participants).set({ proxyUserId: actor.id }).where(eq(participants.id, participant.id)).returning().get();
}

/** The participant a token belongs to, or null for unknown, forged or revoked tokens. */
export function validateParticipantToken(db: Db, token: string | undefined): Participant | null {
	const parsed = parseToken(token);
	if (!parsed) return null;
	const participant = db
		.select()
		.from(participants)
		.where(and(eq(participants.accessId, parsed.id), isNull(participants.removedAt)))
		.get();
	if (!participant || !secretMatches(parsed.secret, participant.accessSecretHash)) return null;
	return participant;
}

export function removeParticipant(db: Db, actor: Actor, participantId: number): Participant {
	return db.transaction((tx) => {
		const row = tx
			.update(participants)
			.set({ removedAt: new Date() })
			.where(and(eq(participants.id, participantId), isNull(participants.removedAt)))
			.returning()
			.get();
		if (!row) throw new DomainError('error.missing', 404);
		audit(tx, actor, 'participant.remove', { type: 'participant', id: participantId }, { dialogueSessionId: row.dialogueSessionId });
		return row;
	});
}

export function setDialogueSessionStatus(db: Db, actor: Actor, id: number, status: DialogueSession['status']): void {
	db.transaction((tx) => {
		const row = tx.update(dialogueSessions).set({ status }).where(eq(dialogueSessions.id, id)).returning().get();
		if (!row) throw new DomainError('error.missing', 404);
		audit(tx, actor, 'session.status', { type: 'dialogue_session', id }, { status });
	});
}
