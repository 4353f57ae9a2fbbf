import { listSessionsOf } from '$lib/server/sessions/setup';
import { sessionListRow } from '$lib/server/sessions/held';
import { listFrameworks } from '$lib/server/frameworks/store';
import { followUpOf, type FollowUpState } from '$lib/server/reports/deadlines';
import { reportsOf } from '$lib/server/reports/reports';
import { requireUser } from '$lib/server/http/guards';
import { mayPromoteCriteria } from '$lib/server/access';
import { promotionQueue } from '$lib/server/frameworks/promotion';
import type { PageServerLoad } from './$types';

/** What needs doing first: late reports, then reports due, comments to answer, waiting, done. */
const URGENCY: Record<FollowUpState, number> = { report_late: 0, report_due: 1, finalize: 2, waiting_comments: 3, done: 4, not_held: 5 };

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const isFacilitator = user.roles.includes('facilitator');
	const db = event.locals.db;
	const own = isFacilitator ? listSessionsOf(db, user.id) : [];
	const sessions = own.map((s) => sessionListRow(db, event.locals.locale, s));
	// After the session: the report within two weeks, the comment window, the final version.
	const closed = own.filter((s) => s.status === 'closed');
	const reports = reportsOf(
		db,
		closed.map((s) => s.id)
	);
	const now = new Date();
	const followUps = closed
		.map((s) => {
			const f = followUpOf(s, reports.get(s.id), now);
			return { id: s.id, title: s.title, state: f.state, due: f.due?.toISOString() ?? null };
		})
		.sort((a, b) => URGENCY[a.state] - URGENCY[b.state] || (a.due ?? '').localeCompare(b.due ?? ''));
	// Per framework: the newest published version, and whether a draft is being worked on.
	const frameworks = listFrameworks(db).map((f) => {
		const published = f.versions.find((v) => v.status === 'published');
		return {
			id: f.id,
			name: f.name,
			published: published ? { id: published.id, label: published.label } : null,
			hasDraft: f.versions.some((v) => v.status === 'draft')
		};
	});
	// For quality managers: sessions whose final report has criteria to take over.
	const promotion = mayPromoteCriteria(user)
		? promotionQueue(db).map((r) => ({ sessionId: r.sessionId, title: r.title, open: r.open }))
		: null;
	return {
		promotion,
		name: user.name,
		roles: user.roles,
		isAdmin: user.roles.includes('admin'),
		isFacilitator,
		sessions,
		followUps,
		frameworks
	};
};
