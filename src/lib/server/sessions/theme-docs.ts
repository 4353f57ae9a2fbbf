/**
 * The co-edited documents of a session (issue 5): one Yjs document per chosen theme, named
 * `session/<id>/theme/<key>`, holding
 *
 * - `keywords`: Y.Array of Y.Map { id, text, perspective, author, group } (the brainstorm);
 * - `meaning`: Y.Text, what the theme means here (starts from the framework's definition);
 * - `testQuestion`: Y.Text, the toetsvraag (starts from the framework's toetsvraag);
 * - `criteria`: Y.Array of Y.Map { id, text: Y.Text, status, comment: Y.Text, order }, shown
 *   sorted by `order` (see src/lib/live/criteria-order.ts).
 *
 * Clients may write anything into a Yjs document, so everything read back from one is
 * checked and trimmed here before it reaches the database.
 */
import * as Y from 'yjs';
import { criteriaInOrder } from '../../live/criteria-order';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db';
import { CRITERION_STATUSES, sessionCriteria, sessionThemes, themeResults, type CriterionStatus, type SessionTheme } from '../db/schema';

export const DOC_LIMITS = { keyword: 200, keywords: 500, text: 5000, criterion: 2000, criteria: 200, comment: 2000, group: 100 } as const;

export interface ThemeContent {
	meaning: string;
	testQuestion: string;
	keywords: { text: string; perspective: string | null; group: string | null }[];
	criteria: { text: string; status: CriterionStatus; comment: string | null }[];
}

/** Fills a new, empty document with the framework's definition and toetsvraag as a start. */
export function seedThemeDoc(doc: Y.Doc, theme: Pick<SessionTheme, 'definition' | 'testQuestion'>): void {
	doc.transact(() => {
		if (theme.definition) doc.getText('meaning').insert(0, theme.definition);
		if (theme.testQuestion) doc.getText('testQuestion').insert(0, theme.testQuestion);
	}, 'seed');
}

const clean = (value: unknown, max: number): string => (typeof value === 'string' ? value : value instanceof Y.Text ? value.toString() : '').replace(/\r\n?/g, '\n').trim().slice(0, max);

/** What a document holds, checked: unknown shapes are skipped, texts trimmed and capped. */
export function readThemeDoc(doc: Y.Doc): ThemeContent {
	const keywords: ThemeContent['keywords'] = [];
	for (const item of doc.getArray('keywords').toArray().slice(0, DOC_LIMITS.keywords)) {
		if (!(item instanceof Y.Map)) continue;
		const text = clean(item.get('text'), DOC_LIMITS.keyword);
		if (!text || item.get('mergedInto')) continue;
		const perspective = item.get('perspective');
		const group = clean(item.get('group'), DOC_LIMITS.group);
		keywords.push({ text, perspective: typeof perspective === 'string' ? perspective.slice(0, 40) : null, group: group || null });
	}
	const criteria: ThemeContent['criteria'] = [];
	for (const item of criteriaInOrder(doc.getArray('criteria')).slice(0, DOC_LIMITS.criteria)) {
		const text = clean(item.get('text'), DOC_LIMITS.criterion);
		if (!text) continue;
		const status = item.get('status');
		const comment = clean(item.get('comment'), DOC_LIMITS.comment);
		criteria.push({ text, status: (CRITERION_STATUSES as readonly unknown[]).includes(status) ? (status as CriterionStatus) : 'provisional', comment: comment || null });
	}
	return {
		meaning: clean(doc.getText('meaning'), DOC_LIMITS.text),
		testQuestion: clean(doc.getText('testQuestion'), DOC_LIMITS.text),
		keywords,
		criteria
	};
}

/** The chosen theme a document name points to, or undefined: only chosen themes have documents. */
export function themeForDoc(db: Db, dialogueSessionId: number, themeKey: string): SessionTheme | undefined {
	return db
		.select()
		.from(sessionThemes)
		.where(and(eq(sessionThemes.dialogueSessionId, dialogueSessionId), eq(sessionThemes.key, themeKey), isNotNull(sessionThemes.chosenRank)))
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

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

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
	content.criteria.forEach((c, position) => tx.insert(sessionCriteria).values({ sessionThemeId: theme.id, position, ...c }).run());
}
