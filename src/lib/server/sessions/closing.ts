/**
 * Closing a session: the co-edited documents become read-only and their content is copied
 * into the relational tables in one transaction (the report and the promotion into the
 * framework read those, never Yjs). Reopening is an explicit, audited act with a reason.
 */
import type * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { dialogueSessions, reports, sessionThemes, type DialogueSession } from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { textBlock, validate } from '../validation';
import { accessChanged } from '../access/changes';
import { docNameOf, readThemeDoc } from '../../shared/theme-document';
import { changeSession, loadSession, touchSession } from './agenda';
import { chosenThemes, saveThemeContent } from './theme-docs';
import { ensureGoingOn } from './setup';

/** Reads a co-edited document as stored (it must not write: it runs inside the closing transaction). */
export type DocLoader = (name: string) => Y.Doc;

export function closeSession(db: Db, actor: Actor, sessionId: number, loadDoc: DocLoader): DialogueSession {
	const session = loadSession(db, sessionId);
	ensureGoingOn(session);
	const closed = db.transaction((tx) => {
		// Read in the transaction, which holds the write lock: an edit stored before it is in
		// what is read, and one after it finds the session closed (see YjsStore.append).
		const themes = chosenThemes(tx, sessionId);
		const contents = themes.map((theme) => ({ theme, content: readThemeDoc(loadDoc(docNameOf(sessionId, theme.key))) }));
		for (const { theme, content } of contents) saveThemeContent(tx, theme, content);
		const updated = changeSession(tx, session, {
			status: 'closed',
			closedAt: new Date(),
			phase: 'closing',
			phaseTheme: null,
			phaseStep: null,
			timerDeadline: null,
			timerRemainingMs: null
		});
		audit(
			tx,
			actor,
			'session.close',
			{ type: 'dialogue_session', id: sessionId },
			{ themes: themes.length, criteria: contents.reduce((n, c) => n + c.content.criteria.length, 0) }
		);
		return updated;
	});
	// Everyone reads only from now on, on every channel.
	accessChanged(db, { sessionIds: [sessionId] });
	return closed;
}

export const reopenSchema = z.object({ reason: textBlock(1000) });

/**
 * Whether the session's report went out to the participants: from then on the session stays
 * closed, so that what they read, what they comment on and the final report rest on the same
 * session (a change goes through the comment round instead).
 */
export function reportSent(db: Pick<Db, 'select'>, sessionId: number): boolean {
	const report = db.select({ status: reports.status }).from(reports).where(eq(reports.dialogueSessionId, sessionId)).get();
	return report !== undefined && report.status !== 'draft';
}

export function reopenSession(db: Db, actor: Actor, sessionId: number, input: z.input<typeof reopenSchema>): DialogueSession {
	const { reason } = validate(reopenSchema, input);
	const reopened = db.transaction((tx) => {
		const session = loadSession(db, sessionId);
		if (session.status !== 'closed') throw new DomainError('error.session.notClosed', 409);
		if (reportSent(tx, sessionId)) throw new DomainError('error.session.reportSent', 409);
		const updated = tx
			.update(dialogueSessions)
			.set({ status: 'open', closedAt: null, stateRevision: session.stateRevision + 1 })
			.where(eq(dialogueSessions.id, sessionId))
			.returning()
			.get();
		audit(tx, actor, 'session.reopen', { type: 'dialogue_session', id: sessionId }, { reason });
		return updated;
	});
	accessChanged(db, { sessionIds: [sessionId] });
	return reopened;
}

export const markSchema = z.object({
	themeId: z.number().int().positive(),
	testQuestionAgreed: z.boolean().optional(),
	criteriaProvisional: z.boolean().optional()
});

/**
 * The facilitator marks a theme's toetsvraag as agreed, or its criteria as this session's
 * provisional set. An empty toetsvraag cannot be agreed (`loadDoc` reads the theme's document).
 */
export function markTheme(db: Db, actor: Actor, sessionId: number, input: z.input<typeof markSchema>, loadDoc: DocLoader): void {
	const { themeId, ...marks } = validate(markSchema, input);
	db.transaction((tx) => {
		const session = loadSession(db, sessionId);
		ensureGoingOn(session);
		const theme = tx.select().from(sessionThemes).where(eq(sessionThemes.id, themeId)).get();
		if (!theme || theme.dialogueSessionId !== sessionId || theme.chosenRank === null) throw new DomainError('error.vote.unknownTheme', 404);
		if (marks.testQuestionAgreed && !readThemeDoc(loadDoc(docNameOf(sessionId, theme.key))).testQuestion.trim())
			throw new DomainError('error.mark.testQuestionEmpty', 409);
		tx.update(sessionThemes).set(marks).where(eq(sessionThemes.id, themeId)).run();
		touchSession(db, session);
		audit(tx, actor, 'theme.mark', { type: 'session_theme', id: themeId }, marks);
	});
}
