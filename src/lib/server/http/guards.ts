/**
 * Who may open what, for pages, form actions and the JSON API: the one `notFound`, the one
 * reader of numeric ids in the address, and every `requireX` guard. Guards read the database
 * and the rest of the runtime from `event.locals` (filled in hooks.server.ts); what an actor
 * may do in a session is asked of the access module ($lib/server/access).
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { translate } from '../../i18n';
import type { PublicUser } from '../auth/accounts';
import type { DialogueSession, MailMessage, Participant, Report, ReportVersion, Role, Trajectory } from '../db/schema';
import { DomainError } from '../errors';
import { sessionRights } from '../access';
import { getMail } from '../mail/outbox';
import { getReport } from '../reports/reports';
import { versionNamed } from '../reports/view';
import { getDialogueSession, listSessionsOf } from '../sessions/setup';
import { getTrajectory } from '../sessions/trajectories';
import { getFramework, getVersion, type FrameworkOverview, type VersionDetail } from '../frameworks/store';
import { promotableCriteria, type PromotableCriterion } from '../frameworks/promotion';
import { assessmentDetail, type AssessmentDetail } from '../scoring/assessments';

/** Whether an address is the JSON API's (/api/…): its answers are JSON, its callers programs. */
export const isApiPath = (url: URL): boolean => url.pathname.startsWith('/api/');

/** Where a login that must first set up MFA is sent; it may open nothing else. */
export const MFA_PAGE = '/account/mfa';

type Ev<K extends keyof RequestEvent = never> = Pick<RequestEvent, 'locals' | K>;

/**
 * 404: the page does not exist, or its existence is not told. In the JSON API (an address
 * under /api/, answered by apiCall) it is the JSON error `error.missing`.
 */
export function notFound(event: Ev & { url?: URL }): never {
	if (event.url && isApiPath(event.url)) throw new DomainError('error.missing', 404);
	error(404, { message: translate(event.locals.locale, 'error.notFound'), code: 'error.notFound' });
}

/** A positive whole number (a query or form value); anything else is null. */
export function parseId(raw: string | null | undefined): number | null {
	if (!raw || !/^[1-9]\d{0,15}$/.test(raw)) return null;
	const id = Number(raw);
	return Number.isSafeInteger(id) ? id : null;
}

/** The numeric route parameter `name` (e.g. `idParam(event, 'id')`), or 404. */
export function idParam(event: Ev<'params'> & { url?: URL }, name: string): number {
	const id = parseId((event.params as Record<string, string | undefined>)[name]);
	if (id === null) notFound(event);
	return id;
}

// ---------------------------------------------------------------------------------------------
// Staff

/** The logged-in staff member, optionally with one of `roles`; otherwise a redirect or 403. */
export function requireUser(event: Ev<'url'>, ...roles: Role[]): PublicUser {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (user.mustChangePassword && event.url.pathname !== '/account') redirect(303, '/account');
	if (event.locals.mfaEnrolmentRequired && !user.mustChangePassword && event.url.pathname !== MFA_PAGE) redirect(303, MFA_PAGE);
	if (roles.length > 0 && !roles.some((role) => user.roles.includes(role))) {
		error(403, { message: translate(event.locals.locale, 'error.forbidden'), code: 'error.forbidden' });
	}
	return user;
}

/** The staff member behind an API request, optionally with one of `roles`; otherwise 401 or 403. */
export function requireApiUser(event: Ev, ...roles: Role[]): PublicUser {
	const user = event.locals.user;
	if (!user) throw new DomainError('error.unauthorized', 401);
	if (user.mustChangePassword) throw new DomainError('error.mustChangePassword', 403);
	if (event.locals.mfaEnrolmentRequired) throw new DomainError('mfa.error.enrolFirst', 403);
	if (roles.length > 0 && !roles.some((role) => user.roles.includes(role))) throw new DomainError('error.forbidden', 403);
	return user;
}

/** Quality managers read and write assessments; administrators read; everyone else is refused. */
export function requireReader(event: Ev<'url'>): { user: PublicUser; canEdit: boolean } {
	const user = requireUser(event, 'quality_manager', 'admin');
	return { user, canEdit: user.roles.includes('quality_manager') };
}

/** Changes to providers and assessments are for quality managers only. */
export function requireWriter(event: Ev<'url'>): PublicUser {
	return requireUser(event, 'quality_manager');
}

// ---------------------------------------------------------------------------------------------
// Sessions, reports and trajectories

/** The session in the address whose facilitator the staff caller is; null otherwise. */
function facilitatedSession(event: Ev<'params'>, param = 'id'): DialogueSession | null {
	const id = idParam(event, param);
	const { db } = event.locals;
	const session = getDialogueSession(db, id);
	const rights = sessionRights(
		db,
		event.locals.callers.filter((c) => c.kind === 'staff'),
		id
	);
	return session && rights?.part === 'facilitator' ? session : null;
}

/** The logged-in facilitator and one of their own sessions; others get 404 (a session's existence is not told). */
export function requireOwnSession(event: Ev<'url' | 'params'>): { user: PublicUser; session: DialogueSession } {
	const user = requireUser(event, 'facilitator');
	const session = facilitatedSession(event);
	if (!session) notFound(event);
	return { user, session };
}

/**
 * The API's caller as the facilitator of the session in the address (`sessionId`): 401
 * without a login, 403 without the facilitator role, 404 for a session that is not theirs.
 */
export function requireApiSessionFacilitator(event: Ev<'params'>): { user: PublicUser; session: DialogueSession } {
	const user = requireApiUser(event, 'facilitator');
	const session = facilitatedSession(event, 'sessionId');
	if (!session) throw new DomainError('error.missing', 404);
	return { user, session };
}

/**
 * The logged-in facilitator of this session, for the report pages. Anyone else who is logged
 * in gets 404, also staff without the facilitator role: the report holds what participants said.
 */
export function requireReportOwner(event: Ev<'url' | 'params'>): { user: PublicUser; session: DialogueSession } {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (user.mustChangePassword) redirect(303, '/account');
	if (event.locals.mfaEnrolmentRequired) redirect(303, MFA_PAGE);
	const session = facilitatedSession(event);
	if (!session) notFound(event);
	return { user, session };
}

/**
 * The participant (or observer) of this session, from the participant cookie. Anyone else,
 * including someone removed from the list, gets 404: the page does not tell the session exists.
 */
export function requireSessionParticipant(event: Ev<'params'>): { participant: Participant; session: DialogueSession } {
	const id = idParam(event, 'id');
	const { db } = event.locals;
	const participant = event.locals.participant;
	const rights = sessionRights(
		db,
		event.locals.callers.filter((c) => c.kind === 'participant'),
		id
	);
	const session = getDialogueSession(db, id);
	if (!participant || !rights || !session) notFound(event);
	return { participant, session };
}

/** The report of this session, or 404 (also when there is none yet). */
export function requireReport(event: Ev, sessionId: number): Report {
	const report = getReport(event.locals.db, sessionId);
	if (!report) notFound(event);
	return report;
}

/** The logged-in facilitator and a trajectory they lead; others get 404 (its existence is not told). */
export function requireOwnTrajectory(event: Ev<'url' | 'params'>): { user: PublicUser; trajectory: Trajectory } {
	const user = requireUser(event, 'facilitator');
	const trajectory = getTrajectory(event.locals.db, idParam(event, 'id'));
	if (!trajectory || trajectory.facilitatorId !== user.id) notFound(event);
	return { user, trajectory };
}

// ---------------------------------------------------------------------------------------------
// The outbox

/**
 * Whose mail a staff member may read in the outbox: an administrator all of it, a
 * facilitator the mail of their own sessions. Others get 403.
 */
export function requireOutboxReader(event: Ev<'url'>): { user: PublicUser; scope: number[] | 'all' } {
	const user = requireUser(event, 'facilitator', 'admin');
	if (user.roles.includes('admin')) return { user, scope: 'all' };
	return { user, scope: listSessionsOf(event.locals.db, user.id).map((s) => s.id) };
}

/** One message of the outbox the reader may see, or 404. */
export function readableMail(event: Ev, scope: number[] | 'all', id: number): MailMessage {
	const mail = getMail(event.locals.db, id);
	if (!mail) notFound(event);
	if (scope !== 'all' && (mail.dialogueSessionId === null || !scope.includes(mail.dialogueSessionId))) notFound(event);
	return mail;
}

/**
 * The report version named in the address: a version number, or "working" for the working
 * copy (null). Anything else, or a number that does not exist, is 404.
 */
export function versionFor(event: Ev, reportId: number, which: string): ReportVersion | null {
	const version = versionNamed(event.locals.db, reportId, which);
	if (version === undefined) notFound(event);
	return version;
}

// ---------------------------------------------------------------------------------------------
// Frameworks, promotion and assessments

/** The framework of `/frameworks/[id]`, or 404. */
export function loadFramework(event: Ev<'params'>): FrameworkOverview {
	const id = parseId((event.params as Record<string, string | undefined>).id);
	const framework = id === null ? undefined : getFramework(event.locals.db, id);
	if (!framework) notFound(event);
	return framework;
}

/** The version of `/frameworks/[id]/versions/[versionId]`; 404 when it is not of that framework. */
export function loadVersion(event: Ev<'params'>): VersionDetail {
	const params = event.params as Record<string, string | undefined>;
	const frameworkId = parseId(params.id);
	const versionId = parseId(params.versionId);
	const detail = frameworkId === null || versionId === null ? undefined : getVersion(event.locals.db, versionId);
	if (!detail || detail.framework.id !== frameworkId) notFound(event);
	return detail;
}

/** The session of `/promotion/[sessionId]` with its criteria; 404 when unknown, 409 when the report is not final. */
export function promotionSession(event: Ev<'params'>): { session: DialogueSession; criteria: PromotableCriterion[] } {
	const id = parseId((event.params as Record<string, string | undefined>).sessionId);
	const session = id === null ? undefined : getDialogueSession(event.locals.db, id);
	if (!session) notFound(event);
	return { session, criteria: refusedAsHttp(event, () => promotableCriteria(event.locals.db, session.id)) };
}

/** Runs `read`; a refusal of the domain (DomainError) becomes the HTTP error with its message, in the reader's language. */
export function refusedAsHttp<T>(event: Ev, read: () => T): T {
	try {
		return read();
	} catch (err) {
		if (err instanceof DomainError)
			error(err.status, {
				message: translate(event.locals.locale, err.code, err.params as Record<string, string | number>),
				code: err.code
			});
		throw err;
	}
}

/** The assessment of `/assessments/[id]/...`, or 404. */
export function loadAssessment(event: Ev<'params'>): AssessmentDetail {
	const id = parseId((event.params as Record<string, string | undefined>).id);
	if (id !== null) {
		try {
			return assessmentDetail(event.locals.db, id);
		} catch (err) {
			if (!(err instanceof DomainError) || err.status !== 404) throw err;
		}
	}
	notFound(event);
}
