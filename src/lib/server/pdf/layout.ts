/**
 * Building blocks for the PDFs the app hands out (the session report and the assessment
 * report): accessible, tagged A4 documents in the house style, drawn with pdfkit.
 *
 * Every block adds itself to the structure tree (headings, paragraphs, lists, label/value
 * rows), so screen readers can follow the document; decorations such as rules and footers are
 * artifacts. Text is set in Liberation Sans (SIL Open Font License, shipped in `fonts/` at the
 * root of the repository), embedded as a subset with a ToUnicode map, so the text can be
 * searched, copied and read aloud. Its metrics match Helvetica/Arial. Text is first limited by
 * `toWinAnsi` to the WinAnsi repertoire (all of Dutch, € and the typographic quotes and dashes),
 * which the font covers; what falls outside it (emoji, arrows) is replaced so that no character
 * is drawn as an empty box.
 *
 * Every PDF is made by `createPdf`, which sets what PDF/UA-1 (ISO 14289-1) asks of the document:
 * tagged, marked, the language, the title shown in the window, the title in the XMP metadata
 * and the PDF/UA identifier there. The structure tree is built in the order the content is
 * drawn, so the reading order is the structure order, and every font is embedded.
 *
 * The blocks live here, not in each export module, so both reports keep one look (margins,
 * sizes, spacing, footers) and one accessible structure, and a fix reaches both at once. Where
 * the reports differ slightly (heading depth, spacing, list labels) a block takes options.
 */

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { escapeXml } from '../xml';

/** The pdfkit document a block draws on. */
export type Doc = PDFKit.PDFDocument;
/** An element of the document's structure tree (tagged PDF). */
export type Struct = PDFKit.PDFStructureElement;

export const MARGINS = { top: 56, bottom: 64, left: 62, right: 62 };
export const SIZES = { title: 20, h2: 15, h3: 12.5, h4: 11.5, body: 11, footer: 10 };
export const LINE_GAP = 3;
export const INK = '#1a1a1a';
export const MUTED = '#444444';
export const RULE = '#999999';
/** The names the fonts are registered under in every document (see `createPdf`). */
export const FONTS = { regular: 'regular', bold: 'bold', italic: 'italic' };

// ---------------------------------------------------------------------------------------------
// Fonts

const FONT_FILES: Record<keyof typeof FONTS, string> = {
	regular: 'LiberationSans-Regular.ttf',
	bold: 'LiberationSans-Bold.ttf',
	italic: 'LiberationSans-Italic.ttf'
};

/**
 * The `fonts/` folder at the root of the app. This module runs from src/lib/server/pdf (dev
 * server, tests) and bundled into build/server/chunks (production), so it looks in each folder
 * above itself, the way the server finds `migrations/` beside `build/`.
 */
export function findFontsDir(start = path.dirname(fileURLToPath(import.meta.url))): string {
	for (let dir = start; ; dir = path.dirname(dir)) {
		const candidate = path.join(dir, 'fonts');
		if (fs.existsSync(path.join(candidate, FONT_FILES.regular))) return candidate;
		if (path.dirname(dir) === dir) break;
	}
	throw new Error(`PDF fonts not found: no fonts/${FONT_FILES.regular} in ${start} or a folder above it`);
}

/** What pdfkit takes as a font: the file's bytes, or the parsed font (fontkit) that it made from them. */
type FontProgram = Buffer | { layout: unknown };

let fontPrograms: Record<keyof typeof FONTS, FontProgram> | null = null;

/**
 * The fonts, read and parsed once for all documents. pdfkit parses font bytes with fontkit for
 * each document anew, which made every PDF about twice as slow; it also accepts an already
 * parsed font, so the parsed fonts of a first, unused document are kept and handed to every
 * document after it (each still makes its own subset). Should pdfkit ever stop exposing them
 * (`_font.font` is not public), the bytes are used: slower, same result.
 */
function fonts(): Record<keyof typeof FONTS, FontProgram> {
	if (!fontPrograms) {
		const dir = findFontsDir();
		const loader = new PDFDocument({ autoFirstPage: false });
		const parse = (file: string): FontProgram => {
			const bytes = fs.readFileSync(path.join(dir, file));
			const parsed = (loader.font(bytes) as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font;
			return parsed && typeof parsed.layout === 'function' ? (parsed as FontProgram) : bytes;
		};
		fontPrograms = { regular: parse(FONT_FILES.regular), bold: parse(FONT_FILES.bold), italic: parse(FONT_FILES.italic) };
	}
	return fontPrograms;
}

// ---------------------------------------------------------------------------------------------
// Text that the fonts can show

/** The characters of Windows-1252 above Latin-1's printable range (all in Liberation Sans). */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const REPLACEMENTS: Record<string, string> = {
	'→': '->',
	'←': '<-',
	'↔': '<->',
	'⇒': '=>',
	'≥': '>=',
	'≤': '<=',
	'≠': '!=',
	'−': '-',
	'‐': '-',
	'‑': '-',
	'‒': '–',
	'―': '—',
	'′': "'",
	'″': '"',
	'✓': 'v',
	'✔': 'v',
	'✗': 'x',
	'✘': 'x',
	'\t': '    '
};

function isWinAnsi(char: string): boolean {
	const code = char.codePointAt(0) ?? 0;
	return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(char);
}

function winAnsiChar(char: string): string {
	if (char === '\n' || isWinAnsi(char)) return char;
	const replacement = REPLACEMENTS[char];
	if (replacement !== undefined) return replacement;
	if (/\s/u.test(char)) return ' ';
	if (/[\p{Cc}\p{Cf}\p{M}\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}]/u.test(char)) return '';
	const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
	return base !== '' && [...base].every(isWinAnsi) ? base : '?';
}

/** Makes text safe for the fonts: keeps Dutch letters, replaces what WinAnsi lacks. */
export function toWinAnsi(text: string): string {
	return Array.from(text.normalize('NFC').replace(/\r\n?/g, '\n'), winAnsiChar).join('');
}

// ---------------------------------------------------------------------------------------------
// Page helpers

/** The width between the left and right margins. */
export function contentWidth(doc: Doc): number {
	return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** The lowest y the content may reach on the current page. */
export function bottomLimit(doc: Doc): number {
	return doc.page.height - doc.page.margins.bottom;
}

/**
 * Starts a new page when `height` does not fit below the cursor. `continueOnNewPage` carries
 * open tags over, so this is safe inside a tagged block as well.
 */
export function ensureSpace(doc: Doc, height: number): void {
	if (doc.y + height > bottomLimit(doc) && doc.y > doc.page.margins.top + 1) {
		doc.continueOnNewPage();
	}
}

/** Sets font, size and colour in one go; returns the document for chaining. */
export function setFont(doc: Doc, font: string, size: number, colour = INK): Doc {
	return doc.font(font).fontSize(size).fillColor(colour);
}

/** Writes wrapped text across the content width (or a given column) and moves the cursor below it. */
export function write(doc: Doc, text: string, options: PDFKit.Mixins.TextOptions & { x?: number } = {}): void {
	const { x = doc.page.margins.left, ...textOptions } = options;
	const width = textOptions.width ?? contentWidth(doc) - (x - doc.page.margins.left);
	doc.text(toWinAnsi(text), x, doc.y, { lineGap: LINE_GAP, ...textOptions, width });
}

/** Adds a tagged element whose content is drawn by `draw`, as the next child of `parent`. */
export function tagged(doc: Doc, parent: Struct, tag: string, draw: () => void, options: PDFKit.Mixins.StructureElementOptions = {}): void {
	parent.add(doc.struct(tag, options, draw));
}

/** Decorations (rules, footers) are artifacts: not read out, not part of the structure. */
export function artifact(doc: Doc, draw: () => void, type?: 'Pagination' | 'Layout'): void {
	doc.markContent('Artifact', type ? { type } : {});
	draw();
	doc.endMarkedContent();
}

/** A thin horizontal line across the content width, with `gapAfter` points below it. */
export function rule(doc: Doc, gapAfter = 10): void {
	const y = doc.y + 4;
	artifact(
		doc,
		() => {
			doc
				.moveTo(doc.page.margins.left, y)
				.lineTo(doc.page.width - doc.page.margins.right, y)
				.lineWidth(0.75)
				.strokeColor(RULE)
				.stroke();
		},
		'Layout'
	);
	doc.y = y + gapAfter;
}

// ---------------------------------------------------------------------------------------------
// Blocks

export type HeadingLevel = 'H1' | 'H2' | 'H3' | 'H4';

const HEADING_SIZES: Record<HeadingLevel, number> = { H1: SIZES.title, H2: SIZES.h2, H3: SIZES.h3, H4: SIZES.h4 };

/** A heading, kept together with the start of what follows; H2 headings go into the outline. */
export function heading(doc: Doc, parent: Struct, level: HeadingLevel, text: string): void {
	setFont(doc, FONTS.bold, HEADING_SIZES[level]);
	const height = doc.heightOfString(toWinAnsi(text), { width: contentWidth(doc), lineGap: LINE_GAP });
	if (level !== 'H1') doc.moveDown(level === 'H4' ? 0.3 : 0.6);
	// Keep the heading together with at least three lines of what follows.
	ensureSpace(doc, height + 3 * (SIZES.body + LINE_GAP + 2));
	if (level === 'H2') doc.outline.addItem(text);
	tagged(doc, parent, level, () => write(doc, text));
	doc.moveDown(0.3);
}

export interface ParagraphOptions {
	/** Regular by default. */
	font?: string;
	/** Ink by default. */
	colour?: string;
	/** Space after the paragraph, in lines (0.5 by default). */
	gapAfter?: number;
}

/** A paragraph in body size, tagged P. */
export function paragraph(doc: Doc, parent: Struct, text: string, options: ParagraphOptions = {}): void {
	const { font = FONTS.regular, colour = INK, gapAfter = 0.5 } = options;
	setFont(doc, font, SIZES.body, colour);
	ensureSpace(doc, 2 * (SIZES.body + LINE_GAP));
	tagged(doc, parent, 'P', () => write(doc, text));
	doc.moveDown(gapAfter);
}

export interface ListOptions {
	/** The label of the item at `index`, e.g. "1."; a bullet by default. */
	label?: (index: number) => string;
	/** Where the item text starts, in points from the left margin (22 by default). */
	indent?: number;
	/** Space after each item, in lines (0.25 by default). */
	itemGap?: number;
}

/** A bullet or numbered list, tagged L > LI > Lbl + LBody, with a hanging indent. */
export function list(doc: Doc, parent: Struct, items: string[], options: ListOptions = {}): void {
	const { label = () => '•', indent = 22, itemGap = 0.25 } = options;
	const listElement = doc.struct('L');
	parent.add(listElement);
	for (const [index, item] of items.entries()) {
		setFont(doc, FONTS.regular, SIZES.body);
		ensureSpace(doc, 2 * (SIZES.body + LINE_GAP));
		const y = doc.y;
		const itemElement = doc.struct('LI');
		listElement.add(itemElement);
		tagged(doc, itemElement, 'Lbl', () => {
			doc.text(toWinAnsi(label(index)), doc.page.margins.left + 4, y, { lineBreak: false });
		});
		doc.y = y;
		tagged(doc, itemElement, 'LBody', () => write(doc, item, { x: doc.page.margins.left + indent }));
		itemElement.end();
		doc.moveDown(itemGap);
	}
	listElement.end();
	doc.moveDown(0.3);
}

/** "Label: value" as one paragraph that flows on, the label in bold (P > Span + Span). */
export function inlineField(doc: Doc, parent: Struct, label: string, value: string): void {
	ensureSpace(doc, 2 * (SIZES.body + LINE_GAP));
	const element = doc.struct('P');
	parent.add(element);
	tagged(doc, element, 'Span', () => {
		setFont(doc, FONTS.bold, SIZES.body);
		write(doc, `${label}: `, { continued: true });
	});
	tagged(doc, element, 'Span', () => {
		setFont(doc, FONTS.regular, SIZES.body);
		doc.text(toWinAnsi(value), { lineGap: LINE_GAP });
	});
	element.end();
	doc.moveDown(0.25);
}

/**
 * A table of figures with a header row, tagged Table > TR > TH/TD: the column headings are TH
 * for their column and, with `rowHeaders`, the first cell of each row is TH for its row, so a
 * screen reader says which theme and which group a number belongs to.
 */
export function dataTable(doc: Doc, parent: Struct, head: string[], rows: string[][], rowHeaders = false): void {
	setFont(doc, FONTS.regular, SIZES.body);
	ensureSpace(doc, 3 * (SIZES.body + LINE_GAP + 8));
	const border = { borderColor: RULE, border: 0.5, padding: 4, textColor: INK };
	const headerCell = (text: string, scope: 'Column' | 'Row') => ({
		...border,
		text: toWinAnsi(text),
		type: 'TH' as const,
		scope,
		font: { src: FONTS.bold, size: SIZES.body }
	});
	const data = [
		head.map((text) => headerCell(text, 'Column')),
		...rows.map((cells) =>
			cells.map((text, index) => (index === 0 && rowHeaders ? headerCell(text, 'Row') : { ...border, text: toWinAnsi(text) }))
		)
	];
	// pdfkit 0.20 tags the table when it has a structParent; its 0.17 types do not know that option.
	doc.table({
		data,
		structParent: parent,
		position: { x: doc.page.margins.left },
		maxWidth: contentWidth(doc)
	} as PDFKit.Mixins.TableOptionsWithData);
	doc.x = doc.page.margins.left;
	doc.moveDown(0.6);
}

/**
 * A bold label in a column `labelWidth` wide with its value beside it (P > Span + Span); the
 * value may flow onto the next page.
 */
export function columnField(doc: Doc, parent: Struct, label: string, value: string, labelWidth: number): void {
	ensureSpace(doc, 2 * (SIZES.body + LINE_GAP));
	const top = doc.y;
	const page = doc.page;
	let labelBottom = top;
	const element = doc.struct('P');
	parent.add(element);
	tagged(doc, element, 'Span', () => {
		setFont(doc, FONTS.bold, SIZES.body);
		write(doc, `${label}:`, { width: labelWidth - 8 });
		labelBottom = doc.y;
	});
	doc.y = top;
	tagged(doc, element, 'Span', () => {
		setFont(doc, FONTS.regular, SIZES.body);
		write(doc, value, { x: doc.page.margins.left + labelWidth });
	});
	element.end();
	if (doc.page === page) doc.y = Math.max(doc.y, labelBottom);
	doc.moveDown(0.2);
}

// ---------------------------------------------------------------------------------------------
// Document

/**
 * Footer on every page, drawn once the content is done (needs `bufferPages`): the title and
 * the page number as "X / Y" (no words, so no i18n).
 */
export function footers(doc: Doc, title: string): void {
	const range = doc.bufferedPageRange();
	for (let index = range.start; index < range.start + range.count; index++) {
		doc.switchToPage(index);
		const bottom = doc.page.margins.bottom;
		doc.page.margins.bottom = 0;
		const y = doc.page.height - bottom + 24;
		const left = doc.page.margins.left;
		const width = contentWidth(doc);
		artifact(
			doc,
			() => {
				setFont(doc, FONTS.regular, SIZES.footer, MUTED);
				doc.text(toWinAnsi(title), left, y, { width: width * 0.75, lineBreak: false, ellipsis: true, height: SIZES.footer * 1.5 });
				doc.text(`${index + 1} / ${range.count}`, left, y, { width, align: 'right', lineBreak: false });
			},
			'Pagination'
		);
		doc.page.margins.bottom = bottom;
	}
}

/** What the document says about itself (the Info dictionary and the XMP metadata). */
export interface PdfInfo {
	title: string;
	subject?: string;
	author?: string | null;
	/** A BCP 47 language tag, e.g. "nl-NL". */
	lang: string;
}

/**
 * Starts an accessible A4 document: tagged PDF 1.7 with the PDF/UA-1 identifier, the language,
 * the title in the metadata and shown as the window title (DisplayDocTitle), the embedded fonts
 * registered as `FONTS` (regular is the default, so pdfkit never falls back on the standard
 * Helvetica, which is not embedded), the pages buffered for the footers. Returns the document, the root of its structure tree (`Document`) and its
 * bytes once `doc.end()` has been called; end `root` before that.
 */
export function createPdf(info: PdfInfo): { doc: Doc; root: Struct; done: Promise<Buffer> } {
	const files = fonts();
	const doc = new PDFDocument({
		// pdfkit takes a font (bytes or parsed) as the default font; its types only know a name.
		font: files.regular as unknown as string,
		size: 'A4',
		margins: MARGINS,
		bufferPages: true,
		tagged: true,
		// The types of pdfkit 0.17 do not list the PDF/UA subset that pdfkit 0.20 has.
		subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
		lang: info.lang,
		displayTitle: true,
		pdfVersion: '1.7',
		info: {
			Title: info.title,
			...(info.subject ? { Subject: info.subject } : {}),
			...(info.author ? { Author: info.author } : {}),
			Creator: 'Kwaliteitsdialoog'
		}
	});
	// pdfkit copies the Info strings into the XMP packet as they are; a title with "&" or "<"
	// would break the XML. The Info dictionary (written before) keeps the text unescaped.
	const endMetadata = doc.endMetadata.bind(doc);
	doc.endMetadata = () => {
		const raw = doc.info;
		doc.info = Object.fromEntries(
			Object.entries(raw).map(([key, value]) => [key, typeof value === 'string' ? escapeXml(value) : value])
		) as PDFKit.DocumentInfo;
		try {
			endMetadata();
		} finally {
			doc.info = raw;
		}
	};
	for (const name of Object.keys(FONTS) as (keyof typeof FONTS)[])
		doc.registerFont(FONTS[name], files[name] as PDFKit.Mixins.PDFFontSource);
	const done = collect(doc);
	const root = doc.struct('Document');
	doc.addStructure(root);
	return { doc, root, done };
}

/** Collects the document's output into one buffer; call before `doc.end()`. */
export function collect(doc: Doc): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
}
