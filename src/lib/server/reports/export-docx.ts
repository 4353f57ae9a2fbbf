/**
 * Renders a session report (`ReportView`) as a Word document with the `docx` package, because
 * municipalities take the report further in Word: they edit it, add their logo, send it on.
 *
 * The document uses real Word structure so that it stays accessible and easy to edit: heading
 * styles, bullet and numbered lists from a numbering definition, and real tables for the
 * figures and the reactienota (with a header row that repeats on each page). The language is
 * Dutch (nl-NL) and the title is in the core properties. Every visible string comes from the
 * view; this module holds no translations.
 */
import {
	AlignmentType,
	Document,
	Footer,
	HeadingLevel,
	LevelFormat,
	Packer,
	PageNumber,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import { bodyBlocks, keywordChartTable, voteChartTable, type BodyBlock, type ChartTable } from './charts';
import { xmlChars } from '../xml';
import { addresseeLine, type ReportCriterion, type ReportSection, type ReportView } from './types';

const BULLETS = 'report-bullets';
const CRITERIA = 'report-criteria';
/** A4 in twentieths of a point, with 2.5 cm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1417 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

type Block = Paragraph | Table;

// ---------------------------------------------------------------------------------------------
// Text

function run(text: string, options: { bold?: boolean; italics?: boolean; break?: number } = {}): TextRun {
	return new TextRun({ text: xmlChars(text), ...options });
}

function heading(level: (typeof HeadingLevel)[keyof typeof HeadingLevel], text: string): Paragraph {
	return new Paragraph({ heading: level, children: [run(text)] });
}

/** A paragraph whose lines keep their line breaks. */
function paragraph(text: string, options: { bold?: boolean; italics?: boolean } = {}): Paragraph {
	const lines = text.split('\n');
	return new Paragraph({ children: lines.map((line, index) => run(line, { ...options, break: index > 0 ? 1 : undefined })) });
}

function bodyBlock(block: BodyBlock): Paragraph[] {
	if (block.kind === 'paragraph') return [paragraph(block.lines.join('\n'))];
	return block.items.map((item) => new Paragraph({ numbering: { reference: BULLETS, level: 0 }, children: [run(item)] }));
}

// ---------------------------------------------------------------------------------------------
// Tables

function cell(text: string, header = false): TableCell {
	return new TableCell({
		children: [new Paragraph({ children: [run(text, { bold: header })] })],
		shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' } : undefined,
		margins: { top: 60, bottom: 60, left: 100, right: 100 }
	});
}

/** A full-width table with a header row that Word repeats on every page. */
function table(head: string[], rows: string[][], columnWidths?: number[]): Table {
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		columnWidths: columnWidths ?? head.map(() => Math.floor(CONTENT_WIDTH / head.length)),
		rows: [
			new TableRow({ tableHeader: true, cantSplit: true, children: head.map((text) => cell(text, true)) }),
			...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text) => cell(text)) }))
		]
	});
}

function chartTable(data: ChartTable): Table {
	return table(data.head, data.rows);
}

// ---------------------------------------------------------------------------------------------
// Parts of the report

function metaBlock(view: ReportView): Paragraph[] {
	const { meta, labels } = view;
	const lines = [meta.versionLabel, meta.sessionDate, meta.facilitator].filter((line): line is string => !!line);
	return [
		heading(HeadingLevel.HEADING_1, view.content.title),
		paragraph(labels.reportFor, { bold: true }),
		...(lines.length ? [paragraph(lines.join('\n'))] : []),
		...(meta.commentNote ? [paragraph(meta.commentNote, { bold: true })] : [])
	];
}

/** Criteria as a numbered list; all sections share one numbering instance, so the numbers run on through the report. */
function criteria(items: ReportCriterion[], labels: ReportView['labels']): Paragraph[] {
	return [
		heading(HeadingLevel.HEADING_3, labels.criteriaHeading),
		...items.map(
			(criterion) =>
				new Paragraph({
					numbering: { reference: CRITERIA, level: 0, instance: 1 },
					children: [
						run(`${criterion.text} `),
						run(`(${criterion.status === 'agreed' ? labels.agreedLabel : labels.provisionalLabel})`, { italics: true }),
						run(`. ${addresseeLine(criterion, labels)}`)
					]
				})
		)
	];
}

function section(content: ReportSection, labels: ReportView['labels']): Block[] {
	return [
		heading(HeadingLevel.HEADING_2, content.heading),
		...bodyBlocks(content.body).flatMap(bodyBlock),
		...(content.criteria?.length ? criteria(content.criteria, labels) : [])
	];
}

function figures(view: ReportView): Block[] {
	const { vote, keywords } = view.figures;
	if (!vote && keywords.length === 0) return [];
	const blocks: Block[] = [heading(HeadingLevel.HEADING_2, view.labels.figuresHeading)];
	if (vote) blocks.push(heading(HeadingLevel.HEADING_3, view.labels.voteFigureTitle), chartTable(voteChartTable(vote, view.labels)));
	for (const entry of keywords) {
		blocks.push(heading(HeadingLevel.HEADING_3, `${view.labels.keywordsFigureTitle}: ${entry.theme}`));
		blocks.push(chartTable(keywordChartTable(entry)));
		if (entry.words.length) blocks.push(paragraph(entry.words.join(', ')));
	}
	return blocks;
}

function responses(view: ReportView): Block[] {
	const { labels } = view;
	const closed = view.meta.closedEarly ? [paragraph(view.meta.closedEarly)] : [];
	if (view.responses.length === 0)
		return [heading(HeadingLevel.HEADING_2, labels.responsesHeading), ...closed, paragraph(labels.responsesEmpty)];
	const head = [labels.columnTarget, labels.columnComment, labels.columnPerspective, labels.columnDecision, labels.columnReason];
	const rows = view.responses.map((line) => [line.target, line.comment, line.perspective, line.decisionLabel, line.reason ?? '']);
	const widths = [0.22, 0.27, 0.15, 0.14, 0.22].map((share) => Math.floor(share * CONTENT_WIDTH));
	return [heading(HeadingLevel.HEADING_2, labels.responsesHeading), ...closed, table(head, rows, widths)];
}

/** Spacer between blocks: Word puts tables flush against the next paragraph otherwise. */
function withSpacing(blocks: Block[]): Block[] {
	return blocks.flatMap((block, index) => (block instanceof Table && index < blocks.length - 1 ? [block, new Paragraph({})] : [block]));
}

// ---------------------------------------------------------------------------------------------
// Document

function numbering() {
	const indent = { paragraph: { indent: { left: 720, hanging: 360 } } };
	return {
		config: [
			{ reference: BULLETS, levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: indent }] },
			{
				reference: CRITERIA,
				levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: indent }]
			}
		]
	};
}

function styles() {
	const headingStyle = (size: number, before: number) => ({
		run: { size, bold: true, color: '1A1A1A', font: 'Calibri' },
		paragraph: { spacing: { before, after: 120 }, keepNext: true }
	});
	return {
		default: {
			document: {
				run: { font: 'Calibri', size: 22, language: { value: 'nl-NL' } },
				paragraph: { spacing: { after: 120, line: 276 } }
			},
			heading1: headingStyle(36, 0),
			heading2: headingStyle(28, 360),
			heading3: headingStyle(24, 240)
		}
	};
}

function footer(): Footer {
	return new Footer({
		children: [
			new Paragraph({
				alignment: AlignmentType.RIGHT,
				children: [new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 20 })]
			})
		]
	});
}

/** Renders the report as a .docx (Dutch language, title in the core properties). */
export async function renderReportDocx(view: ReportView): Promise<Buffer> {
	const children = [
		...metaBlock(view),
		...view.content.sections.flatMap((content) => section(content, view.labels)),
		...figures(view),
		...responses(view)
	];
	const document = new Document({
		title: xmlChars(view.content.title),
		subject: xmlChars(view.meta.sessionTitle),
		creator: 'Kwaliteitsdialoog',
		styles: styles(),
		numbering: numbering(),
		sections: [
			{
				properties: {
					page: {
						size: { width: PAGE.width, height: PAGE.height },
						margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin }
					}
				},
				footers: { default: footer() },
				children: withSpacing(children)
			}
		]
	});
	return Packer.toBuffer(document);
}
