/**
 * The browser's side of a live dialogue session: one socket.io connection (same origin, so
 * the page's cookies authenticate it), joined to one session. It keeps the latest state the
 * server sent in `$state` (an older revision is ignored), joins again after every reconnect
 * (and so gets the full state), and `send` returns the server's answer to an event. When
 * the vote before the session reaches its deadline (which the server does not announce), it
 * asks for the state again, so the page shows it closed, with its result.
 */
import { RETRY_JOIN } from './join-retry';
import { KnownParts } from './static-parts';
import type { Socket } from 'socket.io-client';
import type { MessageKey } from '$lib/i18n';
import type {
	Ack,
	ClientToServerEvents,
	EndReason,
	EventName,
	EventPayloads,
	EventResults,
	JoinPayload,
	JoinResult,
	ServerToClientEvents
} from '$lib/shared/live-contract';
import type { SessionState } from '$lib/shared/live-state';
import { clockOffset } from './clock';

/** What a person reads when the server ended their connection, per reason (`merged` reconnects instead). */
const ENDED_MESSAGES: Record<EndReason, MessageKey> = {
	removed: 'live.removed',
	linkEnded: 'live.linkEnded',
	signedOut: 'live.signedOut',
	staffRemoved: 'live.staffRemoved',
	merged: 'live.removed'
};

export type { SessionState };
/** The events a page sends (the state is asked with `refresh`). */
export type SessionEvent = Exclude<EventName, 'session:state'>;
/** The server's answer to an event: its result's fields, or a message key to show. */
export type Answer<E extends EventName = EventName> = Ack<EventResults[E]>;

export type Connection = 'connecting' | 'live' | 'reconnecting' | 'ended';

const ANSWER_TIMEOUT_MS = 10_000;

export class LiveSession {
	/** The latest state from the server; null until joined. */
	state = $state.raw<SessionState | null>(null);
	/** `write` for the facilitator and participants, `read` for observers and closed sessions. */
	access = $state<'read' | 'write' | null>(null);
	connection = $state<Connection>('connecting');
	/** Why the session cannot be followed (refused, removed), as a message key. */
	problem = $state<MessageKey | null>(null);
	/** How far the server's clock is ahead of this device's (for the timer). */
	offsetMs = $state(0);
	/**
	 * Called when this browser became another record of the same person: what it joined with
	 * the code was merged into their entry on the list. The connection joins again by itself
	 * (the cookie opens the list entry now); the page reloads who it shows.
	 */
	onIdentityChange: (() => void) | null = null;

	#socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
	#stopped = false;
	#retry: ReturnType<typeof setTimeout> | null = null;
	readonly #known = new KnownParts();
	#deadlineTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		readonly sessionId: number,
		readonly view: 'projector' | 'default' = 'default'
	) {}

	/** Connects and joins. Call in the browser only (onMount). */
	async start(): Promise<void> {
		const { io } = await import('socket.io-client');
		if (this.#stopped) return;
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
			path: '/socket.io/',
			transports: ['websocket', 'polling'],
			reconnectionDelayMax: 5000
		});
		this.#socket = socket;
		socket.on('connect', () => void this.#join());
		socket.on('session:state', (state) => this.#accept(state));
		let ended: EndReason | null = null;
		socket.on('session:ended', ({ reason }: { reason: EndReason }) => {
			ended = reason;
		});
		socket.on('disconnect', (reason) => {
			if (this.#stopped) return;
			if (reason === 'io server disconnect' && ended === 'merged') {
				// The same person, now as their entry on the list: connect and join again.
				ended = null;
				this.connection = 'reconnecting';
				this.onIdentityChange?.();
				socket.connect();
				return;
			}
			if (reason === 'io server disconnect') {
				// The server ended the connection: this person no longer has access (it said why).
				this.connection = 'ended';
				this.problem = ENDED_MESSAGES[ended ?? 'removed'];
			} else {
				this.connection = 'reconnecting';
			}
		});
		socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
			if (this.#stopped) return;
			if (error.data?.code === 'error.unauthorized' || error.data?.code === 'error.tooManyConnections') {
				this.connection = 'ended';
				this.problem = error.data.code === 'error.unauthorized' ? 'live.noAccess' : 'live.tooManyConnections';
				socket.disconnect();
			} else {
				this.connection = 'reconnecting';
			}
		});
	}

	stop(): void {
		this.#stopped = true;
		if (this.#retry) clearTimeout(this.#retry);
		if (this.#deadlineTimer) clearTimeout(this.#deadlineTimer);
		this.#socket?.disconnect();
		this.#socket = null;
	}

	/** Sends an event for this session; resolves with the server's answer (never rejects). */
	send<E extends SessionEvent>(event: E, payload: EventPayloads[E]): Promise<Answer<E>> {
		if (!this.#socket?.connected || this.connection !== 'live') return Promise.resolve({ ok: false, error: 'live.offline' });
		return this.#emit(event, { ...payload, sessionId: this.sessionId });
	}

	/**
	 * One event and its answer, within ANSWER_TIMEOUT_MS. A state in an answer is completed
	 * at once, in the order it came: a push right behind it may leave out what it carried
	 * (static-parts.ts), and must find it known.
	 */
	#emit<E extends EventName | 'session:join'>(
		event: E,
		payload: Parameters<ClientToServerEvents[E]>[0]
	): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
		type Answer = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];
		const socket = this.#socket;
		if (!socket) return Promise.resolve({ ok: false, error: 'live.offline' } as Answer);
		const emit = socket.timeout(ANSWER_TIMEOUT_MS).emit as (
			event: E,
			payload: Parameters<ClientToServerEvents[E]>[0],
			ack: (error: Error | null, answer: Answer) => void
		) => void;
		return new Promise((resolve) => {
			emit.call(socket.timeout(ANSWER_TIMEOUT_MS), event, payload, (error, answer) => {
				if (error) return resolve({ ok: false, error: 'live.noAnswer' } as Answer);
				const state = answer.ok && 'state' in answer ? (answer.state as SessionState | undefined) : undefined;
				if (state && state.id === this.sessionId) this.#known.complete(state);
				resolve(answer);
			});
		});
	}

	async #join(): Promise<void> {
		const payload: JoinPayload = { sessionId: this.sessionId, ...(this.view === 'projector' ? { view: 'projector' as const } : {}) };
		const answer: Ack<JoinResult> = await this.#emit('session:join', payload);
		if (this.#stopped) return;
		if (answer.ok) {
			this.access = answer.access;
			this.#accept(answer.state, true);
			this.connection = 'live';
			this.problem = null;
			return;
		}
		if (RETRY_JOIN.has(answer.error)) {
			// Busy or slow: try again shortly.
			this.#retry = setTimeout(() => {
				if (this.#socket?.connected) void this.#join();
			}, 2000);
			return;
		}
		this.connection = 'ended';
		this.problem = answer.error;
		this.#socket?.disconnect();
	}

	/** A pushed state, or one from an answer (`completed`: see #emit). */
	#accept(state: SessionState, completed = false): void {
		if (state.id !== this.sessionId) return;
		if (!completed) this.#known.complete(state);
		// An older state that arrives late is ignored; an equal revision may carry news (who is present).
		if (this.state && state.revision < this.state.revision) return;
		this.offsetMs = clockOffset(state.timer.serverNow, Date.now());
		this.state = state;
		this.#watchPrevoteDeadline(state);
	}

	/** Asks the server for the current state (as after a reconnect). */
	async refresh(): Promise<void> {
		if (!this.#socket?.connected || this.connection !== 'live') return;
		const answer = await this.#emit('session:state', { sessionId: this.sessionId });
		if (answer.ok && !this.#stopped) this.#accept(answer.state, true);
	}

	#watchPrevoteDeadline(state: SessionState): void {
		if (this.#deadlineTimer) clearTimeout(this.#deadlineTimer);
		this.#deadlineTimer = null;
		const { open, deadline } = state.prevote;
		if (!open || deadline === null || this.#stopped) return;
		// A little after the deadline on the server's clock; long waits in steps (timers overflow after 24 days).
		const wait = deadline - (Date.now() + this.offsetMs) + 500;
		this.#deadlineTimer = setTimeout(
			() => {
				this.#deadlineTimer = null;
				if (Date.now() + this.offsetMs < deadline) this.#watchPrevoteDeadline(state);
				else void this.refresh();
			},
			Math.min(Math.max(wait, 0), 6 * 3_600_000)
		);
	}
}
