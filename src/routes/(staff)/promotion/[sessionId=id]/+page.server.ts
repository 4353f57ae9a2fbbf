/**
 * One session's criteria on their way into the framework. Every action is a plain form (it
 * works without JavaScript); the address says which panel is open (?promote=, ?merge= with
 * &requirement=, ?decline=). The domain (promotion.ts) decides and keeps the provenance; this
 * file reads the forms and sends the browser back to the criterion with a confirmation.
 */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { editPath, requirementAnchor, requirementTitle, versionPath } from '$lib/shared/frameworks';
import type { FormValues } from '$lib/shared/forms';
import { userActor } from '$lib/server/audit';
import { draftTargets, findDraftRequirement } from '$lib/server/frameworks/view';
import { formFailure, formState, formText } from '$lib/server/http/forms';
import { requirementForm, revisionOf } from '$lib/server/http/framework-forms';
import { parseId, promotionSession, requireUser } from '$lib/server/http/guards';
import { perspectivesPresent } from '$lib/server/frameworks/promotion';
import { translator } from '$lib/i18n';
import {
	declineCriterion,
	mergeCriterion,
	promoteCriterion,
	reopenCriterion,
	type PromotableCriterion
} from '$lib/server/frameworks/promotion';
import { createDraft, getVersion, type VersionDetail } from '$lib/server/frameworks/store';
import { heldAt } from '$lib/server/reports/reports';
import type { Db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

const DONE = {
	promoted: 'promotion.done.promoted',
	merged: 'promotion.done.merged',
	declined: 'promotion.done.declined',
	reopened: 'promotion.done.reopened',
	draftCreated: 'promotion.done.draftCreated'
} as const;
type Done = keyof typeof DONE;

/** Where a decided criterion went: the draft or version, and the requirement there. */
function destination(db: Db, criterion: PromotableCriterion, versions: Map<number, VersionDetail | undefined>) {
	if (criterion.versionId === null) return null;
	if (!versions.has(criterion.versionId)) versions.set(criterion.versionId, getVersion(db, criterion.versionId));
	const version = versions.get(criterion.versionId);
	if (!version) return null;
	for (const theme of version.themes) {
		const index = theme.requirements.findIndex((r) => r.id === criterion.requirementId);
		if (index === -1) continue;
		const r = theme.requirements[index]!;
		return {
			framework: version.framework.name,
			label: version.version.label,
			draft: version.version.status === 'draft',
			theme: theme.name,
			number: r.number,
			position: index,
			href: `${versionPath(version.framework.id, version.version.id)}#${requirementAnchor(r.key)}`,
			versionHref: versionPath(version.framework.id, version.version.id),
			publishHref: `${editPath(version.framework.id, version.version.id)}#publish-title`
		};
	}
	return null;
}

export const load: PageServerLoad = (event) => {
	const user = requireUser(event, 'quality_manager', 'admin');
	const { db } = event.locals;
	const { session, criteria } = promotionSession(event);
	const t = translator(event.locals.locale);
	const versions = new Map<number, VersionDetail | undefined>();
	const targets = draftTargets(db);
	const q = event.url.searchParams;
	const done = q.get('done');

	const withDestination = criteria.map((c, index) => ({ ...c, index, destination: destination(event.locals.db, c, versions) }));
	const groups: { heading: string; criteria: typeof withDestination }[] = [];
	for (const c of withDestination) {
		const last = groups.at(-1);
		if (last && last.heading === c.themeHeading) last.criteria.push(c);
		else groups.push({ heading: c.themeHeading, criteria: [c] });
	}
	// Drafts that took criteria of this session and still wait to be published.
	const drafts = new Map<string, { framework: string; label: string; versionHref: string; publishHref: string }>();
	for (const c of withDestination) if (c.destination?.draft) drafts.set(c.destination.versionHref, c.destination);

	const chosen = findDraftRequirement(targets, parseId(q.get('requirement')));
	return {
		session: { id: session.id, title: session.title, heldAt: heldAt(session)?.toISOString() ?? null },
		perspectives: perspectivesPresent(db, session.id),
		canEdit: user.roles.includes('quality_manager'),
		groups,
		declined: withDestination.filter((c) => c.state === 'not_promoted'),
		drafts: [...drafts.values()],
		targets: targets.map((target) => ({
			frameworkId: target.frameworkId,
			frameworkName: target.frameworkName,
			published: target.published,
			draft: target.draft
				? {
						id: target.draft.version.id,
						label: target.draft.version.label,
						themes: target.draft.themes.map((theme) => ({
							id: theme.id,
							name: theme.name,
							requirements: theme.requirements.map((r, i) => ({ id: r.id, title: requirementTitle(t, r.number, i), text: r.text }))
						}))
					}
				: null
		})),
		open: {
			promote: q.get('promote'),
			merge: q.get('merge'),
			decline: q.get('decline')
		},
		chosen: chosen
			? {
					id: chosen.requirement.id,
					revision: chosen.requirement.revision,
					title: `${chosen.target.frameworkName}, ${chosen.themeName}: ${requirementTitle(t, chosen.requirement.number, chosen.index)}`,
					requirement: chosen.requirement
				}
			: null,
		done: done && Object.hasOwn(DONE, done) ? DONE[done as Done] : null,
		doneItem: q.get('item')
	};
};

async function prepare(event: RequestEvent) {
	const user = requireUser(event, 'quality_manager');
	const { db } = event.locals;
	const { session, criteria } = promotionSession(event);
	const data = await event.request.formData();
	const key = formText(data, 'criterionKey');
	const index = criteria.findIndex((c) => c.key === key);
	return { actor: userActor(user), db, session, data, key, index };
}

function back(sessionId: number, done: Done, index: number, extra: Record<string, string> = {}): never {
	const query = new URLSearchParams({ done, ...extra });
	redirect(303, `/promotion/${sessionId}?${query}#criterium-${index}`);
}

/** The criterion is not of this session (or the form was tampered with). */
function unknown(form: string, values: FormValues = {}) {
	return fail(404, formState(form, 'error.missing', { values }));
}

export const actions: Actions = {
	createDraft: async (event) => {
		const { actor, db, session, data, key, index } = await prepare(event);
		const target = draftTargets(db).find((t) => t.frameworkId === parseId(formText(data, 'frameworkId')));
		const form = `draft-${key}`;
		if (!target?.published) return unknown(form);
		try {
			createDraft(db, actor, target.published.id);
		} catch (err) {
			return formFailure(err, form);
		}
		back(session.id, 'draftCreated', index, { item: key, promote: key });
	},

	promote: async (event) => {
		const { actor, db, session, data, key, index } = await prepare(event);
		const { input, values } = requirementForm(data);
		values.themeId = formText(data, 'themeId');
		const form = `promote-${key}`;
		if (index === -1) return unknown(form, values);
		try {
			promoteCriterion(db, actor, session.id, { criterionKey: key, themeId: parseId(values.themeId as string) ?? 0 }, input);
		} catch (err) {
			return formFailure(err, form, values);
		}
		back(session.id, 'promoted', index, { item: key });
	},

	merge: async (event) => {
		const { actor, db, session, data, key, index } = await prepare(event);
		const { input, values } = requirementForm(data);
		values.requirementId = formText(data, 'requirementId');
		const form = `merge-${key}`;
		if (index === -1) return unknown(form, values);
		try {
			mergeCriterion(
				db,
				actor,
				session.id,
				{ criterionKey: key, requirementId: parseId(values.requirementId as string) ?? 0, revision: revisionOf(data) ?? 0 },
				input
			);
		} catch (err) {
			return formFailure(err, form, values);
		}
		back(session.id, 'merged', index, { item: key });
	},

	decline: async (event) => {
		const { actor, db, session, data, key, index } = await prepare(event);
		const values: FormValues = { reason: formText(data, 'reason') };
		const form = `decline-${key}`;
		if (index === -1) return unknown(form, values);
		try {
			declineCriterion(db, actor, session.id, { criterionKey: key, reason: values.reason as string });
		} catch (err) {
			return formFailure(err, form, values);
		}
		back(session.id, 'declined', index, { item: key });
	},

	reopen: async (event) => {
		const { actor, db, session, key, index } = await prepare(event);
		const form = `reopen-${key}`;
		if (index === -1) return unknown(form);
		try {
			reopenCriterion(db, actor, session.id, key);
		} catch (err) {
			return formFailure(err, form);
		}
		back(session.id, 'reopened', index, { item: key });
	}
};
