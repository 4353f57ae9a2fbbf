/**
 * Theme descriptions are most of a session's state and do not change while people vote, so
 * a pushed state leaves them out once everyone in the session has them (see
 * SessionChannel.broadcast). A theme that arrives without a `description` keeps the one this
 * client received before: with the join, on asking, or in the push after a change of texts.
 */
export interface WithThemeTexts {
	themes: { id: number; description?: string | null }[];
}

export class ThemeTexts {
	readonly #known = new Map<number, string | null>();

	/** Fills in left-out descriptions (in place) and remembers the ones sent. */
	complete<T extends WithThemeTexts>(state: T): T {
		for (const theme of state.themes) {
			if ('description' in theme) this.#known.set(theme.id, theme.description ?? null);
			else theme.description = this.#known.get(theme.id) ?? null;
		}
		return state;
	}
}
