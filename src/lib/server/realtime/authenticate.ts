/**
 * Authentication for websocket upgrades and socket.io connections: the same cookies as the
 * pages (staff login and participant token), and an Origin that must be the app's own.
 * What the callers may do is asked of the access module (../access) at every action.
 */
import type { IncomingMessage } from 'node:http';
import type { Db } from '../db';
import { SESSION_COOKIE } from '../auth/sessions';
import { PARTICIPANT_COOKIE } from '../sessions/participants';
import { authenticateTokens, personKey, type Caller } from '../access';
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

export interface Authenticated {
	/** The staff login first, then a participant token sent along with it. */
	callers: Caller[];
	/** Names to show others (presence), per caller. */
	names: Map<Caller, { name: string; perspective?: string }>;
}

/**
 * Everyone a request may speak for: the staff login first, and a participant token sent
 * along with it (someone trying the participant view in the browser they lead from).
 */
export function authenticateRequest(db: Db, req: Pick<IncomingMessage, 'headers'>, sessionDays: number): Authenticated {
	const cookies = parseCookies(req.headers.cookie);
	const found = authenticateTokens(db, { staff: cookies.get(SESSION_COOKIE), participant: cookies.get(PARTICIPANT_COOKIE) }, sessionDays);
	const callers: Caller[] = [];
	const names = new Map<Caller, { name: string; perspective?: string }>();
	if (found.staff) {
		callers.push(found.staff.caller);
		names.set(found.staff.caller, { name: found.staff.user.name });
	}
	if (found.participant) {
		callers.push(found.participant.caller);
		names.set(found.participant.caller, {
			name: found.participant.participant.displayName,
			perspective: found.participant.participant.perspective
		});
	}
	return { callers, names };
}

/** Who a Yjs connection is, as others see it in presence, with the caller its rights are asked for. */
export function identityOf(caller: Caller, shown: { name: string; perspective?: string }): Identity {
	return {
		key: personKey(caller),
		caller,
		name: shown.name,
		kind: caller.kind,
		...(shown.perspective ? { perspective: shown.perspective } : {})
	};
}
