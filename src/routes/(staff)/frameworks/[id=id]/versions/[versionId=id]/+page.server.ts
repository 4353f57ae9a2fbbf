import { loadVersion, requireUser } from '$lib/server/http/guards';
import { getFramework } from '$lib/server/frameworks/store';
import type { PageServerLoad } from './$types';

const NOTICES = {
	published: 'error.framework.published',
	publishedNow: 'version.notice.publishedNow'
} as const;

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const detail = loadVersion(event);
	const versions = getFramework(event.locals.db, detail.framework.id)?.versions ?? [];
	const version = detail.version;
	// The version to compare with: the one this draft was made from, else the newest older published one.
	const index = versions.findIndex((v) => v.id === version.id);
	const previous =
		versions.find((v) => v.id === version.basedOnVersionId) ?? versions.slice(index + 1).find((v) => v.status === 'published') ?? null;
	const notice = event.url.searchParams.get('notice');
	return {
		detail,
		canEdit: version.status === 'draft' && user.roles.includes('quality_manager'),
		previous: previous ? { id: previous.id, label: previous.label } : null,
		notice: notice && Object.hasOwn(NOTICES, notice) ? NOTICES[notice as keyof typeof NOTICES] : null
	};
};
