import { error } from '@sveltejs/kit';
import { audit, userActor } from '$lib/server/audit';
import { reportView } from '$lib/server/reports/reports';
import { getRuntime } from '$lib/server/runtime';
import { translate } from '$lib/i18n';
import { contentView, figuresView, formatWhen, requireReport, requireReportOwner, versionFor } from '$lib/reports.server';
import type { PageServerLoad } from './$types';

/** One kept version of the report, as it was sent or made final. */
export const load: PageServerLoad = (event) => {
	const { user, session } = requireReportOwner(event);
	const locale = event.locals.locale;
	const report = requireReport(session.id, locale);
	const version = versionFor(report.id, event.params.number, locale);
	if (!version) error(404, { message: translate(locale, 'error.notFound'), code: 'error.notFound' });
	const view = reportView(getRuntime().db, session.id, version, locale);
	audit(getRuntime().db, userActor(user), 'report.view', { type: 'report', id: report.id }, { version: version.number });
	return {
		session: { id: session.id, title: session.title },
		version: { number: version.number, kind: version.kind, createdAt: formatWhen(version.createdAt, locale) },
		content: contentView(version.content),
		figures: figuresView(view.figures, view.labels, locale),
		reportStatus: report.status
	};
};
