/**
 * Server helpers for the pages after a session (step 4): who may open the report pages (the
 * session's facilitator, or a participant of this very session), form failures with their
 * field, and the report prepared for rendering (section bodies as blocks, charts as SVG with
 * their tables), so components never need the server-only domain modules.
 */
import { audit, userActor } from './server/audit';
import { randomBytes } from 'node:crypto';
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { PublicUser } from './server/auth/accounts';
import type { DialogueSession, Participant, Report, ReportVersion } from './server/db/schema';
import { DomainError } from './server/errors';
import { getRuntime } from './server/runtime';
import { getDialogueSession } from './server/sessions/setup';
import { sessionRights } from './server/access';
import { ValidationError } from './server/validation';
import { bodyBlocks, keywordChartAlt, keywordChartSvg, voteChartAlt, voteChartSvg, voteChartTable, type BodyBlock } from './server/reports/charts';
import { checkPlainLanguage, DEFAULT_MAX_WORDS } from './server/reports/plain-language';
import { listJargon } from './server/reports/jargon';
import { getReport, listVersions, reportView } from './server/reports/reports';
import type { ReportContent, ReportFigures, ReportView } from './server/reports/types';
import { translate, type Locale, type MessageKey, type Params } from './i18n';
import { sessionIdParam } from './sessions.server';
import { formatSessionDate } from './sessions/time';

export type { BodyBlock };

function notFound(locale: Locale): never {
	error(404, { message: translate(locale, 'error.notFound'), code: 'error.notFound' });
}

/**
 * The logged-in facilitator of this session. Anyone else who is logged in gets 404, also
 * staff without the facilitator role: the report holds what participants said.
 */
export function requireReportOwner(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>): { user: PublicUser; session: DialogueSession } {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (user.mustChangePassword) redirect(303, '/account');
	const id = sessionIdParam(event);
	const { db } = getRuntime();
	const rights = sessionRights(db, event.locals.callers.filter((c) => c.kind === 'staff'), id);
	const session = getDialogueSession(db, id);
	if (!session || rights?.part !== 'facilitator') notFound(event.locals.locale);
	return { user, session };
}

/**
 * The participant (or observer) of this session, from the participant cookie. Anyone else,
 * including someone removed from the list, gets 404: the page does not tell the session exists.
 */
export function requireSessionParticipant(event: Pick<RequestEvent, 'locals' | 'params'>): { participant: Participant; session: DialogueSession } {
	const id = sessionIdParam(event);
	const { db } = getRuntime();
	const participant = event.locals.participant;
	const rights = sessionRights(db, event.locals.callers.filter((c) => c.kind === 'participant'), id);
	const session = getDialogueSession(db, id);
	if (!participant || !rights || !session) notFound(event.locals.locale);
	return { participant, session };
}

/** The one definition lives with the audit log; pages of the report import it from here. */
export { userActor };

export interface FieldProblem {
	code: MessageKey;
	params?: Params;
}

/** A refused form: a general message, and per field (the first segment of a problem's path) its message. */
export interface Failure {
	status: number;
	error: MessageKey | null;
	params?: Params;
	fields: Record<string, FieldProblem>;
}

/** Turns a domain refusal into messages for the page; anything unexpected is rethrown. */
export function failureOf(err: unknown, fieldOf: (path: (string | number)[]) => string | null = (p) => (p.length ? String(p[0]) : null)): Failure {
	if (err instanceof ValidationError) {
		const fields: Record<string, FieldProblem> = {};
		let general: MessageKey | null = null;
		for (const problem of err.problems) {
			const field = fieldOf(problem.path);
			if (field) fields[field] ??= { code: problem.code, params: problem.params };
			else general ??= problem.code;
		}
		return { status: err.status, error: general ?? (Object.keys(fields).length ? null : err.code), fields };
	}
	if (err instanceof DomainError) return { status: err.status, error: err.code, params: err.params, fields: {} };
	throw err;
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

/** A date and time for people, in Dutch local time; null stays null. */
export function formatWhen(date: Date | null | undefined, locale: Locale): string | null {
	return date ? formatSessionDate(date, locale) : null;
}

/** A calendar date (YYYY-MM-DD) for people: "17 maart 2026". */
export function formatDay(value: string, locale: Locale): string {
	const d = new Date(`${value}T12:00:00Z`);
	if (Number.isNaN(d.getTime())) return value;
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

export interface SectionView {
	key: string;
	heading: string;
	blocks: BodyBlock[];
	criteria: { key: string; number: number; text: string; status: 'agreed' | 'provisional' }[];
	/** Whether the section has a criteria list at all (a theme section), even an empty one. */
	hasCriteria: boolean;
}

/** A report's content as the pages render it: bodies read into paragraphs and bullets, criteria numbered. */
export function contentView(content: ReportContent): { title: string; sections: SectionView[] } {
	let number = 0;
	return {
		title: content.title,
		sections: content.sections.map((s) => ({
			key: s.key,
			heading: s.heading,
			blocks: bodyBlocks(s.body),
			criteria: (s.criteria ?? []).map((c) => ({ key: c.key, number: ++number, text: c.text, status: c.status })),
			hasCriteria: s.criteria !== undefined
		}))
	};
}

export interface TableView {
	caption: string;
	head: string[];
	rows: string[][];
}

export interface FigureView {
	id: string;
	title: string;
	/** SVG made by charts.ts from stored figures; every text in it is escaped there. */
	svg: string;
	/** The same content in words. */
	alt: string;
	table: TableView;
	words: string[];
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
			table: { ...voteChartTable(figures.vote, labels), caption: translate(locale, 'reports.figures.voteCaption', { title: labels.voteFigureTitle }) },
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

export interface FindingView {
	kind: 'long_sentence' | 'jargon';
	excerpt: string;
	words?: number;
	suggestion?: string | null;
}

/** The plain-language check of every text of the working copy, by field name ("title", "s0.body", "s0.c1"). */
export function plainLanguageFindings(content: ReportContent): { findings: Record<string, FindingView[]>; maxWords: number } {
	const jargon = listJargon(getRuntime().db);
	const findings: Record<string, FindingView[]> = {};
	const check = (field: string, text: string) => {
		const list = checkPlainLanguage(text, jargon).map((f) => ({ kind: f.kind, excerpt: f.excerpt, words: f.words, suggestion: f.suggestion }));
		if (list.length) findings[field] = list;
	};
	content.sections.forEach((s, i) => {
		check(`s${i}.body`, s.body);
		(s.criteria ?? []).forEach((c, j) => check(`s${i}.c${j}`, c.text));
	});
	return { findings, maxWords: DEFAULT_MAX_WORDS };
}

/**
 * The version named in an address: a version number, or "working" for the working copy
 * (null). Anything else, or a number that does not exist, is 404.
 */
export function versionFor(reportId: number, which: string, locale: Locale): ReportVersion | null {
	if (which === 'working') return null;
	if (!/^[1-9]\d{0,5}$/.test(which)) notFound(locale);
	const version = listVersions(getRuntime().db, reportId).find((v) => v.number === Number(which));
	if (!version) notFound(locale);
	return version;
}

/** The report of this session, or 404 (also when there is none yet). */
export function requireReport(sessionId: number, locale: Locale): Report {
	const report = getReport(getRuntime().db, sessionId);
	if (!report) notFound(locale);
	return report;
}

/**
 * A download of the report (a version, or the working copy) for the session's facilitator:
 * a file name people recognise, and never cached, since it holds what participants said.
 */
export async function reportDownload(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>,
	format: 'pdf' | 'docx',
	render: (view: ReportView) => Promise<Buffer>
): Promise<Response> {
	const { user, session } = requireReportOwner(event);
	const locale = event.locals.locale;
	const report = requireReport(session.id, locale);
	const version = versionFor(report.id, event.params.which ?? '', locale);
	const body = await render(reportView(getRuntime().db, session.id, version, locale));
	// Reports hold what participants wrote: who exported which one is kept.
	audit(getRuntime().db, userActor(user), 'report.export', { type: 'report', id: report.id }, { format, version: version?.number ?? 'working' });
	const name = `verslag-${session.id}-${version ? `v${version.number}` : 'werkversie'}.${format}`;
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'content-disposition': `attachment; filename="${name}"`,
			'content-length': String(body.length),
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
