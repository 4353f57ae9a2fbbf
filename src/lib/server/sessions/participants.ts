/**
 * Dialogue sessions and their participants, as far as access control needs them. A
 * participant has no account: a personal token bound to one session is their key.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import {
	PARTICIPANT_ROLES,
	PERSPECTIVES,
	dialogueSessions,
	mailMessages,
	participantLinks,
	participants,
	type DialogueSession,
	type Participant,
	type ParticipantOrigin,
	type Perspective
} from '../db/schema';
import { optionalText, singleLine, validate } from '../validation';
import { DomainError } from '../errors';
import { audit, SYSTEM, type Actor } from '../audit';
import { newToken, parseToken, secretMatches } from '../auth/tokens';
import { accessChanged } from '../access/changes';
import { onList } from '../../shared/sessions/headcount';

export const PARTICIPANT_COOKIE = 'kd_participant';

export const participantInputSchema = z.object({
	displayName: singleLine(60),
	perspective: z.enum(PERSPECTIVES),
	role: z.enum(PARTICIPANT_ROLES).default('participant')
});
export type ParticipantInput = z.input<typeof participantInputSchema>;

export { createDialogueSession, getDialogueSession } from './setup';
import { ensureGoingOn, findSessionByCode } from './setup';
import { queueCancellations } from './calendar';
import { countJoin, recordRefusedJoin } from './join-limits';

/**
 * Adds a participant and returns their personal token; it is shown once, never stored.
 * `origin`: put on the list by the facilitator (default), joined with the code, or added in
 * the live view for someone without a device.
 */
export function addParticipant(
	db: Db,
	actor: Actor,
	dialogueSessionId: number,
	input: ParticipantInput,
	origin: ParticipantOrigin = 'list'
): { participant: Participant; token: string } {
	const parsed = participantInputSchema.safeParse(input);
	if (!parsed.success) throw new DomainError('error.participant.invalid');
	const { id: accessId, secretHash, token } = newToken();
	return db.transaction((tx) => {
		const session = tx
			.select({ status: dialogueSessions.status })
			.from(dialogueSessions)
			.where(eq(dialogueSessions.id, dialogueSessionId))
			.get();
		if (!session) throw new DomainError('error.missing', 404);
		// Nobody joins a session that is over: their link would open its report.
		ensureGoingOn(session);
		const participant = tx
			.insert(participants)
			.values({ ...parsed.data, dialogueSessionId, accessId, accessSecretHash: secretHash, origin })
			.returning()
			.get();
		audit(tx, actor, 'participant.add', { type: 'participant', id: participant.id }, { dialogueSessionId, role: participant.role, origin });
		return { participant, token };
	});
}

/**
 * Joins a session with the short code from the projector: a display name (a pseudonym is
 * fine) and a perspective, nothing more. Refused when the code is unknown, joining is locked,
 * the session is closed, or the limits per address and per session hold joining back
 * (./join-limits.ts; the refusal is counted for the facilitator to see).
 */
export function joinByCode(db: Db, code: string, input: ParticipantInput, address: string): { participant: Participant; token: string } {
	const session = findSessionByCode(db, code);
	if (!session) throw new DomainError('error.join.unknownCode', 404);
	ensureGoingOn(session);
	if (session.joinLocked) throw new DomainError('error.join.locked', 409);
	const parsed = participantInputSchema.safeParse(input);
	if (!parsed.success || parsed.data.role !== 'participant') throw new DomainError('error.participant.invalid');
	try {
		// One transaction: the join is counted only when the participant is added.
		return db.transaction(() => {
			countJoin(db, session.id, address);
			return addParticipant(db, SYSTEM, session.id, parsed.data, 'code');
		});
	} catch (error) {
		if (error instanceof DomainError && error.code === 'error.join.held') recordRefusedJoin(db, session.id, address);
		throw error;
	}
}

/**
 * Adds a participant without a device; the facilitator places their stickers for them
 * (proxy), and every such sticker is recorded as placed by proxy.
 */
export function addProxyParticipant(
	db: Db,
	actor: Actor & { type: 'user'; id: number },
	dialogueSessionId: number,
	input: Omit<ParticipantInput, 'role'>
): Participant {
	return db.transaction(() => {
		// Not once the session is over: whoever was there without a device was added then.
		const status = db
			.select({ status: dialogueSessions.status })
			.from(dialogueSessions)
			.where(eq(dialogueSessions.id, dialogueSessionId))
			.get()?.status;
		if (status) ensureGoingOn({ status });
		const { participant } = addParticipant(db, actor, dialogueSessionId, { ...input, role: 'participant' }, 'proxy');
		// Added while the session runs: the person is in the room with the facilitator.
		const running = status === 'open';
		return db
			.update(participants)
			.set({ proxyUserId: actor.id, ...(running ? { attendedAt: new Date() } : {}) })
			.where(eq(participants.id, participant.id))
			.returning()
			.get();
	});
}

/**
 * The participant a token opens, or null for unknown, forged or revoked tokens. A token is
 * either the one made when the participant was added, or one of their personal links. The
 * token of a record joined with the code that was merged into a list entry opens the list
 * entry (./identity.ts): the person keeps their way in.
 */
export function validateParticipantToken(db: Db, token: string | undefined): Participant | null {
	const parsed = parseToken(token);
	if (!parsed) return null;
	const byId = (id: number) => db.select().from(participants).where(eq(participants.id, id)).get();
	let record = db.select().from(participants).where(eq(participants.accessId, parsed.id)).get();
	if (record) {
		if (!secretMatches(parsed.secret, record.accessSecretHash)) return null;
	} else {
		const link = db
			.select({ participantId: participantLinks.participantId, hash: participantLinks.accessSecretHash })
			.from(participantLinks)
			.where(eq(participantLinks.accessId, parsed.id))
			.get();
		if (!link || !secretMatches(parsed.secret, link.hash)) return null;
		record = byId(link.participantId);
	}
	// One step at most: merges go from a code record into a list entry, which is never merged itself.
	const opens = record?.mergedIntoId ? byId(record.mergedIntoId) : record;
	return opens && !opens.removedAt && !opens.pseudonymisedAt ? opens : null;
}

/**
 * A new personal link for a participant (for an invitation, a letter, the report). Earlier
 * links keep working. Returns the token; only its hash is stored.
 */
export function newParticipantLink(tx: Pick<Db, 'insert'>, participantId: number, purpose: string): string {
	const { id: accessId, secretHash, token } = newToken();
	tx.insert(participantLinks).values({ participantId, accessId, accessSecretHash: secretHash, purpose }).run();
	return token;
}

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[a-z]{2,}$/i;

/** A row of the participant list, filled in by the facilitator before the session. */
export const listedParticipantSchema = z.object({
	displayName: singleLine(60),
	perspective: z.enum(PERSPECTIVES),
	role: z.enum(PARTICIPANT_ROLES).default('participant'),
	email: optionalText(254)
		.transform((v) => v?.toLowerCase() ?? null)
		.refine((v) => v === null || EMAIL.test(v), { message: 'error.participant.email' }),
	phone: optionalText(30).refine((v) => v === null || /^[+0-9][0-9 ()-]{5,29}$/.test(v), { message: 'error.participant.phone' }),
	notes: optionalText(1000)
});
export type ListedParticipantInput = z.input<typeof listedParticipantSchema>;

/**
 * Ends the credentials of one participant record: deletes its personal links and gives its own
 * token a fresh, unknown secret (`token` false: the links only, the token was ended before).
 * Returns how many links were deleted. The one home of this
 * step: a new link (./personal-links.ts) and pseudonymisation (../privacy) both take it.
 */
export function revokeCredentials(tx: Pick<Db, 'update' | 'delete'>, participantId: number, token = true): number {
	const links = tx.delete(participantLinks).where(eq(participantLinks.participantId, participantId)).run().changes;
	if (token) {
		const { id: accessId, secretHash } = newToken();
		tx.update(participants).set({ accessId, accessSecretHash: secretHash }).where(eq(participants.id, participantId)).run();
	}
	return links;
}

/** A participant of this session who is still on the list: not removed, not pseudonymised. */
export function currentParticipant(db: Pick<Db, 'select'>, sessionId: number, participantId: number): Participant | undefined {
	return db
		.select()
		.from(participants)
		.where(
			and(
				eq(participants.id, participantId),
				eq(participants.dialogueSessionId, sessionId),
				isNull(participants.removedAt),
				isNull(participants.pseudonymisedAt)
			)
		)
		.get();
}

export function isEmailAddress(value: string): boolean {
	return EMAIL.test(value);
}

/** Adds a person to the participant list; they get their personal link with the invitation. */
export function addListedParticipant(db: Db, actor: Actor, dialogueSessionId: number, input: ListedParticipantInput): Participant {
	const data = validate(listedParticipantSchema, input);
	// better-sqlite3 nests the inner transaction as a savepoint: all of it or nothing.
	return db.transaction(() => {
		// addParticipant refuses an unknown session and one that is over.
		const { participant } = addParticipant(db, actor, dialogueSessionId, {
			displayName: data.displayName,
			perspective: data.perspective,
			role: data.role
		});
		return db
			.update(participants)
			.set({ email: data.email, phone: data.phone, notes: data.notes })
			.where(eq(participants.id, participant.id))
			.returning()
			.get();
	});
}

/**
 * Changes a row of the participant list (also after the session: an address for the report).
 * Without a role in the input the role stays as it is.
 */
export function updateListedParticipant(
	db: Db,
	actor: Actor,
	dialogueSessionId: number,
	participantId: number,
	input: ListedParticipantInput
): Participant {
	const { role, ...data } = validate(listedParticipantSchema, input);
	const updated = db.transaction((tx) => {
		const row = tx
			.update(participants)
			.set(input.role === undefined ? data : { ...data, role })
			.where(and(eq(participants.id, participantId), eq(participants.dialogueSessionId, dialogueSessionId), isNull(participants.removedAt)))
			.returning()
			.get();
		if (!row) throw new DomainError('error.missing', 404);
		audit(tx, actor, 'participant.update', { type: 'participant', id: participantId }, { dialogueSessionId });
		return row;
	});
	// A participant who became an observer (or back) writes no more (or again).
	if (input.role !== undefined) accessChanged(db, { participantIds: [participantId] });
	return updated;
}

export function listParticipants(db: Pick<Db, 'select'>, dialogueSessionId: number): Participant[] {
	return db
		.select()
		.from(participants)
		.where(and(eq(participants.dialogueSessionId, dialogueSessionId), isNull(participants.removedAt)))
		.orderBy(participants.id)
		.all();
}

export const GROUP_MIN = 8;
export const GROUP_MAX = 15;
/** The perspectives the method asks for; providers are optional. */
export const EXPECTED_PERSPECTIVES: Perspective[] = ['client', 'official', 'council_member'];

export interface GroupAdvice {
	/** Participants on the list, once each (observers not counted; see ../../sessions/headcount.ts). */
	count: number;
	size: 'too_small' | 'ok' | 'too_large';
	missing: Perspective[];
}

/** Advice on the group, without blocking anything: 8 to 15 people, every expected perspective present. */
export function groupAdvice(list: Pick<Participant, 'role' | 'perspective' | 'removedAt'>[]): GroupAdvice {
	const active = onList(list);
	const present = new Set(active.map((p) => p.perspective));
	const count = active.length;
	return {
		count,
		size: count < GROUP_MIN ? 'too_small' : count > GROUP_MAX ? 'too_large' : 'ok',
		missing: EXPECTED_PERSPECTIVES.filter((p) => !present.has(p))
	};
}

/** Why a mail still waiting was not sent: its participant was taken off the list. */
export const PARTICIPANT_REMOVED_NOTE = 'participant removed';

/**
 * Removes a participant of this session while it has not been closed or cancelled: their links
 * stop working at once, mails still waiting for them are not sent, and the session leaves their
 * agenda.
 */
export function removeParticipant(db: Db, actor: Actor, dialogueSessionId: number, participantId: number): Participant {
	const removed = db.transaction((tx) => {
		// Who took part in a closed session stays part of its report (erasure is the privacy page's).
		const session = tx.select().from(dialogueSessions).where(eq(dialogueSessions.id, dialogueSessionId)).get();
		if (session) ensureGoingOn(session);
		const row = tx
			.update(participants)
			.set({ removedAt: new Date() })
			.where(and(eq(participants.id, participantId), eq(participants.dialogueSessionId, dialogueSessionId), isNull(participants.removedAt)))
			.returning()
			.get();
		if (!row) throw new DomainError('error.missing', 404);
		// What still waits for them is not sent: it would bring a link that no longer works.
		tx.update(mailMessages)
			.set({ status: 'cancelled', lastError: PARTICIPANT_REMOVED_NOTE })
			.where(and(eq(mailMessages.participantId, participantId), inArray(mailMessages.status, ['queued', 'failed'])))
			.run();
		// Whoever has the session in their agenda gets it taken out again (METHOD:CANCEL).
		const cancelled = session ? queueCancellations(tx, session, [participantId], 'removed') : [];
		audit(
			tx,
			actor,
			'participant.remove',
			{ type: 'participant', id: participantId },
			{ dialogueSessionId: row.dialogueSessionId, calendarCancelled: cancelled.length > 0 }
		);
		return row;
	});
	accessChanged(db, { participantIds: [participantId] });
	return removed;
}

export function setDialogueSessionStatus(db: Db, actor: Actor, id: number, status: DialogueSession['status']): void {
	db.transaction((tx) => {
		const row = tx.update(dialogueSessions).set({ status }).where(eq(dialogueSessions.id, id)).returning().get();
		if (!row) throw new DomainError('error.missing', 404);
		audit(tx, actor, 'session.status', { type: 'dialogue_session', id }, { status });
	});
	accessChanged(db, { sessionIds: [id] });
}
