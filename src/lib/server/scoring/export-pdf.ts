/**
 * Renders an assessment report (`AssessmentReportView`) as an A4 PDF with pdfkit: the document
 * a provider receives, to read, print and keep. It is built from the same blocks as the session
 * report (../pdf/layout.ts): tagged PDF with language and title, embedded Liberation Sans,
 * WinAnsi-safe text, footers as artifacts. Every visible string comes from the view, already
 * translated; this module holds no i18n.
 */
import {
	createPdf,
	FONTS,
	footers,
	heading,
	inlineField,
	list,
	paragraph,
	rule,
	type Doc,
	type ListOptions,
	type ParagraphOptions,
	type Struct
} from '../pdf/layout';

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
	/** The level's band, "75–65 %: 65 % tot en met 75 % van de indicatoren gehaald"; null without a level. */
	band: string | null;
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
		/** The four levels with their bands (share of a requirement's indicators met), one per line. */
		bands: string[];
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
		bandLabel: string;
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
		bandsHeading: string;
		methodNote: string;
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

/** Paragraphs in this report sit a little closer together than in the session report. */
const PARAGRAPH: ParagraphOptions = { gapAfter: 0.4 };
/** A paragraph in bold, for notes that must stand out (a flag, an unscored requirement, the status). */
const STRONG: ParagraphOptions = { ...PARAGRAPH, font: FONTS.bold };
/** Lists likewise: a slightly narrower indent and less space between items. */
const LIST: ListOptions = { indent: 20, itemGap: 0.2 };

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
		paragraph(doc, element, labels.themesIntro, PARAGRAPH);
		for (const theme of view.themes) {
			const themeElement = doc.struct('Sect');
			element.add(themeElement);
			heading(doc, themeElement, 'H3', theme.name);
			inlineField(doc, themeElement, labels.shareLabel, theme.arithmetic);
			if (theme.flag) paragraph(doc, themeElement, theme.flag, STRONG);
			for (const r of theme.requirements) {
				const item = doc.struct('Div');
				themeElement.add(item);
				heading(doc, item, 'H4', r.title);
				paragraph(doc, item, r.text, PARAGRAPH);
				inlineField(doc, item, labels.levelLabel, r.level);
				if (r.band) inlineField(doc, item, labels.bandLabel, r.band);
				if (r.evidence) inlineField(doc, item, labels.evidenceLabel, r.evidence);
				inlineField(doc, item, labels.explanationLabel, r.explanation ?? labels.noExplanation);
				item.end();
			}
			if (theme.notApplicable.length > 0) {
				heading(doc, themeElement, 'H4', labels.notApplicableHeading);
				list(
					doc,
					themeElement,
					theme.notApplicable.map((r) => `${r.title}: ${r.text}${r.reason ? ` (${labels.reasonLabel}: ${r.reason})` : ''}`),
					LIST
				);
			}
			themeElement.end();
		}
	});
}

function computation(doc: Doc, root: Struct, view: AssessmentReportView): void {
	const { labels, computation: c } = view;
	section(doc, root, labels.computationHeading, (element) => {
		paragraph(doc, element, labels.computationIntro, PARAGRAPH);
		inlineField(doc, element, labels.overallLabel, c.overall);
		inlineField(doc, element, labels.outcomeLabel, c.outcome);
		if (c.unscored) paragraph(doc, element, c.unscored, STRONG);
		heading(doc, element, 'H3', labels.perThemeLabel);
		list(
			doc,
			element,
			c.themes.map((line) => `${line.label}: ${line.value}`),
			LIST
		);
		heading(doc, element, 'H3', labels.ruleHeading);
		list(doc, element, c.rule, LIST);
		heading(doc, element, 'H3', labels.bandsHeading);
		list(doc, element, c.bands, LIST);
		paragraph(doc, element, labels.methodNote, PARAGRAPH);
	});
	section(doc, root, labels.flaggedHeading, (element) => {
		if (view.flagged.length === 0) paragraph(doc, element, labels.flaggedNone, PARAGRAPH);
		else list(doc, element, view.flagged, LIST);
	});
}

function weighing(doc: Doc, root: Struct, view: AssessmentReportView): void {
	const { labels } = view;
	section(doc, root, labels.weighingHeading, (element) => {
		for (const line of view.weighing) inlineField(doc, element, line.label, line.value);
		heading(doc, element, 'H3', labels.recurrenceHeading);
		if (view.recurrence.length === 0) paragraph(doc, element, labels.recurrenceNone, PARAGRAPH);
		else list(doc, element, view.recurrence, LIST);
	});
	section(doc, root, labels.trustHeading, (element) => {
		paragraph(doc, element, labels.trustIntro, PARAGRAPH);
		for (const behaviour of view.trust) {
			heading(doc, element, 'H3', behaviour.name);
			inlineField(doc, element, labels.judgementLabel, behaviour.judgement);
			if (behaviour.motivation) inlineField(doc, element, labels.motivationLabel, behaviour.motivation);
		}
	});
}

function decision(doc: Doc, root: Struct, view: AssessmentReportView): void {
	const { labels } = view;
	section(doc, root, labels.decisionHeading, (element) => {
		for (const line of view.decision) inlineField(doc, element, line.label, line.value);
	});
	section(doc, root, labels.followUpHeading, (element) => {
		if (view.followUp.length === 0) paragraph(doc, element, labels.followUpNone, PARAGRAPH);
		for (const line of view.followUp) inlineField(doc, element, line.label, line.value);
	});
	section(doc, root, labels.amendmentsHeading, (element) => {
		if (view.amendments.length === 0) paragraph(doc, element, labels.amendmentsNone, PARAGRAPH);
		for (const amendment of view.amendments) {
			heading(doc, element, 'H3', amendment.title);
			inlineField(doc, element, labels.amendmentReason, amendment.reason);
			list(doc, element, amendment.changes, LIST);
		}
	});
}

/** Renders the assessment report as a tagged A4 PDF (Dutch language tag, title in the metadata). */
export async function renderAssessmentPdf(view: AssessmentReportView): Promise<Buffer> {
	const { doc, root, done } = createPdf({ title: view.title, subject: view.provider, lang: view.lang });
	heading(doc, root, 'H1', view.title);
	for (const line of view.meta) inlineField(doc, root, line.label, line.value);
	if (view.statusNote) paragraph(doc, root, view.statusNote, STRONG);
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
