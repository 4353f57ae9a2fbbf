/**
 * The draft editor. Every change is a plain form action (it works without JavaScript); the
 * page's address says which item is open (?edit=, ?add=, ?theme=, ?delete=, ...). After a
 * change the browser is sent back to the item (#anchor) with a short confirmation (?done=).
 * Every action checks the role again and that the item belongs to this draft.
 */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { editPath, frameworkPath, requirementAnchor, themeAnchor, versionPath } from '$lib/shared/frameworks';
import type { FormValues } from '$lib/shared/forms';
import { userActor } from '$lib/server/audit';
import { formFailure, formState, formText } from '$lib/server/http/forms';
import { numberOf, requirementForm, revisionOf, shownIdsOf, themeForm } from '$lib/server/http/framework-forms';
import { loadVersion, parseId, requireUser } from '$lib/server/http/guards';
import {
	addRequirement,
	addTheme,
	deleteDraft,
	deleteRequirement,
	deleteTheme,
	moveRequirement,
	moveTheme,
	publishVersion,
	updateDraftMeta,
	updateRequirement,
	updateTheme,
	type VersionDetail
} from '$lib/server/frameworks/store';
import type { Actions, PageServerLoad } from './$types';

/** Confirmations after a change, by the ?done= value. */
const DONE = {
	created: 'edit.done.created',
	imported: 'edit.done.imported',
	draftCreated: 'edit.done.draftCreated',
	meta: 'edit.done.meta',
	themeAdded: 'edit.done.themeAdded',
	themeSaved: 'edit.done.themeSaved',
	themeMoved: 'edit.done.themeMoved',
	themeDeleted: 'edit.done.themeDeleted',
	requirementAdded: 'edit.done.requirementAdded',
	requirementSaved: 'edit.done.requirementSaved',
	requirementMoved: 'edit.done.requirementMoved',
	requirementDeleted: 'edit.done.requirementDeleted'
} as const;
type Done = keyof typeof DONE;

export const load: PageServerLoad = (event) => {
	requireUser(event, 'quality_manager');
	const detail = loadVersion(event);
	if (detail.version.status !== 'draft') redirect(303, `${versionPath(detail.framework.id, detail.version.id)}?notice=published`);
	const q = event.url.searchParams;
	const done = q.get('done');
	return {
		detail,
		open: {
			edit: parseId(q.get('edit')),
			add: parseId(q.get('add')),
			theme: parseId(q.get('theme')),
			deleteTheme: parseId(q.get('deleteTheme')),
			delete: parseId(q.get('delete')),
			deleteDraft: q.has('deleteDraft')
		},
		done: done && Object.hasOwn(DONE, done) ? DONE[done as Done] : null,
		doneItem: q.get('item')
	};
};

async function prepare(event: RequestEvent) {
	const user = requireUser(event, 'quality_manager');
	const detail = loadVersion(event);
	const data = await event.request.formData();
	return { actor: userActor(user), detail, data, db: event.locals.db };
}

function findTheme(detail: VersionDetail, id: number | null) {
	return detail.themes.find((t) => t.id === id);
}

function findRequirement(detail: VersionDetail, id: number | null) {
	for (const theme of detail.themes) {
		const index = theme.requirements.findIndex((r) => r.id === id);
		if (index !== -1) return { theme, requirement: theme.requirements[index]!, index };
	}
	return undefined;
}

/** The item is gone (deleted by someone else, or not of this draft): say so at the top, keep what was typed. */
function gone(values: FormValues = {}) {
	return fail(404, formState('page', 'edit.gone', { values, conflict: Object.keys(values).length > 0 }));
}

function back(detail: VersionDetail, done: Done, anchor: string, item?: string): never {
	const query = new URLSearchParams({ done });
	if (item) query.set('item', item);
	redirect(303, `${editPath(detail.framework.id, detail.version.id)}?${query}#${anchor}`);
}

export const actions: Actions = {
	meta: async (event) => {
		const { actor, detail, data, db } = await prepare(event);
		const values: FormValues = { label: formText(data, 'label'), note: formText(data, 'note'), revision: formText(data, 'revision') };
		try {
			updateDraftMeta(db, actor, detail.version.id, revisionOf(data), {
				label: values.label as string,
				note: (values.note as string).trim() || null
			});
		} catch (err) {
			return formFailure(err, 'meta', values);
		}
		back(detail, 'meta', 'meta-title');
	},

	publish: async (event) => {
		const { actor, detail, data, db } = await prepare(event);
		const values: FormValues = { changeSummary: formText(data, 'changeSummary'), revision: formText(data, 'revision') };
		// Publishing cannot be undone: the person ticks that they mean it.
		if (formText(data, 'confirm') !== 'yes') {
			const problem = { code: 'error.framework.publishConfirm' as const };
			return fail(400, formState('publish', problem.code, { fields: { confirm: problem }, values }));
		}
		try {
			publishVersion(db, actor, detail.version.id, revisionOf(data), { changeSummary: values.changeSummary as string });
		} catch (err) {
			return formFailure(err, 'publish', values);
		}
		redirect(303, `${versionPath(detail.framework.id, detail.version.id)}?notice=publishedNow`);
	},

	deleteDraft: async (event) => {
		const { actor, detail, data, db } = await prepare(event);
		try {
			deleteDraft(db, actor, detail.version.id, revisionOf(data));
		} catch (err) {
			return formFailure(err, 'deleteDraft');
		}
		redirect(303, `${frameworkPath(detail.framework.id)}?notice=draftDeleted`);
	},

	addTheme: async (event) => {
		const { actor, detail, data, db } = await prepare(event);
		const { input, values } = themeForm(data);
		let theme;
		try {
			theme = addTheme(db, actor, detail.version.id, input);
		} catch (err) {
			return formFailure(err, 'newtheme', values);
		}
		back(detail, 'themeAdded', themeAnchor(theme.key), `t${theme.id}`);
	},

	updateTheme: async (event) => {
		const { actor, detail, data, db } = await prepare(event);
		const { input, values } = themeForm(data);
		const theme = findTheme(detail, parseId(formText(data, 'themeId')));
		if (!theme) return gone(values);
		try {
			updateTheme(db, actor, theme.id, revisionOf(data), input);
		} catch (err) {
			return formFailure(err, `theme-${theme.id}`, values);
		}
		back(detail, 'themeSaved', themeAnchor(theme.key), `t${theme.id}`);
	},

	moveTheme: async (event) => {
		const { actor, detail, data, db } = await prepare(event);
		const theme = findTheme(detail, parseId(formText(data, 'themeId')));
		if (!theme) return gone();
		try {
			moveTheme(db, actor, theme.id, revisionOf(data), numberOf(data, 'position') ?? -1);
		} catch (err) {
			return formFailure(err, `thememove-${theme.id}`);
		}
		back(detail, 'themeMoved', themeAnchor(theme.key), `t${theme.id}`);
	},

	deleteTheme: async (event) => {
		const { actor, detail, data, db } = await prepare(event);
		const theme = findTheme(detail, parseId(formText(data, 'themeId')));
		if (!theme) return gone();
		try {
			deleteTheme(db, actor, theme.id, revisionOf(data), shownIdsOf(data, 'requirements'));
		} catch (err) {
			return formFailure(err, `themedelete-${theme.id}`);
		}
		back(detail, 'themeDeleted', 'themes-title');
	},

	addRequirement: async (event) => {
		const { actor, detail, data, db } = await prepare(event);
		const { input, values } = requirementForm(data);
		const theme = findTheme(detail, parseId(formText(data, 'themeId')));
		if (!theme) return gone(values);
		let requirement;
		try {
			requirement = addRequirement(db, actor, theme.id, input);
		} catch (err) {
			return formFailure(err, `newreq-${theme.id}`, values);
		}
		back(detail, 'requirementAdded', requirementAnchor(requirement.key), `r${requirement.id}`);
	},

	updateRequirement: async (event) => {
		const { actor, detail, data, db } = await prepare(event);
		const { input, values } = requirementForm(data);
		const found = findRequirement(detail, parseId(formText(data, 'requirementId')));
		if (!found) return gone(values);
		try {
			updateRequirement(db, actor, found.requirement.id, revisionOf(data), input);
		} catch (err) {
			return formFailure(err, `req-${found.requirement.id}`, values);
		}
		back(detail, 'requirementSaved', requirementAnchor(found.requirement.key), `r${found.requirement.id}`);
	},

	moveRequirement: async (event) => {
		const { actor, detail, data, db } = await prepare(event);
		const found = findRequirement(detail, parseId(formText(data, 'requirementId')));
		if (!found) return gone();
		const target = findTheme(detail, parseId(formText(data, 'themeId')) ?? found.theme.id);
		if (!target)
			return fail(
				400,
				formState(`reqmove-${found.requirement.id}`, 'error.validation', {
					fields: { themeId: { code: 'error.field.invalidChoice', params: {} } }
				})
			);
		// To another theme: at its end; within the theme: the position asked for.
		const position = target.id === found.theme.id ? (numberOf(data, 'position') ?? -1) : target.requirements.length;
		try {
			moveRequirement(db, actor, found.requirement.id, revisionOf(data), { themeId: target.id, position });
		} catch (err) {
			return formFailure(err, `reqmove-${found.requirement.id}`);
		}
		back(detail, 'requirementMoved', requirementAnchor(found.requirement.key), `r${found.requirement.id}`);
	},

	deleteRequirement: async (event) => {
		const { actor, detail, data, db } = await prepare(event);
		const found = findRequirement(detail, parseId(formText(data, 'requirementId')));
		if (!found) return gone();
		try {
			deleteRequirement(db, actor, found.requirement.id, revisionOf(data));
		} catch (err) {
			return formFailure(err, `reqdelete-${found.requirement.id}`);
		}
		back(detail, 'requirementDeleted', themeAnchor(found.theme.key), `t${found.theme.id}`);
	}
};
