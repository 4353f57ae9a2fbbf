/**
 * Agreements (afspraken, step 4 of the dialogue plan): for each follow-up question of the
 * plan (another session or themes still to do, presentation to the council or college,
 * implementation and communication, the planning & control cycle, who is involved when) what
 * will happen, who does it and when we come back to it.
 */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { AGREEMENT_TOPICS, agreements, dialogueSessions, type Agreement } from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { calendarDate, singleLine, textBlock, validate, ValidationError } from '../validation';
import { today } from '../../shared/dates';
import { heldAt } from '../sessions/held';

export const agreementSchema = z.object({
	topic: z.enum(AGREEMENT_TOPICS),
	what: textBlock(2000),
	owner: singleLine(200),
	dueDate: calendarDate
});
export type AgreementInput = z.input<typeof agreementSchema>;

/** How far after the session an agreement may be due: later is taken for a typing error in the year. */
export const AGREEMENT_MAX_YEARS = 5;

/**
 * The session must exist, and an agreement is due on or after the day of the session (the day
 * it was held, or else the day it is planned) and at most AGREEMENT_MAX_YEARS after it: coming
 * back to something before it was agreed, or in 9999, is a typing error.
 */
function checkAgreement(tx: Pick<Db, 'select'>, sessionId: number, dueDate: string): void {
	const session = tx
		.select({ scheduledAt: dialogueSessions.scheduledAt, closedAt: dialogueSessions.closedAt })
		.from(dialogueSessions)
		.where(eq(dialogueSessions.id, sessionId))
		.get();
	if (!session) throw new DomainError('error.missing', 404);
	const held = heldAt(session);
	const day = held ? today(held) : null;
	if (day && dueDate < day)
		throw new ValidationError([{ path: ['dueDate'], code: 'error.agreement.beforeSession', params: { date: day } }]);
	const from = day ?? today();
	const latest = `${Number(from.slice(0, 4)) + AGREEMENT_MAX_YEARS}${from.slice(4)}`;
	if (dueDate > latest) throw new ValidationError([{ path: ['dueDate'], code: 'error.agreement.tooFar', params: {} }]);
}

export function addAgreement(db: Db, actor: Actor, sessionId: number, input: AgreementInput): Agreement {
	const data = validate(agreementSchema, input);
	return db.transaction((tx) => {
		checkAgreement(tx, sessionId, data.dueDate);
		const row = tx
			.insert(agreements)
			.values({ ...data, dialogueSessionId: sessionId })
			.returning()
			.get();
		audit(tx, actor, 'agreement.add', { type: 'agreement', id: row.id }, { dialogueSessionId: sessionId, topic: data.topic });
		return row;
	});
}

export function updateAgreement(db: Db, actor: Actor, sessionId: number, id: number, input: AgreementInput): Agreement {
	const data = validate(agreementSchema, input);
	return db.transaction((tx) => {
		checkAgreement(tx, sessionId, data.dueDate);
		const row = tx
			.update(agreements)
			.set(data)
			.where(and(eq(agreements.id, id), eq(agreements.dialogueSessionId, sessionId)))
			.returning()
			.get();
		if (!row) throw new DomainError('error.missing', 404);
		audit(tx, actor, 'agreement.update', { type: 'agreement', id }, { dialogueSessionId: sessionId });
		return row;
	});
}

export function deleteAgreement(db: Db, actor: Actor, sessionId: number, id: number): void {
	db.transaction((tx) => {
		const row = tx
			.delete(agreements)
			.where(and(eq(agreements.id, id), eq(agreements.dialogueSessionId, sessionId)))
			.returning()
			.get();
		if (!row) throw new DomainError('error.missing', 404);
		audit(tx, actor, 'agreement.delete', { type: 'agreement', id }, { dialogueSessionId: sessionId });
	});
}

/** The session's agreements in the order of the plan's questions, then by date. */
export function listAgreements(db: Pick<Db, 'select'>, sessionId: number): Agreement[] {
	const rows = db
		.select()
		.from(agreements)
		.where(eq(agreements.dialogueSessionId, sessionId))
		.orderBy(asc(agreements.dueDate), asc(agreements.id))
		.all();
	return rows.sort((a, b) => AGREEMENT_TOPICS.indexOf(a.topic) - AGREEMENT_TOPICS.indexOf(b.topic));
}
