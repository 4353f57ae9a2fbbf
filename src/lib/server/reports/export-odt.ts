/**
 * Renders a session report (`ReportView`) as OpenDocument Text (.odt), next to the Word file:
 * ODF is the Dutch government's standard for documents people edit further. It is the same
 * view and the same order as the Word export (./export-docx.ts): the title and meta, each
 * section with its bullets and numbered criteria, the figures as tables with their numbers,
 * and the reactienota as a table with a header row. Every visible string comes from the view;
 * this module holds no translations. The package itself is built by ../odf/writer.ts.
 */
import { renderOdt, type OdtBlock } from '../odf/writer';
import { bodyBlocks, keywordChartTable, voteChartTable, type BodyBlock, type ChartTable } from './charts';
import { addresseeLine, firstCriterionNumbers, type ReportCriterion, type ReportSection, type ReportView } from './types';

function bodyBlock(block: BodyBlock): OdtBlock {
	if (block.kind === 'paragraph') return { kind: 'paragraph', text: block.lines.join('\n') };
	return { kind: 'list', items: block.items };
}

function chartTable(data: ChartTable): OdtBlock {
	return { kind: 'table', head: data.head, rows: data.rows };
}

function metaBlock(view: ReportView): OdtBlock[] {
	const { meta, labels } = view;
	const lines = [meta.versionLabel, meta.sessionDate, meta.facilitator].filter((line): line is string => !!line);
	return [
		{ kind: 'heading', level: 1, text: view.content.title },
		{ kind: 'paragraph', text: labels.reportFor, bold: true },
		...(lines.length ? [{ kind: 'paragraph', text: lines.join('\n') } as const] : []),
		...(meta.commentNote ? [{ kind: 'paragraph', text: meta.commentNote, bold: true } as const] : [])
	];
}

function criteria(items: ReportCriterion[], labels: ReportView['labels'], first: number): OdtBlock[] {
	return [
		{ kind: 'heading', level: 3, text: labels.criteriaHeading },
		{
			kind: 'list',
			numbered: true,
			start: first,
			items: items.map((criterion) => ({
				text: criterion.text,
				italic: `(${criterion.status === 'agreed' ? labels.agreedLabel : labels.provisionalLabel}). ${addresseeLine(criterion, labels)}`
			}))
		}
	];
}

function section(content: ReportSection, labels: ReportView['labels'], first: number): OdtBlock[] {
	return [
		{ kind: 'heading', level: 2, text: content.heading },
		...bodyBlocks(content.body).map(bodyBlock),
		...(content.criteria?.length ? criteria(content.criteria, labels, first) : [])
	];
}

function figures(view: ReportView): OdtBlock[] {
	const { vote, keywords } = view.figures;
	if (!vote && keywords.length === 0) return [];
	const blocks: OdtBlock[] = [{ kind: 'heading', level: 2, text: view.labels.figuresHeading }];
	if (vote) blocks.push({ kind: 'heading', level: 3, text: view.labels.voteFigureTitle }, chartTable(voteChartTable(vote, view.labels)));
	for (const entry of keywords) {
		blocks.push({ kind: 'heading', level: 3, text: `${view.labels.keywordsFigureTitle}: ${entry.theme}` });
		blocks.push(chartTable(keywordChartTable(entry)));
		if (entry.words.length) blocks.push({ kind: 'paragraph', text: entry.words.join(', ') });
	}
	return blocks;
}

function responses(view: ReportView): OdtBlock[] {
	const { labels } = view;
	const blocks: OdtBlock[] = [{ kind: 'heading', level: 2, text: labels.responsesHeading }];
	if (view.meta.closedEarly) blocks.push({ kind: 'paragraph', text: view.meta.closedEarly });
	if (view.responses.length === 0) return [...blocks, { kind: 'paragraph', text: labels.responsesEmpty }];
	const head = [labels.columnTarget, labels.columnComment, labels.columnPerspective, labels.columnDecision, labels.columnReason];
	const rows = view.responses.map((line) => [line.target, line.comment, line.perspective, line.decisionLabel, line.reason ?? '']);
	return [...blocks, { kind: 'table', head, rows, widths: [22, 27, 15, 14, 22] }];
}

/** Renders the report as an .odt (Dutch language, title and subject in meta.xml). */
export function renderReportOdt(view: ReportView): Promise<Buffer> {
	const first = firstCriterionNumbers(view.content);
	const blocks = [
		...metaBlock(view),
		...view.content.sections.flatMap((content, i) => section(content, view.labels, first[i]!)),
		...figures(view),
		...responses(view)
	];
	return Promise.resolve(renderOdt({ title: view.content.title, subject: view.meta.sessionTitle, lang: 'nl-NL', blocks }));
}
