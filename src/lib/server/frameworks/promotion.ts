/**
 * From agreed criteria to the framework. Once a session's report is final, a
 * kwaliteitsmanager goes through its criteria: each one is promoted into a draft version of a
 * framework as a new requirement (into the theme it fits, which may be another framework's
 * theme), merged into an existing requirement, or not promoted with a reason. A promoted
 * requirement keeps its provenance: the session, its date, the perspectives present and the
 * wording agreed in the final report. A merge keeps the requirement's own provenance and
 * records the criterion in its note. Every decision is kept, one per criterion. A new
 * requirement addresses whom the criterion addressed in the session, unless the
 * kwaliteitsmanager chose otherwise.
 */
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import {
	criterionPromotions,
	dialogueSessions,
	frameworkRequirements,
	frameworkThemes,
	frameworkVersions,
	PERSPECTIVES,
	reports,
	type Addressee,
	type Perspective
} from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { choiceId, validate, validateBoth } from '../validation';
import { getReport, heldAt, listVersions } from '../reports/reports';
import type { ReportCriterion } from '../reports/types';
import { addRequirement, updateRequirement } from './store';
import { sessionHeadcount } from '../sessions/headcount';
import { today } from '../../shared/dates';
import { DEFAULT_LOCALE, translate } from '../../i18n';
import { requirementFieldsSchema, type RequirementFieldsInput } from './model';

export interface PromotableCriterion {
	key: string;
	text: string;
	status: ReportCriterion['status'];
	/** Whom it addresses, as agreed in the session (empty: not recorded). */
	addressees: Addressee[];
	/** The report section (theme) it belongs to. */
	themeHeading: string;
	state: 'open' | 'promoted' | 'merged' | 'not_promoted';
	requirementId: number | null;
	versionId: number | null;
	reason: string | null;
}

function finalVersion(db: Pick<Db, 'select'>, sessionId: number) {
	const report = getReport(db, sessionId);
	const final =
		report && report.status === 'final'
			? listVersions(db, report.id)
					.filter((v) => v.kind === 'final')
					.at(-1)
			: undefined;
	if (!final) throw new DomainError('error.promotion.reportNotFinal', 409);
	return final;
}

/** The criteria of a session's final report, each with what became of it. */
export function promotableCriteria(db: Pick<Db, 'select'>, sessionId: number): PromotableCriterion[] {
	const final = finalVersion(db, sessionId);
	const decided = new Map(
		db
			.select()
			.from(criterionPromotions)
			.where(eq(criterionPromotions.dialogueSessionId, sessionId))
			.all()
			// Taken into a requirement that is gone (it, or the draft it was in, was deleted): open again.
			.filter((p) => p.state === 'not_promoted' || p.requirementId !== null)
			.map((p) => [p.criterionKey, p])
	);
	return final.content.sections.flatMap((section) =>
		(section.criteria ?? []).map((c) => {
			const d = decided.get(c.key);
			return {
				key: c.key,
				text: c.text,
				status: c.status,
				addressees: c.addressees ?? [],
				themeHeading: section.heading,
				state: d?.state ?? 'open',
				requirementId: d?.requirementId ?? null,
				versionId: d?.versionId ?? null,
				reason: d?.reason ?? null
			};
		})
	);
}

function criterion(db: Pick<Db, 'select' | 'delete'>, sessionId: number, key: string): PromotableCriterion {
	const found = promotableCriteria(db, sessionId).find((c) => c.key === key);
	if (!found) throw new DomainError('error.missing', 404);
	if (found.state !== 'open') throw new DomainError('error.promotion.decided', 409);
	// An open criterion may still have the row of a promotion whose requirement is gone: it makes way.
	db.delete(criterionPromotions)
		.where(and(eq(criterionPromotions.dialogueSessionId, sessionId), eq(criterionPromotions.criterionKey, key)))
		.run();
	return found;
}

/**
 * The perspectives of the people who took part (not their names), counted as the report counts
 * them (../sessions/headcount.ts): someone invited who never came adds no perspective.
 */
export function perspectivesPresent(db: Pick<Db, 'select'>, sessionId: number): Perspective[] {
	const { byPerspective } = sessionHeadcount(db, sessionId);
	return PERSPECTIVES.filter((p) => byPerspective[p] > 0);
}

function draftTheme(db: Pick<Db, 'select'>, themeId: number) {
	const theme = db.select().from(frameworkThemes).where(eq(frameworkThemes.id, themeId)).get();
	if (!theme) throw new DomainError('error.missing', 404);
	const version = db.select().from(frameworkVersions).where(eq(frameworkVersions.id, theme.versionId)).get()!;
	if (version.status !== 'draft') throw new DomainError('error.promotion.notDraft', 409);
	return theme;
}

export const promoteSchema = z.object({ criterionKey: z.string().min(1).max(40), themeId: choiceId });

/** Promotes a criterion into a draft's theme as a new requirement, with its provenance. */
export function promoteCriterion(
	db: Db,
	actor: Actor,
	sessionId: number,
	input: z.input<typeof promoteSchema>,
	fields: RequirementFieldsInput
) {
	// The choice of theme and the requirement's fields together: every problem at once.
	const [{ criterionKey, themeId }] = validateBoth(promoteSchema, input, requirementFieldsSchema, fields);
	return db.transaction(() => {
		const c = criterion(db, sessionId, criterionKey);
		const theme = draftTheme(db, themeId);
		const session = db.select().from(dialogueSessions).where(eq(dialogueSessions.id, sessionId)).get()!;
		const date = heldAt(session) ?? new Date();
		const requirement = addRequirement(db, actor, theme.id, {
			...fields,
			addressees: fields.addressees ?? (c.addressees.length > 0 ? c.addressees : undefined),
			provenance: {
				kind: 'dialogue_session',
				sessionId,
				sessionTitle: session.title,
				date: today(date),
				perspectives: perspectivesPresent(db, sessionId),
				originalText: c.text
			}
		});
		db.insert(criterionPromotions)
			.values({
				dialogueSessionId: sessionId,
				criterionKey,
				state: 'promoted',
				requirementId: requirement.id,
				versionId: theme.versionId,
				decidedById: actor.type === 'user' ? actor.id : null
			})
			.run();
		audit(
			db,
			actor,
			'promotion.promote',
			{ type: 'dialogue_session', id: sessionId },
			{ criterionKey, requirementId: requirement.id, versionId: theme.versionId }
		);
		return requirement;
	});
}

export const mergeSchema = z.object({
	criterionKey: z.string().min(1).max(40),
	requirementId: choiceId,
	revision: z.number().int().positive()
});

/**
 * Merges a criterion into an existing requirement of a draft: the requirement gets the new
 * wording and a note naming the session and the criterion; its own provenance stays.
 */
export function mergeCriterion(
	db: Db,
	actor: Actor,
	sessionId: number,
	input: z.input<typeof mergeSchema>,
	fields: RequirementFieldsInput
) {
	const [{ criterionKey, requirementId, revision }] = validateBoth(mergeSchema, input, requirementFieldsSchema, fields);
	return db.transaction(() => {
		const c = criterion(db, sessionId, criterionKey);
		const requirement = db.select().from(frameworkRequirements).where(eq(frameworkRequirements.id, requirementId)).get();
		if (!requirement) throw new DomainError('error.missing', 404);
		draftTheme(db, requirement.themeId);
		const session = db.select().from(dialogueSessions).where(eq(dialogueSessions.id, sessionId)).get()!;
		// The framework's own text is Dutch, as the documents it comes from.
		const line = translate(DEFAULT_LOCALE, 'promotion.mergeNote', {
			title: session.title,
			date: today(heldAt(session) ?? new Date()),
			text: c.text
		});
		const note = [fields.note ?? requirement.note, line].filter(Boolean).join('\n');
		const updated = updateRequirement(db, actor, requirementId, revision, { ...fields, note });
		db.insert(criterionPromotions)
			.values({
				dialogueSessionId: sessionId,
				criterionKey,
				state: 'merged',
				requirementId,
				versionId: requirement.versionId,
				decidedById: actor.type === 'user' ? actor.id : null
			})
			.run();
		audit(db, actor, 'promotion.merge', { type: 'dialogue_session', id: sessionId }, { criterionKey, requirementId });
		return updated;
	});
}

export const declineSchema = z.object({ criterionKey: z.string().min(1).max(40), reason: z.string().trim().min(1).max(2000) });

/** Records that a criterion is not promoted, and why. */
export function declineCriterion(db: Db, actor: Actor, sessionId: number, input: z.input<typeof declineSchema>): void {
	const { criterionKey, reason } = validate(declineSchema, input);
	db.transaction(() => {
		criterion(db, sessionId, criterionKey);
		db.insert(criterionPromotions)
			.values({
				dialogueSessionId: sessionId,
				criterionKey,
				state: 'not_promoted',
				reason,
				decidedById: actor.type === 'user' ? actor.id : null
			})
			.run();
		audit(db, actor, 'promotion.decline', { type: 'dialogue_session', id: sessionId }, { criterionKey });
	});
}

/** Undoes a "not promoted" decision so the criterion can be looked at again. */
export function reopenCriterion(db: Db, actor: Actor, sessionId: number, criterionKey: string): void {
	db.transaction(() => {
		const row = db
			.delete(criterionPromotions)
			.where(
				and(
					eq(criterionPromotions.dialogueSessionId, sessionId),
					eq(criterionPromotions.criterionKey, criterionKey),
					eq(criterionPromotions.state, 'not_promoted')
				)
			)
			.returning()
			.get();
		if (!row) throw new DomainError('error.missing', 404);
		audit(db, actor, 'promotion.reopen', { type: 'dialogue_session', id: sessionId }, { criterionKey, reason: row.reason });
	});
}

export interface FinalReportRow {
	sessionId: number;
	title: string;
	/** When the session was held (ISO), if known. */
	heldAt: string | null;
	finalAt: string | null;
	total: number;
	open: number;
}

/** Sessions whose report is final, newest final first, with how many criteria are still open. */
export function finalReports(db: Pick<Db, 'select'>): FinalReportRow[] {
	return db
		.select({ session: dialogueSessions, finalAt: reports.finalAt })
		.from(reports)
		.innerJoin(dialogueSessions, eq(dialogueSessions.id, reports.dialogueSessionId))
		.where(eq(reports.status, 'final'))
		.orderBy(desc(reports.finalAt), desc(reports.id))
		.all()
		.map(({ session, finalAt }) => {
			const criteria = promotableCriteria(db, session.id);
			return {
				sessionId: session.id,
				title: session.title,
				heldAt: heldAt(session)?.toISOString() ?? null,
				finalAt: finalAt?.toISOString() ?? null,
				total: criteria.length,
				open: criteria.filter((c) => c.state === 'open').length
			};
		});
}

/** The quality manager's to-do: sessions whose report is final and that still have criteria nobody decided on. */
export function promotionQueue(db: Pick<Db, 'select'>): FinalReportRow[] {
	return finalReports(db).filter((r) => r.open > 0);
}
