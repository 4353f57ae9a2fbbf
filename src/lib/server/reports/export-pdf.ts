/**
 * Renders a session report (`ReportView`) as an A4 PDF with pdfkit, for participants and
 * municipalities who want a document to read, print or archive.
 *
 * The PDF is tagged (headings, paragraphs, lists, figures with alternative text) and has its
 * language and title set, so screen readers can follow it. The layout, the fonts and the
 * WinAnsi-safe text come from the shared building blocks in ../pdf/layout.ts; this module adds
 * what only the session report has: its sections, the criteria, the charts and the reactienota.
 * Every visible string comes from the view; this module holds no translations.
 */
import {
	bottomLimit,
	columnField,
	contentWidth,
	createPdf,
	dataTable,
	ensureSpace,
	FONTS,
	footers,
	heading,
	INK,
	LINE_GAP,
	list,
	MUTED,
	paragraph,
	rule,
	setFont,
	SIZES,
	tagged,
	toWinAnsi,
	write,
	type Doc,
	type Struct
} from '../pdf/layout';
import {
	bodyBlocks,
	keywordChartAlt,
	keywordChartTable,
	perspectiveStyle,
	voteChartAlt,
	voteChartTable,
	type BodyBlock,
	type KeywordFigure,
	type VoteFigure
} from './charts';
import {
	addresseeLine,
	firstCriterionNumbers,
	type ReportCriterion,
	type ReportSection,
	type ReportView,
	type ResponseLine
} from './types';

// ---------------------------------------------------------------------------------------------
// Sections

function bodyBlock(doc: Doc, parent: Struct, block: BodyBlock): void {
	if (block.kind === 'paragraph') paragraph(doc, parent, block.lines.join('\n'));
	else list(doc, parent, block.items);
}

function criteria(doc: Doc, parent: Struct, items: ReportCriterion[], labels: ReportView['labels'], first: number): void {
	heading(doc, parent, 'H3', labels.criteriaHeading);
	const texts = items.map(
		(criterion) =>
			`${criterion.text} (${criterion.status === 'agreed' ? labels.agreedLabel : labels.provisionalLabel}). ${addresseeLine(criterion, labels)}`
	);
	list(doc, parent, texts, { label: (index) => `${first + index}.` });
}

function section(doc: Doc, root: Struct, view: ReportView, content: ReportSection, first: number): void {
	const element = doc.struct('Sect');
	root.add(element);
	heading(doc, element, 'H2', content.heading);
	for (const block of bodyBlocks(content.body)) bodyBlock(doc, element, block);
	if (content.criteria?.length) criteria(doc, element, content.criteria, view.labels, first);
	element.end();
}

function metaBlock(doc: Doc, root: Struct, view: ReportView): void {
	heading(doc, root, 'H1', view.content.title);
	const { meta, labels } = view;
	paragraph(doc, root, labels.reportFor, { font: FONTS.bold });
	const lines = [meta.versionLabel, meta.sessionDate, meta.facilitator].filter((line): line is string => !!line);
	for (const line of lines) {
		paragraph(doc, root, line, { colour: MUTED });
		doc.moveUp(0.3);
	}
	doc.moveDown(0.3);
	if (meta.commentNote) paragraph(doc, root, meta.commentNote, { font: FONTS.bold });
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
			doc
				.rect(columns.barStart, y + 1, width, BAR.height)
				.lineWidth(0.5)
				.fillAndStroke(perspectiveStyle(index).colour, INK);
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
	paragraph(doc, parent, alt, { font: FONTS.italic });
	const table = voteChartTable(vote, labels);
	dataTable(doc, parent, table.head, table.rows, true);
}

function keywordFigure(doc: Doc, parent: Struct, entry: KeywordFigure, labels: ReportView['labels']): void {
	heading(doc, parent, 'H3', `${labels.keywordsFigureTitle}: ${entry.theme}`);
	const alt = keywordChartAlt(entry);
	const columns = barColumns(doc, entry.perspectives, Math.max(0, ...entry.counts));
	ensureSpace(doc, entry.perspectives.length * BAR.rowHeight);
	tagged(doc, parent, 'Figure', () => barRows(doc, entry.perspectives, entry.counts, columns), { alt });
	doc.moveDown(0.3);
	if (entry.words.length) paragraph(doc, parent, entry.words.join(', '));
	paragraph(doc, parent, alt, { font: FONTS.italic });
	const table = keywordChartTable(entry);
	dataTable(doc, parent, table.head, table.rows);
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
	for (const [label, value] of fields) columnField(doc, element, label, value, labelWidth);
	element.end();
	rule(doc, 6);
}

function responses(doc: Doc, root: Struct, view: ReportView): void {
	const { labels } = view;
	const element = doc.struct('Sect');
	root.add(element);
	heading(doc, element, 'H2', labels.responsesHeading);
	if (view.meta.closedEarly) paragraph(doc, element, view.meta.closedEarly);
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

/** Renders the report as a tagged A4 PDF (Dutch language tag, title in the metadata). */
export async function renderReportPdf(view: ReportView): Promise<Buffer> {
	const { doc, root, done } = createPdf({
		title: view.content.title,
		subject: view.meta.sessionTitle,
		author: view.meta.facilitatorName,
		lang: 'nl-NL'
	});
	metaBlock(doc, root, view);
	const first = firstCriterionNumbers(view.content);
	view.content.sections.forEach((content, i) => section(doc, root, view, content, first[i]!));
	figures(doc, root, view);
	responses(doc, root, view);
	root.end();
	footers(doc, view.meta.versionLabel ? `${view.content.title} · ${view.meta.versionLabel}` : view.content.title);
	doc.end();
	return done;
}
