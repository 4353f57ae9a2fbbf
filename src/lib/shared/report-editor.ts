/**
 * The report editor's form values (browser-safe): the working copy as the form shows it, and
 * as it is read back when a save is refused, so the typed text is never lost.
 */
export interface EditorCriterion {
	key: string;
	text: string;
	status: 'agreed' | 'provisional';
}

export interface EditorSection {
	key: string;
	heading: string;
	body: string;
	/** A theme section: it has a list of criteria (possibly empty) and a row for a new one. */
	hasCriteria: boolean;
	criteria: EditorCriterion[];
	newCriterion: EditorCriterion | null;
}

export interface EditorValues {
	title: string;
	sections: EditorSection[];
}
