import { fail, redirect } from '@sveltejs/kit';
import { AGREEMENT_TOPICS } from '$lib/server/db/schema';
import { addAgreement, deleteAgreement, listAgreements, updateAgreement } from '$lib/server/reports/agreements';
import { MIN_ANSWERS_SHOWN, evaluationSummary } from '$lib/server/reports/evaluation';
import { followUpOf } from '$lib/server/reports/deadlines';
import {
	callList,
	closeCommentsEarly,
	commentTargets,
	commentWindowOpen,
	getReport,
	recordPhoneResponse,
	sentVersion,
	startReport
} from '$lib/server/reports/reports';
import { newClientKey } from '$lib/server/reports/view';
import type { Db } from '$lib/server/db';
import type { Report } from '$lib/server/db/schema';
import { translate, type Locale } from '$lib/i18n';
import { userActor } from '$lib/server/audit';
import { failureOf, formDate, formText, refusedForm } from '$lib/server/http/forms';
import { parseId, requireReportOwner } from '$lib/server/http/guards';
import { formatDay, formatWhen, today } from '$lib/shared/dates';
import type { Actions, PageServerLoad } from './$types';

/**
 * While the report is out for comments (sent, not final): whom to call and what they can be
 * asked about, for the phone response form, and whether the window is open or was closed early.
 */
function responseRound(db: Db, report: Report, locale: Locale) {
	if (report.status !== 'sent') return null;
	const version = sentVersion(db, report.id);
	return {
		windowOpen: commentWindowOpen(report),
		closeAt: formatWhen(report.commentsCloseAt, locale),
		closedEarly: report.commentsClosedReason ? { reason: report.commentsClosedReason } : null,
		// Those with a number first; someone without one may still have been reached another way.
		toCall: callList(db, report)
			.sort((a, b) => Number(!a.phone) - Number(!b.phone))
			.map((r) => ({
				value: String(r.id),
				label: r.phone ? r.displayName : `${r.displayName} (${translate(locale, 'reports.calls.noPhone')})`
			})),
		targets: version ? [...commentTargets(version.content, locale)].map(([value, label]) => ({ value, label })) : [],
		today: today(),
		clientKey: newClientKey()
	};
}

export const load: PageServerLoad = (event) => {
	const { session } = requireReportOwner(event);
	const { db, origin } = event.locals;
	const locale = event.locals.locale;
	const report = getReport(db, session.id);
	const followUp = followUpOf(session, report);
	const editId = parseId(event.url.searchParams.get('edit')) ?? 0;
	const agreements = listAgreements(db, session.id).map((a) => ({
		id: a.id,
		topic: a.topic,
		what: a.what,
		owner: a.owner,
		dueDate: a.dueDate,
		dueLabel: formatDay(a.dueDate, locale)
	}));
	return {
		session: { id: session.id, title: session.title, status: session.status },
		topics: [...AGREEMENT_TOPICS],
		agreements,
		editing: agreements.find((a) => a.id === editId) ?? null,
		evaluation: evaluationSummary(db, session.id),
		evaluationMinimum: MIN_ANSWERS_SHOWN,
		evaluationUrl: `${origin}/live/${session.id}/evaluation`,
		report: report ? { status: report.status } : null,
		round: report ? responseRound(db, report, locale) : null,
		followUp: { state: followUp.state, due: formatWhen(followUp.due, locale) }
	};
};

/** The agreement form's values as typed, to show them again when refused. */
function readAgreement(data: FormData) {
	return {
		topic: formText(data, 'topic'),
		what: formText(data, 'what'),
		owner: formText(data, 'owner'),
		dueDate: formDate(data, 'dueDate')
	};
}

/**
 * Every problem with the form of the date is told the same way: what a date looks like (a date
 * that is not on the calendar, or before the session, says so).
 */
function agreementFailure(err: unknown, values: ReturnType<typeof readAgreement>, id: number | null) {
	const f = failureOf(err);
	const kept = ['error.agreement.beforeSession', 'error.field.dateNotReal'];
	if (f.fields.dueDate && !kept.includes(f.fields.dueDate.code)) f.fields.dueDate = { code: 'error.field.date' };
	return refusedForm('agreement', f, { id, values });
}

export const actions: Actions = {
	addAgreement: async (event) => {
		const { user, session } = requireReportOwner(event);
		const values = readAgreement(await event.request.formData());
		try {
			addAgreement(event.locals.db, userActor(user), session.id, values as Parameters<typeof addAgreement>[3]);
		} catch (err) {
			return agreementFailure(err, values, null);
		}
		return { agreementDone: 'added' as const };
	},
	updateAgreement: async (event) => {
		const { user, session } = requireReportOwner(event);
		const data = await event.request.formData();
		const id = parseId(formText(data, 'id')) ?? 0;
		const values = readAgreement(data);
		try {
			updateAgreement(event.locals.db, userActor(user), session.id, id, values as Parameters<typeof updateAgreement>[4]);
		} catch (err) {
			return agreementFailure(err, values, id);
		}
		return { agreementDone: 'updated' as const };
	},
	deleteAgreement: async (event) => {
		const { user, session } = requireReportOwner(event);
		const data = await event.request.formData();
		const id = parseId(formText(data, 'id')) ?? 0;
		// Deleting cannot be undone: first "are you sure?", naming the agreement.
		if (formText(data, 'confirm') !== 'yes') {
			const agreement = listAgreements(event.locals.db, session.id).find((a) => a.id === id);
			if (!agreement) return fail(404, { deleteError: 'error.missing' as const });
			return { confirmDelete: { id, what: agreement.what } };
		}
		try {
			deleteAgreement(event.locals.db, userActor(user), session.id, id);
		} catch (err) {
			const f = failureOf(err);
			return fail(f.status, { deleteError: f.error });
		}
		return { agreementDone: 'deleted' as const };
	},
	/** Stops the comment window before its date, with the reason (only this session's facilitator: requireReportOwner asks the access module). */
	closeEarly: async (event) => {
		const { user, session } = requireReportOwner(event);
		const reason = formText(await event.request.formData(), 'reason');
		try {
			closeCommentsEarly(event.locals.db, userActor(user), session.id, { reason });
		} catch (err) {
			return refusedForm('closeEarly', failureOf(err), { reason });
		}
		return { closedEarly: true };
	},
	/** What a participant who did not respond said on the phone, as their response. */
	phoneResponse: async (event) => {
		const { user, session } = requireReportOwner(event);
		const data = await event.request.formData();
		const values = {
			participantId: formText(data, 'participantId'),
			target: formText(data, 'target'),
			body: formText(data, 'body'),
			calledOn: formDate(data, 'calledOn'),
			clientKey: formText(data, 'clientKey')
		};
		try {
			recordPhoneResponse(event.locals.db, userActor(user), session.id, values);
		} catch (err) {
			const f = failureOf(err);
			if (f.fields.calledOn?.code === 'error.field.date') f.fields.calledOn = { code: 'error.phone.calledOn' };
			return refusedForm('phone', f, { values });
		}
		return { phoneSaved: true };
	},
	/** Makes the draft report (once) and opens it. In Dutch whatever the screen language: it is for the participants. */
	startReport: async (event) => {
		const { user, session } = requireReportOwner(event);
		try {
			startReport(event.locals.db, userActor(user), session.id, 'nl');
		} catch (err) {
			const f = failureOf(err);
			return fail(f.status, { startError: f.error });
		}
		redirect(303, `/sessions/${session.id}/report`);
	}
};
