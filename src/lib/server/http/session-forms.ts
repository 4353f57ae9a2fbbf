/**
 * Reading the forms before a session (trajectory, participant list) into the input of the
 * domain's schemas, and the values of saved records for the forms that change them.
 */
import type { MessageKey } from '../../i18n';
import type { ParticipantFormValues, TrajectoryField, TrajectoryFormValues } from '../../shared/invitations';
import type { FieldErrors } from '../../shared/forms';
import type { Participant, Trajectory } from '../db/schema';
import { formInteger as integer, formList, formText as text } from './forms';

/** Which field a trajectory refusal from the domain is about. */
export const TRAJECTORY_DOMAIN_FIELDS: Partial<Record<MessageKey, TrajectoryField>> = {
	'error.session.frameworkVersion': 'frameworkVersionId',
	'error.trajectory.versionLocked': 'frameworkVersionId',
	'error.trajectory.facilitator': 'facilitatorId',
	'error.trajectory.fixedThemes': 'fixedThemeKeys'
};

/**
 * Reads the trajectory form. The fixed-theme boxes of every version are in the form (so it
 * works without JavaScript); only those of the chosen version count.
 */
export function readTrajectoryForm(data: FormData): {
	values: TrajectoryFormValues;
	input: Record<string, unknown>;
	errors: FieldErrors<TrajectoryField>;
} {
	const values: TrajectoryFormValues = {
		title: text(data, 'title'),
		goal: text(data, 'goal'),
		frameworkVersionId: text(data, 'frameworkVersionId'),
		themeSelection: text(data, 'themeSelection'),
		fixedThemes: formList(data, 'fixedThemes'),
		plannedSessions: text(data, 'plannedSessions'),
		facilitatorId: text(data, 'facilitatorId')
	};
	const errors: FieldErrors<TrajectoryField> = {};
	if (values.frameworkVersionId === '') errors.frameworkVersionId = { code: 'error.session.frameworkVersion' };
	const prefix = `${values.frameworkVersionId}:`;
	const input: Record<string, unknown> = {
		title: values.title,
		goal: values.goal,
		frameworkVersionId: integer(values.frameworkVersionId),
		themeSelection: values.themeSelection || undefined,
		fixedThemeKeys: values.fixedThemes.filter((v) => v.startsWith(prefix)).map((v) => v.slice(prefix.length)),
		plannedSessions: integer(values.plannedSessions),
		facilitatorId: integer(values.facilitatorId)
	};
	return { values, input, errors };
}

/** The form values of a saved trajectory, for the form that changes it. */
export function trajectoryValues(t: Trajectory): TrajectoryFormValues {
	return {
		title: t.title,
		goal: t.goal,
		frameworkVersionId: t.frameworkVersionId === null ? '' : String(t.frameworkVersionId),
		themeSelection: t.themeSelection,
		fixedThemes: t.fixedThemeKeys.map((k) => `${t.frameworkVersionId}:${k}`),
		plannedSessions: String(t.plannedSessions),
		facilitatorId: String(t.facilitatorId)
	};
}

/** Reads a row of the participant list; empty optional fields become null in the domain. */
export function readParticipantForm(data: FormData): ParticipantFormValues {
	return {
		displayName: text(data, 'displayName'),
		perspective: text(data, 'perspective'),
		email: text(data, 'email'),
		phone: text(data, 'phone'),
		notes: text(data, 'notes')
	};
}

export function participantValues(
	p: Pick<Participant, 'displayName' | 'perspective' | 'email' | 'phone' | 'notes'>
): ParticipantFormValues {
	return { displayName: p.displayName, perspective: p.perspective, email: p.email ?? '', phone: p.phone ?? '', notes: p.notes ?? '' };
}
