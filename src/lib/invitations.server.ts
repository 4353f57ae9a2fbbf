/**
 * Server helpers for the pages before a session (trajectories, the participant list and the
 * invitations) and the outbox: who may open them, what the forms offer, reading the forms and
 * turning refusals into problems at their field. The rules themselves live in the domain
 * modules; this only translates between them and the pages.
 */
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { asc, eq, inArray, isNull } from 'drizzle-orm';
import type { PublicUser } from './server/auth/accounts';
import type { Db } from './server/db';
import { frameworks, frameworkThemes, frameworkVersions, users, type MailMessage, type Participant, type Trajectory } from './server/db/schema';
import { getMail, retryMail } from './server/mail/outbox';
import { DomainError } from './server/errors';
import { getRuntime } from './server/runtime';
import { listSessionsOf } from './server/sessions/setup';
import { getTrajectory } from './server/sessions/trajectories';
import { ValidationError } from './server/validation';
import { idParam, requireUser } from './server/web';
import { translate, type Locale, type MessageKey } from './i18n';
import { hidePersonalLinks } from './server/mail/link-text';
import {
	TRAJECTORY_FIELDS,
	PARTICIPANT_FIELDS,
	type FieldErrors,
	type FieldProblem,
	type ParticipantFormValues,
	type TrajectoryField,
	type TrajectoryFormValues,
	type VersionThemes
} from './components/invitations/types';

function notFound(event: Pick<RequestEvent, 'locals'>): never {
	error(404, { message: translate(event.locals.locale, 'error.notFound'), code: 'error.notFound' });
}

/** A positive id in the address, or 404. */
export function idOrNotFound(event: Pick<RequestEvent, 'locals'>, value: string | undefined): number {
	try {
		return idParam(value);
	} catch {
		notFound(event);
	}
}

/** The logged-in facilitator and a trajectory they lead; others get 404 (its existence is not told). */
export function requireOwnTrajectory(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>): { user: PublicUser; trajectory: Trajectory } {
	const user = requireUser(event, 'facilitator');
	const trajectory = getTrajectory(getRuntime().db, idOrNotFound(event, event.params.id));
	if (!trajectory || trajectory.facilitatorId !== user.id) notFound(event);
	return { user, trajectory };
}

/** Active accounts with the facilitator role: who can be the gespreksleider of a trajectory. */
export function facilitatorOptions(db: Pick<Db, 'select'>): { id: number; name: string }[] {
	return db
		.select({ id: users.id, name: users.name, roles: users.roles })
		.from(users)
		.where(isNull(users.disabledAt))
		.orderBy(asc(users.name), asc(users.id))
		.all()
		.filter((u) => u.roles.includes('facilitator'))
		.map(({ id, name }) => ({ id, name }));
}

/** Published framework versions with their themes, for choosing themes beforehand. */
export function publishedVersionThemes(db: Pick<Db, 'select'>): VersionThemes[] {
	const versions = db
		.select({ id: frameworkVersions.id, label: frameworkVersions.label, framework: frameworks.name })
		.from(frameworkVersions)
		.innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
		.where(eq(frameworkVersions.status, 'published'))
		.orderBy(asc(frameworks.name), asc(frameworkVersions.id))
		.all();
	if (versions.length === 0) return [];
	const themes = db
		.select({ versionId: frameworkThemes.versionId, key: frameworkThemes.key, name: frameworkThemes.name })
		.from(frameworkThemes)
		.where(
			inArray(
				frameworkThemes.versionId,
				versions.map((v) => v.id)
			)
		)
		.orderBy(asc(frameworkThemes.position))
		.all();
	return versions.map((v) => ({ ...v, themes: themes.filter((t) => t.versionId === v.id).map(({ key, name }) => ({ key, name })) }));
}

/** "MOVISIE-themes, versie 2019": the framework and version label of a version id. */
export function versionName(db: Pick<Db, 'select'>, versionId: number | null): { framework: string; label: string } | null {
	if (versionId === null) return null;
	return (
		db
			.select({ framework: frameworks.name, label: frameworkVersions.label })
			.from(frameworkVersions)
			.innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
			.where(eq(frameworkVersions.id, versionId))
			.get() ?? null
	);
}

export function userName(db: Pick<Db, 'select'>, id: number): string {
	return db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? '';
}

/**
 * A refusal as problems at the fields of a form (the first per field) and one for the whole
 * form. `domainFields` says which field a DomainError is about. Anything else is rethrown.
 */
export function formProblems<F extends string>(
	err: unknown,
	fields: readonly F[],
	domainFields: Partial<Record<MessageKey, F>> = {}
): { errors: FieldErrors<F>; general: FieldProblem | null; status: number } {
	const errors: FieldErrors<F> = {};
	let general: FieldProblem | null = null;
	if (err instanceof ValidationError) {
		for (const p of err.problems) {
			const field = p.path[0];
			if (typeof field === 'string' && (fields as readonly string[]).includes(field)) {
				errors[field as F] ??= { code: p.code, params: p.params };
			} else general ??= { code: p.code, params: p.params };
		}
		return { errors, general: general ?? { code: 'error.validation' }, status: err.status };
	}
	if (err instanceof DomainError) {
		const field = domainFields[err.code];
		if (field) errors[field] = { code: err.code, params: err.params };
		return { errors, general: field ? { code: 'error.validation' } : { code: err.code, params: err.params }, status: err.status };
	}
	throw err;
}

const text = (data: FormData, name: string) => {
	const v = data.get(name);
	return typeof v === 'string' ? v : '';
};

/** An integer field: empty is null (the schema says it is required), other text stays text (invalid). */
function integer(value: string): number | string | null {
	const v = value.trim();
	if (v === '') return null;
	return /^-?\d+$/.test(v) ? Number(v) : v;
}

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
export function readTrajectoryForm(data: FormData): { values: TrajectoryFormValues; input: Record<string, unknown>; errors: FieldErrors<TrajectoryField> } {
	const values: TrajectoryFormValues = {
		title: text(data, 'title'),
		goal: text(data, 'goal'),
		frameworkVersionId: text(data, 'frameworkVersionId'),
		themeSelection: text(data, 'themeSelection'),
		fixedThemes: data.getAll('fixedThemes').filter((v): v is string => typeof v === 'string'),
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

export { TRAJECTORY_FIELDS, PARTICIPANT_FIELDS };

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

export function participantValues(p: Pick<Participant, 'displayName' | 'perspective' | 'email' | 'phone' | 'notes'>): ParticipantFormValues {
	return { displayName: p.displayName, perspective: p.perspective, email: p.email ?? '', phone: p.phone ?? '', notes: p.notes ?? '' };
}

/**
 * Whose mail a staff member may read in the outbox: an administrator all of it, a
 * facilitator the mail of their own sessions. Others get 403.
 */
export function requireOutboxReader(event: Pick<RequestEvent, 'locals' | 'url'>): { user: PublicUser; scope: number[] | 'all' } {
	const user = requireUser(event, 'facilitator', 'admin');
	if (user.roles.includes('admin')) return { user, scope: 'all' };
	return { user, scope: listSessionsOf(getRuntime().db, user.id).map((s) => s.id) };
}

/** One message of the outbox the reader may see, or 404. */
export function readableMail(event: Pick<RequestEvent, 'locals'>, scope: number[] | 'all', id: number): MailMessage {
	const mail = getMail(getRuntime().db, id);
	if (!mail) notFound(event);
	if (scope !== 'all' && (mail.dialogueSessionId === null || !scope.includes(mail.dialogueSessionId))) notFound(event);
	return mail;
}

/**
 * A message as the outbox pages show it: dates as ISO text, no attachment contents, and no
 * working personal link: a link is a credential for its recipient alone, so it is shown as
 * "[persoonlijke link (verborgen)]" (the subject may hold one too).
 */
export function mailSummary(m: MailMessage, locale: Locale) {
	return {
		id: m.id,
		kind: m.kind,
		to: m.toAddress,
		subject: hidePersonalLinks(m.subject, locale),
		status: m.status,
		attempts: m.attempts,
		lastError: m.lastError,
		transport: (m.transport === 'smtp' || m.transport === 'file' ? m.transport : null) as 'smtp' | 'file' | null,
		createdAt: m.createdAt.toISOString(),
		sentAt: m.sentAt?.toISOString() ?? null,
		nextAttemptAt: m.nextAttemptAt.toISOString(),
		dialogueSessionId: m.dialogueSessionId
	};
}

/** Puts a failed message back in the queue and starts delivery at once (outbox and its detail page). */
export function retryOutboxMail(event: Pick<RequestEvent, 'locals' | 'url'>, id: number) {
	const { user, scope } = requireOutboxReader(event);
	readableMail(event, scope, id);
	const { db, mail } = getRuntime();
	try {
		retryMail(db, { type: 'user', id: user.id }, id);
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		return fail(err.status, { retryError: { code: err.code, params: err.params } as FieldProblem });
	}
	mail?.kick();
	return { retried: id };
}
