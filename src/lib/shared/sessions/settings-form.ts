/**
 * The settings form of a dialogue session: reading the posted fields into the input of the
 * domain's settings schema (which validates them), and the field values to show again. Shared
 * by the pages for a new session and for changing the settings. Browser-safe, no server code.
 */
import { formInteger as integer, formText as text, type FieldErrors as FormFieldErrors } from '../forms';
import { dateToLocalInput, localInputToDate } from './time';

export const SETTINGS_FIELDS = [
	'title',
	'scheduledAt',
	'durationMinutes',
	'locationAddress',
	'locationNotes',
	'locationUrl',
	'frameworkVersionId',
	'themesToTreat',
	'stickersPerParticipant',
	'maxStickersPerTheme',
	'themeSelection',
	'hideTallies'
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

/** What the form shows: the entered text of every field, and the check box. */
export interface SettingsFormValues {
	title: string;
	scheduledAt: string;
	durationMinutes: string;
	locationAddress: string;
	locationNotes: string;
	locationUrl: string;
	frameworkVersionId: string;
	themesToTreat: string;
	stickersPerParticipant: string;
	maxStickersPerTheme: string;
	themeSelection: string;
	hideTallies: boolean;
}

export type FieldErrors = FormFieldErrors<SettingsField>;

export const DEFAULT_SETTINGS_VALUES: SettingsFormValues = {
	title: '',
	scheduledAt: '',
	durationMinutes: '120',
	locationAddress: '',
	locationNotes: '',
	locationUrl: '',
	frameworkVersionId: '',
	themesToTreat: '3',
	stickersPerParticipant: '3',
	maxStickersPerTheme: '1',
	themeSelection: 'vote',
	hideTallies: true
};

/** The values of a saved session, for the form that changes them. */
export function valuesOfSession(s: {
	title: string;
	scheduledAt: Date | string | null;
	durationMinutes: number;
	locationAddress?: string | null;
	locationNotes?: string | null;
	locationUrl?: string | null;
	frameworkVersionId: number | null;
	themesToTreat: number;
	stickersPerParticipant: number;
	maxStickersPerTheme: number;
	themeSelection: string;
	hideTallies: boolean;
}): SettingsFormValues {
	return {
		title: s.title,
		scheduledAt: s.scheduledAt ? dateToLocalInput(s.scheduledAt) : '',
		durationMinutes: String(s.durationMinutes),
		locationAddress: s.locationAddress ?? '',
		locationNotes: s.locationNotes ?? '',
		locationUrl: s.locationUrl ?? '',
		frameworkVersionId: s.frameworkVersionId === null ? '' : String(s.frameworkVersionId),
		themesToTreat: String(s.themesToTreat),
		stickersPerParticipant: String(s.stickersPerParticipant),
		maxStickersPerTheme: String(s.maxStickersPerTheme),
		themeSelection: s.themeSelection,
		hideTallies: s.hideTallies
	};
}

/**
 * Reads the posted form. `input` goes to the domain's schema; `errors` holds problems the
 * schema cannot see (a date that is not a date, a missing framework version).
 */
export function readSettingsForm(data: FormData): { values: SettingsFormValues; input: Record<string, unknown>; errors: FieldErrors } {
	const values: SettingsFormValues = {
		title: text(data, 'title'),
		scheduledAt: text(data, 'scheduledAt'),
		durationMinutes: text(data, 'durationMinutes'),
		locationAddress: text(data, 'locationAddress'),
		locationNotes: text(data, 'locationNotes'),
		locationUrl: text(data, 'locationUrl'),
		frameworkVersionId: text(data, 'frameworkVersionId'),
		themesToTreat: text(data, 'themesToTreat'),
		stickersPerParticipant: text(data, 'stickersPerParticipant'),
		maxStickersPerTheme: text(data, 'maxStickersPerTheme'),
		themeSelection: text(data, 'themeSelection'),
		hideTallies: data.has('hideTallies')
	};
	const errors: FieldErrors = {};
	let scheduledAt: Date | null = null;
	if (values.scheduledAt.trim() === '') errors.scheduledAt = { code: 'error.field.required' };
	else {
		scheduledAt = localInputToDate(values.scheduledAt);
		if (!scheduledAt) errors.scheduledAt = { code: 'session.form.dateInvalid' };
	}
	if (values.frameworkVersionId === '') errors.frameworkVersionId = { code: 'error.session.frameworkVersion' };
	const input: Record<string, unknown> = {
		title: values.title,
		scheduledAt,
		durationMinutes: integer(values.durationMinutes),
		locationAddress: values.locationAddress,
		locationNotes: values.locationNotes,
		locationUrl: values.locationUrl,
		frameworkVersionId: values.frameworkVersionId === '' ? null : integer(values.frameworkVersionId),
		themesToTreat: integer(values.themesToTreat),
		stickersPerParticipant: integer(values.stickersPerParticipant),
		maxStickersPerTheme: integer(values.maxStickersPerTheme),
		themeSelection: values.themeSelection,
		hideTallies: values.hideTallies
	};
	return { values, input, errors };
}

/** The field a problem path points at, when it is one of the form's fields. */
export function settingsField(path: readonly (string | number)[]): SettingsField | null {
	const first = path[0];
	return typeof first === 'string' && (SETTINGS_FIELDS as readonly string[]).includes(first) ? (first as SettingsField) : null;
}
