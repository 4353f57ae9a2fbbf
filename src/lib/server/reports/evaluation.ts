/**
 * The evaluation of a session (step 4): a short questionnaire for participants, at the end of
 * the session or later through their personal link. It can be answered anonymously: then the
 * answer is stored without the participant, and a separate receipt only records that they
 * answered (one answer each).
 *
 * Nothing written when someone answers may pair an anonymous answer with its receipt:
 * - the answer keeps the day, not the time;
 * - its id is random, and as the table's rowid it decides the order answers are stored and
 *   read in: that order follows the random ids, not the order of answering;
 * - the receipt has no rowid (WITHOUT ROWID, keyed by session and participant), so receipts
 *   are stored in participant order, not in the order people answered;
 * - the audit line of an anonymous answer names no participant (its time pairs with nothing:
 *   the answer has no time and the receipt no order);
 * - where rows lie in the database file follows the order they were written in (a new row
 *   takes the next free place in its page), so every answer rewrites the session's receipts
 *   in participant order and its answers in id order, and afterwards the WAL, whose frames
 *   hold each earlier state of those pages, is truncated (../privacy/storage.ts).
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { dialogueSessions, evaluationReceipts, evaluationResponses, participants, type Participant } from '../db/schema';
import { DomainError } from '../errors';
import { audit, SYSTEM } from '../audit';
import { validate } from '../validation';
import { sessionHeadcount } from '../sessions/headcount';
import { scrubFreedStorage } from '../privacy/storage';

export const YES_PARTLY_NO = ['yes', 'partly', 'no'] as const;
export type YesPartlyNo = (typeof YES_PARTLY_NO)[number];

/** The closed questions, in order; "Heb je alles kunnen delen wat je wilde delen?" first. */
export const EVALUATION_QUESTIONS = ['sharedAll', 'heard', 'clear', 'worthwhile'] as const;
export type EvaluationQuestion = (typeof EVALUATION_QUESTIONS)[number];

export const evaluationSchema = z.object({
	sharedAll: z.enum(YES_PARTLY_NO),
	heard: z.enum(YES_PARTLY_NO),
	clear: z.enum(YES_PARTLY_NO),
	worthwhile: z.enum(YES_PARTLY_NO),
	/** A report mark, 1 to 10; optional. */
	grade: z
		.number()
		.int()
		.min(1)
		.max(10)
		.nullish()
		.transform((v) => v ?? null),
	better: z
		.string()
		.trim()
		.max(2000)
		.nullish()
		.transform((v) => (v ? v : null)),
	anonymous: z.boolean().default(true)
});
export type EvaluationInput = z.input<typeof evaluationSchema>;

export function hasEvaluated(db: Pick<Db, 'select'>, participant: Pick<Participant, 'id' | 'dialogueSessionId'>): boolean {
	return !!db
		.select({ p: evaluationReceipts.participantId })
		.from(evaluationReceipts)
		.where(
			and(eq(evaluationReceipts.dialogueSessionId, participant.dialogueSessionId), eq(evaluationReceipts.participantId, participant.id))
		)
		.get();
}

/** Largest random id: 2^52, well inside JavaScript's safe integers (as in migration 0011). */
const MAX_RANDOM_ID = 2 ** 52;

/** A random positive id from 1 to 2^52, from the system's cryptographic random source. */
export function randomRowId(): number {
	const [high, low] = crypto.getRandomValues(new Uint32Array(2));
	return (high! % 2 ** 20) * 2 ** 32 + low! + 1;
}

/**
 * Stores a participant's answers; a second answer is refused. `randomId` makes the answer's
 * id (tests pass their own to show that the stored order follows it).
 */
export function submitEvaluation(
	db: Db,
	participant: Participant,
	input: EvaluationInput,
	now = new Date(),
	randomId: () => number = randomRowId
): void {
	const { anonymous, ...answers } = validate(evaluationSchema, input);
	db.transaction((tx) => {
		const session = tx.select().from(dialogueSessions).where(eq(dialogueSessions.id, participant.dialogueSessionId)).get();
		if (!session) throw new DomainError('error.missing', 404);
		if (session.status === 'planned') throw new DomainError('error.evaluation.notYet', 409);
		if (session.status === 'cancelled') throw new DomainError('error.session.cancelled', 409);
		const current = tx.select().from(participants).where(eq(participants.id, participant.id)).get();
		if (!current || current.removedAt) throw new DomainError('error.forbidden', 403);
		const receipt = tx
			.insert(evaluationReceipts)
			.values({ dialogueSessionId: session.id, participantId: participant.id })
			.onConflictDoNothing()
			.returning()
			.get();
		if (!receipt) throw new DomainError('error.evaluation.already', 409);
		// A random id that is taken already (one in billions) just gets another.
		for (let tries = 0; ; tries++) {
			const id = randomId();
			if (!Number.isSafeInteger(id) || id < 1 || id > MAX_RANDOM_ID) throw new Error('evaluation: random id out of range');
			const stored = tx
				.insert(evaluationResponses)
				.values({
					id,
					dialogueSessionId: session.id,
					participantId: anonymous ? null : participant.id,
					answers,
					day: now.toISOString().slice(0, 10)
				})
				.onConflictDoNothing({ target: evaluationResponses.id })
				.returning({ id: evaluationResponses.id })
				.get();
			if (stored) break;
			if (tries >= 5) throw new Error('evaluation: no free random id');
		}
		rewriteInKeyOrder(tx, session.id);
		// Audited without the participant when anonymous: the log must not undo the anonymity.
		audit(
			tx,
			anonymous ? SYSTEM : { type: 'participant', id: participant.id },
			'evaluation.submit',
			{ type: 'dialogue_session', id: session.id },
			{ anonymous }
		);
	});
	// The WAL's frames show each state of the pages in turn: which answer came with which receipt.
	scrubFreedStorage(db, { vacuum: false });
}

/**
 * Writes the session's receipts again in participant order and its answers in id order, so
 * that where they lie in their pages says nothing about who answered when (deleted rows are
 * overwritten with zeros: secure_delete).
 */
function rewriteInKeyOrder(tx: Pick<Db, 'select' | 'insert' | 'delete'>, sessionId: number): void {
	const receipts = tx
		.select()
		.from(evaluationReceipts)
		.where(eq(evaluationReceipts.dialogueSessionId, sessionId))
		.orderBy(evaluationReceipts.participantId)
		.all();
	const responses = tx
		.select()
		.from(evaluationResponses)
		.where(eq(evaluationResponses.dialogueSessionId, sessionId))
		.orderBy(evaluationResponses.id)
		.all();
	tx.delete(evaluationReceipts).where(eq(evaluationReceipts.dialogueSessionId, sessionId)).run();
	tx.delete(evaluationResponses).where(eq(evaluationResponses.dialogueSessionId, sessionId)).run();
	// One statement per table (a session has some tens of participants: far below SQLite's limit of variables).
	if (receipts.length > 0) tx.insert(evaluationReceipts).values(receipts).run();
	if (responses.length > 0) tx.insert(evaluationResponses).values(responses).run();
}

/**
 * Fewer answers than this are counted but not shown: with one or two, whoever saw who answered
 * (the facilitator in the room, at the end of the session) could tell who wrote what.
 */
export const MIN_ANSWERS_SHOWN = 3;

export interface EvaluationSummary {
	/** Answers given (what the tallies below are made of). */
	responses: number;
	/**
	 * Whether the answers below may be shown (at least MIN_ANSWERS_SHOWN of them); without, the
	 * tallies are empty, there is no mark and there are no suggestions.
	 */
	shown: boolean;
	/** Of the people counted in `invited`, how many answered (one each: the receipts). */
	answered: number;
	/** The participants who took part (../sessions/headcount.ts): the ratio is `answered` of `invited`. */
	invited: number;
	questions: { question: EvaluationQuestion; counts: Record<YesPartlyNo, number> }[];
	/** Average mark, one decimal; null without marks. */
	averageGrade: number | null;
	/** The open answers to "what could be better", without names, in the (random) order of their ids. */
	suggestions: string[];
}

export function evaluationSummary(db: Pick<Db, 'select'>, sessionId: number): EvaluationSummary {
	const rows = db
		.select()
		.from(evaluationResponses)
		.where(eq(evaluationResponses.dialogueSessionId, sessionId))
		.orderBy(evaluationResponses.id)
		.all();
	// Everyone who took part, once; an observer's answer is in the tallies but not in the ratio.
	const counted = new Set(sessionHeadcount(db, sessionId).tookPart.map((p) => p.id));
	const receipts = db
		.select({ participantId: evaluationReceipts.participantId })
		.from(evaluationReceipts)
		.where(eq(evaluationReceipts.dialogueSessionId, sessionId))
		.all();
	const answered = receipts.filter((r) => counted.has(r.participantId)).length;
	const invited = counted.size;
	if (rows.length < MIN_ANSWERS_SHOWN)
		return { responses: rows.length, shown: false, answered, invited, questions: [], averageGrade: null, suggestions: [] };
	const questions = EVALUATION_QUESTIONS.map((question) => {
		const counts: Record<YesPartlyNo, number> = { yes: 0, partly: 0, no: 0 };
		for (const r of rows) {
			const answer = r.answers[question];
			if (answer === 'yes' || answer === 'partly' || answer === 'no') counts[answer]++;
		}
		return { question, counts };
	});
	const grades = rows.map((r) => r.answers.grade).filter((g): g is number => typeof g === 'number');
	const averageGrade = grades.length ? Math.round((grades.reduce((a, b) => a + b, 0) / grades.length) * 10) / 10 : null;
	const suggestions = rows.map((r) => r.answers.better).filter((s): s is string => typeof s === 'string' && s.length > 0);
	return { responses: rows.length, shown: true, answered, invited, questions, averageGrade, suggestions };
}
