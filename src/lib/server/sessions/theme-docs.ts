/**
 * The database side of the co-edited theme documents (issue 5): which themes have one, and
 * where their content goes when the session closes. What a document is (its name, layout,
 * limits, reading and checking) lives in one place: src/lib/shared/theme-document.ts.
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { sessionCriteria, sessionThemes, themeResults, type SessionTheme, type ThemeResult } from '../db/schema';
import type { ThemeContent } from '../../shared/theme-document';

/** The chosen theme a document name points to, or undefined: only chosen themes have documents. */
export function themeForDoc(db: Db, dialogueSessionId: number, themeKey: string): SessionTheme | undefined {
	return db
		.select()
		.from(sessionThemes)
		.where(
			and(eq(sessionThemes.dialogueSessionId, dialogueSessionId), eq(sessionThemes.key, themeKey), isNotNull(sessionThemes.chosenRank))
		)
		.get();
}

export function chosenThemes(db: Pick<Db, 'select'>, dialogueSessionId: number): SessionTheme[] {
	return db
		.select()
		.from(sessionThemes)
		.where(and(eq(sessionThemes.dialogueSessionId, dialogueSessionId), isNotNull(sessionThemes.chosenRank)))
		.orderBy(asc(sessionThemes.chosenRank))
		.all();
}

/** The stored results (keywords, meaning, toetsvraag) of these session themes, as closing wrote them. */
export function storedThemeResults(db: Pick<Db, 'select'>, sessionThemeIds: readonly number[]): ThemeResult[] {
	if (sessionThemeIds.length === 0) return [];
	return db
		.select()
		.from(themeResults)
		.where(inArray(themeResults.sessionThemeId, [...sessionThemeIds]))
		.all();
}

/** Writes a theme's content into the relational tables, replacing an earlier copy. */
export function saveThemeContent(tx: Tx, theme: SessionTheme, content: ThemeContent): void {
	tx.delete(sessionCriteria).where(eq(sessionCriteria.sessionThemeId, theme.id)).run();
	tx.delete(themeResults).where(eq(themeResults.sessionThemeId, theme.id)).run();
	tx.insert(themeResults)
		.values({
			sessionThemeId: theme.id,
			meaning: content.meaning,
			testQuestion: content.testQuestion,
			testQuestionAgreed: theme.testQuestionAgreed,
			criteriaProvisional: theme.criteriaProvisional,
			keywords: content.keywords
		})
		.run();
	content.criteria.forEach((c, position) =>
		tx
			.insert(sessionCriteria)
			.values({ sessionThemeId: theme.id, position, ...c })
			.run()
	);
}
