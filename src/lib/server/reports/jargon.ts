/**
 * The jargon list of the plain-language check: words to avoid in a report, each with a
 * plainer alternative. Staff edit it; a new installation starts with a standard list, once
 * (a term someone removed does not come back at the next start).
 */
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { auditLog, jargonTerms } from '../db/schema';
import { DomainError } from '../errors';
import { audit, SYSTEM, type Actor } from '../audit';
import { validate } from '../validation';
import { DEFAULT_JARGON } from './plain-language';

export const jargonSchema = z.object({
	term: z.string().trim().min(2).max(80),
	suggestion: z
		.string()
		.trim()
		.max(200)
		.nullish()
		.transform((v) => (v ? v : null))
});

export function listJargon(db: Pick<Db, 'select'>): { id: number; term: string; suggestion: string | null }[] {
	return db
		.select({ id: jargonTerms.id, term: jargonTerms.term, suggestion: jargonTerms.suggestion })
		.from(jargonTerms)
		.orderBy(asc(jargonTerms.term))
		.all();
}

export function addJargon(db: Db, actor: Actor, input: z.input<typeof jargonSchema>): void {
	const data = validate(jargonSchema, input);
	db.transaction((tx) => {
		const exists = listJargon(tx).some((j) => j.term.toLocaleLowerCase('nl') === data.term.toLocaleLowerCase('nl'));
		if (exists) throw new DomainError('error.jargon.exists', 409);
		const row = tx.insert(jargonTerms).values(data).returning().get();
		audit(tx, actor, 'jargon.add', { type: 'jargon_term', id: row.id });
	});
}

export function removeJargon(db: Db, actor: Actor, id: number): void {
	db.transaction((tx) => {
		const row = tx.delete(jargonTerms).where(eq(jargonTerms.id, id)).returning().get();
		if (!row) throw new DomainError('error.missing', 404);
		audit(tx, actor, 'jargon.remove', { type: 'jargon_term', id });
	});
}

/** Loads the standard list on the first start; returns the number of terms added. */
export function seedJargon(db: Db): number {
	return db.transaction((tx) => {
		if (tx.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, 'jargon.seed')).get()) return 0;
		for (const j of DEFAULT_JARGON) tx.insert(jargonTerms).values({ term: j.term, suggestion: j.suggestion }).onConflictDoNothing().run();
		audit(tx, SYSTEM, 'jargon.seed', undefined, { count: DEFAULT_JARGON.length });
		return DEFAULT_JARGON.length;
	});
}
