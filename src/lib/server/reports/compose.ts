/**
 * Composes the draft report of a closed session from what was stored: who took part, the
 * vote with the contrast between perspectives, per treated theme the keywords, meaning,
 * toetsvraag and criteria, the agreements and the evaluation. Only relational tables are
 * read (the session's Yjs documents were copied there when it closed). The facilitator then
 * edits the text; the figures of the beeldverslag are recomputed from the same data.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { PERSPECTIVES, dialogueSessions, sessionCriteria, type Perspective } from '../db/schema';
import { DomainError } from '../errors';
import { DEFAULT_LOCALE, LANGUAGE_TAG, LOCALES, translate, type Locale, type MessageKey, type Params } from '../../i18n';
import { tallies } from '../sessions/voting';
import { queries } from '../sessions/queries';
import { chosenThemes, storedThemeResults } from '../sessions/theme-docs';
import { startingTexts } from '../../shared/theme-document';
import { sessionHeadcount } from '../sessions/headcount';
import { heldDate } from '../sessions/held';
import { listAgreements } from './agreements';
import { EVALUATION_QUESTIONS, MIN_ANSWERS_SHOWN, evaluationSummary } from './evaluation';
import type { ReportContent, ReportCriterion, ReportFigures, ReportSection } from './types';

const t = (locale: Locale, key: MessageKey, params?: Params) => translate(locale, key, params);

/** Counts per perspective as words: "1 cliënt", "2 ambtenaren" (people), or "2 van ambtenaren" (stickers). */
function perspectiveParts(locale: Locale, counts: Record<Perspective, number>, of: 'people' | 'stickersFrom'): string[] {
	return PERSPECTIVES.filter((p) => counts[p] > 0).map((p) => t(locale, `reports.document.${of}.${p}` as MessageKey, { count: counts[p] }));
}

/**
 * Counts per perspective in a sentence: "1 van cliënten en 2 van ambtenaren". Not "cliënt 1,
 * ambtenaar 2", which reads like names.
 */
function perspectiveList(locale: Locale, counts: Record<Perspective, number>, of: 'people' | 'stickersFrom'): string {
	return new Intl.ListFormat(LANGUAGE_TAG[locale], { type: 'conjunction' }).format(perspectiveParts(locale, counts, of));
}

/**
 * The brainstorm's keywords as list items: the facilitator's groups as one item each (the group,
 * then its keywords), where the group's first keyword stood; the others one by one.
 */
function keywordLines(locale: Locale, words: { text: string; group: string | null }[]): string[] {
	const items: { group: string | null; texts: string[] }[] = [];
	const groups = new Map<string, { group: string | null; texts: string[] }>();
	for (const word of words) {
		const known = word.group ? groups.get(word.group) : undefined;
		if (known) known.texts.push(word.text);
		else {
			const item = { group: word.group, texts: [word.text] };
			items.push(item);
			if (word.group) groups.set(word.group, item);
		}
	}
	return items.map((item) =>
		item.group ? t(locale, 'reports.document.theme.keywordGroup', { group: item.group, keywords: item.texts.join(', ') }) : item.texts[0]!
	);
}

/** A lead-in line with a list below it, one item per line (short sentences, B1). */
const listed = (lead: string, items: string[]) => [lead, ...items.map((item) => `- ${item}`)].join('\n');

function formatDate(locale: Locale, date: string): string {
	const d = new Date(`${date}T12:00:00Z`);
	return new Intl.DateTimeFormat(LANGUAGE_TAG[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

interface Loaded {
	session: typeof dialogueSessions.$inferSelect;
	themes: ReturnType<typeof chosenThemes>;
}

function load(db: Db, sessionId: number): Loaded {
	const session = db.select().from(dialogueSessions).where(eq(dialogueSessions.id, sessionId)).get();
	if (!session) throw new DomainError('error.missing', 404);
	return { session, themes: chosenThemes(db, sessionId) };
}

/** The figures of the beeldverslag: the vote per perspective and the keywords per theme. */
export function composeFigures(db: Db, sessionId: number, locale: Locale = DEFAULT_LOCALE): ReportFigures {
	const { session, themes } = load(db, sessionId);
	const allThemes = queries(db).themes.all({ session: sessionId });
	let vote: ReportFigures['vote'] = null;
	if (session.themeSelection === 'vote') {
		const result = tallies(db, session);
		const used = PERSPECTIVES.filter((p) => result.ranking.some((r) => r.byPerspective[p] > 0));
		const chosen = new Set(themes.map((th) => th.id));
		vote = {
			perspectives: used.map((p) => t(locale, `perspective.${p}` as MessageKey)),
			themes: result.ranking
				.filter((r) => r.count > 0 || chosen.has(r.themeId))
				.map((r) => ({
					name: allThemes.find((th) => th.id === r.themeId)?.name ?? '',
					chosen: chosen.has(r.themeId),
					counts: used.map((p) => r.byPerspective[p]),
					total: r.count
				}))
		};
	}
	const results = storedThemeResults(
		db,
		themes.map((th) => th.id)
	);
	// A theme without keywords has no figure (in none of the formats): an empty chart says nothing.
	const keywords = themes.flatMap((theme) => {
		const words = results.find((r) => r.sessionThemeId === theme.id)?.keywords ?? [];
		const counts = new Map<string, number>();
		for (const w of words) {
			// A keyword without a perspective is the facilitator's (the live session shows it so too).
			const label =
				w.perspective === null
					? t(locale, 'reports.document.facilitatorKeywords')
					: (PERSPECTIVES as readonly string[]).includes(w.perspective)
						? t(locale, `perspective.${w.perspective}` as MessageKey)
						: t(locale, 'reports.document.unknownPerspective');
			counts.set(label, (counts.get(label) ?? 0) + 1);
		}
		if (words.length === 0) return [];
		return [{ theme: theme.name, perspectives: [...counts.keys()], counts: [...counts.values()], words: words.map((w) => w.text) }];
	});
	return { vote, keywords };
}

function introSection(db: Db, locale: Locale, { session, themes }: Loaded): ReportSection {
	// Everyone who took part, once (../sessions/headcount.ts).
	const { tookPart, byPerspective } = sessionHeadcount(db, session.id);
	const lines = [
		t(locale, 'reports.document.intro.when', {
			title: session.title,
			date: heldDate(db, locale, session) ?? '-'
		}),
		tookPart.length
			? listed(t(locale, 'reports.document.intro.who', { count: tookPart.length }), perspectiveParts(locale, byPerspective, 'people'))
			: t(locale, 'reports.document.intro.nobody'),
		themes.length
			? listed(
					t(locale, 'reports.document.intro.themes'),
					themes.map((th) => th.name)
				)
			: t(locale, 'reports.document.intro.noThemes')
	];
	return { key: 'intro', heading: t(locale, 'reports.document.section.intro'), body: lines.join('\n\n') };
}

function voteSection(db: Db, locale: Locale, { session, themes }: Loaded): ReportSection | null {
	if (session.themeSelection !== 'vote') {
		return { key: 'vote', heading: t(locale, 'reports.document.section.vote'), body: t(locale, 'reports.document.vote.fixed') };
	}
	const result = tallies(db, session);
	const names = new Map(
		queries(db)
			.themes.all({ session: session.id })
			.map((th) => [th.id, th.name])
	);
	const lines: string[] = [t(locale, 'reports.document.vote.intro')];
	for (const r of result.ranking.filter((x) => x.count > 0)) {
		const from = perspectiveList(locale, r.byPerspective, 'stickersFrom');
		lines.push(`- ${t(locale, 'reports.document.vote.line', { theme: names.get(r.themeId) ?? '', count: r.count, from })}`);
	}
	// The contrast: the theme(s) each perspective put most stickers on; a tie is told as one,
	// never as a preference for whichever came first.
	const contrast: string[] = [];
	const and = new Intl.ListFormat(LANGUAGE_TAG[locale], { type: 'conjunction' });
	for (const p of PERSPECTIVES) {
		const most = Math.max(0, ...result.ranking.map((r) => r.byPerspective[p]));
		if (most === 0) continue;
		const top = result.ranking.filter((r) => r.byPerspective[p] === most).map((r) => names.get(r.themeId) ?? '');
		const what = top.length === 1 ? top[0]! : t(locale, 'reports.document.vote.contrastTied', { themes: and.format(top) });
		contrast.push(`- ${t(locale, `reports.document.group.${p}` as MessageKey)}: ${what}`);
	}
	const body = [lines.join('\n')];
	if (contrast.length > 1) body.push(`${t(locale, 'reports.document.vote.contrast')}\n${contrast.join('\n')}`);
	body.push(
		themes.length
			? t(locale, 'reports.document.vote.chosen', { themes: themes.map((th) => th.name).join(', ') })
			: t(locale, 'reports.document.intro.noThemes')
	);
	if (session.choiceReason) body.push(t(locale, 'reports.document.vote.reason', { reason: session.choiceReason }));
	return { key: 'vote', heading: t(locale, 'reports.document.section.vote'), body: body.join('\n\n') };
}

function themeSections(db: Db, locale: Locale, { themes }: Loaded): ReportSection[] {
	if (themes.length === 0) return [];
	const ids = themes.map((th) => th.id);
	const results = storedThemeResults(db, ids);
	const criteria = db
		.select()
		.from(sessionCriteria)
		.where(inArray(sessionCriteria.sessionThemeId, ids))
		.orderBy(asc(sessionCriteria.position))
		.all();
	return themes.map((theme) => {
		const result = results.find((r) => r.sessionThemeId === theme.id);
		const parts: string[] = [];
		const words = result?.keywords ?? [];
		if (words.length) parts.push(listed(t(locale, 'reports.document.theme.keywords'), keywordLines(locale, words)));
		// A text the document started with (the framework's) and nobody changed is not the group's:
		// the report says where it comes from.
		const start = startingTexts(theme);
		const unchanged = (text: string, from: string) =>
			from.trim() !== '' && text === from.trim() ? `\n${t(locale, 'reports.document.theme.fromFramework')}` : '';
		const meaning = result?.meaning.trim();
		parts.push(
			`${t(locale, 'reports.document.theme.meaning')}\n${meaning || t(locale, 'reports.document.theme.empty')}${meaning ? unchanged(meaning, start.meaning) : ''}`
		);
		const question = result?.testQuestion.trim();
		parts.push(
			`${t(locale, 'reports.document.theme.testQuestion')}\n${question || t(locale, 'reports.document.theme.empty')}${question ? unchanged(question, start.testQuestion) : ''}${question && result?.testQuestionAgreed ? `\n${t(locale, 'reports.document.theme.testQuestionAgreed')}` : ''}`
		);
		const list: ReportCriterion[] = criteria
			.filter((c) => c.sessionThemeId === theme.id && c.status !== 'parked' && c.text.trim())
			.map((c) => ({
				key: `c${c.id}`,
				text: c.text.trim(),
				status: c.status === 'agreed' ? 'agreed' : 'provisional',
				addressees: c.addressees
			}));
		const parked = criteria.filter((c) => c.sessionThemeId === theme.id && c.status === 'parked' && c.text.trim());
		// Why an idea waits is often in its comment ("first ask the complaints board"): it goes along.
		const parkedLine = (c: (typeof parked)[number]) =>
			c.comment?.trim()
				? `- ${c.text.trim()} ${t(locale, 'reports.document.theme.parkedComment', { comment: c.comment.trim().replace(/\s+/g, ' ') })}`
				: `- ${c.text.trim()}`;
		if (parked.length) parts.push(`${t(locale, 'reports.document.theme.parked')}\n${parked.map(parkedLine).join('\n')}`);
		return { key: `theme-${theme.key}`, heading: theme.name, body: parts.join('\n\n'), criteria: list };
	});
}

function agreementsSection(db: Db, locale: Locale, sessionId: number): ReportSection {
	const rows = listAgreements(db, sessionId);
	const body = rows.length
		? rows
				.map(
					(a) =>
						`- ${t(locale, `agreement.topic.${a.topic}` as MessageKey)}: ${a.what} (${t(locale, 'reports.document.agreement.whoWhen', { owner: a.owner, date: formatDate(locale, a.dueDate) })})`
				)
				.join('\n')
		: t(locale, 'reports.document.agreements.none');
	return { key: 'agreements', heading: t(locale, 'reports.document.section.agreements'), body };
}

function evaluationSection(db: Db, locale: Locale, sessionId: number): ReportSection {
	const summary = evaluationSummary(db, sessionId);
	if (summary.responses === 0)
		return {
			key: 'evaluation',
			heading: t(locale, 'reports.document.section.evaluation'),
			body: t(locale, 'reports.document.evaluation.none')
		};
	const lines = [t(locale, 'reports.document.evaluation.count', { responses: summary.answered, invited: summary.invited })];
	if (!summary.shown) {
		lines.push(t(locale, 'reports.document.evaluation.tooFew', { minimum: MIN_ANSWERS_SHOWN }));
		return { key: 'evaluation', heading: t(locale, 'reports.document.section.evaluation'), body: lines.join('\n') };
	}
	const answers = EVALUATION_QUESTIONS.map((q) => {
		const c = summary.questions.find((x) => x.question === q)!.counts;
		return `- ${t(locale, `evaluation.q.${q}` as MessageKey)} ${t(locale, 'reports.document.evaluation.answers', { yes: c.yes, partly: c.partly, no: c.no })}`;
	});
	const parts = [lines.join('\n'), answers.join('\n')];
	if (summary.averageGrade !== null)
		parts.push(t(locale, 'reports.document.evaluation.grade', { grade: summary.averageGrade.toLocaleString(LANGUAGE_TAG[locale]) }));
	if (summary.suggestions.length)
		parts.push(
			`${t(locale, 'reports.document.evaluation.suggestions')}\n${summary.suggestions.map((s) => `- ${s.replace(/\s*\n\s*/g, ' ')}`).join('\n')}`
		);
	return { key: 'evaluation', heading: t(locale, 'reports.document.section.evaluation'), body: parts.join('\n\n') };
}

/** The draft report of a session, in the given language. */
export function composeReport(db: Db, sessionId: number, locale: Locale = DEFAULT_LOCALE): ReportContent {
	const loaded = load(db, sessionId);
	const sections: ReportSection[] = [introSection(db, locale, loaded)];
	const vote = voteSection(db, locale, loaded);
	if (vote) sections.push(vote);
	sections.push(...themeSections(db, locale, loaded), agreementsSection(db, locale, sessionId), evaluationSection(db, locale, sessionId));
	return { title: t(locale, 'reports.document.title', { title: loaded.session.title }), sections };
}

/**
 * A theme section's text without the notes "(Deze tekst komt uit het kwaliteitskader…)" that
 * no longer hold: the text between the note and the label above it (the meaning's or the
 * toetsvraag's) is not one the document started with (`starts`), because the facilitator
 * rewrote it or moved the note. Notes in any language the report may have been made in.
 */
export function withoutStaleSourceNotes(body: string, starts: readonly string[]): string {
	const notes = new Set(LOCALES.map((l) => t(l, 'reports.document.theme.fromFramework')));
	const labels = new Set(LOCALES.flatMap((l) => [t(l, 'reports.document.theme.meaning'), t(l, 'reports.document.theme.testQuestion')]));
	const from = new Set(starts.map((s) => s.trim()).filter((s) => s !== ''));
	const kept: string[] = [];
	for (const line of body.split('\n')) {
		if (notes.has(line.trim())) {
			let label = kept.length - 1;
			while (label >= 0 && !labels.has(kept[label]!.trim())) label--;
			if (
				label < 0 ||
				!from.has(
					kept
						.slice(label + 1)
						.join('\n')
						.trim()
				)
			)
				continue;
		}
		kept.push(line);
	}
	return kept.join('\n');
}
