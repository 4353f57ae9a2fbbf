/**
 * The shape of a session report (verslag), shared by the domain (compose, edit, versions,
 * comments), the exports (PDF, DOCX, printable HTML) and the pages.
 *
 * The content is a list of sections. Each section has a stable key (participants comment on
 * a section or on one criterion by key), a heading and a body in plain text: paragraphs are
 * separated by a blank line, and a line starting with "- " is a bullet. Theme sections also
 * carry their criteria, each with its own key.
 */

import type { Addressee, CommentDecision } from '../../shared/vocabulary';

export { REPORT_STATUSES, type ReportStatus } from '../../shared/vocabulary';

export interface ReportCriterion {
	/** Stable within the report, e.g. "regie-3". */
	key: string;
	text: string;
	/** Agreed in the session, or a first provisional criterion. */
	status: 'agreed' | 'provisional';
	/** Whom it addresses, as agreed in the session; missing or empty: not recorded (reports and sessions from before). */
	addressees?: Addressee[];
}

export interface ReportSection {
	/** Stable key: "intro", "vote", "theme-<themeKey>", "agreements", "evaluation", "next". */
	key: string;
	heading: string;
	body: string;
	criteria?: ReportCriterion[];
}

export interface ReportContent {
	title: string;
	sections: ReportSection[];
}

/** Figures for the beeldverslag: computed from stored results, not editable. */
export interface ReportFigures {
	/** Stickers per theme and per perspective (the session's own vote, not the pre-vote). */
	vote: {
		/** Perspective labels in display order (already translated). */
		perspectives: string[];
		themes: { name: string; chosen: boolean; counts: number[]; total: number }[];
	} | null;
	/** Per treated theme, the brainstorm keywords and how many came from each perspective. */
	keywords: {
		theme: string;
		perspectives: string[];
		counts: number[];
		words: string[];
	}[];
}

/** One comment with the facilitator's answer: a line of the reactienota. */
export interface ResponseLine {
	/** Heading of the section, or "Criterium: <text>" for a criterion. */
	target: string;
	comment: string;
	/** Perspective of the person who commented (never their name), "(telefonisch)" added for a phone response. */
	perspective: string;
	/** Told to the facilitator on the phone, not written by the participant. */
	phone: boolean;
	decision: CommentDecision;
	/** Translated decision label, e.g. "Overgenomen". */
	decisionLabel: string;
	reason: string | null;
}

/** Everything an export needs, with every label already translated (exports hold no i18n). */
export interface ReportView {
	content: ReportContent;
	figures: ReportFigures;
	meta: {
		sessionTitle: string;
		/** Already formatted, e.g. "dinsdag 3 maart 2026, 14:00". */
		sessionDate: string | null;
		/** e.g. "Concept, versie 1" or "Definitieve versie (versie 2)". */
		versionLabel: string;
		/** e.g. "Reacties graag vóór 17 maart 2026", or null. */
		commentNote: string | null;
		/** e.g. "De reactietermijn is op … eerder gesloten. Reden: …", or null. */
		closedEarly: string | null;
		/** e.g. "Gespreksleider: Anna de Vries", for a line of its own; empty without a name. */
		facilitator: string;
		/** The name alone, e.g. for a labelled field or a PDF's author. */
		facilitatorName: string;
	};
	/** The reactienota; empty when there are no comments (yet). */
	responses: ResponseLine[];
	labels: {
		reportFor: string;
		figuresHeading: string;
		voteFigureTitle: string;
		voteFigureAlt: string;
		keywordsFigureTitle: string;
		criteriaHeading: string;
		agreedLabel: string;
		provisionalLabel: string;
		/** "Gericht aan", the names of the addressees, and what an unrecorded addressee reads as. */
		addresseesLabel: string;
		addresseeNames: Record<Addressee, string>;
		addresseesUnknown: string;
		responsesHeading: string;
		responsesEmpty: string;
		columnTarget: string;
		columnComment: string;
		columnPerspective: string;
		columnDecision: string;
		columnReason: string;
		themeColumn: string;
		totalColumn: string;
		chosenLabel: string;
	};
}

/**
 * The number of each section's first criterion: criteria are numbered through the whole report,
 * on the page and in every export alike, so "criterium 3" in a comment is the same one everywhere.
 */
export function firstCriterionNumbers(content: Pick<ReportContent, 'sections'>): number[] {
	let next = 1;
	return content.sections.map((s) => {
		const first = next;
		next += s.criteria?.length ?? 0;
		return first;
	});
}

/** "Gericht aan: Gemeente, Aanbieder" (or "… niet vastgelegd"), for the exports. */
export function addresseeLine(criterion: Pick<ReportCriterion, 'addressees'>, labels: ReportView['labels']): string {
	const names = (criterion.addressees ?? []).map((a) => labels.addresseeNames[a]).join(', ');
	return `${labels.addresseesLabel}: ${names || labels.addresseesUnknown}`;
}
