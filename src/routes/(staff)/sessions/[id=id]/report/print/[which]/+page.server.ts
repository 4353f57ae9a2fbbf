import { audit, userActor } from '$lib/server/audit';
import { reportView } from '$lib/server/reports/reports';
import { requireReport, requireReportOwner, versionFor } from '$lib/server/http/guards';
import { contentView, figuresView } from '$lib/server/reports/view';
import type { PageServerLoad } from './$types';

/** The report as a page to print (a version, or the working copy): text, charts with their tables, reactienota. */
export const load: PageServerLoad = (event) => {
	const { user, session } = requireReportOwner(event);
	const locale = event.locals.locale;
	const report = requireReport(event, session.id);
	const version = versionFor(event, report.id, event.params.which);
	const view = reportView(event.locals.db, session.id, version, locale);
	audit(
		event.locals.db,
		userActor(user),
		'report.view',
		{ type: 'report', id: report.id },
		{ print: true, version: version?.number ?? 'working' }
	);
	return {
		session: { id: session.id, title: session.title },
		meta: view.meta,
		labels: view.labels,
		content: contentView(view.content),
		figures: figuresView(view.figures, view.labels, locale),
		responses: view.responses
	};
};
