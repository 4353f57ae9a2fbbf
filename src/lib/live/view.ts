/**
 * Reading a session state for display: the name of an agenda step, the chosen themes in
 * order, the perspectives worth a column. Pure functions, shared by the live pages.
 */
import type { MessageKey, PlainParams } from '$lib/i18n';
import type { Perspective } from '$lib/shared/vocabulary';
import type { AgendaItem, SessionState, ThemeState } from '$lib/shared/live-state';

export const PERSPECTIVE_ORDER: readonly Perspective[] = ['client', 'official', 'council_member', 'wmo_council', 'provider', 'other'];

type Translate = (key: MessageKey, params?: PlainParams) => string;

/** The chosen themes, in the order they are treated. */
export function chosenThemes(state: Pick<SessionState, 'themes'>): ThemeState[] {
	return state.themes.filter((t) => t.chosenRank !== null).sort((a, b) => a.chosenRank! - b.chosenRank!);
}

/** The theme an agenda item of phase `theme` is about, once themes are chosen. */
export function themeOfItem(state: Pick<SessionState, 'themes'>, item: AgendaItem): ThemeState | null {
	if (item.phase !== 'theme') return null;
	return chosenThemes(state)[item.theme] ?? null;
}

/** "Stickers plakken", or for a theme step "Thema 1: Veiligheid – De toetsvraag". */
export function agendaLabel(state: Pick<SessionState, 'themes'>, item: AgendaItem, t: Translate): string {
	if (item.phase !== 'theme') return t(`phase.${item.phase}`);
	const theme = themeOfItem(state, item);
	const step = t(`step.${item.step}`);
	return theme
		? t('live.agenda.themeStep', { n: item.theme + 1, name: theme.name, step })
		: t('live.agenda.themeStepUnnamed', { n: item.theme + 1, step });
}

/** The current agenda item, or null when the state points nowhere (should not happen). */
export function currentItem(state: Pick<SessionState, 'agenda' | 'agendaIndex'>): AgendaItem | null {
	return state.agenda[state.agendaIndex] ?? null;
}

/** What a tally table shows: themes with their counts, and (once known) who voted. */
export interface TallySource {
	themes: TallyTheme[];
	result?: { voters: Record<Perspective, number> } | null;
}
export type TallyTheme = Pick<ThemeState, 'id' | 'name' | 'count' | 'byPerspective'>;

/** Perspectives that voted (or all, before anyone did): the columns of a tally table. */
export function tallyPerspectives(state: TallySource): Perspective[] {
	const used = new Set<Perspective>();
	for (const p of PERSPECTIVE_ORDER) if ((state.result?.voters[p] ?? 0) > 0) used.add(p);
	for (const theme of state.themes) for (const p of PERSPECTIVE_ORDER) if ((theme.byPerspective?.[p] ?? 0) > 0) used.add(p);
	return used.size > 0 ? PERSPECTIVE_ORDER.filter((p) => used.has(p)) : [...PERSPECTIVE_ORDER];
}

/** Themes ranked by stickers, most first, offering order for equal counts (as the server ranks). */
export function rankedThemes<T extends { count?: number }>(state: { themes: T[] }): T[] {
	return state.themes
		.map((theme, index) => ({ theme, index }))
		.sort((a, b) => (b.theme.count ?? 0) - (a.theme.count ?? 0) || a.index - b.index)
		.map((x) => x.theme);
}

/**
 * The vote before the session as a tally source (themes with their pre-vote counts), or
 * null while this viewer may not see it.
 */
export function prevoteTally(state: Pick<SessionState, 'themes' | 'prevote'>): TallySource | null {
	const counts = state.prevote.themes;
	if (!counts) return null;
	const byId = new Map(counts.map((c) => [c.themeId, c]));
	return {
		themes: state.themes.map((t) => ({
			id: t.id,
			name: t.name,
			count: byId.get(t.id)?.count ?? 0,
			byPerspective: byId.get(t.id)?.byPerspective
		})),
		result: null
	};
}

/** An extra column of a tally table: a label and a count per theme id. */
export interface TallyColumn {
	label: string;
	counts: Record<number, number>;
}

/**
 * The pre-vote counts as a column beside the session's own: "Vooraf (Wmo-raad)" when every
 * pre-vote sticker came from one perspective, else "Vooraf". Null while not visible.
 */
export function prevoteColumn(state: Pick<SessionState, 'prevote'>, t: Translate): TallyColumn | null {
	const counts = state.prevote.themes;
	if (!counts) return null;
	const used = PERSPECTIVE_ORDER.filter((p) => counts.some((c) => (c.byPerspective[p] ?? 0) > 0));
	return {
		label: used.length === 1 ? t('live.prevote.columnOf', { perspective: t(`perspective.${used[0]!}`) }) : t('live.prevote.column'),
		counts: Object.fromEntries(counts.map((c) => [c.themeId, c.count]))
	};
}

/**
 * Whether the vote before the session is open now: the server says so and its deadline has
 * not passed on the server's clock (`offsetMs`: how far the server is ahead of this device).
 */
export function prevoteOpenNow(state: Pick<SessionState, 'prevote'>, offsetMs: number, now: number): boolean {
	return state.prevote.open && state.prevote.deadline !== null && now + offsetMs < state.prevote.deadline;
}

/** Whether the join code should be on the projector: early in the session, while joining is open. */
export function showJoinCode(state: Pick<SessionState, 'phase' | 'joinLocked' | 'joinCode' | 'status'>): boolean {
	return (
		state.joinCode !== null && !state.joinLocked && state.status !== 'closed' && ['intro', 'overview', 'proposals'].includes(state.phase)
	);
}

/**
 * Whether the projector shows one line for those who come in late: during the vote (after the
 * joining steps), while joining is still open, so that they can vote too. Not after it: the
 * result and a theme's keywords and criteria need the whole screen, and the facilitator has
 * the code at hand.
 */
export function showLateJoin(state: Pick<SessionState, 'phase' | 'joinLocked' | 'joinCode' | 'status'>): boolean {
	return state.joinCode !== null && !state.joinLocked && state.status !== 'closed' && state.phase === 'voting';
}

/** Whether participants may propose a theme now (the server allows it in these phases). */
export function proposalsOpen(state: Pick<SessionState, 'phase' | 'status'>): boolean {
	return state.status !== 'closed' && (state.phase === 'overview' || state.phase === 'proposals');
}
