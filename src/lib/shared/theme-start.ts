/**
 * Where a theme's co-edited document starts (issue 19): from the framework's meaning and
 * toetsvraag, or blank. Browser-safe; the rule lives in src/lib/server/sessions/theme-start.ts.
 */
export const THEME_STARTS = ['framework', 'blank'] as const;
export type ThemeStart = (typeof THEME_STARTS)[number];

/** A theme with a framework text, as the session page shows the choice. */
export interface ThemeStartRow {
	id: number;
	name: string;
	chosenRank: number | null;
	start: ThemeStart;
	/** Its document was already opened or edited: the start cannot change any more. */
	locked: boolean;
}
