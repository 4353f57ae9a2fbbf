import { fail } from '@sveltejs/kit';
import { PERSPECTIVES, PARTICIPANT_ROLES, type DialogueSession, type Perspective, type ParticipantRole } from '$lib/server/db/schema';
import { getFramework, getVersionSummary } from '$lib/server/frameworks/store';
import { addParticipant, removeParticipant } from '$lib/server/sessions/participants';
import { cancellationSummary, settingsWarnings } from '$lib/server/sessions/setup';
import { getTrajectory } from '$lib/server/sessions/trajectories';
import { sessionState, type SessionState } from '$lib/server/sessions/state';
import { chooseThemes, prevoteOpen, setPrevote, tallies } from '$lib/server/sessions/voting';
import { setThemeStarts, themeStarts } from '$lib/server/sessions/theme-start';
import { THEME_STARTS, type ThemeStart } from '$lib/shared/theme-start';
import { formText, refusal } from '$lib/server/http/forms';
import { requireOwnSession } from '$lib/server/http/guards';
import { pushLiveState } from '$lib/server/http/live';
import { joinUrl, qrSvg } from '$lib/server/sessions/view';
import { dateToLocalInput, localInputToDate } from '$lib/shared/sessions/time';
import type { MessageKey, Params } from '$lib/i18n';
import type { Db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session } = requireOwnSession(event);
	const { db, origin } = event.locals;
	const state = sessionState(db, session.id, { kind: 'facilitator' });
	const version = session.frameworkVersionId !== null ? getVersionSummary(db, session.frameworkVersionId) : undefined;
	const framework = version ? getFramework(db, version.frameworkId) : undefined;
	const url = session.joinCode ? joinUrl(event.locals.origin, session.joinCode) : null;
	return {
		session: {
			id: session.id,
			title: session.title,
			status: session.status,
			scheduledAt: session.scheduledAt?.toISOString() ?? null,
			durationMinutes: session.durationMinutes,
			locationAddress: session.locationAddress,
			locationNotes: session.locationNotes,
			locationUrl: session.locationUrl,
			themesToTreat: session.themesToTreat,
			stickersPerParticipant: session.stickersPerParticipant,
			maxStickersPerTheme: session.maxStickersPerTheme,
			themeSelection: session.themeSelection,
			hideTallies: session.hideTallies,
			joinCode: session.joinCode,
			joinLocked: session.joinLocked,
			phase: session.phase
		},
		trajectory: session.trajectoryId !== null ? (({ id, title }) => ({ id, title }))(getTrajectory(db, session.trajectoryId)!) : null,
		framework: version && framework ? { name: framework.name, version: version.label } : null,
		warnings: settingsWarnings(session),
		themes: state.themes.map((t) => ({ id: t.id, name: t.name, description: t.description, chosenRank: t.chosenRank, origin: t.origin })),
		people: state.people ?? [],
		/** Where each theme's document starts (issue 19), while the session goes on. */
		themeStarts: themeStarts(db, session),
		prevote: session.themeSelection === 'vote' ? prevoteOf(event.locals.db, session, state) : null,
		joinUrl: url,
		qr: url ? await qrSvg(url) : null,
		origin,
		cancellation: ((c) => (c ? { ...c, cancelledAt: c.cancelledAt.toISOString() } : null))(cancellationSummary(db, session)),
		created: event.url.searchParams.has('created'),
		saved: event.url.searchParams.has('saved'),
		/** How many got the changed calendar item after a change of time or place. */
		calendarUpdates: Number(event.url.searchParams.get('updates') ?? 0) || 0
	};
};

/** The vote before the session as the page shows it: its status, and its tallies once opened. */
function prevoteOf(db: Db, session: DialogueSession, state: SessionState) {
	const deadline = session.prevoteDeadline;
	const result = deadline ? tallies(db, session, 'prevote') : null;
	const names = new Map(state.themes.map((t) => [t.id, t.name]));
	const upcoming = session.scheduledAt && session.scheduledAt.getTime() > Date.now() ? session.scheduledAt : null;
	return {
		deadline: deadline?.toISOString() ?? null,
		open: prevoteOpen(session),
		/** Opening (again) or moving the deadline: until the session's own vote starts. */
		canOpen: session.status !== 'closed' && session.voteStatus === 'not_started',
		/** What the deadline field shows: the deadline, or else the start of the session. */
		inputValue: deadline ? dateToLocalInput(deadline) : upcoming ? dateToLocalInput(upcoming) : '',
		tally: result
			? {
					themes: result.ranking.map((r) => ({
						id: r.themeId,
						name: names.get(r.themeId) ?? '',
						count: r.count,
						byPerspective: r.byPerspective
					})),
					result: { voters: result.voters }
				}
			: null
	};
}

type Failure = { error: MessageKey; params?: Params };

function failure(err: unknown, status = 400): Failure & { status: number } {
	if (!err) return { error: 'error.badRequest', status };
	const r = refusal(err, () => null);
	const first = r.validation ? r.other[0] : undefined;
	return { error: first?.code ?? r.code, params: r.validation ? first?.params : r.params, status: r.status };
}

export const actions: Actions = {
	/** A participant (or observer) with a personal link; the link is shown once and never stored. */
	add: async (event) => {
		const { user, session } = requireOwnSession(event);
		const data = await event.request.formData();
		const values = {
			displayName: formText(data, 'displayName').trim(),
			perspective: formText(data, 'perspective'),
			role: formText(data, 'role') || 'participant'
		};
		if (
			!values.displayName ||
			!(PERSPECTIVES as readonly string[]).includes(values.perspective) ||
			!(PARTICIPANT_ROLES as readonly string[]).includes(values.role)
		) {
			return fail(400, { add: { values, error: 'error.participant.invalid' as MessageKey, params: undefined as Params | undefined } });
		}
		try {
			const { participant, token } = addParticipant(event.locals.db, { type: 'user', id: user.id }, session.id, {
				displayName: values.displayName,
				perspective: values.perspective as Perspective,
				role: values.role as ParticipantRole
			});
			pushLiveState(event, session.id);
			// The link is for the person alone (to hand over now): shown in this answer only, not cached.
			event.setHeaders({ 'cache-control': 'no-store' });
			return { added: { name: participant.displayName, link: `${event.locals.origin}/j/${token}` } };
		} catch (err) {
			const f = failure(err);
			return fail(f.status, { add: { values, error: f.error, params: f.params } });
		}
	},
	remove: async (event) => {
		const { user, session } = requireOwnSession(event);
		const data = await event.request.formData();
		const id = Number(formText(data, 'participantId'));
		const people = sessionState(event.locals.db, session.id, { kind: 'facilitator' }).people ?? [];
		const person = people.find((p) => p.id === id);
		if (!person) return fail(404, { remove: { error: 'error.missing' as MessageKey } });
		try {
			removeParticipant(event.locals.db, { type: 'user', id: user.id }, session.id, id);
		} catch (err) {
			const f = failure(err);
			return fail(f.status, { remove: { error: f.error } });
		}
		pushLiveState(event, session.id);
		return { removed: person.displayName };
	},
	/** With themes fixed beforehand: which themes the session treats. */
	choose: async (event) => {
		const { user, session } = requireOwnSession(event);
		const data = await event.request.formData();
		const themeIds = data
			.getAll('themeIds')
			.map((v) => Number(v))
			.filter((n) => Number.isInteger(n) && n > 0);
		try {
			chooseThemes(event.locals.db, { type: 'user', id: user.id }, session.id, { themeIds });
		} catch (err) {
			const f = failure(err);
			return fail(f.status, { choose: { error: f.error, params: f.params, themeIds } });
		}
		pushLiveState(event, session.id);
		return { chosen: themeIds.length };
	},
	/**
	 * Where the themes' documents start: `start-<theme id>` is framework or blank. Refused as a
	 * whole (nothing saved) when one of them changes after its document was opened.
	 */
	themeStart: async (event) => {
		const { user, session } = requireOwnSession(event);
		const data = await event.request.formData();
		const choices: { themeId: number; start: ThemeStart }[] = [];
		for (const [name, value] of data) {
			const match = /^start-(\d{1,9})$/.exec(name);
			if (!match) continue;
			if (typeof value !== 'string' || !(THEME_STARTS as readonly string[]).includes(value))
				return fail(400, { themeStart: { error: 'error.badRequest' as MessageKey, params: undefined as Params | undefined } });
			choices.push({ themeId: Number(match[1]), start: value as ThemeStart });
		}
		if (choices.length === 0) return fail(400, { themeStart: { error: 'themeStart.nothingToChange' as MessageKey, params: undefined } });
		try {
			setThemeStarts(event.locals.db, { type: 'user', id: user.id }, session.id, { choices });
		} catch (err) {
			const f = failure(err);
			return fail(f.status, { themeStart: { error: f.error, params: f.params } });
		}
		pushLiveState(event, session.id);
		return { themeStartSaved: true };
	},
	/**
	 * The vote before the session: open it until a deadline (Dutch local time), move the
	 * deadline, or close it now (`intent=close`).
	 */
	prevote: async (event) => {
		const { user, session } = requireOwnSession(event);
		const data = await event.request.formData();
		const close = formText(data, 'intent') === 'close';
		const value = formText(data, 'deadline').trim();
		const deadline = close ? null : localInputToDate(value);
		if (!close && !deadline) {
			return fail(400, {
				prevote: {
					value,
					error: (value ? 'session.form.dateInvalid' : 'session.prevote.deadlineMissing') as MessageKey,
					params: undefined as Params | undefined,
					field: true
				}
			});
		}
		const wasOpen = prevoteOpen(session);
		try {
			setPrevote(event.locals.db, { type: 'user', id: user.id }, session.id, deadline);
		} catch (err) {
			const f = failure(err);
			return fail(f.status, { prevote: { value, error: f.error, params: f.params, field: f.error === 'error.vote.deadlinePast' } });
		}
		pushLiveState(event, session.id);
		return { prevoteDone: close ? ('closed' as const) : wasOpen ? ('changed' as const) : ('opened' as const) };
	}
};
