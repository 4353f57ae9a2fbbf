/**
 * One person, one identity. Someone on the participant list (with a personal link) who also
 * joins with the code on the projector becomes a second record. Merging retires the record
 * joined with the code into the list entry: the list entry stays, what the code record did
 * (stickers, proposals, evaluation answers, attendance) moves to it, and the code record's
 * token opens the list entry from then on (../access and ./participants validateParticipantToken
 * follow `merged_into_id`), so the person's browser simply continues as the list entry.
 *
 * Merges go one step: from a record joined with the code into a record the facilitator added
 * (on the list, or in the live view for someone without a device). A code record is never a
 * target and a list entry never a source, so a token follows at most one merge.
 *
 * Transport-independent: the lead view (socket event `participant:merge`) and the person's own
 * personal link (/j/) both call mergeParticipants.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import {
	dialogueSessions,
	evaluationReceipts,
	evaluationResponses,
	participants,
	sessionThemes,
	stickers,
	themeProposals,
	type Ballot,
	type DialogueSession,
	type Participant
} from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { accessChanged } from '../access/changes';
import { touchSession } from './agenda';
import { reportSent } from './closing';

/** Who asked for the merge: the facilitator in the lead view, or the person through their personal link. */
export type MergeVia = 'facilitator' | 'link';

export interface MergeResult {
	/** The list entry, now holding everything. */
	into: Participant;
	/** The retired record joined with the code. */
	from: Participant;
	moved: { stickers: number; proposals: number; evaluations: number };
}

const current = (p: Pick<Participant, 'removedAt' | 'pseudonymisedAt'>) => !p.removedAt && !p.pseudonymisedAt;

/** Whether a record can be merged into another one (see the module comment). */
export function canBeMergeSource(p: Pick<Participant, 'origin' | 'removedAt' | 'pseudonymisedAt'>): boolean {
	return p.origin === 'code' && current(p);
}

/** Whether a record can take in a record joined with the code. */
export function canBeMergeTarget(p: Pick<Participant, 'origin' | 'removedAt' | 'pseudonymisedAt'>): boolean {
	return p.origin !== 'code' && current(p);
}

/** Whether the stickers of a ballot can still be taken off (so an over-budget merge can be fixed first). */
function ballotOpen(session: DialogueSession, ballot: Ballot, now: number): boolean {
	if (ballot === 'prevote')
		return (
			(session.status === 'planned' || session.status === 'open') &&
			session.prevoteDeadline !== null &&
			now < session.prevoteDeadline.getTime()
		);
	return (session.status === 'planned' || session.status === 'open') && session.phase === 'voting' && session.voteStatus === 'open';
}

/**
 * Merges the record `fromId` (joined with the code) into `intoId` (on the list), in one
 * transaction, audited as `participant.merge`. Refused, with a message for the person, when:
 * either record is not (or no longer) in the session; `from` did not join with the code or
 * `into` did; the report has been sent already (its figures and recipients are fixed); the
 * two together placed more stickers than one person may, in total or on one theme, in the
 * vote in the session or the one beforehand (nothing is dropped: the stickers stay until
 * someone takes them off, while that vote is open); or `into` is an observer and `from` has
 * stickers (an observer has none).
 *
 * Afterwards the live connections of both records are checked again (../access/changes): the
 * code record's connections end with the reason `merged`, and its browser connects again as
 * the list entry.
 */
export function mergeParticipants(
	db: Db,
	actor: Actor,
	sessionId: number,
	input: { fromId: number; intoId: number },
	via: MergeVia,
	now = new Date()
): MergeResult {
	const result = db.transaction((tx) => {
		const session = tx.select().from(dialogueSessions).where(eq(dialogueSessions.id, sessionId)).get();
		if (!session) throw new DomainError('error.missing', 404);
		const records = tx
			.select()
			.from(participants)
			.where(and(eq(participants.dialogueSessionId, sessionId), inArray(participants.id, [input.fromId, input.intoId])))
			.all();
		const from = records.find((p) => p.id === input.fromId);
		const into = records.find((p) => p.id === input.intoId);
		if (!from || !into || !current(from) || !current(into)) throw new DomainError('error.missing', 404);
		if (from.id === into.id) throw new DomainError('error.merge.same', 400);
		if (!canBeMergeSource(from)) throw new DomainError('error.merge.notCode', 409);
		if (!canBeMergeTarget(into)) throw new DomainError('error.merge.notListed', 409);
		if (reportSent(tx, sessionId)) throw new DomainError('error.merge.reportSent', 409);

		const rows = tx
			.select({ id: stickers.id, participantId: stickers.participantId, themeId: stickers.sessionThemeId, ballot: stickers.ballot })
			.from(stickers)
			.where(and(eq(stickers.dialogueSessionId, sessionId), inArray(stickers.participantId, [from.id, into.id])))
			.all();
		const fromStickers = rows.filter((r) => r.participantId === from.id).length;
		if (into.role === 'observer' && fromStickers > 0) throw new DomainError('error.merge.observerStickers', 409, { count: fromStickers });
		for (const ballot of ['session', 'prevote'] as const) {
			const mine = rows.filter((r) => r.ballot === ballot);
			const open = ballotOpen(session, ballot, now.getTime());
			if (mine.length > session.stickersPerParticipant) {
				throw new DomainError(open ? 'error.merge.budget' : 'error.merge.budgetClosed', 409, {
					count: mine.length,
					max: session.stickersPerParticipant,
					over: mine.length - session.stickersPerParticipant
				});
			}
			const perTheme = new Map<number, number>();
			for (const r of mine) perTheme.set(r.themeId, (perTheme.get(r.themeId) ?? 0) + 1);
			for (const [themeId, count] of perTheme) {
				if (count <= session.maxStickersPerTheme) continue;
				const theme = tx.select({ name: sessionThemes.name }).from(sessionThemes).where(eq(sessionThemes.id, themeId)).get();
				throw new DomainError(open ? 'error.merge.themeBudget' : 'error.merge.themeBudgetClosed', 409, {
					theme: theme?.name ?? '',
					max: session.maxStickersPerTheme,
					over: count - session.maxStickersPerTheme
				});
			}
		}

		// What the code record did becomes the list entry's.
		tx.update(stickers).set({ participantId: into.id }).where(eq(stickers.participantId, from.id)).run();
		const proposals = tx
			.update(themeProposals)
			.set({ participantId: into.id })
			.where(eq(themeProposals.participantId, from.id))
			.returning({ id: themeProposals.id })
			.all().length;
		// Evaluation: a named answer goes along; the receipt ("has answered") too, unless the list
		// entry answered as well (then both answers stay, and one receipt: one person).
		const named = tx
			.update(evaluationResponses)
			.set({ participantId: into.id })
			.where(eq(evaluationResponses.participantId, from.id))
			.returning({ id: evaluationResponses.id })
			.all().length;
		const receipts = tx
			.select()
			.from(evaluationReceipts)
			.where(inArray(evaluationReceipts.participantId, [from.id, into.id]))
			.all();
		const fromAnswered = receipts.some((r) => r.participantId === from.id);
		const bothAnswered = fromAnswered && receipts.some((r) => r.participantId === into.id);
		if (bothAnswered) tx.delete(evaluationReceipts).where(eq(evaluationReceipts.participantId, from.id)).run();
		else if (fromAnswered)
			tx.update(evaluationReceipts).set({ participantId: into.id }).where(eq(evaluationReceipts.participantId, from.id)).run();

		const attendedAt =
			[from.attendedAt, into.attendedAt].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
		const merged = tx.update(participants).set({ attendedAt }).where(eq(participants.id, into.id)).returning().get();
		const retired = tx
			.update(participants)
			.set({ removedAt: now, mergedIntoId: into.id })
			.where(eq(participants.id, from.id))
			.returning()
			.get();
		// The prepared statement runs on the connection, inside this transaction.
		touchSession(db, session);
		const moved = { stickers: fromStickers, proposals, evaluations: fromAnswered ? 1 : 0 };
		audit(
			tx,
			actor,
			'participant.merge',
			{ type: 'participant', id: into.id },
			{ dialogueSessionId: sessionId, fromId: from.id, via, ...moved, namedEvaluations: named, evaluatedTwice: bothAnswered }
		);
		return { into: merged, from: retired, moved };
	});
	accessChanged(db, { participantIds: [result.from.id, result.into.id] });
	return result;
}

/**
 * Every participant id a person has had: the record itself and the records joined with the
 * code that were merged into it. Co-edited documents and anything else that kept an id (as
 * `author`, for instance) may hold any of them; the privacy code asks this for a person's data.
 */
export function identityIds(db: Pick<Db, 'select'>, participantId: number): number[] {
	const merged = db
		.select({ id: participants.id })
		.from(participants)
		.where(eq(participants.mergedIntoId, participantId))
		.orderBy(participants.id)
		.all();
	return [participantId, ...merged.map((m) => m.id)];
}

/** The record that stands for a participant id now: itself, or the list entry it was merged into. */
export function personIdOf(db: Pick<Db, 'select'>, participantId: number): number {
	const row = db.select({ mergedIntoId: participants.mergedIntoId }).from(participants).where(eq(participants.id, participantId)).get();
	return row?.mergedIntoId ?? participantId;
}
