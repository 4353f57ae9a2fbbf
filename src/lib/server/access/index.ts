/**
 * Who may do what in a dialogue session, *now*. The one place for the rule: pages, form
 * actions, the JSON API, socket.io events, Yjs messages and the report comment path all ask
 * it, at the moment they act, never from what was true when a connection opened.
 *
 * A caller is a person together with the credential they came with: a staff login (its
 * session row) or a participant's personal token (their own, or one of their links). The
 * answer is read from the database with a prepared statement per question (a few
 * microseconds), so removing, erasing, disabling, logging out, changing a password or a
 * role, ending a link or closing the session takes effect on the very next action; and
 * `./changes.ts` tells live connections at once, so they end without acting.
 */
import type { Db } from '../db';
import type { Participant } from '../db/schema';
import { validateSessionToken, type SessionValidation } from '../auth/sessions';
import { parseToken } from '../auth/tokens';
import { validateParticipantToken } from '../sessions/participants';
import type { EndReason } from '../../shared/live-contract';

export interface StaffCaller {
	kind: 'staff';
	userId: number;
	/** The login (auth_sessions row) the request or connection came with. */
	authSessionId: string;
}

export interface ParticipantCaller {
	kind: 'participant';
	participantId: number;
	/** The id part of the token used: the participant's own, or one of their personal links. */
	accessId: string;
}

export type Caller = StaffCaller | ParticipantCaller;

/** The part someone plays in a session. */
export type Part = 'facilitator' | 'participant' | 'observer';

export type Access = 'write' | 'read';

export interface SessionRights {
	part: Part;
	/** `read` for observers and for everyone once the session is closed. */
	access: Access;
	/** The caller these rights belong to (a browser may carry a staff login and a participant token). */
	caller: Caller;
	/** A staff login's expiry (ms): the rights end then without any change (see RightsCache). */
	until?: number;
	/** A participant's or observer's perspective (achtergrond) now: the one their new keywords carry. */
	perspective?: Participant['perspective'];
}

/**
 * Whether a staff member takes criteria of final reports into the framework (promotion):
 * quality managers. Administrators may read the promotion pages, but the to-do in the menu
 * and on the dashboard is for those who do it.
 */
export function mayPromoteCriteria(user: { roles: readonly string[] } | null | undefined): boolean {
	return !!user && user.roles.includes('quality_manager');
}

/** A stable key for the person behind a caller (not the credential): `user:3`, `participant:12`. */
export function personKey(caller: Caller): string {
	return caller.kind === 'staff' ? `user:${caller.userId}` : `participant:${caller.participantId}`;
}

/**
 * Whether a participant record still takes part: not removed, not erased or pseudonymised.
 * The record stays as history; the person no longer has any right in the session.
 */
export function isCurrentParticipant(p: Pick<Participant, 'removedAt' | 'pseudonymisedAt'>): boolean {
	return !p.removedAt && !p.pseudonymisedAt;
}

/** The SQL form of isCurrentParticipant, for the statements below (alias `p`). */
const CURRENT = 'p.removed_at IS NULL AND p.pseudonymised_at IS NULL';
/** The access id is the record's own token or one of its links. */
const holds = (alias: string) =>
	`(${alias}.access_id = @access OR EXISTS (SELECT 1 FROM participant_links l WHERE l.participant_id = ${alias}.id AND l.access_id = @access))`;
/**
 * The participant token or link with this access id still opens the record (alias `p`): its
 * own, or that of a record joined with the code that was merged into it (../sessions/identity.ts;
 * merges go one step, from a code record into a list entry).
 */
const CREDENTIAL = `(${holds('p')} OR EXISTS (SELECT 1 FROM participants h WHERE h.merged_into_id = p.id AND ${holds('h')}))`;
/** The staff login is still valid (aliases `a`, `u`); a login that must first set up MFA (../auth/mfa.ts) has no rights. */
const LOGIN = 'a.id = @login AND a.user_id = @user AND a.expires_at > @now AND u.disabled_at IS NULL AND a.mfa_enrolment_required = 0';

function prepare(db: Db) {
	const c = db.$client;
	return {
		staffValid: c.prepare(`SELECT 1 FROM auth_sessions a JOIN users u ON u.id = a.user_id WHERE ${LOGIN}`).pluck(),
		participantValid: c.prepare(`SELECT 1 FROM participants p WHERE p.id = @participant AND ${CURRENT} AND ${CREDENTIAL}`).pluck(),
		credentialOpens: c
			.prepare(
				`SELECT p.id FROM participants p WHERE ${CURRENT}
				 AND p.id = (SELECT coalesce(h.merged_into_id, h.id) FROM participants h WHERE h.id IN
				   (SELECT id FROM participants WHERE access_id = @access UNION ALL SELECT participant_id FROM participant_links WHERE access_id = @access) LIMIT 1)`
			)
			.pluck(),
		participantCurrent: c.prepare(`SELECT 1 FROM participants p WHERE p.id = ? AND ${CURRENT}`).pluck(),
		epoch: c.prepare('SELECT value FROM access_epoch WHERE id = 1').pluck(),
		staffRights: c.prepare(
			`SELECT s.status AS status, a.expires_at AS until FROM auth_sessions a JOIN users u ON u.id = a.user_id JOIN dialogue_sessions s ON s.id = @session AND s.facilitator_id = u.id
			 WHERE ${LOGIN} AND EXISTS (SELECT 1 FROM json_each(u.roles) WHERE value = 'facilitator')`
		),
		participantRights: c.prepare(
			`SELECT p.role AS role, p.perspective AS perspective, s.status AS status FROM participants p JOIN dialogue_sessions s ON s.id = p.dialogue_session_id
			 WHERE p.id = @participant AND p.dialogue_session_id = @session AND s.status <> 'cancelled' AND ${CURRENT} AND ${CREDENTIAL}`
		)
	};
}

type Statements = ReturnType<typeof prepare>;
const cache = new WeakMap<object, Statements>();

function statements(db: Db): Statements {
	let s = cache.get(db.$client);
	if (!s) {
		s = prepare(db);
		cache.set(db.$client, s);
	}
	return s;
}

/** Whether the caller's credential still holds: the login exists, has not expired and its account is enabled; the participant's token or link still opens a current record. */
export function callerValid(db: Db, caller: Caller, now = Date.now()): boolean {
	const s = statements(db);
	if (caller.kind === 'staff') return s.staffValid.get({ login: caller.authSessionId, user: caller.userId, now }) !== undefined;
	return s.participantValid.get({ participant: caller.participantId, access: caller.accessId }) !== undefined;
}

/** Why a caller's credential no longer holds, for the message a person sees. */
export function endReason(db: Db, caller: Caller): EndReason {
	if (caller.kind === 'staff') return 'signedOut';
	// Still taking part, so it was the token or link that ended (a new link was sent).
	if (statements(db).participantCurrent.get(caller.participantId) !== undefined) return 'linkEnded';
	// A record joined with the code, merged into its list entry: the same token opens that now.
	return credentialOpens(db, caller.accessId) !== null ? 'merged' : 'removed';
}

/**
 * The current participant record a participant credential (its access id) opens now, or null:
 * its own record, or, once that record was merged into a list entry, the list entry. Only for
 * credentials whose secret was checked when the connection opened.
 */
export function credentialOpens(db: Db, accessId: string): number | null {
	return (statements(db).credentialOpens.get({ access: accessId }) as number | undefined) ?? null;
}

/**
 * What a caller may do in a session right now, or null: only the session's own facilitator
 * (an enabled account with that role, logged in) and its current participants; observers
 * and everyone in a closed session read only; a cancelled session is open to no participant,
 * its facilitator reads only. With several callers (a staff login and a
 * participant token in one browser) the first that has a part wins.
 */
export function sessionRights(db: Db, callers: Caller | readonly Caller[], sessionId: number, now = Date.now()): SessionRights | null {
	const s = statements(db);
	for (const caller of Array.isArray(callers) ? callers : [callers as Caller]) {
		if (caller.kind === 'staff') {
			const row = s.staffRights.get({ login: caller.authSessionId, user: caller.userId, now, session: sessionId }) as
				{ status: string; until: number } | undefined;
			if (row)
				return {
					part: 'facilitator',
					access: row.status === 'closed' || row.status === 'cancelled' ? 'read' : 'write',
					caller,
					until: row.until
				};
		} else {
			const row = s.participantRights.get({ participant: caller.participantId, access: caller.accessId, session: sessionId }) as
				{ role: string; perspective: Participant['perspective']; status: string } | undefined;
			if (row) {
				const part: Part = row.role === 'observer' ? 'observer' : 'participant';
				return {
					part,
					access: part === 'observer' || row.status === 'closed' ? 'read' : 'write',
					caller,
					perspective: row.perspective
				};
			}
		}
	}
	return null;
}

/**
 * A number that changes whenever anything a right depends on changes: accounts (roles,
 * disabled), logins, participants (removed, erased, role, token, merged), their links, a
 * session's status and facilitator, a chosen theme's marks. Database triggers bump it for
 * every writer (migration 0015), so remembering an answer until it moves is as good as asking
 * now (the revision stamp of issue 16).
 */
export function accessEpoch(db: Db): number {
	return statements(db).epoch.get() as number;
}

/**
 * What one connection's callers may do, per session, asked of sessionRights and remembered
 * until the access epoch moves or a login expires: one cheap read per event or write instead
 * of the lookups themselves. Changing the callers (a credential ended) needs `forget`.
 */
export class RightsCache {
	private epoch = -1;
	private readonly known = new Map<number, SessionRights | null>();

	constructor(
		private readonly db: Db,
		private readonly callers: () => readonly Caller[]
	) {}

	get(sessionId: number, now = Date.now()): SessionRights | null {
		const epoch = accessEpoch(this.db);
		if (epoch !== this.epoch) {
			this.known.clear();
			this.epoch = epoch;
		}
		const hit = this.known.get(sessionId);
		if (hit !== undefined && (hit === null || hit.until === undefined || now < hit.until)) return hit;
		const rights = sessionRights(this.db, this.callers(), sessionId, now);
		this.known.set(sessionId, rights);
		return rights;
	}

	forget(): void {
		this.known.clear();
	}
}

export interface FoundCallers {
	/** A valid staff login (renewed when due: the caller sends the cookie again). */
	staff?: SessionValidation & { caller: StaffCaller };
	/** A valid participant token: the participant it opens (after a merge, the list entry). */
	participant?: { caller: ParticipantCaller; participant: Participant };
}

/**
 * The callers behind a request's cookies: the staff login token and the participant token,
 * each checked (hash, expiry, enabled account, current participant). Used by the page hook
 * and by the websocket upgrades alike.
 */
export function authenticateTokens(db: Db, tokens: { staff?: string; participant?: string }, sessionDays: number): FoundCallers {
	const found: FoundCallers = {};
	const staff = tokens.staff ? validateSessionToken(db, tokens.staff, sessionDays) : null;
	if (staff) found.staff = { ...staff, caller: { kind: 'staff', userId: staff.user.id, authSessionId: staff.session.id } };
	const participant = tokens.participant ? validateParticipantToken(db, tokens.participant) : null;
	const accessId = parseToken(tokens.participant)?.id;
	if (participant && accessId)
		found.participant = { participant, caller: { kind: 'participant', participantId: participant.id, accessId } };
	return found;
}

/** The callers of a request as a list, staff login first. */
export function callerList(found: FoundCallers): Caller[] {
	return [...(found.staff ? [found.staff.caller] : []), ...(found.participant ? [found.participant.caller] : [])];
}
