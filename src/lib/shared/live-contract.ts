/**
 * The socket.io contract of a live session, shared by the browser (src/lib/live/session.svelte.ts)
 * and the server (src/lib/server/realtime/session-events.ts): every event a client may send,
 * its payload and the fields of its answer, and the messages the server sends. The server
 * validates every payload with a schema whose output is checked against these types, so the
 * two cannot drift apart; nothing at a call site needs a cast.
 *
 * Every payload also carries `sessionId` (added by `LiveSession.send`). Every answer is an
 * `Ack`: `{ ok: true, ...result }` or `{ ok: false, error, params? }` with a message key.
 * Answers to events that change the session carry the state `revision` that includes the change.
 */
import type { MessageKey, PlainParams } from '../i18n';
import type { MyStickers, SessionState } from './live-state';
import type { Ballot, Perspective } from './vocabulary';

export type Failure = { ok: false; error: MessageKey; params?: PlainParams };
/** An event without a payload of its own (only `sessionId`). */
export type NoPayload = Record<never, never>;
export type Ack<Result extends object = object> = ({ ok: true } & Result) | Failure;

/** What the client sends with each event (besides `sessionId`). */
export interface EventPayloads {
	'session:state': NoPayload;
	'agenda:goto': { to: 'next' | 'previous' | number };
	'timer:control': { action: 'start'; minutes: number } | { action: 'add'; minutes?: number } | { action: 'pause' | 'resume' | 'clear' };
	'join:lock': { locked: boolean };
	/** Allow joining with the code again after the limits held it back. */
	'join:lift': NoPayload;
	'participant:remove': { participantId: number };
	/** Add someone without a device, whose stickers the facilitator places. */
	'participant:proxy': { displayName: string; perspective: Perspective };
	/** "Dit is … van de lijst": someone who joined with the code (`participantId`) is a person on the list (`intoId`). */
	'participant:merge': { participantId: number; intoId: number };
	/** A person on the list takes part without a device (the facilitator places their stickers), or with one again. */
	'participant:device': { participantId: number; withoutDevice: boolean };
	/** The facilitator marks someone present or not (for people without a device, or to correct). */
	'participant:attended': { participantId: number; attended: boolean };
	'vote:open': NoPayload;
	'vote:close': NoPayload;
	'vote:reveal': NoPayload;
	'vote:choose': { themeIds: number[]; reason?: string };
	/** `participantId`: only the facilitator, for someone without a device. */
	'sticker:place': { themeId: number; participantId?: number; ballot?: Ballot };
	'sticker:remove': { themeId: number; participantId?: number; ballot?: Ballot };
	'theme:mark': { themeId: number; testQuestionAgreed?: boolean; criteriaProvisional?: boolean };
	'session:close': NoPayload;
	'session:reopen': { reason: string };
	/** The deadline of the vote beforehand (ISO text or ms); null closes it. */
	'prevote:set': { deadline: string | number | null };
	'proposal:create': { title: string; explanation?: string | null };
	'proposal:triage':
		| { action: 'add'; proposalId: number; name?: string }
		| { action: 'merge'; proposalId: number; themeId: number }
		| { action: 'park'; proposalId: number; reason: string };
}

/** The events whose answer is only the state revision that includes the change. */
type PlainChange =
	| 'agenda:goto'
	| 'timer:control'
	| 'join:lock'
	| 'join:lift'
	| 'participant:device'
	| 'participant:attended'
	| 'vote:open'
	| 'vote:close'
	| 'vote:reveal'
	| 'vote:choose'
	| 'theme:mark'
	| 'session:close'
	| 'session:reopen'
	| 'prevote:set';

/** The fields of a successful answer, per event (besides `ok`). */
export type EventResults = Record<PlainChange, Changed> & {
	'session:state': { state: SessionState };
	'participant:remove': Changed & { removed: number };
	'participant:proxy': Changed & { participantId: number };
	'participant:merge': Changed & { intoId: number; moved: { stickers: number; proposals: number; evaluations: number } };
	'sticker:place': Changed & { mine: MyStickers };
	'sticker:remove': Changed & { mine: MyStickers };
	'proposal:create': Changed & { proposalId: number };
	'proposal:triage': Changed & { themeId: number | null };
};

/** The state revision that includes the change: the sender knows which pushed state shows it. */
export type Changed = { revision: number };

export type EventName = keyof EventPayloads;

/** Joining a session: the whole state for this viewer, and whether they may write. */
export type JoinPayload = { sessionId: number; view?: 'projector' | 'default' };
export type JoinResult = { access: 'read' | 'write'; state: SessionState };

/**
 * Why the server ends a connection: removed from the session (or erased), the personal link
 * used was ended (a new one was sent), logged out, or (`staffRemoved`) a staff member still
 * logged in may no longer lead or show this session (another facilitator, a role taken away); or `merged`:
 * the record joined with the code became part of a list entry, and connecting again continues
 * as that person (src/lib/server/sessions/identity.ts).
 */
export type EndReason = 'removed' | 'linkEnded' | 'signedOut' | 'staffRemoved' | 'merged';

export type ClientToServerEvents = {
	[E in EventName]: (payload: EventPayloads[E] & { sessionId: number }, ack: (answer: Ack<EventResults[E]>) => void) => void;
} & {
	'session:join': (payload: JoinPayload, ack: (answer: Ack<JoinResult>) => void) => void;
};

export interface ServerToClientEvents {
	/** The session's state for this viewer, after every change (the static parts may be left out: ../live/static-parts.ts). */
	'session:state': (state: SessionState) => void;
	/** Sent just before the server ends the connection: this person may no longer follow the session. */
	'session:ended': (info: { reason: EndReason }) => void;
}
