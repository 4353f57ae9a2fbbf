/**
 * Reads the visible text back out of a PDF that pdfkit wrote, so tests can check what a reader
 * of the exported report would see, without a PDF library.
 *
 * It finds each `stream … endstream`, inflates FlateDecode streams, and follows the
 * text-showing operators (`Tj`, `TJ`, `'`, `"`) between `BT` and `ET`, and `Tf` for the font.
 * pdfkit writes every run as a hex string inside a `TJ` array, with kerning numbers between the
 * parts. With an embedded font (Type0, Identity-H, as the app's PDFs use) each glyph is two
 * bytes, a glyph id of the subset, and the font's ToUnicode CMap says which characters it
 * stands for; that is what a PDF reader's copy and search use too, so reading the text back
 * through it also checks the map. Without a ToUnicode map (the standard fonts) the bytes are
 * WinAnsi (CP1252). Literal `(…)` strings are read too. Each text object becomes one line of
 * the result, which with pdfkit means one line of wrapped text.
 */
import { inflateSync } from 'node:zlib';

/** CP1252 in 0x80–0x9F; the rest of WinAnsi is Latin-1 (ASCII below 0x80). */
const WIN_ANSI_HIGH: Record<number, string> = {
	0x80: '€',
	0x82: '‚',
	0x83: 'ƒ',
	0x84: '„',
	0x85: '…',
	0x86: '†',
	0x87: '‡',
	0x88: 'ˆ',
	0x89: '‰',
	0x8a: 'Š',
	0x8b: '‹',
	0x8c: 'Œ',
	0x8e: 'Ž',
	0x91: '‘',
	0x92: '’',
	0x93: '“',
	0x94: '”',
	0x95: '•',
	0x96: '–',
	0x97: '—',
	0x98: '˜',
	0x99: '™',
	0x9a: 'š',
	0x9b: '›',
	0x9c: 'œ',
	0x9e: 'ž',
	0x9f: 'Ÿ'
};

export function decodeWinAnsi(bytes: number[]): string {
	return bytes.map((byte) => WIN_ANSI_HIGH[byte] ?? String.fromCharCode(byte)).join('');
}

// ---------------------------------------------------------------------------------------------
// Streams

interface RawStream {
	/** The object number, or '' when it cannot be told. */
	id: string;
	dictionary: string;
	data: Buffer;
}

function* rawStreams(pdf: Buffer): Generator<RawStream> {
	const text = pdf.toString('latin1');
	const keyword = /(?:^|[^d])stream(\r\n|\n)/g;
	let match: RegExpExecArray | null;
	while ((match = keyword.exec(text))) {
		const start = match.index + match[0].length;
		const objectStart = text.lastIndexOf(' obj', start);
		const dictionary = text.slice(objectStart, start);
		const id = /(\d+) \d+$/.exec(text.slice(Math.max(0, objectStart - 24), objectStart))?.[1] ?? '';
		const declared = /\/Length (\d+)\s*(?=\/|>>)/.exec(dictionary);
		const end = declared ? start + Number(declared[1]) : text.indexOf('endstream', start);
		keyword.lastIndex = end;
		const data = pdf.subarray(start, end);
		yield { id, dictionary, data: /\/FlateDecode/.test(dictionary) ? inflateSync(data) : data };
	}
}

/** The objects that font dictionaries point to for data that is not page content (font files, CMaps). */
function fontDataIds(pdf: Buffer): Set<string> {
	const text = pdf.toString('latin1');
	return new Set([...text.matchAll(/\/(?:FontFile[23]?|ToUnicode|CIDSet) (\d+) 0 R/g)].map((match) => match[1]!));
}

/**
 * The raw data of every stream in the file that may hold content, inflated when it is
 * FlateDecode. XML, images, embedded font files and their CMaps are skipped.
 */
export function pdfStreams(pdf: Buffer): Buffer[] {
	const skip = fontDataIds(pdf);
	const streams: Buffer[] = [];
	for (const stream of rawStreams(pdf)) {
		if (/\/Subtype\s*\/(XML|Image)/.test(stream.dictionary) || skip.has(stream.id)) continue;
		streams.push(stream.data);
	}
	return streams;
}

// ---------------------------------------------------------------------------------------------
// Fonts

/** How the bytes of a string shown in one font become text. */
export type FontDecoder = (bytes: number[]) => string;

/** UTF-16BE hex (e.g. "0066 0069" or "00660069") as a string. */
function utf16Hex(hex: string): string {
	const digits = hex.replace(/\s+/g, '');
	const units = (digits.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16));
	return String.fromCharCode(...units);
}

/** Parses a ToUnicode CMap (bfchar and bfrange, both forms of bfrange) into code → text. */
export function parseToUnicode(cmap: string): Map<number, string> {
	const map = new Map<number, string>();
	for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
		for (const entry of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) {
			map.set(parseInt(entry[1]!, 16), utf16Hex(entry[2]!));
		}
	}
	for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
		for (const entry of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:\[([^\]]*)\]|<([0-9a-fA-F\s]+)>)/g)) {
			const [low, high] = [parseInt(entry[1]!, 16), parseInt(entry[2]!, 16)];
			if (entry[3] !== undefined) {
				const targets = [...entry[3].matchAll(/<([0-9a-fA-F\s]+)>/g)].map((target) => utf16Hex(target[1]!));
				targets.forEach((target, index) => map.set(low + index, target));
			} else {
				const start = utf16Hex(entry[4]!);
				const last = start.charCodeAt(start.length - 1);
				for (let code = low; code <= high; code++) map.set(code, start.slice(0, -1) + String.fromCharCode(last + code - low));
			}
		}
	}
	return map;
}

/**
 * The decoders of the fonts in the file's resource dictionaries, by resource name (`F1`):
 * two-byte codes through the ToUnicode map for fonts that have one. pdfkit numbers its fonts
 * per document, so one name means one font throughout the file.
 */
export function pdfFontDecoders(pdf: Buffer): Map<string, FontDecoder> {
	const text = pdf.toString('latin1');
	const streams = new Map([...rawStreams(pdf)].map((stream) => [stream.id, stream.data]));
	const decoders = new Map<string, FontDecoder>();
	for (const resources of text.matchAll(/\/Font\s*<<((?:\s*\/[^\s/<>]+\s+\d+ 0 R)+)\s*>>/g)) {
		for (const entry of resources[1]!.matchAll(/\/([^\s/<>]+)\s+(\d+) 0 R/g)) {
			if (decoders.has(entry[1]!)) continue;
			const body = new RegExp(`(?:^|\\n)${entry[2]} 0 obj\\n([\\s\\S]*?)\\nendobj`).exec(text)?.[1] ?? '';
			const cmapId = /\/ToUnicode (\d+) 0 R/.exec(body)?.[1];
			const cmap = cmapId ? streams.get(cmapId) : undefined;
			if (!cmap) continue;
			const map = parseToUnicode(cmap.toString('latin1'));
			decoders.set(entry[1]!, (bytes) => {
				let out = '';
				for (let index = 0; index + 1 < bytes.length; index += 2) out += map.get((bytes[index]! << 8) | bytes[index + 1]!) ?? '\uFFFD';
				return out;
			});
		}
	}
	return decoders;
}

// ---------------------------------------------------------------------------------------------
// Content stream tokens

type Operand = number | string | { bytes: number[] } | Operand[];

const DELIMITERS = '()<>[]{}/%';
const isSpace = (char: string | undefined) => char !== undefined && ' \t\r\n\f\0'.includes(char);

/** Reads a literal string starting after "(": balanced parentheses and backslash escapes. */
function literalString(source: string, start: number): { bytes: number[]; end: number } {
	const bytes: number[] = [];
	const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
	let depth = 1;
	let index = start;
	while (index < source.length) {
		const char = source[index++] as string;
		if (char === '\\') {
			const next = source[index++] ?? '';
			const octal = /^[0-7]{1,3}/.exec(source.slice(index - 1, index + 2));
			if (octal) {
				bytes.push(parseInt(octal[0], 8) & 0xff);
				index += octal[0].length - 1;
			} else if (next === '\r' || next === '\n') {
				if (next === '\r' && source[index] === '\n') index++;
			} else {
				bytes.push(escapes[next] ?? next.charCodeAt(0));
			}
			continue;
		}
		if (char === '(') depth++;
		if (char === ')' && --depth === 0) break;
		bytes.push(char.charCodeAt(0));
	}
	return { bytes, end: index };
}

function hexString(source: string, start: number): { bytes: number[]; end: number } {
	const end = source.indexOf('>', start);
	const digits = source.slice(start, end).replace(/\s+/g, '');
	const padded = digits.length % 2 ? `${digits}0` : digits;
	const bytes = (padded.match(/../g) ?? []).map((pair) => parseInt(pair, 16));
	return { bytes, end: end + 1 };
}

function* tokens(source: string): Generator<{ operator: string } | { operand: Operand }> {
	let index = 0;
	const arrays: Operand[][] = [];
	const emit = function* (operand: Operand) {
		const top = arrays[arrays.length - 1];
		if (top) top.push(operand);
		else yield { operand };
	};
	while (index < source.length) {
		const char = source[index] as string;
		if (isSpace(char)) {
			index++;
		} else if (char === '%') {
			while (index < source.length && source[index] !== '\n' && source[index] !== '\r') index++;
		} else if (char === '(') {
			const string = literalString(source, index + 1);
			index = string.end;
			yield* emit({ bytes: string.bytes });
		} else if (source.startsWith('<<', index) || source.startsWith('>>', index)) {
			index += 2;
		} else if (char === '<') {
			const string = hexString(source, index + 1);
			index = string.end;
			yield* emit({ bytes: string.bytes });
		} else if (char === '[') {
			arrays.push([]);
			index++;
		} else if (char === ']') {
			const array = arrays.pop() ?? [];
			index++;
			yield* emit(array);
		} else {
			let end = index + 1;
			while (end < source.length && !isSpace(source[end]) && !DELIMITERS.includes(source[end] as string)) end++;
			const word = source.slice(index, end);
			index = end;
			if (char === '/' || /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) yield* emit(char === '/' ? word : Number(word));
			else if (arrays.length === 0) yield { operator: word };
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Text

function shownText(operand: Operand | undefined, decode: FontDecoder): string {
	if (Array.isArray(operand)) return operand.map((part) => shownText(part, decode)).join('');
	if (operand && typeof operand === 'object') return decode(operand.bytes);
	return '';
}

/**
 * The text objects of one content stream, one string each. `fonts` decodes the strings of the
 * fonts it names (see `pdfFontDecoders`); any other font is read as WinAnsi.
 */
export function contentStreamText(content: Buffer, fonts: Map<string, FontDecoder> = new Map()): string[] {
	const lines: string[] = [];
	let operands: Operand[] = [];
	let current: string | null = null;
	let decode: FontDecoder = decodeWinAnsi;
	for (const token of tokens(content.toString('latin1'))) {
		if ('operand' in token) {
			operands.push(token.operand);
			continue;
		}
		const last = operands[operands.length - 1];
		switch (token.operator) {
			case 'BT':
				current = '';
				break;
			case 'ET':
				if (current !== null) lines.push(current);
				current = null;
				break;
			case 'Tf': {
				const name = operands[0];
				decode = (typeof name === 'string' && fonts.get(name.replace(/^\//, ''))) || decodeWinAnsi;
				break;
			}
			case 'Tj':
			case 'TJ':
				if (current !== null) current += shownText(last, decode);
				break;
			case "'":
			case '"':
				if (current !== null) current += `\n${shownText(last, decode)}`;
				break;
			case 'T*':
				if (current !== null) current += '\n';
				break;
		}
		operands = [];
	}
	return lines;
}

/** All visible text of the PDF in page order, one line per text object. */
export function extractPdfText(pdf: Buffer): string {
	const fonts = pdfFontDecoders(pdf);
	return pdfStreams(pdf)
		.flatMap((stream) => contentStreamText(stream, fonts))
		.join('\n');
}

/** The same text with every run of white space made one space: for checks on wrapped text. */
export function extractPdfTextFlat(pdf: Buffer): string {
	return extractPdfText(pdf).replace(/\s+/g, ' ');
}
