/**
 * Reads the visible text back out of a PDF that pdfkit wrote, so tests can check what a reader
 * of the exported report would see, without a PDF library.
 *
 * It finds each `stream … endstream`, inflates FlateDecode streams, and follows the
 * text-showing operators (`Tj`, `TJ`, `'`, `"`) between `BT` and `ET`. pdfkit with the
 * standard fonts writes every run as a hex string in WinAnsi (CP1252) inside a `TJ` array, with
 * kerning numbers between the parts; literal `(…)` strings are read too. Each text object
 * becomes one line of the result, which with pdfkit means one line of wrapped text.
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

/** The raw data of every stream in the file, inflated when it is FlateDecode. XML and images are skipped. */
export function pdfStreams(pdf: Buffer): Buffer[] {
	const text = pdf.toString('latin1');
	const streams: Buffer[] = [];
	const keyword = /(?:^|[^d])stream(\r\n|\n)/g;
	let match: RegExpExecArray | null;
	while ((match = keyword.exec(text))) {
		const start = match.index + match[0].length;
		const dictionary = text.slice(text.lastIndexOf(' obj', start), start);
		const declared = /\/Length (\d+)\s*(?=\/|>>)/.exec(dictionary);
		const end = declared ? start + Number(declared[1]) : text.indexOf('endstream', start);
		keyword.lastIndex = end;
		if (/\/Subtype\s*\/(XML|Image)/.test(dictionary)) continue;
		const data = pdf.subarray(start, end);
		streams.push(/\/FlateDecode/.test(dictionary) ? inflateSync(data) : data);
	}
	return streams;
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

function shownText(operand: Operand | undefined): string {
	if (Array.isArray(operand)) return operand.map(shownText).join('');
	if (operand && typeof operand === 'object') return decodeWinAnsi(operand.bytes);
	return '';
}

/** The text objects of one content stream, one string each. */
export function contentStreamText(content: Buffer): string[] {
	const lines: string[] = [];
	let operands: Operand[] = [];
	let current: string | null = null;
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
			case 'Tj':
			case 'TJ':
				if (current !== null) current += shownText(last);
				break;
			case "'":
			case '"':
				if (current !== null) current += `\n${shownText(last)}`;
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
	return pdfStreams(pdf).flatMap(contentStreamText).join('\n');
}

/** The same text with every run of white space made one space: for checks on wrapped text. */
export function extractPdfTextFlat(pdf: Buffer): string {
	return extractPdfText(pdf).replace(/\s+/g, ' ');
}
