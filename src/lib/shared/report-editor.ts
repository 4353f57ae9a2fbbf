/**
 * The report editor's form values (browser-safe): the working copy as the form shows it, and
 * as it is read back when a save is refused, so the typed text is never lost.
 */
import { ADDRESSEES, type Addressee } from './vocabulary';

export interface EditorCriterion {
	key: string;
	text: string;
	status: 'agreed' | 'provisional';
	/** Whom it addresses; empty: not recorded. */
	addressees: Addressee[];
}

/** The addressees as one form value ("municipality+provider"; empty: not recorded). */
export const addresseesValue = (addressees: readonly Addressee[]): string => addressees.join('+');

/** A form value back into addressees: known codes only, each once, in the usual order. */
export const addresseesFromValue = (value: string): Addressee[] => {
	const codes = value.split('+');
	return ADDRESSEES.filter((a) => codes.includes(a));
};

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
