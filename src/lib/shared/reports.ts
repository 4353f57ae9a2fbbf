/**
 * What the report pages render (browser-safe wire types): section bodies as blocks, charts as
 * SVG with their tables, and the findings of the plain-language check. Made on the server by
 * $lib/server/reports/view.ts.
 */
import type { Addressee } from './vocabulary';

/** A paragraph (its lines) or a bullet list of a section body. */
export type BodyBlock = { kind: 'paragraph'; lines: string[] } | { kind: 'bullets'; items: string[] };

export interface SectionView {
	key: string;
	heading: string;
	blocks: BodyBlock[];
	/** `addressees` empty: not recorded. */
	criteria: { key: string; number: number; text: string; status: 'agreed' | 'provisional'; addressees: Addressee[] }[];
	/** Whether the section has a criteria list at all (a theme section), even an empty one. */
	hasCriteria: boolean;
}

export interface TableView {
	caption: string;
	head: string[];
	rows: string[][];
}

export interface FigureView {
	id: string;
	title: string;
	/** SVG made by charts.ts from stored figures; every text in it is escaped there. */
	svg: string;
	/** The same content in words. */
	alt: string;
	table: TableView;
	words: string[];
}

export interface FindingView {
	kind: 'long_sentence' | 'jargon';
	excerpt: string;
	words?: number;
	suggestion?: string | null;
}

/** Where a session stands after it was held (the dashboard's follow-up column). */
export type FollowUpState =
	/** The session has not been held yet. */
	| 'not_held'
	/** Draft report to send; `due` is the deadline. */
	| 'report_due'
	| 'report_late'
	/** Sent; waiting for responses until `due`. */
	| 'waiting_comments'
	/** The window has closed: answer the comments and make the final version. */
	| 'finalize'
	| 'done';
