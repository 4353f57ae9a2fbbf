/**
 * The sticker vote's one counting rule, for the server (who is done placing) and the browser
 * (how many a participant has left), so both always say the same.
 */

/**
 * How many stickers one participant can place in a ballot: the budget, or fewer when every
 * theme would hold as many as one person may put on it (3 stickers, at most 1 per theme and only
 * 2 themes: 2).
 */
export function placeableStickers(budget: number, maxPerTheme: number, themeCount: number): number {
	return Math.max(0, Math.min(budget, maxPerTheme * themeCount));
}

/** How many of those are still to place after `used`. */
export function stickersLeft(mine: { budget: number; maxPerTheme: number; used: number }, themeCount: number): number {
	return Math.max(0, placeableStickers(mine.budget, mine.maxPerTheme, themeCount) - mine.used);
}
