/**
 * The report editor's form: the working copy as the editor shows it (with an empty row per
 * theme section for a new criterion), read back when it is posted, turned into the content to
 * save, and where a problem of the content is shown (field names as in ReportEditor).
 */
import { addresseesFromValue, type EditorValues } from '../../shared/report-editor';
import { newCriterionKey } from '../reports/view';
import type { ReportContent } from '../reports/types';
import { formText } from './forms';

/** What a section says, in the content and in the editor alike. */
const sectionText = (s: { key: string; heading: string; body: string }) => ({ key: s.key, heading: s.heading, body: s.body });

/** The working copy as the editor shows it, with an empty row (and a fresh key) per theme section for a new criterion. */
export function editorValues(content: ReportContent): EditorValues {
	return {
		title: content.title,
		sections: content.sections.map((s) => ({
			...sectionText(s),
			hasCriteria: s.criteria !== undefined,
			criteria: (s.criteria ?? []).map((c) => ({ key: c.key, text: c.text, status: c.status, addressees: c.addressees ?? [] })),
			newCriterion: s.criteria !== undefined ? { key: newCriterionKey(), text: '', status: 'provisional' as const, addressees: [] } : null
		}))
	};
}

type CriterionStatus = 'agreed' | 'provisional';
const status = (value: string): CriterionStatus => (value === 'agreed' ? 'agreed' : 'provisional');

/** Reads the editor form back into the shape it was rendered from (field names as in ReportEditor). */
export function readEditor(data: FormData): { revision: number; values: EditorValues } {
	const sections: EditorValues['sections'] = [];
	for (let i = 0; data.has(`s${i}.key`); i++) {
		const hasCriteria = formText(data, `s${i}.hasCriteria`) === '1';
		const criterion = (row: string) => ({
			key: formText(data, `s${i}.${row}.key`),
			text: formText(data, `s${i}.${row}.text`),
			status: status(formText(data, `s${i}.${row}.status`)),
			addressees: addresseesFromValue(formText(data, `s${i}.${row}.addressees`))
		});
		const criteria = [];
		for (let j = 0; data.has(`s${i}.c${j}.key`); j++) criteria.push(criterion(`c${j}`));
		sections.push({
			key: formText(data, `s${i}.key`),
			heading: formText(data, `s${i}.heading`),
			body: formText(data, `s${i}.body`),
			hasCriteria,
			criteria,
			newCriterion: hasCriteria ? criterion('new') : null
		});
	}
	return { revision: Number(formText(data, 'revision')), values: { title: formText(data, 'title'), sections } };
}

/** The content to save: a new criterion only when something was typed in the empty row. */
export function contentOf(values: EditorValues): ReportContent {
	return {
		title: values.title,
		sections: values.sections.map((s) => ({
			...sectionText(s),
			...(s.hasCriteria
				? {
						criteria: [
							...s.criteria,
							...(s.newCriterion && s.newCriterion.text.trim() ? [{ ...s.newCriterion, text: s.newCriterion.text }] : [])
						]
					}
				: {})
		}))
	};
}

/** Where a problem of the content is shown: "title", "s2.heading", "s2.body" or "s2.c3" (the criterion's row). */
export function editorField(path: (string | number)[]): string | null {
	const [root, a, i, b, j] = path;
	if (root !== 'content') return null;
	if (a === 'title') return 'title';
	if (a !== 'sections' || typeof i !== 'number') return null;
	if (b === 'criteria' && typeof j === 'number') return `s${i}.c${j}`;
	if (b === 'heading' || b === 'body') return `s${i}.${b}`;
	return null;
}
