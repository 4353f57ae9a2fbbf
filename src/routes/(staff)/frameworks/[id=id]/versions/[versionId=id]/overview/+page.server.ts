import { loadVersion, requireUser } from '$lib/server/http/guards';
import { versionOverview } from '$lib/server/scoring/report-view';
import type { PageServerLoad } from './$types';

/** A published version across providers: each provider's latest final assessment against it. */
export const load: PageServerLoad = (event) => {
	requireUser(event, 'quality_manager', 'admin');
	const detail = loadVersion(event);
	const published = detail.version.status === 'published';
	return {
		framework: { id: detail.framework.id, name: detail.framework.name },
		version: { id: detail.version.id, label: detail.version.label, published },
		themes: detail.themes.map((theme) => theme.name),
		rows: published ? versionOverview(event.locals.db, detail, event.locals.locale) : []
	};
};
