import { fail } from '@sveltejs/kit';
import type { Report } from '$lib/server/db/schema';
import { followUpOf } from '$lib/server/reports/deadlines';
import {
	callList,
	commentsOf,
	commentTargets,
	commentWindowOpen,
	finalizeReport,
	getReport,
	listVersions,
	recomposeSection,
	reportView,
	respondToComment,
	responseOverview,
	saveReport,
	sendReminders,
	sendReport,
	sentVersion,
	COMMENT_WINDOW_DAYS
} from '$lib/server/reports/reports';
import type { ReportContent } from '$lib/server/reports/types';
import { getRuntime } from '$lib/server/runtime';
import { formatDay, retentionNotice } from '$lib/server/privacy/notice';
import { formText } from '$lib/server/web';
import { failureOf, figuresView, formatWhen, newCriterionKey, plainLanguageFindings, requireReportOwner, userActor, type Failure } from '$lib/reports.server';
import type { Locale } from '$lib/i18n';
import type { EditorValues } from '$lib/components/reports/editor';
import type { Actions, PageServerLoad } from './$types';

/** Sections that can be made again from the data entered after the draft. */
const RECOMPOSABLE = ['agreements', 'evaluation'];

/** The working copy as the editor shows it, with an empty row (and a fresh key) per theme section for a new criterion. */
function editorValues(content: ReportContent): EditorValues {
	return {
		title: content.title,
		sections: content.sections.map((s) => ({
			key: s.key,
			heading: s.heading,
			body: s.body,
			hasCriteria: s.criteria !== undefined,
			criteria: (s.criteria ?? []).map((c) => ({ key: c.key, text: c.text, status: c.status })),
			newCriterion: s.criteria !== undefined ? { key: newCriterionKey(), text: '', status: 'provisional' as const } : null
		}))
	};
}

/** The comments grouped by what they are about, in the order of the sent version. */
function commentGroups(report: Report, locale: Locale) {
	const { db } = getRuntime();
	const version = sentVersion(db, report.id);
	if (!version) return [];
	const targets = commentTargets(version.content, locale);
	const comments = commentsOf(db, report.id);
	let n = 0;
	return [...targets.entries()]
		.map(([target, label]) => ({
			target,
			label,
			comments: comments
				.filter((c) => c.target === target)
				.map((c) => ({ id: c.id, number: 0, perspective: c.perspective, body: c.body, decision: c.decision, reason: c.reason, at: formatWhen(c.createdAt, locale) }))
		}))
		.filter((g) => g.comments.length > 0)
		.map((g) => ({ ...g, comments: g.comments.map((c) => ({ ...c, number: ++n })) }));
}

export const load: PageServerLoad = (event) => {
	const { session } = requireReportOwner(event);
	const { db } = getRuntime();
	const locale = event.locals.locale;
	const report = getReport(db, session.id);
	const notice = retentionNotice(db, session, getRuntime().config.retentionMonths);
	const sessionData = {
		id: session.id,
		title: session.title,
		status: session.status,
		privacy: notice ? { state: notice.state, date: formatDay(notice.date, locale), moves: notice.moves, months: getRuntime().config.retentionMonths } : null
	};
	if (!report) return { session: sessionData, report: null };
	const followUp = followUpOf(session, report);
	const view = reportView(db, session.id, null, locale);
	const comments = report.status === 'draft' ? [] : commentsOf(db, report.id);
	return {
		session: sessionData,
		report: {
			status: report.status,
			revision: report.revision,
			sentAt: formatWhen(report.sentAt, locale),
			commentsCloseAt: formatWhen(report.commentsCloseAt, locale),
			windowOpen: commentWindowOpen(report),
			remindersSentAt: formatWhen(report.remindersSentAt, locale),
			finalAt: formatWhen(report.finalAt, locale)
		},
		followUp: { state: followUp.state, due: formatWhen(followUp.due, locale) },
		/** If sent now: the day the comment window would close. */
		windowIfSentNow: formatWhen(new Date(Date.now() + COMMENT_WINDOW_DAYS * 86_400_000), locale),
		editor: editorValues(report.content),
		recomposable: RECOMPOSABLE,
		check: plainLanguageFindings(report.content),
		figures: figuresView(view.figures, view.labels, locale),
		versions: listVersions(db, report.id).map((v) => ({ number: v.number, kind: v.kind, createdAt: formatWhen(v.createdAt, locale) })),
		commentGroups: commentGroups(report, locale),
		commentCounts: { total: comments.length, open: comments.filter((c) => c.decision === 'open').length },
		responses: responseOverview(db, report, locale),
		callList: report.status === 'draft' ? [] : callList(db, report).map((r) => ({ id: r.id, name: r.displayName, phone: r.phone, notes: r.notes, hasEmail: !!r.email, reminded: r.reminded }))
	};
};

type CriterionStatus = 'agreed' | 'provisional';
const status = (value: string): CriterionStatus => (value === 'agreed' ? 'agreed' : 'provisional');

/** Reads the editor form back into the shape it was rendered from (field names as in ReportEditor). */
function readEditor(data: FormData): { revision: number; values: EditorValues } {
	const sections: EditorValues['sections'] = [];
	for (let i = 0; data.has(`s${i}.key`); i++) {
		const hasCriteria = formText(data, `s${i}.hasCriteria`) === '1';
		const criteria = [];
		for (let j = 0; data.has(`s${i}.c${j}.key`); j++) {
			criteria.push({ key: formText(data, `s${i}.c${j}.key`), text: formText(data, `s${i}.c${j}.text`), status: status(formText(data, `s${i}.c${j}.status`)) });
		}
		sections.push({
			key: formText(data, `s${i}.key`),
			heading: formText(data, `s${i}.heading`),
			body: formText(data, `s${i}.body`),
			hasCriteria,
			criteria,
			newCriterion: hasCriteria ? { key: formText(data, `s${i}.new.key`), text: formText(data, `s${i}.new.text`), status: status(formText(data, `s${i}.new.status`)) } : null
		});
	}
	return { revision: Number(formText(data, 'revision')), values: { title: formText(data, 'title'), sections } };
}

/** The content to save: a new criterion only when something was typed in the empty row. */
function contentOf(values: EditorValues): ReportContent {
	return {
		title: values.title,
		sections: values.sections.map((s) => ({
			key: s.key,
			heading: s.heading,
			body: s.body,
			...(s.hasCriteria
				? { criteria: [...s.criteria, ...(s.newCriterion && s.newCriterion.text.trim() ? [{ ...s.newCriterion, text: s.newCriterion.text }] : [])] }
				: {})
		}))
	};
}

/** Where a problem of the content is shown: "title", "s2.heading", "s2.body" or "s2.c3" (the criterion's row). */
function editorField(path: (string | number)[]): string | null {
	const [root, a, i, b, j] = path;
	if (root !== 'content') return null;
	if (a === 'title') return 'title';
	if (a !== 'sections' || typeof i !== 'number') return null;
	if (b === 'criteria' && typeof j === 'number') return `s${i}.c${j}`;
	if (b === 'heading' || b === 'body') return `s${i}.${b}`;
	return null;
}

function saveFailure(f: Failure, values: EditorValues, revision: number) {
	return fail(f.status, { save: { values, revision, error: f.error, params: f.params, fields: f.fields } });
}

export const actions: Actions = {
	save: async (event) => {
		const { user, session } = requireReportOwner(event);
		const { revision, values } = readEditor(await event.request.formData());
		try {
			saveReport(getRuntime().db, userActor(user), session.id, { revision, content: contentOf(values) });
		} catch (err) {
			return saveFailure(failureOf(err, editorField), values, revision);
		}
		return { saved: true };
	},
	/** Saves what was typed, then makes one section again from the data (the button names it). */
	recompose: async (event) => {
		const { user, session } = requireReportOwner(event);
		const data = await event.request.formData();
		const key = formText(data, 'recompose');
		const { revision, values } = readEditor(data);
		const { db } = getRuntime();
		try {
			saveReport(db, userActor(user), session.id, { revision, content: contentOf(values) });
		} catch (err) {
			return saveFailure(failureOf(err, editorField), values, revision);
		}
		try {
			// In Dutch, like the draft: the report is for the participants.
			const report = recomposeSection(db, userActor(user), session.id, key, 'nl');
			return { recomposed: report.content.sections.find((s) => s.key === key)?.heading ?? key };
		} catch (err) {
			const f = failureOf(err);
			return fail(f.status, { recomposeError: f.error });
		}
	},
	send: async (event) => {
		const { user, session } = requireReportOwner(event);
		const { db, origin, mail } = getRuntime();
		try {
			const result = sendReport(db, userActor(user), session.id, origin);
			mail?.kick();
			return { sent: { mailed: result.mailed, version: result.version.number, withoutEmail: result.withoutEmail.map((p) => p.displayName) } };
		} catch (err) {
			const f = failureOf(err);
			return fail(f.status, { sendError: { error: f.error, params: f.params } });
		}
	},
	respond: async (event) => {
		const { user, session } = requireReportOwner(event);
		const data = await event.request.formData();
		const commentId = Number(formText(data, 'commentId'));
		const values = { decision: formText(data, 'decision'), reason: formText(data, 'reason') };
		try {
			respondToComment(getRuntime().db, userActor(user), session.id, commentId, values as Parameters<typeof respondToComment>[4]);
		} catch (err) {
			const f = failureOf(err);
			return fail(f.status, { respond: { commentId, values, error: f.error, params: f.params, fields: f.fields } });
		}
		return { answered: commentId };
	},
	remind: async (event) => {
		const { user, session } = requireReportOwner(event);
		const { db, origin, mail } = getRuntime();
		try {
			const count = sendReminders(db, userActor(user), session.id, origin);
			mail?.kick();
			return { reminded: count };
		} catch (err) {
			const f = failureOf(err);
			return fail(f.status, { remindError: { error: f.error, params: f.params } });
		}
	},
	finalize: async (event) => {
		const { user, session } = requireReportOwner(event);
		try {
			const version = finalizeReport(getRuntime().db, userActor(user), session.id);
			return { finalized: version.number };
		} catch (err) {
			const f = failureOf(err);
			return fail(f.status, { finalizeError: { error: f.error, params: f.params } });
		}
	}
};
