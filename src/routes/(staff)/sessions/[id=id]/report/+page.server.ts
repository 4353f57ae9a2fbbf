import { fail } from '@sveltejs/kit';
import type { Report } from '$lib/server/db/schema';
import { followUpOf } from '$lib/server/reports/deadlines';
import {
	callList,
	checkFinalize,
	checkSend,
	commentsOf,
	commentTargets,
	commentWindowOpen,
	finalizeReport,
	getReport,
	listVersions,
	recomposeSection,
	RECOMPOSABLE,
	reportView,
	respondToComment,
	responseOverview,
	saveReport,
	sendReminders,
	sendReport,
	sentVersion,
	commentWindowCloseAt,
	type SendResult
} from '$lib/server/reports/reports';
import { retentionNotice } from '$lib/server/privacy/notice';
import { userActor } from '$lib/server/audit';
import { failureOf, formText, refusedForm } from '$lib/server/http/forms';
import { parseId, requireReportOwner } from '$lib/server/http/guards';
import { figuresView, plainLanguageFindings, unfinishedParts } from '$lib/server/reports/view';
import { formatDay, formatDayOf, formatWhen } from '$lib/shared/dates';
import type { Locale } from '$lib/i18n';
import { contentOf, editorField, editorValues, readEditor } from '$lib/server/http/report-forms';
import type { Db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/**
 * The comments grouped by what they are about, in the order of the sent version. Each keeps
 * the number of its arrival ("reactie 3" is the third that came in), so a comment written or
 * phoned in later on an earlier part does not renumber the others.
 */
function commentGroups(db: Db, report: Report, locale: Locale) {
	const version = sentVersion(db, report.id);
	if (!version) return [];
	const targets = commentTargets(version.content, locale);
	const comments = commentsOf(db, report.id);
	const arrival = new Map(comments.map((c, i) => [c.id, i + 1]));
	return [...targets.entries()]
		.map(([target, label]) => ({
			target,
			label,
			comments: comments
				.filter((c) => c.target === target)
				.map((c) => ({
					id: c.id,
					number: arrival.get(c.id)!,
					perspective: c.perspective,
					body: c.body,
					/** A phone response: the day of the call, for people. */
					calledOn: c.channel === 'phone' && c.calledOn ? formatDay(c.calledOn, locale) : null,
					decision: c.decision,
					reason: c.reason,
					at: formatWhen(c.createdAt, locale)
				}))
		}))
		.filter((g) => g.comments.length > 0);
}

/** What the page tells after sending or making final: how many mails, the version, who has no address. */
const mailedSummary = (result: SendResult) => ({
	mailed: result.mailed,
	version: result.version.number,
	withoutEmail: result.withoutEmail.map((p) => p.displayName)
});

export const load: PageServerLoad = (event) => {
	const { session } = requireReportOwner(event);
	const { db } = event.locals;
	const locale = event.locals.locale;
	const report = getReport(db, session.id);
	const notice = retentionNotice(db, session, event.locals.config.retentionMonths);
	const sessionData = {
		id: session.id,
		title: session.title,
		status: session.status,
		privacy: notice
			? { state: notice.state, date: formatDayOf(notice.date, locale), moves: notice.moves, months: event.locals.config.retentionMonths }
			: null
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
			closedEarlyReason: report.commentsClosedReason,
			remindersSentAt: formatWhen(report.remindersSentAt, locale),
			finalAt: formatWhen(report.finalAt, locale)
		},
		followUp: { state: followUp.state, due: formatWhen(followUp.due, locale) },
		/** If sent now: the day the comment window would close. */
		windowIfSentNow: formatWhen(commentWindowCloseAt(Date.now()), locale),
		editor: editorValues(report.content),
		recomposable: [...RECOMPOSABLE],
		check: plainLanguageFindings(event.locals.db, report.content),
		figures: figuresView(view.figures, view.labels, locale),
		versions: listVersions(db, report.id).map((v) => ({ number: v.number, kind: v.kind, createdAt: formatWhen(v.createdAt, locale) })),
		commentGroups: commentGroups(event.locals.db, report, locale),
		commentCounts: { total: comments.length, open: comments.filter((c) => c.decision === 'open').length },
		responses: responseOverview(db, report, locale),
		callList:
			report.status === 'draft'
				? []
				: callList(db, report).map((r) => ({
						id: r.id,
						name: r.displayName,
						phone: r.phone,
						notes: r.notes,
						hasEmail: !!r.email,
						reminded: r.reminded
					}))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { user, session } = requireReportOwner(event);
		const { revision, values } = readEditor(await event.request.formData());
		try {
			saveReport(event.locals.db, userActor(user), session.id, { revision, content: contentOf(values) });
		} catch (err) {
			return refusedForm('save', failureOf(err, editorField), { values, revision });
		}
		return { saved: true };
	},
	/** Saves what was typed, then makes one section again from the data (the button names it). */
	recompose: async (event) => {
		const { user, session } = requireReportOwner(event);
		const data = await event.request.formData();
		const key = formText(data, 'recompose');
		const { revision, values } = readEditor(data);
		const { db } = event.locals;
		try {
			saveReport(db, userActor(user), session.id, { revision, content: contentOf(values) });
		} catch (err) {
			return refusedForm('save', failureOf(err, editorField), { values, revision });
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
		const { db, origin, mail } = event.locals;
		const confirmed = formText(await event.request.formData(), 'confirm') === 'yes';
		try {
			// Mails go out at once and cannot be called back: first "are you sure?", with who gets it.
			// …and what still looks unfinished in the text.
			if (!confirmed)
				return { confirmSend: { ...checkSend(db, session.id), unfinished: unfinishedParts(db, getReport(db, session.id)!.content) } };
			const result = sendReport(db, userActor(user), session.id, origin);
			mail?.kick();
			return { sent: mailedSummary(result) };
		} catch (err) {
			const f = failureOf(err);
			return fail(f.status, { sendError: { error: f.error, params: f.params } });
		}
	},
	respond: async (event) => {
		const { user, session } = requireReportOwner(event);
		const data = await event.request.formData();
		const commentId = parseId(formText(data, 'commentId')) ?? 0;
		const values = { decision: formText(data, 'decision'), reason: formText(data, 'reason') };
		try {
			respondToComment(event.locals.db, userActor(user), session.id, commentId, values as Parameters<typeof respondToComment>[4]);
		} catch (err) {
			return refusedForm('respond', failureOf(err), { commentId, values });
		}
		return { answered: commentId };
	},
	remind: async (event) => {
		const { user, session } = requireReportOwner(event);
		const { db, origin, mail } = event.locals;
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
		const { db, origin, mail } = event.locals;
		const confirmed = formText(await event.request.formData(), 'confirm') === 'yes';
		try {
			// The final version cannot be changed any more: first "are you sure?".
			if (!confirmed) {
				checkFinalize(db, session.id);
				return { confirmFinalize: { unfinished: unfinishedParts(db, getReport(db, session.id)!.content) } };
			}
			const result = finalizeReport(db, userActor(user), session.id, origin);
			mail?.kick();
			return { finalized: mailedSummary(result) };
		} catch (err) {
			const f = failureOf(err);
			return fail(f.status, { finalizeError: { error: f.error, params: f.params } });
		}
	}
};
