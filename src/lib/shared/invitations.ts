/**
 * Shapes shared by the server and the components of the pages before a session (trajectory,
 * participants, invitations): what a form shows again and the problems at its fields.
 * Browser-safe: types and constants only.
 */

export const TRAJECTORY_FIELDS = [
	'title',
	'goal',
	'frameworkVersionId',
	'themeSelection',
	'fixedThemeKeys',
	'plannedSessions',
	'facilitatorId'
] as const;
export type TrajectoryField = (typeof TRAJECTORY_FIELDS)[number];

/** What the trajectory form shows: the entered text of every field. */
export interface TrajectoryFormValues {
	title: string;
	goal: string;
	frameworkVersionId: string;
	themeSelection: string;
	/** Checked fixed themes as `<versionId>:<themeKey>`: each version's themes have their own boxes. */
	fixedThemes: string[];
	plannedSessions: string;
	facilitatorId: string;
}

/** A published framework version with its themes, for the fixed-theme boxes. */
export interface VersionThemes {
	id: number;
	framework: string;
	label: string;
	themes: { key: string; name: string }[];
}

export const PARTICIPANT_FIELDS = ['displayName', 'perspective', 'email', 'phone', 'notes'] as const;
export type ParticipantField = (typeof PARTICIPANT_FIELDS)[number];
export type ParticipantFormValues = Record<ParticipantField, string>;

export const EMPTY_PARTICIPANT: ParticipantFormValues = { displayName: '', perspective: '', email: '', phone: '', notes: '' };
