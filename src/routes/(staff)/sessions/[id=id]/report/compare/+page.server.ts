import { audit, userActor } from '$lib/server/audit';
import { compareContents, listVersions } from '$lib/server/reports/reports';
import type { ReportContent } from '$lib/server/reports/types';
import { notFound, requireReport, requireReportOwner } from '$lib/server/http/guards';
import type { PageServerLoad } from './$types';

/**
 * Two versions of the report (or a version and the working copy) side by side, per section:
 * the words added and removed, and the criteria added, removed or changed.
 */
export const load: PageServerLoad = (event) => {
	const { user, session } = requireReportOwner(event);
	const report = requireReport(event, session.id);
	const versions = listVersions(event.locals.db, report.id);
	const options = [
		...versions.map((v) => ({ value: String(v.number), number: v.number, kind: v.kind as 'sent' | 'final' | 'working' })),
		...(report.status === 'final' ? [] : [{ value: 'working', number: null, kind: 'working' as const }])
	];
	const sessionData = { id: session.id, title: session.title };
	const params = event.url.searchParams;
	const from = params.get('from') ?? options[0]?.value ?? null;
	const to = params.get('to') ?? options.at(-1)?.value ?? null;
	const contentOf = (which: string | null): ReportContent | null => {
		if (which === 'working') return report.status === 'final' ? null : report.content;
		return versions.find((v) => String(v.number) === which)?.content ?? null;
	};
	if (options.length < 2 || from === null || to === null) return { session: sessionData, options, from, to, comparison: null };
	const before = contentOf(from);
	const after = contentOf(to);
	if (!before || !after) notFound(event);
	audit(event.locals.db, userActor(user), 'report.view', { type: 'report', id: report.id }, { compare: [from, to] });
	const sectionOf = (content: ReportContent, key: string) => content.sections.find((s) => s.key === key);
	const sections = compareContents(before, after).map((diff) => {
		const a = sectionOf(before, diff.key);
		const b = sectionOf(after, diff.key);
		return {
			key: diff.key,
			changed: diff.changed,
			headingBefore: a?.heading ?? null,
			headingAfter: b?.heading ?? null,
			bodyBefore: a?.body ?? null,
			bodyAfter: b?.body ?? null,
			criteria: diff.criteria
				.filter((c) => c.change !== 'same')
				.map((c) => {
					const ca = a?.criteria?.find((x) => x.key === c.key);
					const cb = b?.criteria?.find((x) => x.key === c.key);
					return {
						key: c.key,
						change: c.change as 'added' | 'removed' | 'changed',
						before: ca?.text ?? null,
						after: cb?.text ?? null,
						statusBefore: ca?.status ?? null,
						statusAfter: cb?.status ?? null,
						addresseesBefore: ca ? (ca.addressees ?? []) : null,
						addresseesAfter: cb ? (cb.addressees ?? []) : null
					};
				})
		};
	});
	return {
		session: sessionData,
		options,
		from,
		to,
		comparison: {
			titleBefore: before.title,
			titleAfter: after.title,
			sections,
			changed: before.title !== after.title || sections.some((s) => s.changed)
		}
	};
};
