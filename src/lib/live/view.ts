/**
 * Reading a session state for display: the name of an agenda step, the chosen themes in
 * order, the perspectives worth a column. Pure functions, shared by the live pages.
 */
import type { MessageKey, Params } from '$lib/i18n';
import type { Perspective } from '$lib/server/db/schema';
import type { AgendaItem } from '$lib/server/sessions/agenda';
import type { SessionState, ThemeState } from '$lib/server/sessions/state';

export const PERSPECTIVE_ORDER: readonly Perspective[] = ['client', 'official', 'council_member', 'wmo_council', 'provider', 'other'];

type Translate = (key: MessageKey, params?: Params) => string;

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
	return theme ? t('live.agenda.themeStep', { n: item.theme + 1, name: theme.name, step }) : t('live.agenda.themeStepUnnamed', { n: item.theme + 1, step });
}

/** The current agenda item, or null when the state points nowhere (should not happen). */
export function currentItem(state: Pick<SessionState, 'agenda' | 'agendaIndex'>): AgendaItem | null {
	return state.agenda[state.agendaIndex] ?? null;
}

/** Perspectives that voted (or all, before anyone did): the columns of a tally table. */
export function tallyPerspectives(state: Pick<SessionState, 'themes' | 'result'>): Perspective[] {
	const used = new Set<Perspective>();
	for (const p of PERSPECTIVE_ORDER) if ((state.result?.voters[p] ?? 0) > 0) used.add(p);
	for (const theme of state.themes) for (const p of PERSPECTIVE_ORDER) if ((theme.byPerspective?.[p] ?? 0) > 0) used.add(p);
	return used.size > 0 ? PERSPECTIVE_ORDER.filter((p) => used.has(p)) : [...PERSPECTIVE_ORDER];
}

/** Themes ranked by stickers, most first, offering order for equal counts (as the server ranks). */
export function rankedThemes(state: Pick<SessionState, 'themes'>): ThemeState[] {
	return state.themes
		.map((theme, index) => ({ theme, index }))
		.sort((a, b) => (b.theme.count ?? 0) - (a.theme.count ?? 0) || a.index - b.index)
		.map((x) => x.theme);
}

/** Whether the join code should be on the projector: early in the session, while joining is open. */
export function showJoinCode(state: Pick<SessionState, 'phase' | 'joinLocked' | 'joinCode' | 'status'>): boolean {
	return state.joinCode !== null && !state.joinLocked && state.status !== 'closed' && ['intro', 'overview', 'proposals'].includes(state.phase);
}

/** Whether participants may propose a theme now (the server allows it in these phases). */
export function proposalsOpen(state: Pick<SessionState, 'phase' | 'status'>): boolean {
	return state.status !== 'closed' && (state.phase === 'overview' || state.phase === 'proposals');
}
