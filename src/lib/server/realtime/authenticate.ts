/**
 * Authentication for websocket upgrades and socket.io connections: the same cookies as the
 * pages (staff session or participant token), and an Origin that must be the app's own.
 */
import type { IncomingMessage } from 'node:http';
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { participants, users } from '../db/schema';
import { SESSION_COOKIE, validateSessionToken } from '../auth/sessions';
import { toPublicUser } from '../auth/accounts';
import { PARTICIPANT_COOKIE, validateParticipantToken } from '../sessions/participants';
import type { Principal } from '../sessions/access';
import type { Identity } from './yjs/server';

export function parseCookies(header: string | undefined): Map<string, string> {
	const cookies = new Map<string, string>();
	if (!header) return cookies;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 1) continue;
		const name = part.slice(0, eq).trim();
		if (cookies.has(name)) continue;
		let value = part.slice(eq + 1).trim();
		if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
		try {
			cookies.set(name, decodeURIComponent(value));
		} catch {
			// A cookie that is not valid percent-encoding is ignored.
		}
	}
	return cookies;
}

export function originAllowed(req: Pick<IncomingMessage, 'headers'>, origin: string): boolean {
	return req.headers.origin === origin;
}

/** The person behind a request, from the staff session cookie or else the participant cookie. */
export function authenticate(db: Db, req: Pick<IncomingMessage, 'headers'>, sessionDays: number): Principal | null {
	const cookies = parseCookies(req.headers.cookie);
	const staff = validateSessionToken(db, cookies.get(SESSION_COOKIE), sessionDays);
	if (staff) return { kind: 'staff', user: toPublicUser(staff.user) };
	const participant = validateParticipantToken(db, cookies.get(PARTICIPANT_COOKIE));
	if (participant) return { kind: 'participant', participant };
	return null;
}

/**
 * Everyone a request may speak for: the staff login first, and a participant token sent
 * along with it (someone trying the participant view in the browser they lead from).
 */
export function authenticateAll(db: Db, req: Pick<IncomingMessage, 'headers'>, sessionDays: number): Principal[] {
	const cookies = parseCookies(req.headers.cookie);
	const found: Principal[] = [];
	const staff = validateSessionToken(db, cookies.get(SESSION_COOKIE), sessionDays);
	if (staff) found.push({ kind: 'staff', user: toPublicUser(staff.user) });
	const participant = validateParticipantToken(db, cookies.get(PARTICIPANT_COOKIE));
	if (participant) found.push({ kind: 'participant', participant });
	return found;
}

/** Reloads a principal from the database, to re-check access after a change. */
export function reloadPrincipal(db: Db, key: string): Principal | null {
	const [kind, rawId] = key.split(':');
	const id = Number(rawId);
	if (kind === 'user') {
		const user = db.select().from(users).where(eq(users.id, id)).get();
		return user && !user.disabledAt ? { kind: 'staff', user: toPublicUser(user) } : null;
	}
	if (kind === 'participant') {
		const participant = db.select().from(participants).where(eq(participants.id, id)).get();
		return participant && !participant.removedAt ? { kind: 'participant', participant } : null;
	}
	return null;
}

export function identityOf(principal: Principal): Identity {
	if (principal.kind === 'staff') {
		return { key: `user:${principal.user.id}`, name: principal.user.name, kind: 'staff' };
	}
	const p = principal.participant;
	return { key: `participant:${p.id}`, name: p.displayName, kind: 'participant', perspective: p.perspective };
}
