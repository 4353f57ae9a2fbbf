/**
 * Dutch hyphenation points (soft hyphens, U+00AD) for narrow places: the projector's keyword
 * cards and the headings of the tally per perspective. Browsers break at them also without a
 * hyphenation dictionary of their own (Debian's Chromium has none, so `hyphens: auto` broke
 * "ambtenaar" as "am/bte/naa/r"). The patterns are a separate chunk, loaded on first use.
 */
export async function dutchHyphenator(minWordLength: number): Promise<(text: string) => string> {
	const { hyphenateSync } = await import('hyphen/nl');
	return (text) => hyphenateSync(text, { minWordLength });
}
