import { audit, userActor } from '$lib/server/audit';
import { reportView } from '$lib/server/reports/reports';
import { getRuntime } from '$lib/server/runtime';
import { contentView, figuresView, requireReport, requireReportOwner, versionFor } from '$lib/reports.server';
import type { PageServerLoad } from './$types';

/** The report as a page to print (a version, or the working copy): text, charts with their tables, reactienota. */
export const load: PageServerLoad = (event) => {
	const { user, session } = requireReportOwner(event);
	const locale = event.locals.locale;
	const report = requireReport(session.id, locale);
	const version = versionFor(report.id, event.params.which, locale);
	const view = reportView(getRuntime().db, session.id, version, locale);
	audit(getRuntime().db, userActor(user), 'report.view', { type: 'report', id: report.id }, { print: true, version: version?.number ?? 'working' });
	return {
		session: { id: session.id, title: session.title },
		meta: view.meta,
		labels: view.labels,
		content: contentView(view.content),
		figures: figuresView(view.figures, view.labels, locale),
		responses: view.responses
	};
};
