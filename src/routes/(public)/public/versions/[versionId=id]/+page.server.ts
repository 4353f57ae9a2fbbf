import { notFound, parseId } from '$lib/server/http/guards';
import { getVersion } from '$lib/server/frameworks/store';
import type { PageServerLoad } from './$types';

/**
 * A published version for participants, without login. Only what participants need goes to
 * the page: no staff notes, no provenance, no revisions. Drafts and unknown ids are 404.
 */
export const load: PageServerLoad = (event) => {
	const id = parseId(event.params.versionId);
	const detail = id === null ? undefined : getVersion(event.locals.db, id);
	if (!detail || detail.version.status !== 'published') notFound(event);
	return {
		framework: { name: detail.framework.name, description: detail.framework.description },
		version: { label: detail.version.label, publishedAt: detail.version.publishedAt },
		themes: detail.themes.map((theme) => ({
			key: theme.key,
			name: theme.name,
			description: theme.description,
			definition: theme.definition,
			testQuestion: theme.testQuestion,
			requirements: theme.requirements.map((r) => ({
				key: r.key,
				number: r.number,
				text: r.text,
				addressees: r.addressees,
				testMethod: r.testMethod,
				evidence: r.evidence
			}))
		}))
	};
};
