/**
 * Proposals for missing themes: a participant proposes one with a short explanation; the
 * facilitator adds it as a new theme, merges it into an existing theme (the proposal stays on
 * that theme's record), or parks it with a reason. Near-duplicates of existing themes are
 * shown as a hint for that judgement, by simple text similarity.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { sessionThemes, themeProposals, type SessionTheme, type ThemeProposal } from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { singleLine, textBlock, validate } from '../validation';
import { normalizeForSearch } from '../frameworks/store';
import { loadLiveSession, touchSession } from './agenda';

export const proposalSchema = z.object({
	title: singleLine(80),
	explanation: textBlock(500, false)
		.nullish()
		.transform((v) => v || null)
});

export const triageSchema = z.discriminatedUnion('action', [
	z.object({ action: z.literal('add'), proposalId: z.number().int().positive(), name: singleLine(80).optional() }),
	z.object({ action: z.literal('merge'), proposalId: z.number().int().positive(), themeId: z.number().int().positive() }),
	z.object({ action: z.literal('park'), proposalId: z.number().int().positive(), reason: textBlock(500) })
]);
export type Triage = z.input<typeof triageSchema>;

const PROPOSAL_PHASES = new Set(['overview', 'proposals']);
export const MAX_PENDING_PER_PARTICIPANT = 5;

export function createProposal(
	db: Db,
	actor: Actor,
	sessionId: number,
	participantId: number,
	input: z.input<typeof proposalSchema>
): ThemeProposal {
	const fields = validate(proposalSchema, input);
	return db.transaction((tx) => {
		const session = loadLiveSession(db, sessionId);
		if (!PROPOSAL_PHASES.has(session.phase)) throw new DomainError('error.proposal.notNow', 409);
		const pending = tx
			.select({ n: sql<number>`count(*)` })
			.from(themeProposals)
			.where(and(eq(themeProposals.participantId, participantId), eq(themeProposals.status, 'pending')))
			.get()!.n;
		if (pending >= MAX_PENDING_PER_PARTICIPANT) throw new DomainError('error.proposal.tooMany', 429, { max: MAX_PENDING_PER_PARTICIPANT });
		const proposal = tx
			.insert(themeProposals)
			.values({ dialogueSessionId: sessionId, participantId, ...fields })
			.returning()
			.get();
		touchSession(db, session);
		audit(tx, actor, 'proposal.create', { type: 'theme_proposal', id: proposal.id }, { dialogueSessionId: sessionId });
		return proposal;
	});
}

export function triageProposal(db: Db, actor: Actor, sessionId: number, input: Triage): ThemeProposal {
	const triage = validate(triageSchema, input);
	return db.transaction((tx) => {
		const session = loadLiveSession(db, sessionId);
		const proposal = tx.select().from(themeProposals).where(eq(themeProposals.id, triage.proposalId)).get();
		if (!proposal || proposal.dialogueSessionId !== sessionId) throw new DomainError('error.missing', 404);
		if (proposal.status !== 'pending') throw new DomainError('error.proposal.decided', 409);
		let values: Partial<ThemeProposal>;
		if (triage.action === 'add') {
			if (session.voteStatus === 'closed' && session.themeSelection === 'vote') throw new DomainError('error.proposal.voteClosed', 409);
			const position = tx
				.select({ n: sql<number>`count(*)` })
				.from(sessionThemes)
				.where(eq(sessionThemes.dialogueSessionId, sessionId))
				.get()!.n;
			const theme = tx
				.insert(sessionThemes)
				.values({
					dialogueSessionId: sessionId,
					key: `proposal-${proposal.id}`,
					name: triage.name ?? proposal.title,
					description: proposal.explanation,
					origin: 'proposal',
					position
				})
				.returning()
				.get();
			values = { status: 'added', sessionThemeId: theme.id };
		} else if (triage.action === 'merge') {
			const theme = tx.select().from(sessionThemes).where(eq(sessionThemes.id, triage.themeId)).get();
			if (!theme || theme.dialogueSessionId !== sessionId) throw new DomainError('error.vote.unknownTheme', 404);
			values = { status: 'merged', sessionThemeId: theme.id };
		} else {
			values = { status: 'parked', reason: triage.reason };
		}
		const updated = tx
			.update(themeProposals)
			.set({ ...values, decidedAt: new Date() })
			.where(eq(themeProposals.id, proposal.id))
			.returning()
			.get();
		touchSession(db, session);
		audit(
			tx,
			actor,
			`proposal.${triage.action}`,
			{ type: 'theme_proposal', id: proposal.id },
			{ dialogueSessionId: sessionId, themeId: updated.sessionThemeId }
		);
		return updated;
	});
}

export function listProposals(db: Pick<Db, 'select'>, sessionId: number): ThemeProposal[] {
	return db.select().from(themeProposals).where(eq(themeProposals.dialogueSessionId, sessionId)).orderBy(asc(themeProposals.id)).all();
}

function trigrams(text: string): Set<string> {
	const words = normalizeForSearch(text)
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
	const padded = ` ${words} `;
	const grams = new Set<string>();
	for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
	return grams;
}

/** Dice coefficient of character trigrams: 1 for equal texts, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
	const x = trigrams(a);
	const y = trigrams(b);
	if (x.size === 0 || y.size === 0) return 0;
	let common = 0;
	for (const g of x) if (y.has(g)) common++;
	return (2 * common) / (x.size + y.size);
}

export const SIMILARITY_HINT = 0.35;

/** Existing themes that look like the proposal: a hint for the facilitator, not a decision. */
export function similarThemes(
	proposal: Pick<ThemeProposal, 'title' | 'explanation'>,
	themes: Pick<SessionTheme, 'id' | 'name' | 'description'>[]
): { themeId: number; score: number }[] {
	return themes
		.map((t) => {
			const byName = similarity(proposal.title, t.name);
			const byText =
				proposal.explanation && t.description ? similarity(`${proposal.title} ${proposal.explanation}`, `${t.name} ${t.description}`) : 0;
			return { themeId: t.id, score: Math.round(Math.max(byName, byText) * 100) / 100 };
		})
		.filter((s) => s.score >= SIMILARITY_HINT)
		.sort((a, b) => b.score - a.score)
		.slice(0, 3);
}
