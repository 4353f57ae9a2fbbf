/**
 * The parts of a session's state that rarely change while people vote: the agenda and each
 * theme's key, name, description, origin and merged proposals. They were most of the bytes
 * of every push, so a pushed state leaves them out once everyone in the session has them
 * (see SessionChannel.broadcast). A state without them keeps the ones this client received
 * before: with the join, on asking, or in the push after they changed.
 *
 * The same goes for a viewer's own fields (join code, own stickers, proposals, the vote
 * beforehand): a push leaves them out when this connection's last state had them as they are,
 * so that everyone else in the room gets one and the same message.
 */
import type { CommonState, OwnField, SessionState, ThemeState } from '$lib/shared/live-state';

export const STATIC_THEME_FIELDS = ['key', 'name', 'description', 'origin', 'merged'] as const;
type StaticTheme = Pick<ThemeState, (typeof STATIC_THEME_FIELDS)[number]>;

/** What a push may leave out: the agenda, and the static fields of each theme. */
export type SlimState = Omit<SessionState, 'agenda' | 'themes' | OwnField> &
	Partial<Pick<SessionState, OwnField>> & {
		agenda?: SessionState['agenda'];
		themes: (Omit<ThemeState, keyof StaticTheme> & Partial<StaticTheme>)[];
	};

/** The state with the static parts left out (server side). */
export function slim(state: CommonState): Omit<SlimState, 'viewer' | 'joinCode' | 'proposals' | 'mine' | 'prevote'> {
	const { agenda: _agenda, themes, ...rest } = state;
	return { ...rest, themes: themes.map(({ key: _k, name: _n, description: _d, origin: _o, merged: _m, ...theme }) => theme) };
}

/** A key that changes whenever a static part changes. */
export function staticKey(state: Pick<SessionState, 'agenda' | 'themes'>): string {
	return JSON.stringify([state.agenda, state.themes.map((t) => [t.id, ...STATIC_THEME_FIELDS.map((f) => t[f])])]);
}

export class KnownParts {
	#agenda: SessionState['agenda'] = [];
	readonly #themes = new Map<number, StaticTheme>();
	#own: Pick<SessionState, OwnField> | null = null;

	/** Fills in left-out parts (in place) and remembers the ones sent. */
	complete(state: SlimState | SessionState): SessionState {
		if (state.viewer !== undefined) {
			const { joinCode, viewer, proposals, mine, prevote } = state as SessionState;
			this.#own = { joinCode, viewer, proposals, mine, prevote };
		} else if (this.#own) Object.assign(state, this.#own);
		if (state.agenda) this.#agenda = state.agenda;
		else state.agenda = this.#agenda;
		for (const theme of state.themes) {
			if (theme.name !== undefined) {
				this.#themes.set(theme.id, {
					key: theme.key!,
					name: theme.name,
					description: theme.description ?? null,
					origin: theme.origin!,
					merged: theme.merged ?? []
				});
			} else {
				Object.assign(theme, this.#themes.get(theme.id) ?? { key: '', name: '', description: null, origin: 'framework', merged: [] });
			}
		}
		return state as SessionState;
	}
}
