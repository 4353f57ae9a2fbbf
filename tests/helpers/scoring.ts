/** The scoring side's starting point: a quality manager and the seeded frameworks, created through the domain functions. */
import { createAccount } from '../../src/lib/server/auth/accounts';
import { SYSTEM } from '../../src/lib/server/audit';
import type { Db } from '../../src/lib/server/db';
import { seedFrameworks } from '../../src/lib/server/frameworks/exchange';
import { latestPublishedBySlug } from '../../src/lib/server/frameworks/store';
import { assessmentDetail, updateItem } from '../../src/lib/server/scoring/assessments';
import type { ScoreLevel } from '../../src/lib/server/scoring/rule';
import { testDb } from './db';

/** A logged-in user as the domain functions take it. */
export type UserActor = { type: 'user'; id: number };

/** A quality manager's account in `db`, and the actor to act as them. */
export async function qualityManager(db: Db, { email = 'km@gemeente.test', name = 'Kwaliteitsmanager' } = {}) {
	const manager = await createAccount(db, SYSTEM, { email, name, roles: ['quality_manager'] }, 'een goed wachtwoord');
	const actor: UserActor = { type: 'user', id: manager.id };
	return { manager, actor };
}

/**
 * A fresh database with both frameworks seeded, a quality manager to act as, and the
 * published version of the Drents kwaliteitskader.
 */
export async function scoringWorld(account: { email?: string; name?: string } = {}) {
	const db = testDb();
	seedFrameworks(db);
	const { manager, actor } = await qualityManager(db, account);
	const drents = latestPublishedBySlug(db, 'drents-kwaliteitskader')!;
	return { db, manager, actor, drents };
}

/**
 * Scores every applicable item of assessment `id` with `level(index)`, with `story` (evidence,
 * explanation) on each when given.
 */
export function scoreAll(
	db: Db,
	actor: UserActor,
	id: number,
	level: (i: number) => ScoreLevel,
	story: { evidence?: string; explanation?: string } = {}
): void {
	assessmentDetail(db, id).items.forEach((i, n) => {
		if (!i.item.applicable) return;
		updateItem(db, actor, id, i.item.id, { revision: i.item.revision, applicable: true, level: level(n), ...story });
	});
}
