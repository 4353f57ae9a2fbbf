import { fail, redirect } from '@sveltejs/kit';
import { candidateThemes, heldCount, planTrajectorySession, trajectorySessions, updateTrajectory } from '$lib/server/sessions/trajectories';
import { translate, type MessageKey } from '$lib/i18n';
import { localInputToDate } from '$lib/shared/sessions/time';
import { locationSchema } from '$lib/server/sessions/setup';
import { sessionListRow } from '$lib/server/sessions/held';
import { problemsFromZod } from '$lib/server/validation';
import { facilitatorOptions, userName } from '$lib/server/auth/accounts';
import { publishedVersionThemes, versionName } from '$lib/server/frameworks/view';
import { fieldFailure, refusedFields } from '$lib/server/http/forms';
import { requireOwnTrajectory } from '$lib/server/http/guards';
import { readTrajectoryForm, TRAJECTORY_DOMAIN_FIELDS, trajectoryValues } from '$lib/server/http/session-forms';
import { TRAJECTORY_FIELDS, type TrajectoryField } from '$lib/shared/invitations';
import type { FieldErrors, FieldProblem } from '$lib/shared/forms';
import type { Actions, PageServerLoad } from './$types';

const PLAN_FIELDS = ['title', 'scheduledAt', 'durationMinutes', 'locationAddress', 'locationNotes', 'locationUrl'] as const;
type PlanField = (typeof PLAN_FIELDS)[number];

export const load: PageServerLoad = (event) => {
	const { trajectory } = requireOwnTrajectory(event);
	const db = event.locals.db;
	const sessions = trajectorySessions(db, trajectory.id);
	const byId = new Map(sessions.map((s) => [s.id, s]));
	const { treated, candidates } = candidateThemes(db, trajectory);
	const version = versionName(db, trajectory.frameworkVersionId);
	const versions = publishedVersionThemes(db);
	const versionThemes = versions.find((v) => v.id === trajectory.frameworkVersionId)?.themes ?? [];
	return {
		trajectory: {
			id: trajectory.id,
			title: trajectory.title,
			goal: trajectory.goal,
			version: version ? `${version.framework}, ${version.label}` : null,
			themeSelection: trajectory.themeSelection,
			fixedThemes: trajectory.fixedThemeKeys.map((k) => versionThemes.find((th) => th.key === k)?.name ?? k),
			plannedSessions: trajectory.plannedSessions,
			facilitator: userName(db, trajectory.facilitatorId),
			revision: trajectory.revision
		},
		held: heldCount(db, trajectory.id),
		sessions: sessions.map((s) => sessionListRow(db, event.locals.locale, s)),
		// Chosen for a session that has not been held yet counts as done for planning; the page says which.
		treated: treated.map((th) => ({
			...th,
			sessionTitle: byId.get(th.sessionId)?.title ?? '',
			held: byId.get(th.sessionId)?.status === 'closed'
		})),
		candidates,
		planDefaults: {
			title: translate(event.locals.locale, 'trajectory.plan.defaultTitle', { title: trajectory.title, number: sessions.length + 1 }),
			scheduledAt: '',
			durationMinutes: '120',
			// The place of the last session planned, as a starting point: often the same room.
			locationAddress: sessions.at(-1)?.locationAddress ?? '',
			locationNotes: sessions.at(-1)?.locationNotes ?? '',
			locationUrl: sessions.at(-1)?.locationUrl ?? ''
		},
		values: trajectoryValues(trajectory),
		lockedVersion: sessions.length > 0 ? (version ? `${version.framework}, ${version.label}` : '') : null,
		versions,
		facilitators: facilitatorOptions(db),
		created: event.url.searchParams.has('created'),
		saved: event.url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	/** The next session of the trajectory: its themes follow from what earlier sessions treated. */
	plan: async (event) => {
		const { user, trajectory } = requireOwnTrajectory(event);
		const data = await event.request.formData();
		const values = {
			title: String(data.get('title') ?? ''),
			scheduledAt: String(data.get('scheduledAt') ?? ''),
			durationMinutes: String(data.get('durationMinutes') ?? ''),
			locationAddress: String(data.get('locationAddress') ?? ''),
			locationNotes: String(data.get('locationNotes') ?? ''),
			locationUrl: String(data.get('locationUrl') ?? '')
		};
		const errors: FieldErrors<PlanField> = {};
		const scheduledAt = localInputToDate(values.scheduledAt);
		if (values.scheduledAt.trim() === '') errors.scheduledAt = { code: 'error.field.required' };
		else if (!scheduledAt) errors.scheduledAt = { code: 'session.form.dateInvalid' };
		const duration = values.durationMinutes.trim();
		const durationMinutes = /^\d+$/.test(duration) ? Number(duration) : Number.NaN;
		if (duration === '') errors.durationMinutes = { code: 'error.field.required' };
		else if (!Number.isInteger(durationMinutes)) errors.durationMinutes = { code: 'error.field.invalid' };
		const place = locationSchema.safeParse(values);
		if (!place.success) {
			for (const problem of problemsFromZod(place.error)) {
				const field = problem.path[0] as PlanField;
				errors[field] ??= { code: problem.code, params: problem.params };
			}
		}
		if (Object.keys(errors).length > 0) {
			// Every problem at once: the title is checked here too, as the domain would.
			if (values.title.trim() === '') errors.title = { code: 'error.field.required' };
			return fail(400, { plan: { values, errors, general: { code: 'error.validation' as MessageKey } as FieldProblem } });
		}
		let sessionId: number;
		try {
			sessionId = planTrajectorySession(event.locals.db, { type: 'user', id: user.id }, trajectory.id, {
				title: values.title,
				scheduledAt,
				durationMinutes,
				locationAddress: values.locationAddress,
				locationNotes: values.locationNotes,
				locationUrl: values.locationUrl
			}).id;
		} catch (err) {
			return refusedFields('plan', err, PLAN_FIELDS, { values });
		}
		redirect(303, `/sessions/${sessionId}?created=1#done`);
	},
	/** Changes the trajectory; a change by someone else in between is refused with a clear message. */
	update: async (event) => {
		const { user, trajectory } = requireOwnTrajectory(event);
		const data = await event.request.formData();
		const read = readTrajectoryForm(data);
		const revision = Number(data.get('revision'));
		const values = read.values;
		if (!Number.isInteger(revision) || revision < 1) {
			return fail(409, {
				update: {
					values,
					errors: {} as FieldErrors<TrajectoryField>,
					general: { code: 'error.trajectory.conflict' as MessageKey } as FieldProblem
				}
			});
		}
		let saved;
		try {
			saved = updateTrajectory(event.locals.db, { type: 'user', id: user.id }, trajectory.id, {
				...(read.input as Parameters<typeof updateTrajectory>[3]),
				revision
			});
		} catch (err) {
			const p = fieldFailure(err, TRAJECTORY_FIELDS, TRAJECTORY_DOMAIN_FIELDS);
			return fail(p.status, { update: { values, errors: { ...p.errors, ...read.errors }, general: p.general } });
		}
		// Handed over to another gespreksleider: only they can open it now.
		if (saved.facilitatorId !== user.id) redirect(303, '/trajectories?handedOver=1');
		redirect(303, `/trajectories/${trajectory.id}?saved=1`);
	}
};
