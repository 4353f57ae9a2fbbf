import { audit, userActor } from '$lib/server/audit';
import { reportView } from '$lib/server/reports/reports';
import { notFound, requireReport, requireReportOwner, versionFor } from '$lib/server/http/guards';
import { contentView, figuresView } from '$lib/server/reports/view';
import { formatWhen } from '$lib/shared/dates';
import type { PageServerLoad } from './$types';

/** One kept version of the report, as it was sent or made final. */
export const load: PageServerLoad = (event) => {
	const { user, session } = requireReportOwner(event);
	const locale = event.locals.locale;
	const report = requireReport(event, session.id);
	const version = versionFor(event, report.id, event.params.number);
	if (!version) notFound(event);
	const view = reportView(event.locals.db, session.id, version, locale);
	audit(event.locals.db, userActor(user), 'report.view', { type: 'report', id: report.id }, { version: version.number });
	return {
		session: { id: session.id, title: session.title },
		version: { number: version.number, kind: version.kind, createdAt: formatWhen(version.createdAt, locale) },
		content: contentView(version.content),
		figures: figuresView(view.figures, view.labels, locale),
		reportStatus: report.status
	};
};
