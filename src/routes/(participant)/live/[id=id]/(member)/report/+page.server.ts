import { fail } from '@sveltejs/kit';
import { audit } from '$lib/server/audit';
import {
	acknowledgeReport,
	addComment,
	commentsOf,
	commentTargets,
	commentWindowOpen,
	getReport,
	listVersions,
	mayRespond,
	reportView,
	responseOverview,
	sentVersion
} from '$lib/server/reports/reports';
import { failureOf, formText, refusedForm } from '$lib/server/http/forms';
import { requireSessionParticipant } from '$lib/server/http/guards';
import { contentView, figuresView, hasAcknowledged, newClientKey } from '$lib/server/reports/view';
import { formatWhen } from '$lib/shared/dates';
import type { Actions, PageServerLoad } from './$types';

/**
 * The report for a participant of this session: the sent draft with a comment form per
 * section and per criterion while the window is open, their own comments with the answers,
 * and once final the final text with the reactienota.
 */
export const load: PageServerLoad = (event) => {
	const { participant, session } = requireSessionParticipant(event);
	const { db } = event.locals;
	const locale = event.locals.locale;
	// Without an e-mail address nobody tells them when it is ready: the page says what to do instead.
	const sessionData = { id: session.id, title: session.title, emailed: participant.email !== null };
	const report = getReport(db, session.id);
	const sent = report && report.status !== 'draft' ? sentVersion(db, report.id) : undefined;
	if (!report || !sent) return { session: sessionData, report: null, clientKeys: {} as Record<string, string>, mine: [] };
	const final =
		report.status === 'final'
			? listVersions(db, report.id)
					.filter((v) => v.kind === 'final')
					.at(-1)
			: undefined;
	const shown = final ?? sent;
	const view = reportView(db, session.id, shown, locale);
	audit(db, { type: 'participant', id: participant.id }, 'report.view', { type: 'report', id: report.id }, { version: shown.number });
	const content = contentView(shown.content);
	const targets = commentTargets(sent.content, locale);
	const open = commentWindowOpen(report);
	// Observers and those who were not there read it; the people who took part respond.
	const asked = mayRespond(db, session.id, participant.id);
	const acknowledged = hasAcknowledged(db, report.id, participant.id);
	return {
		session: sessionData,
		report: {
			status: report.status,
			windowOpen: open,
			mayRespond: asked,
			closesAt: formatWhen(report.commentsCloseAt, locale),
			versionLabel: view.meta.versionLabel,
			// Stopped before its date: when and why, as the printed report says it.
			closedEarly: view.meta.closedEarly,
			content,
			figures: figuresView(view.figures, view.labels, locale),
			responses: report.status === 'final' ? responseOverview(db, report, locale) : [],
			acknowledged
		},
		/** A fresh key per form and per page render: a submit sent twice is stored once. */
		clientKeys: open && asked ? Object.fromEntries([...targets.keys()].map((target) => [target, newClientKey()])) : {},
		mine: commentsOf(db, report.id, participant.id).map((c) => ({
			id: c.id,
			target: targets.get(c.target) ?? c.target,
			body: c.body,
			decision: c.decision,
			reason: c.reason,
			at: formatWhen(c.createdAt, locale)
		}))
	};
};

export const actions: Actions = {
	comment: async (event) => {
		const { participant, session } = requireSessionParticipant(event);
		const data = await event.request.formData();
		const values = { target: formText(data, 'target'), body: formText(data, 'body'), clientKey: formText(data, 'clientKey') };
		try {
			addComment(event.locals.db, participant, session.id, values);
		} catch (err) {
			return refusedForm('comment', failureOf(err), { target: values.target, body: values.body });
		}
		return { posted: values.target };
	},
	acknowledge: async (event) => {
		const { participant, session } = requireSessionParticipant(event);
		try {
			acknowledgeReport(event.locals.db, participant, session.id);
		} catch (err) {
			const f = failureOf(err);
			return fail(f.status, { ackError: { error: f.error, params: f.params } });
		}
		return { acknowledged: true };
	}
};
