/**
 * Renders a session report (`ReportView`) as an A4 PDF with pdfkit, for participants and
 * municipalities who want a document to read, print or archive.
 *
 * The PDF is tagged (headings, paragraphs, lists, figures with alternative text) and has its
 * language and title set, so screen readers can follow it. It uses the built-in Helvetica
 * fonts: no font files to ship, and their WinAnsi encoding covers Dutch. Any character that
 * WinAnsi cannot show (emoji, arrows) is replaced first, because pdfkit would otherwise write
 * garbled bytes. Every visible string comes from the view; this module holds no translations.
 */
import PDFDocument from 'pdfkit';
import {
	bodyBlocks,
	keywordChartAlt,
	perspectiveStyle,
	voteChartAlt,
	type BodyBlock,
	type KeywordFigure,
	type VoteFigure,
	withLabel
} from './charts';
import type { ReportCriterion, ReportSection, ReportView, ResponseLine } from './types';

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const MARGINS = { top: 56, bottom: 64, left: 62, right: 62 };
const SIZES = { title: 20, h2: 15, h3: 12.5, body: 11, footer: 10 };
const LINE_GAP = 3;
const INK = '#1a1a1a';
const MUTED = '#444444';
const RULE = '#999999';
const FONTS = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' };

// ---------------------------------------------------------------------------------------------
// Text that the standard fonts can show

/** The characters of Windows-1252 above Latin-1's printable range, which Helvetica can draw. */
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

/** Makes text safe for the standard fonts: keeps Dutch letters, replaces what WinAnsi lacks. */
export function toWinAnsi(text: string): string {
	return Array.from(text.normalize('NFC').replace(/\r\n?/g, '\n'), winAnsiChar).join('');
}

// ---------------------------------------------------------------------------------------------
// Page helpers

function contentWidth(doc: Doc): number {
	return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottomLimit(doc: Doc): number {
	return doc.page.height - doc.page.margins.bottom;
}

/**
 * Starts a new page when `height` does not fit below the cursor. `continueOnNewPage` carries
 * open tags over, so this is safe inside a tagged block as well.
 */
function ensureSpace(doc: Doc, height: number): void {
	if (doc.y + height > bottomLimit(doc) && doc.y > doc.page.margins.top + 1) {
		doc.continueOnNewPage();
	}
}

function setFont(doc: Doc, font: string, size: number, colour = INK): Doc {
	return doc.font(font).fontSize(size).fillColor(colour);
}

/** Writes wrapped text across the content width (or a given column) and moves the cursor below it. */
function write(doc: Doc, text: string, options: PDFKit.Mixins.TextOptions & { x?: number } = {}): void {
	const { x = doc.page.margins.left, ...textOptions } = options;
	const width = textOptions.width ?? contentWidth(doc) - (x - doc.page.margins.left);
	doc.text(toWinAnsi(text), x, doc.y, { lineGap: LINE_GAP, ...textOptions, width });
}

/** Adds a tagged element whose content is drawn by `draw`, as the next child of `parent`. */
function tagged(doc: Doc, parent: Struct, tag: string, draw: () => void, options: PDFKit.Mixins.StructureElementOptions = {}): void {
	parent.add(doc.struct(tag, options, draw));
}

/** Decorations (rules, footers) are artifacts: not read out, not part of the structure. */
function artifact(doc: Doc, draw: () => void, type?: 'Pagination' | 'Layout'): void {
	doc.markContent('Artifact', type ? { type } : {});
	draw();
	doc.endMarkedContent();
}

function rule(doc: Doc, gapAfter = 10): void {
	const y = doc.y + 4;
	artifact(doc, () => {
		doc.moveTo(doc.page.margins.left, y)
			.lineTo(doc.page.width - doc.page.margins.right, y)
			.lineWidth(0.75)
			.strokeColor(RULE)
			.stroke();
	}, 'Layout');
	doc.y = y + gapAfter;
}

// ---------------------------------------------------------------------------------------------
// Blocks

function heading(doc: Doc, parent: Struct, level: 'H1' | 'H2' | 'H3', text: string): void {
	const size = level === 'H1' ? SIZES.title : level === 'H2' ? SIZES.h2 : SIZES.h3;
	setFont(doc, FONTS.bold, size);
	const height = doc.heightOfString(toWinAnsi(text), { width: contentWidth(doc), lineGap: LINE_GAP });
	if (level !== 'H1') doc.moveDown(0.6);
	// Keep the heading together with at least three lines of what follows.
	ensureSpace(doc, height + 3 * (SIZES.body + LINE_GAP + 2));
	if (level === 'H2') doc.outline.addItem(text);
	tagged(doc, parent, level, () => write(doc, text));
	doc.moveDown(0.3);
}

function paragraph(doc: Doc, parent: Struct, text: string, font = FONTS.regular, colour = INK): void {
	setFont(doc, font, SIZES.body, colour);
	ensureSpace(doc, 2 * (SIZES.body + LINE_GAP));
	tagged(doc, parent, 'P', () => write(doc, text));
	doc.moveDown(0.5);
}

/** A bullet or numbered list, tagged L > LI > Lbl + LBody, with a hanging indent. */
function list(doc: Doc, parent: Struct, items: string[], label: (index: number) => string): void {
	const listElement = doc.struct('L');
	parent.add(listElement);
	const indent = 22;
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
		doc.moveDown(0.25);
	}
	listElement.end();
	doc.moveDown(0.3);
}

function bodyBlock(doc: Doc, parent: Struct, block: BodyBlock): void {
	if (block.kind === 'paragraph') paragraph(doc, parent, block.lines.join('\n'));
	else list(doc, parent, block.items, () => '•');
}

function criteria(doc: Doc, parent: Struct, items: ReportCriterion[], labels: ReportView['labels']): void {
	heading(doc, parent, 'H3', labels.criteriaHeading);
	const texts = items.map(
		(criterion) => `${criterion.text} (${criterion.status === 'agreed' ? labels.agreedLabel : labels.provisionalLabel})`
	);
	list(doc, parent, texts, (index) => `${index + 1}.`);
}

function section(doc: Doc, root: Struct, view: ReportView, content: ReportSection): void {
	const element = doc.struct('Sect');
	root.add(element);
	heading(doc, element, 'H2', content.heading);
	for (const block of bodyBlocks(content.body)) bodyBlock(doc, element, block);
	if (content.criteria?.length) criteria(doc, element, content.criteria, view.labels);
	element.end();
}

function metaBlock(doc: Doc, root: Struct, view: ReportView): void {
	heading(doc, root, 'H1', view.content.title);
	const { meta, labels } = view;
	paragraph(doc, root, withLabel(labels.reportFor, meta.sessionTitle), FONTS.bold);
	const lines = [meta.versionLabel, meta.sessionDate, meta.facilitator].filter((line): line is string => !!line);
	for (const line of lines) {
		paragraph(doc, root, line, FONTS.regular, MUTED);
		doc.moveUp(0.3);
	}
	doc.moveDown(0.3);
	if (meta.commentNote) paragraph(doc, root, meta.commentNote, FONTS.bold);
	rule(doc);
}

// ---------------------------------------------------------------------------------------------
// Beeldverslag

const BAR = { rowHeight: 19, height: 12, numberSpace: 36 };

interface BarColumns {
	left: number;
	labelWidth: number;
	barStart: number;
	barSpace: number;
	max: number;
}

function barColumns(doc: Doc, perspectives: string[], max: number): BarColumns {
	setFont(doc, FONTS.regular, SIZES.body);
	const widest = Math.max(0, ...perspectives.map((name) => doc.widthOfString(toWinAnsi(name))));
	const labelWidth = Math.min(contentWidth(doc) * 0.4, widest + 4);
	const left = doc.page.margins.left;
	const barStart = left + labelWidth + 8;
	const barSpace = doc.page.width - doc.page.margins.right - barStart - BAR.numberSpace;
	return { left, labelWidth, barStart, barSpace, max: Math.max(1, max) };
}

/** One row per perspective: its name, a bar in its colour and the number as text. */
function barRows(doc: Doc, perspectives: string[], counts: number[], columns: BarColumns): void {
	for (const [index, name] of perspectives.entries()) {
		const count = counts[index] ?? 0;
		const y = doc.y;
		const width = (count / columns.max) * columns.barSpace;
		if (width > 0) {
			doc.rect(columns.barStart, y + 1, width, BAR.height).lineWidth(0.5).fillAndStroke(perspectiveStyle(index).colour, INK);
		}
		setFont(doc, FONTS.regular, SIZES.body);
		doc.text(toWinAnsi(name), columns.left, y + 1, { width: columns.labelWidth, align: 'right', lineBreak: false });
		setFont(doc, FONTS.bold, SIZES.body);
		doc.text(String(count), columns.barStart + width + 5, y + 1, { lineBreak: false });
		doc.x = columns.left;
		doc.y = y + BAR.rowHeight;
	}
}

function voteFigure(doc: Doc, parent: Struct, vote: VoteFigure, labels: ReportView['labels']): void {
	heading(doc, parent, 'H3', labels.voteFigureTitle);
	const alt = voteChartAlt(vote, labels);
	const columns = barColumns(doc, vote.perspectives, Math.max(0, ...vote.themes.flatMap((theme) => theme.counts)));
	tagged(
		doc,
		parent,
		'Figure',
		() => {
			for (const theme of vote.themes) {
				const name = theme.chosen ? `${theme.name} (${labels.chosenLabel})` : theme.name;
				const caption = `${name}: ${labels.totalColumn} ${theme.total}`;
				setFont(doc, FONTS.bold, SIZES.body);
				const captionHeight = doc.heightOfString(toWinAnsi(caption), { width: contentWidth(doc), lineGap: LINE_GAP });
				ensureSpace(doc, captionHeight + 4 + vote.perspectives.length * BAR.rowHeight);
				write(doc, caption);
				doc.moveDown(0.2);
				barRows(doc, vote.perspectives, theme.counts, columns);
				doc.moveDown(0.4);
			}
		},
		{ alt }
	);
	paragraph(doc, parent, alt, FONTS.italic);
}

function keywordFigure(doc: Doc, parent: Struct, entry: KeywordFigure, labels: ReportView['labels']): void {
	heading(doc, parent, 'H3', `${labels.keywordsFigureTitle}: ${entry.theme}`);
	const alt = keywordChartAlt(entry);
	const columns = barColumns(doc, entry.perspectives, Math.max(0, ...entry.counts));
	ensureSpace(doc, entry.perspectives.length * BAR.rowHeight);
	tagged(doc, parent, 'Figure', () => barRows(doc, entry.perspectives, entry.counts, columns), { alt });
	doc.moveDown(0.3);
	if (entry.words.length) paragraph(doc, parent, entry.words.join(', '));
	paragraph(doc, parent, alt, FONTS.italic);
}

function figures(doc: Doc, root: Struct, view: ReportView): void {
	const { vote, keywords } = view.figures;
	if (!vote && keywords.length === 0) return;
	const element = doc.struct('Sect');
	root.add(element);
	heading(doc, element, 'H2', view.labels.figuresHeading);
	if (vote) voteFigure(doc, element, vote, view.labels);
	for (const entry of keywords) keywordFigure(doc, element, entry, view.labels);
	element.end();
}

// ---------------------------------------------------------------------------------------------
// Reactienota

/** A label in a narrow column with its value beside it; the value may flow onto the next page. */
function field(doc: Doc, parent: Struct, label: string, value: string, labelWidth: number): void {
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

function responseFields(line: ResponseLine, labels: ReportView['labels']): [string, string][] {
	const fields: [string, string][] = [
		[labels.columnComment, line.comment],
		[labels.columnPerspective, line.perspective],
		[labels.columnDecision, line.decisionLabel]
	];
	if (line.reason) fields.push([labels.columnReason, line.reason]);
	return fields;
}

/** The height an entry of the reactienota will take, to keep it on one page when it fits. */
function responseHeight(doc: Doc, target: string, fields: [string, string][], labelWidth: number): number {
	const height = (text: string, font: string, size: number, width: number) =>
		setFont(doc, font, size).heightOfString(toWinAnsi(text), { width, lineGap: LINE_GAP });
	const width = contentWidth(doc);
	const rows = fields.map(([label, value]) =>
		Math.max(height(`${label}:`, FONTS.bold, SIZES.body, labelWidth - 8), height(value, FONTS.regular, SIZES.body, width - labelWidth))
	);
	return height(target, FONTS.bold, SIZES.h3, width) + rows.reduce((sum, row) => sum + row + 4, 0) + 8;
}

function responseEntry(doc: Doc, parent: Struct, line: ResponseLine, labels: ReportView['labels'], labelWidth: number): void {
	const fields = responseFields(line, labels);
	const height = responseHeight(doc, line.target, fields, labelWidth);
	const pageSpace = bottomLimit(doc) - doc.page.margins.top;
	ensureSpace(doc, height <= pageSpace ? height : 5 * (SIZES.body + LINE_GAP + 2));
	const element = doc.struct('Div');
	parent.add(element);
	setFont(doc, FONTS.bold, SIZES.h3);
	tagged(doc, element, 'H3', () => write(doc, line.target));
	doc.moveDown(0.2);
	for (const [label, value] of fields) field(doc, element, label, value, labelWidth);
	element.end();
	rule(doc, 6);
}

function responses(doc: Doc, root: Struct, view: ReportView): void {
	const { labels } = view;
	const element = doc.struct('Sect');
	root.add(element);
	heading(doc, element, 'H2', labels.responsesHeading);
	if (view.responses.length === 0) {
		paragraph(doc, element, labels.responsesEmpty);
	} else {
		setFont(doc, FONTS.bold, SIZES.body);
		const names = [labels.columnComment, labels.columnPerspective, labels.columnDecision, labels.columnReason];
		const widest = Math.max(...names.map((name) => doc.widthOfString(toWinAnsi(`${name}:`))));
		const labelWidth = Math.min(contentWidth(doc) * 0.35, widest + 12);
		for (const line of view.responses) responseEntry(doc, element, line, labels, labelWidth);
	}
	element.end();
}

// ---------------------------------------------------------------------------------------------
// Document

/** Footer on every page: the report title and the page number as "X / Y" (no words, no i18n). */
function footers(doc: Doc, title: string): void {
	const range = doc.bufferedPageRange();
	for (let index = range.start; index < range.start + range.count; index++) {
		doc.switchToPage(index);
		const bottom = doc.page.margins.bottom;
		doc.page.margins.bottom = 0;
		const y = doc.page.height - bottom + 24;
		const left = doc.page.margins.left;
		const width = contentWidth(doc);
		artifact(doc, () => {
			setFont(doc, FONTS.regular, SIZES.footer, MUTED);
			doc.text(toWinAnsi(title), left, y, { width: width * 0.75, lineBreak: false, ellipsis: true, height: SIZES.footer * 1.5 });
			doc.text(`${index + 1} / ${range.count}`, left, y, { width, align: 'right', lineBreak: false });
		}, 'Pagination');
		doc.page.margins.bottom = bottom;
	}
}

function collect(doc: Doc): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
}

/** Renders the report as a tagged A4 PDF (Dutch language tag, title in the metadata). */
export async function renderReportPdf(view: ReportView): Promise<Buffer> {
	const doc = new PDFDocument({
		size: 'A4',
		margins: MARGINS,
		bufferPages: true,
		tagged: true,
		lang: 'nl-NL',
		displayTitle: true,
		pdfVersion: '1.7',
		info: {
			Title: view.content.title,
			Subject: view.meta.sessionTitle,
			Author: view.meta.facilitator,
			Creator: 'Kwaliteitsdialoog'
		}
	});
	const done = collect(doc);
	const root = doc.struct('Document');
	doc.addStructure(root);
	metaBlock(doc, root, view);
	for (const content of view.content.sections) section(doc, root, view, content);
	figures(doc, root, view);
	responses(doc, root, view);
	root.end();
	footers(doc, view.meta.versionLabel ? `${view.content.title} · ${view.meta.versionLabel}` : view.content.title);
	doc.end();
	return done;
}
