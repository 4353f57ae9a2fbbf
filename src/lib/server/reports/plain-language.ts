/**
 * A plain-language (taalniveau B1) check for report texts. Wmo reports are read by clients
 * and their families, so long sentences and policy jargon are pointed out while writing,
 * each with character offsets into the text so the editor can mark the spot. The check is
 * pure: no I/O, no state.
 */

export interface JargonTerm {
	term: string;
	suggestion: string | null;
}

export interface PlainLanguageFinding {
	kind: 'long_sentence' | 'jargon';
	/** Offsets into the checked text (UTF-16 code units, as String.prototype.slice uses). */
	start: number;
	end: number;
	/** text.slice(start, end) */
	excerpt: string;
	/** long_sentence: the number of words. */
	words?: number;
	/** jargon: the term from the list, and its plain alternative. */
	term?: string;
	suggestion?: string | null;
}

export interface PlainLanguageOptions {
	/** Sentences with more words than this are flagged (default 20). */
	maxWords?: number;
	/**
	 * Names the writer cannot change here (the themes' names, from the framework): jargon inside
	 * them is not pointed out ("Integraal werken" is what the theme is called).
	 */
	names?: string[];
}

export const DEFAULT_MAX_WORDS = 20;

/** Policy words that are common in Wmo texts, each with a plainer alternative. */
export const DEFAULT_JARGON: { term: string; suggestion: string }[] = [
	{ term: 'implementeren', suggestion: 'invoeren' },
	{ term: 'integraal', suggestion: 'samenhangend' },
	{ term: 'participatie', suggestion: 'meedoen' },
	{ term: 'maatwerkvoorziening', suggestion: 'hulp op maat' },
	{ term: 'indicatie', suggestion: 'besluit over uw hulp' },
	{ term: 'toetsingskader', suggestion: 'de regels waaraan we toetsen' },
	{ term: 'monitoren', suggestion: 'volgen' },
	{ term: 'evalueren', suggestion: 'bespreken hoe het ging' },
	{ term: 'faciliteren', suggestion: 'mogelijk maken' },
	{ term: 'prioriteren', suggestion: 'kiezen wat eerst komt' },
	{ term: 'cliëntondersteuning', suggestion: 'gratis hulp en advies bij uw hulpvraag' },
	{ term: 'beleidsregels', suggestion: 'regels van de gemeente' },
	{ term: 'programmabegroting', suggestion: 'de begroting van de gemeente' },
	{ term: 'P&C-cyclus', suggestion: 'de jaarlijkse planning van geld en plannen' },
	{ term: 'planning & control', suggestion: 'plannen en controleren' },
	{ term: 'zelfredzaamheid', suggestion: 'zelf dingen kunnen regelen' },
	{ term: 'eigen kracht', suggestion: 'wat u zelf kunt' },
	{ term: 'sociaal domein', suggestion: 'hulp van de gemeente bij zorg, werk en jeugd' },
	{ term: 'algemene voorziening', suggestion: 'hulp waarvoor u geen aanvraag hoeft te doen' },
	{ term: 'eigen bijdrage', suggestion: 'wat u zelf betaalt' },
	{ term: 'keukentafelgesprek', suggestion: 'gesprek over uw hulpvraag' },
	{ term: 'ketenpartners', suggestion: 'organisaties waarmee we samenwerken' },
	{ term: 'stakeholders', suggestion: 'betrokkenen' },
	{ term: 'borgen', suggestion: 'zorgen dat het blijft' },
	{ term: 'optimaliseren', suggestion: 'verbeteren' },
	{ term: 'randvoorwaarden', suggestion: 'voorwaarden' },
	{ term: 'conform', suggestion: 'volgens' },
	{ term: 'middels', suggestion: 'met' },
	{ term: 'ten behoeve van', suggestion: 'voor' }
];

/**
 * Abbreviations whose full stop does not end a sentence, compared in lower case without dots.
 * Dotted ones ("o.a.", "d.w.z.") and initials ("J.") are recognised by their form.
 */
const ABBREVIATIONS = new Set([
	'bijv',
	'bv',
	'ca',
	'evt',
	'excl',
	'incl',
	'ivm',
	'resp',
	'vgl',
	'zgn',
	'vnl',
	'ong',
	'gem',
	'jl',
	'nr',
	'blz',
	'pag',
	'art',
	'tel',
	'mevr',
	'dhr',
	'mr',
	'dr',
	'drs',
	'ir',
	'ing',
	'prof',
	'jr'
]);

/**
 * Abbreviations that are also words or names ("Jan.") or often close a sentence ("enz."):
 * these end a sentence only when a capital follows.
 */
const CLOSING_ABBREVIATIONS = new Set([
	'enz',
	'etc',
	'max',
	'min',
	'jan',
	'feb',
	'mrt',
	'apr',
	'jun',
	'jul',
	'aug',
	'sep',
	'sept',
	'okt',
	'nov',
	'dec'
]);

const LIST_MARKER = /^[ \t]*(?:[-*•–]|\d{1,3}[.)])[ \t]+/;
const WORD = /[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

interface Range {
	start: number;
	end: number;
}

/** Whether the full stop at `index` belongs to an abbreviation or an initial rather than ending a sentence. */
function isNonFinalStop(text: string, index: number, lineEnd: number): boolean {
	let wordStart = index;
	while (wordStart > 0 && /[\p{L}\p{N}.]/u.test(text[wordStart - 1]!)) wordStart--;
	const token = text.slice(wordStart, index);
	if (!token) return false;
	const bare = token.replace(/\./g, '').toLowerCase();
	if (ABBREVIATIONS.has(bare)) return true;
	// Initials and dotted abbreviations: "J.", "o.a.", "d.w.z.", "m.b.t."
	if (/^(?:\p{L}\.)*\p{L}$/u.test(token)) return true;
	let next = index + 1;
	while (next < lineEnd && /[ \t]/.test(text[next]!)) next++;
	if (CLOSING_ABBREVIATIONS.has(bare)) return !(next < lineEnd && /\p{Lu}/u.test(text[next]!));
	// A full stop followed by a lower-case word rarely ends a Dutch sentence; it is more
	// likely an abbreviation that is not in the list.
	return next < lineEnd && /\p{Ll}/u.test(text[next]!);
}

/** The sentences of a text as trimmed ranges, without list markers. */
export function splitSentences(text: string): Range[] {
	const sentences: Range[] = [];
	const push = (start: number, end: number) => {
		while (start < end && /\s/.test(text[start]!)) start++;
		while (end > start && /\s/.test(text[end - 1]!)) end--;
		if (end > start) sentences.push({ start, end });
	};
	let lineStart = 0;
	while (lineStart <= text.length) {
		let lineEnd = text.indexOf('\n', lineStart);
		if (lineEnd < 0) lineEnd = text.length;
		const marker = LIST_MARKER.exec(text.slice(lineStart, lineEnd));
		let start = lineStart + (marker ? marker[0].length : 0);
		for (let i = start; i < lineEnd; i++) {
			const char = text[i]!;
			if (char !== '.' && char !== '!' && char !== '?' && char !== '…') continue;
			// A full stop between digits is a decimal point: "7.5".
			if (char === '.' && /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) continue;
			let end = i + 1;
			while (end < lineEnd && /[.!?…]/.test(text[end]!)) end++;
			// Closing quotes and brackets belong to the sentence they close.
			while (end < lineEnd && /["'”’)\]]/.test(text[end]!)) end++;
			// Only a boundary when followed by white space or the end of the line.
			if (end < lineEnd && !/\s/.test(text[end]!)) {
				i = end - 1;
				continue;
			}
			if (char === '.' && end === i + 1 && isNonFinalStop(text, i, lineEnd)) continue;
			push(start, end);
			start = end;
			i = end - 1;
		}
		push(start, lineEnd);
		lineStart = lineEnd + 1;
	}
	return sentences;
}

function countWords(sentence: string): number {
	return sentence.match(WORD)?.length ?? 0;
}

/**
 * The text folded for comparison (lower case, accents removed, runs of white space as one
 * space), with for each folded character where the original character it came from starts
 * and ends.
 */
function fold(text: string): { folded: string; starts: number[]; ends: number[] } {
	let folded = '';
	const starts: number[] = [];
	const ends: number[] = [];
	let index = 0;
	let previousSpace = false;
	for (const char of text) {
		if (/\s/.test(char)) {
			if (previousSpace) ends[ends.length - 1] = index + char.length;
			else {
				folded += ' ';
				starts.push(index);
				ends.push(index + char.length);
			}
			previousSpace = true;
		} else {
			previousSpace = false;
			const plain = char.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
			// A lone combining mark (decomposed "ë") belongs to the character before it.
			if (!plain && ends.length > 0) ends[ends.length - 1] = index + char.length;
			for (let unit = 0; unit < plain.length; unit++) {
				starts.push(index);
				ends.push(index + char.length);
			}
			folded += plain;
		}
		index += char.length;
	}
	return { folded, starts, ends };
}

function foldTerm(term: string): string {
	return fold(term.trim()).folded;
}

/** Where the names occur in the folded text, as [start, end) ranges. */
function nameRanges(folded: string, names: string[]): Range[] {
	const ranges: Range[] = [];
	for (const name of names) {
		const needle = foldTerm(name);
		if (!needle) continue;
		for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) ranges.push({ start: at, end: at + needle.length });
	}
	return ranges;
}

function findJargon(text: string, jargon: JargonTerm[], names: string[]): PlainLanguageFinding[] {
	const { folded, starts, ends } = fold(text);
	const named = nameRanges(folded, names);
	const matches: (Range & { entry: JargonTerm; length: number })[] = [];
	const seen = new Set<string>();
	for (const entry of jargon) {
		const needle = foldTerm(entry.term);
		if (!needle || seen.has(needle)) continue;
		seen.add(needle);
		let from = 0;
		for (;;) {
			const at = folded.indexOf(needle, from);
			if (at < 0) break;
			from = at + 1;
			const before = folded[at - 1];
			const after = folded[at + needle.length];
			// Whole words only, but a term that itself starts or ends with a symbol needs no boundary there.
			if (before !== undefined && WORD_CHAR.test(before) && WORD_CHAR.test(needle[0]!)) continue;
			if (after !== undefined && WORD_CHAR.test(after) && WORD_CHAR.test(needle[needle.length - 1]!)) continue;
			if (named.some((r) => r.start <= at && at + needle.length <= r.end)) continue;
			matches.push({ start: starts[at]!, end: ends[at + needle.length - 1]!, entry, length: needle.length });
		}
	}
	// Where terms overlap ("P&C-cyclus" and "cyclus"), the earliest and then longest wins.
	matches.sort((a, b) => a.start - b.start || b.length - a.length);
	const findings: PlainLanguageFinding[] = [];
	let taken = 0;
	for (const match of matches) {
		if (match.start < taken) continue;
		taken = match.end;
		findings.push({
			kind: 'jargon',
			start: match.start,
			end: match.end,
			excerpt: text.slice(match.start, match.end),
			term: match.entry.term,
			suggestion: match.entry.suggestion
		});
	}
	return findings;
}

/**
 * Finds sentences longer than `maxWords` words and jargon terms (case and accents ignored,
 * whole words only, not inside `names`; inflected forms are not recognised). Findings are
 * sorted by position.
 */
export function checkPlainLanguage(text: string, jargon: JargonTerm[], options: PlainLanguageOptions = {}): PlainLanguageFinding[] {
	const maxWords = options.maxWords ?? DEFAULT_MAX_WORDS;
	const findings: PlainLanguageFinding[] = [];
	for (const sentence of splitSentences(text)) {
		const excerpt = text.slice(sentence.start, sentence.end);
		const words = countWords(excerpt);
		if (words > maxWords) findings.push({ kind: 'long_sentence', ...sentence, excerpt, words });
	}
	findings.push(...findJargon(text, jargon, options.names ?? []));
	return findings.sort((a, b) => a.start - b.start || (a.kind === 'long_sentence' ? -1 : 1));
}
