/**
 * A closed session's results, machine-readable (issue 20): the themes with their stickers per
 * perspective, and for each chosen theme the keywords, the toetsvraag and the criteria with
 * their status and whom they address, then the agreements. As JSON (codes, not translated words) and as CSV for
 * spreadsheets (semicolon-separated, UTF-8 with BOM, every cell guarded against formulas, as
 * the other CSV files). Only what the report shows: no names of participants, keywords with
 * their perspective only.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { ADDRESSEES, CRITERION_STATUSES, PERSPECTIVES, dialogueSessions, sessionCriteria, type Perspective } from '../db/schema';
import { DomainError } from '../errors';
import { DEFAULT_LOCALE, translate, type Locale, type MessageKey } from '../../i18n';
import { csvCell } from '../frameworks/exchange';
import { slugify } from '../frameworks/store';
import { queries } from '../sessions/queries';
import { storedThemeResults } from '../sessions/theme-docs';
import { tallies } from '../sessions/voting';
import { listAgreements } from './agreements';

const perspective = z.enum(PERSPECTIVES);

/** The results' shape: the type of the JSON download and the API's answer (../api/openapi.ts). */
export const sessionResultsSchema = z.object({
	session: z.object({ id: z.number().int(), title: z.string(), closedAt: z.string().describe('ISO 8601, UTC') }),
	themes: z
		.array(
			z.object({
				key: z.string(),
				name: z.string(),
				chosenRank: z.number().int().nullable().describe('1, 2, … for the themes treated in the session; null for the others.'),
				stickers: z.object({ total: z.number().int(), byPerspective: z.record(perspective, z.number().int()) }),
				keywords: z.array(z.object({ text: z.string(), perspective: perspective.nullable(), group: z.string().nullable() })).optional(),
				testQuestion: z.object({ text: z.string(), agreed: z.boolean() }).optional(),
				criteria: z
					.array(
						z.object({
							number: z.number().int(),
							text: z.string(),
							status: z.enum(CRITERION_STATUSES),
							comment: z.string().nullable(),
							addressees: z
								.array(z.enum(ADDRESSEES))
								.describe('Whom the criterion addresses, as agreed in the session; empty: not recorded (closed before this was kept).')
						})
					)
					.optional()
			})
		)
		.describe('Every theme offered, most stickers first; keywords, toetsvraag and criteria only for the chosen themes.'),
	agreements: z.array(z.object({ topic: z.string(), what: z.string(), owner: z.string(), dueDate: z.string() }))
});
export type SessionResults = z.infer<typeof sessionResultsSchema>;

/** The results of a closed session; 409 while it is not closed (nothing is stored yet). */
export function sessionResults(db: Db, sessionId: number): SessionResults {
	const session = db.select().from(dialogueSessions).where(eq(dialogueSessions.id, sessionId)).get();
	if (!session) throw new DomainError('error.missing', 404);
	if (session.status !== 'closed' || !session.closedAt) throw new DomainError('error.results.notClosed', 409);
	const themes = queries(db).themes.all({ session: sessionId });
	const vote = tallies(db, session);
	const chosen = themes.filter((t) => t.chosenRank !== null);
	const stored = storedThemeResults(
		db,
		chosen.map((t) => t.id)
	);
	const criteria = chosen.length
		? db
				.select()
				.from(sessionCriteria)
				.where(
					inArray(
						sessionCriteria.sessionThemeId,
						chosen.map((t) => t.id)
					)
				)
				.orderBy(asc(sessionCriteria.sessionThemeId), asc(sessionCriteria.position))
				.all()
		: [];
	const order = new Map(vote.ranking.map((r, i) => [r.themeId, i]));
	const ordered = [...themes].sort(
		(a, b) => (order.get(a.id) ?? themes.length) - (order.get(b.id) ?? themes.length) || a.position - b.position
	);
	return {
		session: { id: session.id, title: session.title, closedAt: session.closedAt.toISOString() },
		themes: ordered.map((theme) => {
			const tally = vote.ranking.find((r) => r.themeId === theme.id);
			const byPerspective = Object.fromEntries(PERSPECTIVES.map((p) => [p, tally?.byPerspective[p] ?? 0])) as Record<Perspective, number>;
			const base = {
				key: theme.key,
				name: theme.name,
				chosenRank: theme.chosenRank,
				stickers: { total: tally?.count ?? 0, byPerspective }
			};
			if (theme.chosenRank === null) return base;
			const result = stored.find((r) => r.sessionThemeId === theme.id);
			return {
				...base,
				keywords: (result?.keywords ?? []).map((k) => ({
					text: k.text,
					perspective: (PERSPECTIVES as readonly string[]).includes(k.perspective ?? '') ? (k.perspective as Perspective) : null,
					group: k.group
				})),
				testQuestion: { text: result?.testQuestion ?? '', agreed: result?.testQuestionAgreed ?? false },
				criteria: criteria
					.filter((c) => c.sessionThemeId === theme.id)
					.map((c, i) => ({ number: i + 1, text: c.text, status: c.status, comment: c.comment, addressees: c.addressees }))
			};
		}),
		agreements: listAgreements(db, sessionId).map((a) => ({ topic: a.topic, what: a.what, owner: a.owner, dueDate: a.dueDate }))
	};
}

export function resultsFileName(results: SessionResults, ext: 'csv' | 'json'): string {
	return `resultaten-${slugify(results.session.title) || results.session.id}-${results.session.closedAt.slice(0, 10)}.${ext}`;
}

/**
 * The results as one table: a row per sticker count, keyword, toetsvraag, criterion and
 * agreement, with the kind of row first, so a spreadsheet filter shows one kind at a time.
 */
export function resultsCsv(results: SessionResults, locale: Locale = DEFAULT_LOCALE): string {
	const t = (key: string, params?: Record<string, string | number>) => translate(locale, key as MessageKey, params);
	const perspective = (p: Perspective | null) => (p ? t(`perspective.${p}`) : '');
	const rows: (string | number | null)[][] = [
		['kind', 'theme', 'text', 'perspective', 'number', 'status', 'owner', 'due', 'addressees'].map((column) => t(`results.csv.${column}`))
	];
	for (const theme of results.themes) {
		const chosen = theme.chosenRank === null ? '' : t('results.csv.chosen', { rank: theme.chosenRank });
		rows.push([t('results.kind.stickers'), theme.name, '', '', theme.stickers.total, chosen]);
		for (const p of PERSPECTIVES) {
			if (theme.stickers.byPerspective[p] > 0)
				rows.push([t('results.kind.stickers'), theme.name, '', perspective(p), theme.stickers.byPerspective[p], '']);
		}
	}
	for (const theme of results.themes) {
		if (theme.chosenRank === null) continue;
		for (const k of theme.keywords ?? [])
			rows.push([t('results.kind.keyword'), theme.name, k.text, perspective(k.perspective), null, k.group ?? '']);
		if (theme.testQuestion?.text) {
			const status = theme.testQuestion.agreed ? t('coedit.status.agreed') : t('results.status.notAgreed');
			rows.push([t('results.kind.testQuestion'), theme.name, theme.testQuestion.text, '', null, status]);
		}
		for (const c of theme.criteria ?? []) {
			const status = [t(`coedit.status.${c.status}`), c.comment].filter(Boolean).join(': ');
			const addressees = c.addressees.map((a) => t(`framework.addressee.${a}`)).join(', ') || t('reports.document.label.addresseesUnknown');
			rows.push([t('results.kind.criterion'), theme.name, c.text, '', c.number, status, '', '', addressees]);
		}
	}
	for (const a of results.agreements)
		rows.push([t('results.kind.agreement'), t(`agreement.topic.${a.topic}`), a.what, '', null, '', a.owner, a.dueDate]);
	return `\uFEFF${rows.map((row) => row.map((cell) => csvCell(cell === null ? '' : String(cell))).join(';')).join('\r\n')}\r\n`;
}
