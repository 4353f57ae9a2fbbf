/**
 * Renders an assessment report (`AssessmentReportView`) as an A4 PDF with pdfkit: the document
 * a provider receives, to read, print and keep. Same approach as the session report
 * (../reports/export-pdf.ts): tagged PDF with language and title, the built-in Helvetica
 * fonts, text passed through toWinAnsi, footers as artifacts. Every visible string comes from
 * the view, already translated; this module holds no i18n.
 */
import PDFDocument from 'pdfkit';
import { toWinAnsi } from '../reports/export-pdf';

/** A label with its value, e.g. "Aanbieder: Thuiszorg Noord". */
export interface LabelledValue {
	label: string;
	value: string;
}

export interface AssessmentRequirementView {
	/** "Eis 14". */
	title: string;
	text: string;
	/** The level in words with its number, "Voldoet grotendeels (0,75)", or "no score yet". */
	level: string;
	evidence: string | null;
	explanation: string | null;
}

export interface AssessmentThemeView {
	name: string;
	/** The theme's arithmetic, "2,75 / 4 = 68,8 %". */
	arithmetic: string;
	/** In words why the theme is flagged; null when it is not. */
	flag: string | null;
	requirements: AssessmentRequirementView[];
	/** Requirements that do not apply to this provider, with the reason when one was given. */
	notApplicable: { title: string; text: string; reason: string | null }[];
}

/** Everything the provider's report shows, with every label translated (the PDF holds no i18n). */
export interface AssessmentReportView {
	/** The document's language tag, e.g. "nl-NL". */
	lang: string;
	title: string;
	provider: string;
	meta: LabelledValue[];
	/** A note for an assessment that is not final yet; null when it is. */
	statusNote: string | null;
	themes: AssessmentThemeView[];
	computation: {
		overall: string;
		themes: LabelledValue[];
		outcome: string;
		/** The boundary rule, one sentence per line. */
		rule: string[];
		unscored: string | null;
	};
	/** One line per flagged theme. */
	flagged: string[];
	weighing: LabelledValue[];
	recurrence: string[];
	trust: { name: string; judgement: string; motivation: string | null }[];
	decision: LabelledValue[];
	followUp: LabelledValue[];
	amendments: { title: string; reason: string; changes: string[] }[];
	labels: {
		themesHeading: string;
		themesIntro: string;
		shareLabel: string;
		levelLabel: string;
		evidenceLabel: string;
		explanationLabel: string;
		noExplanation: string;
		notApplicableHeading: string;
		reasonLabel: string;
		computationHeading: string;
		computationIntro: string;
		overallLabel: string;
		perThemeLabel: string;
		outcomeLabel: string;
		ruleHeading: string;
		flaggedHeading: string;
		flaggedNone: string;
		weighingHeading: string;
		recurrenceHeading: string;
		recurrenceNone: string;
		trustHeading: string;
		trustIntro: string;
		judgementLabel: string;
		motivationLabel: string;
		decisionHeading: string;
		followUpHeading: string;
		followUpNone: string;
		amendmentsHeading: string;
		amendmentsNone: string;
		amendmentReason: string;
	};
}

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const MARGINS = { top: 56, bottom: 64, left: 62, right: 62 };
const SIZES = { title: 20, h2: 15, h3: 12.5, h4: 11.5, body: 11, footer: 10 };
const LINE_GAP = 3;
const INK = '#1a1a1a';
const MUTED = '#444444';
const RULE = '#999999';
const FONTS = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' };

function contentWidth(doc: Doc): number {
	return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** A new page when `height` does not fit; open tags carry over (continueOnNewPage). */
function ensureSpace(doc: Doc, height: number): void {
	if (doc.y + height > doc.page.height - doc.page.margins.bottom && doc.y > doc.page.margins.top + 1) doc.continueOnNewPage();
}

function setFont(doc: Doc, font: string, size: number, colour = INK): Doc {
	return doc.font(font).fontSize(size).fillColor(colour);
}

function write(doc: Doc, text: string, options: PDFKit.Mixins.TextOptions & { x?: number } = {}): void {
	const { x = doc.page.margins.left, ...textOptions } = options;
	const width = textOptions.width ?? contentWidth(doc) - (x - doc.page.margins.left);
	doc.text(toWinAnsi(text), x, doc.y, { lineGap: LINE_GAP, ...textOptions, width });
}

function tagged(doc: Doc, parent: Struct, tag: string, draw: () => void): void {
	parent.add(doc.struct(tag, {}, draw));
}

function artifact(doc: Doc, draw: () => void, type: 'Pagination' | 'Layout'): void {
	doc.markContent('Artifact', { type });
	draw();
	doc.endMarkedContent();
}

function rule(doc: Doc): void {
	const y = doc.y + 4;
	artifact(doc, () => {
		doc.moveTo(doc.page.margins.left, y).lineTo(doc.page.width - doc.page.margins.right, y).lineWidth(0.75).strokeColor(RULE).stroke();
	}, 'Layout');
	doc.y = y + 10;
}

function heading(doc: Doc, parent: Struct, level: 'H1' | 'H2' | 'H3' | 'H4', text: string): void {
	const size = { H1: SIZES.title, H2: SIZES.h2, H3: SIZES.h3, H4: SIZES.h4 }[level];
	setFont(doc, FONTS.bold, size);
	const height = doc.heightOfString(toWinAnsi(text), { width: contentWidth(doc), lineGap: LINE_GAP });
	if (level !== 'H1') doc.moveDown(level === 'H4' ? 0.3 : 0.6);
	// Keep a heading together with the start of what follows.
	ensureSpace(doc, height + 3 * (SIZES.body + LINE_GAP + 2));
	if (level === 'H2') doc.outline.addItem(text);
	tagged(doc, parent, level, () => write(doc, text));
	doc.moveDown(0.3);
}

function paragraph(doc: Doc, parent: Struct, text: string, font = FONTS.regular, colour = INK): void {
	setFont(doc, font, SIZES.body, colour);
	ensureSpace(doc, 2 * (SIZES.body + LINE_GAP));
	tagged(doc, parent, 'P', () => write(doc, text));
	doc.moveDown(0.4);
}

/** "Label: value" as one paragraph, the label in bold. */
function field(doc: Doc, parent: Struct, label: string, value: string): void {
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

function list(doc: Doc, parent: Struct, items: string[]): void {
	const listElement = doc.struct('L');
	parent.add(listElement);
	for (const item of items) {
		setFont(doc, FONTS.regular, SIZES.body);
		ensureSpace(doc, 2 * (SIZES.body + LINE_GAP));
		const y = doc.y;
		const itemElement = doc.struct('LI');
		listElement.add(itemElement);
		tagged(doc, itemElement, 'Lbl', () => doc.text('•', doc.page.margins.left + 4, y, { lineBreak: false }));
		doc.y = y;
		tagged(doc, itemElement, 'LBody', () => write(doc, item, { x: doc.page.margins.left + 20 }));
		itemElement.end();
		doc.moveDown(0.2);
	}
	listElement.end();
	doc.moveDown(0.3);
}

/** A section with an H2 heading; `draw` fills it. */
function section(doc: Doc, root: Struct, title: string, draw: (element: Struct) => void): void {
	const element = doc.struct('Sect');
	root.add(element);
	heading(doc, element, 'H2', title);
	draw(element);
	element.end();
}

function themes(doc: Doc, root: Struct, view: AssessmentReportView): void {
	const { labels } = view;
	section(doc, root, labels.themesHeading, (element) => {
		paragraph(doc, element, labels.themesIntro);
		for (const theme of view.themes) {
			const themeElement = doc.struct('Sect');
			element.add(themeElement);
			heading(doc, themeElement, 'H3', theme.name);
			field(doc, themeElement, labels.shareLabel, theme.arithmetic);
			if (theme.flag) paragraph(doc, themeElement, theme.flag, FONTS.bold);
			for (const r of theme.requirements) {
				const item = doc.struct('Div');
				themeElement.add(item);
				heading(doc, item, 'H4', r.title);
				paragraph(doc, item, r.text);
				field(doc, item, labels.levelLabel, r.level);
				if (r.evidence) field(doc, item, labels.evidenceLabel, r.evidence);
				field(doc, item, labels.explanationLabel, r.explanation ?? labels.noExplanation);
				item.end();
			}
			if (theme.notApplicable.length > 0) {
				heading(doc, themeElement, 'H4', labels.notApplicableHeading);
				list(
					doc,
					themeElement,
					theme.notApplicable.map((r) => `${r.title}: ${r.text}${r.reason ? ` (${labels.reasonLabel}: ${r.reason})` : ''}`)
				);
			}
			themeElement.end();
		}
	});
}

function computation(doc: Doc, root: Struct, view: AssessmentReportView): void {
	const { labels, computation: c } = view;
	section(doc, root, labels.computationHeading, (element) => {
		paragraph(doc, element, labels.computationIntro);
		field(doc, element, labels.overallLabel, c.overall);
		field(doc, element, labels.outcomeLabel, c.outcome);
		if (c.unscored) paragraph(doc, element, c.unscored, FONTS.bold);
		heading(doc, element, 'H3', labels.perThemeLabel);
		list(doc, element, c.themes.map((line) => `${line.label}: ${line.value}`));
		heading(doc, element, 'H3', labels.ruleHeading);
		list(doc, element, c.rule);
	});
	section(doc, root, labels.flaggedHeading, (element) => {
		if (view.flagged.length === 0) paragraph(doc, element, labels.flaggedNone);
		else list(doc, element, view.flagged);
	});
}

function weighing(doc: Doc, root: Struct, view: AssessmentReportView): void {
	const { labels } = view;
	section(doc, root, labels.weighingHeading, (element) => {
		for (const line of view.weighing) field(doc, element, line.label, line.value);
		heading(doc, element, 'H3', labels.recurrenceHeading);
		if (view.recurrence.length === 0) paragraph(doc, element, labels.recurrenceNone);
		else list(doc, element, view.recurrence);
	});
	section(doc, root, labels.trustHeading, (element) => {
		paragraph(doc, element, labels.trustIntro);
		for (const behaviour of view.trust) {
			heading(doc, element, 'H3', behaviour.name);
			field(doc, element, labels.judgementLabel, behaviour.judgement);
			if (behaviour.motivation) field(doc, element, labels.motivationLabel, behaviour.motivation);
		}
	});
}

function decision(doc: Doc, root: Struct, view: AssessmentReportView): void {
	const { labels } = view;
	section(doc, root, labels.decisionHeading, (element) => {
		for (const line of view.decision) field(doc, element, line.label, line.value);
	});
	section(doc, root, labels.followUpHeading, (element) => {
		if (view.followUp.length === 0) paragraph(doc, element, labels.followUpNone);
		for (const line of view.followUp) field(doc, element, line.label, line.value);
	});
	section(doc, root, labels.amendmentsHeading, (element) => {
		if (view.amendments.length === 0) paragraph(doc, element, labels.amendmentsNone);
		for (const amendment of view.amendments) {
			heading(doc, element, 'H3', amendment.title);
			field(doc, element, labels.amendmentReason, amendment.reason);
			list(doc, element, amendment.changes);
		}
	});
}

/** Footer on every page: the title and "X / Y" (no words, so no i18n). */
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

/** Renders the assessment report as a tagged A4 PDF (Dutch language tag, title in the metadata). */
export async function renderAssessmentPdf(view: AssessmentReportView): Promise<Buffer> {
	const doc = new PDFDocument({
		size: 'A4',
		margins: MARGINS,
		bufferPages: true,
		tagged: true,
		lang: view.lang,
		displayTitle: true,
		pdfVersion: '1.7',
		info: { Title: view.title, Subject: view.provider, Creator: 'Kwaliteitsdialoog' }
	});
	const done = collect(doc);
	const root = doc.struct('Document');
	doc.addStructure(root);
	heading(doc, root, 'H1', view.title);
	for (const line of view.meta) field(doc, root, line.label, line.value);
	if (view.statusNote) paragraph(doc, root, view.statusNote, FONTS.bold);
	rule(doc);
	themes(doc, root, view);
	computation(doc, root, view);
	weighing(doc, root, view);
	decision(doc, root, view);
	root.end();
	footers(doc, view.title);
	doc.end();
	return done;
}
