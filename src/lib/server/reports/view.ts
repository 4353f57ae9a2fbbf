/**
 * The report prepared for the pages (plain data, for a `Locale`): section bodies read into
 * blocks, criteria numbered, each chart as SVG with its text alternative and table, and the
 * plain-language findings of the working copy. Components render these ($lib/shared/reports).
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { LOCALES, translate, type Locale } from '../../i18n';
import type { FigureView, FindingView, SectionView } from '../../shared/reports';
import type { Db } from '../db';
import { reportAcknowledgements, type ReportVersion } from '../db/schema';
import { bodyBlocks, keywordChartAlt, keywordChartSvg, voteChartAlt, voteChartSvg, voteChartTable } from './charts';
import { checkPlainLanguage, DEFAULT_MAX_WORDS } from './plain-language';
import { listJargon } from './jargon';
import { listVersions } from './reports';
import { firstCriterionNumbers, type ReportContent, type ReportFigures, type ReportView } from './types';

/** A report's content as the pages render it: bodies read into paragraphs and bullets, criteria numbered. */
export function contentView(content: ReportContent): { title: string; sections: SectionView[] } {
	const first = firstCriterionNumbers(content);
	return {
		title: content.title,
		sections: content.sections.map((s, i) => ({
			key: s.key,
			heading: s.heading,
			blocks: bodyBlocks(s.body),
			criteria: (s.criteria ?? []).map((c, k) => ({
				key: c.key,
				number: first[i]! + k,
				text: c.text,
				status: c.status,
				addressees: c.addressees ?? []
			})),
			hasCriteria: s.criteria !== undefined
		}))
	};
}

/** The beeldverslag: each chart as SVG, with its text alternative and a table with the same numbers. */
export function figuresView(figures: ReportFigures, labels: ReportView['labels'], locale: Locale): FigureView[] {
	const out: FigureView[] = [];
	if (figures.vote && figures.vote.themes.length > 0) {
		out.push({
			id: 'figure-vote',
			title: labels.voteFigureTitle,
			svg: voteChartSvg(figures.vote, labels, { idPrefix: 'figure-vote' }),
			alt: voteChartAlt(figures.vote, labels),
			table: {
				...voteChartTable(figures.vote, labels),
				caption: translate(locale, 'reports.figures.voteCaption', { title: labels.voteFigureTitle })
			},
			words: []
		});
	}
	figures.keywords.forEach((entry, index) => {
		if (entry.words.length === 0) return;
		const title = translate(locale, 'reports.figures.keywordsTitle', { theme: entry.theme });
		out.push({
			id: `figure-keywords-${index}`,
			title,
			svg: keywordChartSvg(entry, { idPrefix: `figure-keywords-${index}`, title }),
			alt: keywordChartAlt(entry),
			// One row per group reads better than one long row of numbers.
			table: {
				caption: translate(locale, 'reports.figures.keywordsCaption', { theme: entry.theme }),
				head: [translate(locale, 'reports.figures.group'), translate(locale, 'reports.figures.keywordCount')],
				rows: entry.perspectives.map((p, i) => [p, String(entry.counts[i] ?? 0)])
			},
			words: entry.words
		});
	});
	return out;
}

/** The label above a theme's keywords, in each language a report can be composed in. */
const KEYWORD_LABELS = LOCALES.map((l) => translate(l, 'reports.document.theme.keywords'));

/**
 * A theme's text with the keywords listed under that label blanked out (same length, so places
 * stay the same): they are the participants' own words, quoted, not the report's language. The
 * same word in a sentence of the report is still checked.
 */
function withoutKeywordList(body: string): string {
	return body
		.split('\n\n')
		.map((part) =>
			KEYWORD_LABELS.some((label) => part.startsWith(label))
				? part
						.split('\n')
						.map((line, i) => (i > 0 && line.startsWith('- ') ? ' '.repeat(line.length) : line))
						.join('\n')
				: part
		)
		.join('\n\n');
}

/** The plain-language check of every text of the working copy, by field name ("title", "s0.body", "s0.c1"). */
export function plainLanguageFindings(
	db: Pick<Db, 'select'>,
	content: ReportContent
): { findings: Record<string, FindingView[]>; maxWords: number } {
	const jargon = listJargon(db);
	// The themes' names come from the framework: the report cannot rename them.
	const names = content.sections.filter((s) => s.key.startsWith('theme-')).map((s) => s.heading);
	const findings: Record<string, FindingView[]> = {};
	const check = (field: string, text: string) => {
		const list = checkPlainLanguage(text, jargon, { names }).map((f) => ({
			kind: f.kind,
			excerpt: f.excerpt,
			words: f.words,
			suggestion: f.suggestion
		}));
		if (list.length) findings[field] = list;
	};
	content.sections.forEach((s, i) => {
		check(`s${i}.body`, s.key.startsWith('theme-') ? withoutKeywordList(s.body) : s.body);
		(s.criteria ?? []).forEach((c, j) => check(`s${i}.c${j}`, c.text));
	});
	return { findings, maxWords: DEFAULT_MAX_WORDS };
}

/** What still looks unfinished in a report's text: told before it is sent or made final. */
export interface UnfinishedParts {
	/** How often a theme's field reads "(niet ingevuld)": nothing was written there. */
	empty: number;
	/** Criteria of the themes without "gericht aan". */
	noAddressees: number;
	/** Findings of the plain-language check (long sentences, jargon). */
	plainLanguage: number;
}

export function unfinishedParts(db: Pick<Db, 'select'>, content: ReportContent): UnfinishedParts {
	// The text was composed in one of the languages: count the placeholder of each.
	const placeholders = new Set(LOCALES.map((l) => translate(l, 'reports.document.theme.empty')));
	let empty = 0;
	for (const section of content.sections) for (const placeholder of placeholders) empty += section.body.split(placeholder).length - 1;
	const criteria = content.sections.flatMap((s) => s.criteria ?? []);
	const noAddressees = criteria.filter((c) => (c.addressees ?? []).length === 0).length;
	const plainLanguage = Object.values(plainLanguageFindings(db, content).findings).reduce((n, list) => n + list.length, 0);
	return { empty, noAddressees, plainLanguage };
}

/**
 * The version named in an address: a version number, or "working" for the working copy
 * (null). Anything else, or a number that does not exist, is undefined.
 */
export function versionNamed(db: Pick<Db, 'select'>, reportId: number, which: string): ReportVersion | null | undefined {
	if (which === 'working') return null;
	if (!/^[1-9]\d{0,5}$/.test(which)) return undefined;
	return listVersions(db, reportId).find((v) => v.number === Number(which));
}

/** Whether the participant said they read the report ("gelezen"). */
export function hasAcknowledged(db: Pick<Db, 'select'>, reportId: number, participantId: number): boolean {
	return !!db
		.select()
		.from(reportAcknowledgements)
		.where(and(eq(reportAcknowledgements.reportId, reportId), eq(reportAcknowledgements.participantId, participantId)))
		.get();
}

/** A random key for a comment form, so a submit sent twice stores the comment once. */
export function newClientKey(): string {
	return randomBytes(18).toString('base64url');
}

const KEY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A key for a criterion the facilitator adds: "n" and random letters and digits (never like "c12"). */
export function newCriterionKey(): string {
	const bytes = randomBytes(8);
	return `n${[...bytes].map((b) => KEY_CHARS[b % KEY_CHARS.length]).join('')}`;
}
