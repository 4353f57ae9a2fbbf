import { fail, redirect } from '@sveltejs/kit';
import { createTrajectory, heldCount, listTrajectoriesOf, trajectorySessions } from '$lib/server/sessions/trajectories';
import { facilitatorOptions, userName } from '$lib/server/auth/accounts';
import { publishedVersionThemes, versionName } from '$lib/server/frameworks/view';
import { fieldFailure } from '$lib/server/http/forms';
import { requireUser } from '$lib/server/http/guards';
import { readTrajectoryForm, TRAJECTORY_DOMAIN_FIELDS } from '$lib/server/http/session-forms';
import { TRAJECTORY_FIELDS, type TrajectoryFormValues } from '$lib/shared/invitations';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event, 'facilitator');
	const db = event.locals.db;
	const trajectories = listTrajectoriesOf(db, user.id).map((t) => {
		const version = versionName(db, t.frameworkVersionId);
		return {
			id: t.id,
			title: t.title,
			version: version ? `${version.framework}, ${version.label}` : null,
			planned: t.plannedSessions,
			sessions: trajectorySessions(db, t.id).length,
			held: heldCount(db, t.id)
		};
	});
	const defaults: TrajectoryFormValues = {
		title: '',
		goal: '',
		frameworkVersionId: '',
		themeSelection: 'vote',
		fixedThemes: [],
		plannedSessions: '1',
		facilitatorId: String(user.id)
	};
	return {
		trajectories,
		versions: publishedVersionThemes(db),
		facilitators: facilitatorOptions(db),
		defaults,
		handedOver: event.url.searchParams.has('handedOver')
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event, 'facilitator');
		const db = event.locals.db;
		const read = readTrajectoryForm(await event.request.formData());
		let created;
		try {
			created = createTrajectory(db, { type: 'user', id: user.id }, read.input as Parameters<typeof createTrajectory>[2]);
		} catch (err) {
			const p = fieldFailure(err, TRAJECTORY_FIELDS, TRAJECTORY_DOMAIN_FIELDS);
			return fail(p.status, { values: read.values, errors: { ...p.errors, ...read.errors }, general: p.general });
		}
		// Led by someone else: only they can open it, so say so here instead of a page that would be 404.
		if (created.facilitatorId !== user.id) return { handedOver: { title: created.title, name: userName(db, created.facilitatorId) } };
		redirect(303, `/trajectories/${created.id}?created=1`);
	}
};
