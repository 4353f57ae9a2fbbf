/**
 * The decision rule's thresholds per framework (default 75 / 65 / 65). A new assessment copies
 * them when it starts, so changing them never changes an assessment already made.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { frameworks } from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { validate } from '../validation';
import { DEFAULT_THRESHOLDS, type Thresholds } from './rule';

/** A percentage with at most one decimal. */
const percentage = z
	.number()
	.min(0)
	.max(100)
	.refine((v) => Math.abs(Math.round(v * 10) - v * 10) < 1e-9, { message: 'error.thresholds.decimals' });

export const thresholdsSchema = z
	.object({ good: percentage, sufficient: percentage, theme: percentage })
	.refine((t) => t.sufficient <= t.good, { path: ['sufficient'], message: 'error.thresholds.order' });

export function frameworkThresholds(db: Pick<Db, 'select'>, frameworkId: number): { thresholds: Thresholds; custom: boolean } {
	const row = db.select({ thresholds: frameworks.thresholds }).from(frameworks).where(eq(frameworks.id, frameworkId)).get();
	if (!row) throw new DomainError('error.missing', 404);
	return { thresholds: row.thresholds ?? DEFAULT_THRESHOLDS, custom: row.thresholds !== null };
}

/** Sets the thresholds; null restores the defaults. */
export function setFrameworkThresholds(
	db: Db,
	actor: Actor,
	frameworkId: number,
	input: z.input<typeof thresholdsSchema> | null
): Thresholds {
	const value = input === null ? null : validate(thresholdsSchema, input);
	return db.transaction((tx) => {
		const before = frameworkThresholds(tx, frameworkId);
		tx.update(frameworks).set({ thresholds: value }).where(eq(frameworks.id, frameworkId)).run();
		audit(
			tx,
			actor,
			'framework.thresholds',
			{ type: 'framework', id: frameworkId },
			{ before: before.thresholds, after: value ?? DEFAULT_THRESHOLDS }
		);
		return value ?? DEFAULT_THRESHOLDS;
	});
}
