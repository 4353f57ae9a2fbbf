/**
 * Socket events of a live dialogue session. Every event is validated (zod), authorised for
 * the sender's part in that session as the access module sees it now (../access), rate-limited
 * per person across all their connections, and handled by a domain
 * function in one transaction. The sender gets an acknowledgement (`{ ok: true, ... }` or
 * `{ ok: false, error, params }` with a message key); everyone in the session then gets the
 * new state. Broadcasts are coalesced per session within one tick of the event loop.
 */
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { Db } from '../db';
import { PERSPECTIVES } from '../db/schema';
import { DomainError, storageFault, unavailable } from '../errors';
import { cleanInput, singleLine, ValidationError } from '../validation';
import type { Actor } from '../audit';
import { plainParams, type MessageKey } from '../../i18n';
import type { Ack, EventName, Failure, EventPayloads, EventResults, JoinResult, ServerToClientEvents } from '../../shared/live-contract';
import { log, errorFields } from '../log';
import { isCurrentParticipant, RightsCache, type Caller, type SessionRights } from '../access';
import { addProxyParticipant, removeParticipant } from '../sessions/participants';
import { controlTimer, gotoAgenda, setJoinLocked } from '../sessions/agenda';
import { liftJoinHold } from '../sessions/join-limits';
import {
	chooseThemes,
	closeVote,
	openVote,
	placeSticker,
	removeSticker,
	revealTallies,
	setPrevote,
	type StickerChange
} from '../sessions/voting';
import { createProposal, proposalSchema, triageProposal, triageSchema } from '../sessions/proposals';
import { audienceOf, loadSnapshot, ownJsonOf, Projection, staticRevisionOf, type SessionState, type Viewer } from '../sessions/state';
import { preEncode, writePacket } from './frames';
import { staticKey } from '../../live/static-parts';
import { closeSession, markSchema, markTheme, reopenSchema, reopenSession, type DocLoader } from '../sessions/closing';
import { queries } from '../sessions/queries';
import { mergeParticipants } from '../sessions/identity';
import { recordAttendance, setAttended, setWithoutDevice } from '../sessions/attendance';

export type { Ack };

export interface SessionSocketData {
	/**
	 * Whom the connection speaks for: the staff login first, and a participant token sent
	 * along with it (someone trying the participant view in the browser they lead from). A
	 * caller whose credential ends (logout, removal, a link ended) is taken off at once.
	 */
	callers: Caller[];
	/** The person the connection counts against for limits (personKey of the first caller). */
	person: string;
	/** Gives back the connection's place in its person's count (MAX_CONNECTIONS_PER_PERSON); once. */
	release: () => void;
	/** Sessions this socket joined, with the view it asked for and whom it sees them as. */
	views?: Map<number, { view: 'projector' | 'default'; viewer: Viewer }>;
	/** What the callers may do per session, remembered until a right may have changed. */
	rights?: RightsCache;
	/**
	 * Per session, the own fields (JSON) in the last state this connection was sent: a push
	 * leaves them out while they are the same (src/lib/live/static-parts.ts).
	 */
	ownSent?: Map<number, string>;
}

/**
 * What reaches the server: the events of the contract (../../shared/live-contract.ts), but
 * from anyone, so every payload and ack is `unknown` until validated here. The schemas below
 * accept exactly the contract's payloads (checked by the compiler, see `spec`).
 */
export type IncomingEvents = {
	[name in 'session:join' | EventName]: (payload: unknown, ack: unknown) => void;
};

export type { ServerToClientEvents };

export type KdServer = Server<IncomingEvents, ServerToClientEvents, Record<string, never>, SessionSocketData>;
export type KdSocket = Socket<IncomingEvents, ServerToClientEvents, Record<string, never>, SessionSocketData>;
type AnySocket = KdSocket;
type AnyServer = KdServer;

/**
 * Token bucket per person, across all their connections: bursts of `BURST` events, `RATE`
 * per second sustained. Opening more tabs gives nobody more.
 */
export const BURST = 30;
export const RATE = 15;

class PersonBuckets {
	private readonly buckets = new Map<string, { tokens: number; at: number }>();
	private sweptAt = Date.now();

	allow(person: string, now = Date.now()): boolean {
		// Full buckets of people who went quiet are forgotten now and then.
		if (now - this.sweptAt > 60_000) {
			this.sweptAt = now;
			for (const [key, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * RATE >= BURST) this.buckets.delete(key);
		}
		let bucket = this.buckets.get(person);
		if (!bucket) {
			bucket = { tokens: BURST, at: now };
			this.buckets.set(person, bucket);
		}
		bucket.tokens = Math.min(BURST, bucket.tokens + ((now - bucket.at) / 1000) * RATE);
		bucket.at = now;
		if (bucket.tokens < 1) return false;
		bucket.tokens -= 1;
		return true;
	}
}

const sessionId = z.number().int().positive();
const base = z.object({ sessionId });

type Need = 'member' | 'facilitator' | 'contributor';

const stickerPayload = base.extend({
	themeId: z.number().int().positive(),
	/** Only the facilitator, voting for a participant without a device. */
	participantId: z.number().int().positive().optional(),
	/** `prevote`: the vote before the session. */
	ballot: z.enum(['session', 'prevote']).default('session')
});

interface Context {
	db: Db;
	/** Loads a co-edited document (for closing). */
	loadDoc: DocLoader;
	rights: SessionRights;
	actor: Actor;
	sessionId: number;
	socket: AnySocket;
}

type WithSession<T> = T & { sessionId: number };
/** What an event's handler returns: its answer's fields, but for those the channel adds. */
type RunResult<E extends EventName> = Omit<EventResults[E], 'revision' | 'state'>;

interface EventSpec<E extends EventName, S extends z.ZodType> {
	schema: S;
	need: Need;
	run: (ctx: Context, input: z.output<S>) => RunResult<E> | ([keyof RunResult<E>] extends [never] ? void : never);
	/** Whether the session's state changed (default true): then everyone gets the new state. */
	changes?: boolean;
}

/**
 * An event's handling, checked against the contract: its schema must accept every payload the
 * contract allows (with `sessionId`), and its handler must return the contract's answer.
 */
function spec<E extends EventName>() {
	return <S extends z.ZodType>(
		s: EventSpec<E, S> & { schema: [WithSession<EventPayloads[E]>] extends [z.input<S>] ? S : never }
	): EventSpec<E, S> => s;
}

function actorOf(rights: SessionRights): Actor {
	const caller = rights.caller;
	return caller.kind === 'staff' ? { type: 'user', id: caller.userId } : { type: 'participant', id: caller.participantId };
}

/** The staff member acting, for what only staff may do (a facilitator's events). */
function staffActor(rights: SessionRights): Actor & { type: 'user'; id: number } {
	if (rights.caller.kind !== 'staff') throw new DomainError('error.forbidden', 403);
	return { type: 'user', id: rights.caller.userId };
}

/** The participant id of a participant's or observer's rights. */
function ownId(rights: SessionRights): number {
	if (rights.caller.kind !== 'participant') throw new DomainError('error.forbidden', 403);
	return rights.caller.participantId;
}

/** A current participant of the event's session, or undefined. */
function memberOf(ctx: Context, participantId: number) {
	const p = queries(ctx.db).participant.get({ id: participantId });
	return p && p.dialogueSessionId === ctx.sessionId && isCurrentParticipant(p) ? p : undefined;
}

/** The participant whose stickers an event is about: oneself, or (facilitator) a proxy participant. */
function voterOf(ctx: Context, participantId: number | undefined): { participantId: number; proxy: boolean } {
	if (ctx.rights.part === 'participant') {
		const own = ownId(ctx.rights);
		if (participantId !== undefined && participantId !== own) throw new DomainError('error.forbidden', 403);
		return { participantId: own, proxy: false };
	}
	if (ctx.rights.part === 'facilitator' && participantId !== undefined) {
		const person = memberOf(ctx, participantId);
		if (!person || person.proxyUserId === null) throw new DomainError('error.vote.notProxy', 403);
		return { participantId, proxy: true };
	}
	throw new DomainError('error.vote.observer', 403);
}

/** Handles a sticker event with `change`: for the voter (voterOf), answered with their stickers. */
function stickerRun(change: StickerChange) {
	return (ctx: Context, input: z.output<typeof stickerPayload>) => {
		const voter = voterOf(ctx, input.participantId);
		return { mine: change(ctx.db, ctx.actor, ctx.sessionId, voter.participantId, input.themeId, voter.proxy, input.ballot) };
	};
}

export const EVENTS = {
	'session:state': spec<'session:state'>()({ schema: base, need: 'member', changes: false, run: () => ({}) }),
	'agenda:goto': spec<'agenda:goto'>()({
		schema: base.extend({ to: z.union([z.enum(['next', 'previous']), z.number().int().min(0).max(100)]) }),
		need: 'facilitator',
		run: (ctx, input) => void gotoAgenda(ctx.db, ctx.actor, ctx.sessionId, input.to)
	}),
	'timer:control': spec<'timer:control'>()({
		schema: z.discriminatedUnion('action', [
			base.extend({ action: z.literal('start'), minutes: z.number().int().min(1).max(120) }),
			base.extend({ action: z.literal('add'), minutes: z.number().int().min(1).max(30).default(1) }),
			base.extend({ action: z.enum(['pause', 'resume', 'clear']) })
		]),
		need: 'facilitator',
		run: (ctx, timer) => void controlTimer(ctx.db, ctx.actor, ctx.sessionId, timer)
	}),
	'join:lock': spec<'join:lock'>()({
		schema: base.extend({ locked: z.boolean() }),
		need: 'facilitator',
		run: (ctx, input) => void setJoinLocked(ctx.db, ctx.actor, ctx.sessionId, input.locked)
	}),
	'join:lift': spec<'join:lift'>()({
		schema: base,
		need: 'facilitator',
		run: (ctx) => void liftJoinHold(ctx.db, ctx.actor, ctx.sessionId)
	}),
	'participant:remove': spec<'participant:remove'>()({
		schema: base.extend({ participantId: z.number().int().positive() }),
		need: 'facilitator',
		run: (ctx, input) => {
			if (!memberOf(ctx, input.participantId)) throw new DomainError('error.missing', 404);
			removeParticipant(ctx.db, ctx.actor, ctx.sessionId, input.participantId);
			return { removed: input.participantId };
		}
	}),
	'participant:proxy': spec<'participant:proxy'>()({
		schema: base.extend({ displayName: singleLine(60), perspective: z.enum(PERSPECTIVES) }),
		need: 'facilitator',
		run: (ctx, input) => {
			const p = addProxyParticipant(ctx.db, staffActor(ctx.rights), ctx.sessionId, {
				displayName: input.displayName,
				perspective: input.perspective
			});
			return { participantId: p.id };
		}
	}),
	/** "Dit is … van de lijst": someone who joined with the code is a person on the list (../sessions/identity.ts). */
	'participant:merge': spec<'participant:merge'>()({
		schema: base.extend({ participantId: z.number().int().positive(), intoId: z.number().int().positive() }),
		need: 'facilitator',
		run: (ctx, input) => {
			const { into, moved } = mergeParticipants(
				ctx.db,
				ctx.actor,
				ctx.sessionId,
				{ fromId: input.participantId, intoId: input.intoId },
				'facilitator'
			);
			return { intoId: into.id, moved };
		}
	}),
	'participant:device': spec<'participant:device'>()({
		schema: base.extend({ participantId: z.number().int().positive(), withoutDevice: z.boolean() }),
		need: 'facilitator',
		run: (ctx, input) => void setWithoutDevice(ctx.db, staffActor(ctx.rights), ctx.sessionId, input.participantId, input.withoutDevice)
	}),
	'participant:attended': spec<'participant:attended'>()({
		schema: base.extend({ participantId: z.number().int().positive(), attended: z.boolean() }),
		need: 'facilitator',
		run: (ctx, input) => void setAttended(ctx.db, ctx.actor, ctx.sessionId, input.participantId, input.attended)
	}),
	'vote:open': spec<'vote:open'>()({ schema: base, need: 'facilitator', run: (ctx) => void openVote(ctx.db, ctx.actor, ctx.sessionId) }),
	'vote:close': spec<'vote:close'>()({ schema: base, need: 'facilitator', run: (ctx) => void closeVote(ctx.db, ctx.actor, ctx.sessionId) }),
	'vote:reveal': spec<'vote:reveal'>()({
		schema: base,
		need: 'facilitator',
		run: (ctx) => void revealTallies(ctx.db, ctx.actor, ctx.sessionId)
	}),
	'vote:choose': spec<'vote:choose'>()({
		schema: base.extend({ themeIds: z.array(z.number().int().positive()).min(1).max(3), reason: z.string().max(1000).optional() }),
		need: 'facilitator',
		run: (ctx, input) => void chooseThemes(ctx.db, ctx.actor, ctx.sessionId, { themeIds: input.themeIds, reason: input.reason })
	}),
	'sticker:place': spec<'sticker:place'>()({ schema: stickerPayload, need: 'member', run: stickerRun(placeSticker) }),
	'sticker:remove': spec<'sticker:remove'>()({ schema: stickerPayload, need: 'member', run: stickerRun(removeSticker) }),
	'theme:mark': spec<'theme:mark'>()({
		schema: base.extend(markSchema.shape),
		need: 'facilitator',
		run: (ctx, { sessionId: _s, ...marks }) => void markTheme(ctx.db, ctx.actor, ctx.sessionId, marks, (name) => ctx.loadDoc(name))
	}),
	'session:close': spec<'session:close'>()({
		schema: base,
		need: 'facilitator',
		run: (ctx) => void closeSession(ctx.db, ctx.actor, ctx.sessionId, (name) => ctx.loadDoc(name))
	}),
	'session:reopen': spec<'session:reopen'>()({
		schema: base.extend(reopenSchema.shape),
		need: 'facilitator',
		run: (ctx, input) => void reopenSession(ctx.db, ctx.actor, ctx.sessionId, { reason: input.reason })
	}),
	'prevote:set': spec<'prevote:set'>()({
		schema: base.extend({ deadline: z.coerce.date().nullable() }),
		need: 'facilitator',
		run: (ctx, input) => void setPrevote(ctx.db, ctx.actor, ctx.sessionId, input.deadline)
	}),
	'proposal:create': spec<'proposal:create'>()({
		schema: base.extend(proposalSchema.shape),
		need: 'contributor',
		run: (ctx, { sessionId: _s, ...input }) => {
			if (ctx.rights.part !== 'participant') throw new DomainError('error.forbidden', 403);
			return { proposalId: createProposal(ctx.db, ctx.actor, ctx.sessionId, ownId(ctx.rights), input).id };
		}
	}),
	'proposal:triage': spec<'proposal:triage'>()({
		schema: z.intersection(base, triageSchema),
		need: 'facilitator',
		run: (ctx, triage) => {
			const proposal = triageProposal(ctx.db, ctx.actor, ctx.sessionId, triage);
			return { themeId: proposal.sessionThemeId };
		}
	})
} satisfies { [E in EventName]: EventSpec<E, z.ZodType> };

export type SessionEventName = EventName;

function errorAck(error: unknown, audience: 'staff' | 'participant' = 'staff'): Failure {
	const ack = (code: MessageKey, params?: Record<string, string | number>): Failure =>
		params && Object.keys(params).length > 0 ? { ok: false, error: code, params } : { ok: false, error: code };
	if (error instanceof ValidationError) return ack(error.problems[0]?.code ?? error.code, error.problems[0]?.params);
	if (error instanceof DomainError) return ack(error.code, plainParams(error.params));
	// The database is locked or the disk is full: the transaction rolled back, nothing changed.
	const fault = unavailable(error, audience);
	if (fault) {
		log.warn('socket.storage-fault', { fault: storageFault(error) });
		return ack(fault.code);
	}
	throw error;
}

/**
 * Events stored in groups (SessionChannel.commitGroup): the stickers, most of a session's
 * events. They wait at most GROUP_MS, and any other event stores them first.
 */
const GROUPED = new Set<SessionEventName>(['sticker:place', 'sticker:remove']);
export const GROUP_MS = 4;

function allowed(rights: SessionRights, need: Need): boolean {
	if (need === 'member') return true;
	if (need === 'facilitator') return rights.part === 'facilitator';
	return rights.part === 'participant';
}

/**
 * Live sessions over socket.io: joining (with the current state in the answer), the events
 * above, and broadcasting the new state to everyone in the session after each change.
 */
/** How long before a session opens someone connected to it still counts as there when it opens. */
export const EARLY_ARRIVAL_MS = 2 * 60 * 60 * 1000;

export class SessionChannel {
	private readonly pending = new Set<number>();
	/** Sessions broadcast at once in this tick (see schedule). */
	private readonly sentThisTick = new Set<number>();
	private scheduled = false;
	/** Per session, the static parts everyone in it was last sent (see broadcast). */
	private readonly staticSent = new Map<number, { revision: string; key: string }>();
	/**
	 * Per session while it is planned: when each participant was last connected to it. People
	 * join in the minutes before the facilitator starts, and a phone whose screen then goes off
	 * is not connected when the session opens; those seen within EARLY_ARRIVAL_MS before it
	 * opens count as there (see broadcast). In memory: a restart forgets it.
	 */
	private readonly seenBeforeOpen = new Map<number, Map<number, number>>();
	/** Per session, a timer that broadcasts when the vote beforehand reaches its deadline. */
	private readonly deadlines = new Map<number, { at: number; timer: NodeJS.Timeout }>();
	private readonly buckets = new PersonBuckets();
	/** Stickers waiting to be stored together (see commitGroup). */
	private readonly group: {
		socket: AnySocket;
		name: SessionEventName;
		input: unknown;
		id: number;
		reply: (a: Ack<Record<string, unknown>>) => void;
	}[] = [];
	private groupTimer: NodeJS.Timeout | null = null;
	/** How many groups were stored, holding how many events (tests and the load test read it). */
	readonly grouping = { commits: 0, events: 0 };

	constructor(
		private readonly db: Db,
		private readonly io: AnyServer,
		private readonly loadDoc: DocLoader = () => {
			throw new Error('no document store');
		}
	) {}

	attach(socket: AnySocket): void {
		socket.on('session:join', (payload: unknown, ack: unknown) => this.join(socket, payload, ack));
		for (const name of Object.keys(EVENTS) as SessionEventName[]) {
			socket.on(name, (payload: unknown, ack: unknown) => this.handle(socket, name, payload, ack));
		}
		socket.on('disconnect', () => {
			for (const id of socket.data.views?.keys() ?? []) this.schedule(id);
		});
	}

	/**
	 * What the sender may do in a session now: through the staff login, or else a participant
	 * token sent along. Asked of the access module, remembered until the access epoch moves.
	 */
	rightsOf(socket: AnySocket, id: number): SessionRights | null {
		socket.data.rights ??= new RightsCache(this.db, () => socket.data.callers);
		return socket.data.rights.get(id);
	}

	viewerFor(rights: SessionRights, view: 'projector' | 'default'): Viewer {
		if (rights.part === 'facilitator') return view === 'projector' ? { kind: 'projector' } : { kind: 'facilitator' };
		return { kind: rights.part, participantId: ownId(rights) };
	}

	/** Takes a socket out of a session it may no longer follow. */
	leave(socket: AnySocket, id: number): void {
		socket.data.views?.delete(id);
		socket.data.ownSent?.delete(id);
		void socket.leave(`session:${id}`);
	}

	private join(socket: AnySocket, payload: unknown, ack: unknown): void {
		if (typeof ack !== 'function') return;
		const reply = ack as (a: Ack<JoinResult>) => void;
		if (!this.buckets.allow(socket.data.person)) return reply({ ok: false, error: 'error.rateLimited' });
		const parsed = base.extend({ view: z.enum(['projector', 'default']).default('default') }).safeParse(payload);
		if (!parsed.success) return reply({ ok: false, error: 'error.badRequest' });
		const { sessionId: id, view } = parsed.data;
		let answer: Ack<JoinResult>;
		try {
			const rights = this.rightsOf(socket, id);
			if (!rights) return reply({ ok: false, error: 'error.forbidden' });
			const viewer = this.viewerFor(rights, view);
			answer = { ok: true, access: rights.access, state: this.stateFor(socket, id, viewer) };
			void socket.join(`session:${id}`);
			(socket.data.views ??= new Map()).set(id, { view, viewer });
		} catch (error) {
			// A locked database answers "try again"; the client's join retries.
			try {
				return reply(errorAck(error, 'participant'));
			} catch (unexpected) {
				log.error('socket.join-failed', errorFields(unexpected));
				return reply({ ok: false, error: 'error.internalShort' });
			}
		}
		this.schedule(id); // the facilitator sees who is present
		reply(answer);
	}

	private handle(socket: AnySocket, name: SessionEventName, payload: unknown, ack: unknown): void {
		// Any event's answer: the fields of its result (EventResults), which `run` was checked to return.
		const reply = typeof ack === 'function' ? (ack as (a: Ack<Record<string, unknown>>) => void) : () => undefined;
		if (!this.buckets.allow(socket.data.person)) return reply({ ok: false, error: 'error.rateLimited' });
		const event = EVENTS[name] as EventSpec<EventName, z.ZodType>;
		const parsed = event.schema.safeParse(cleanInput(payload));
		if (!parsed.success) return reply({ ok: false, error: 'error.badRequest' });
		const id = (parsed.data as { sessionId: number }).sessionId;
		if (GROUPED.has(name)) {
			// Stickers wait a moment to be stored together with others (see commitGroup).
			this.group.push({ socket, name, input: parsed.data, id, reply });
			this.groupTimer ??= setTimeout(() => this.commitGroup(), GROUP_MS);
			return;
		}
		// Everything before this event is stored first, so that events take effect in the order they came.
		this.commitGroup();
		const rights = this.authorise(socket, id, event.need, reply);
		if (!rights) return;
		let result: object | void;
		try {
			result = event.run(this.context(socket, rights, id), parsed.data);
		} catch (error) {
			return this.fail(name, rights, error, reply);
		}
		if (name === 'session:state') {
			const view = socket.data.views?.get(id)?.view ?? 'default';
			return reply({ ok: true, state: this.stateFor(socket, id, this.viewerFor(rights, view)) });
		}
		// The new state revision: the sender knows which pushed state includes its change.
		const revision = queries(this.db).revision.get(id);
		reply({ ok: true, ...(result ?? {}), revision });
		// Removing someone, closing or reopening changed who may do what: the domain function
		// announced it (../access/changes), and the connections concerned were re-checked
		// before this broadcast, so nobody who lost access gets the new state.
		if (event.changes !== false) this.schedule(id, 'now');
	}

	/** What the sender may do in the session now, if it may send this event; else answers why not. */
	private authorise(socket: AnySocket, id: number, need: Need, reply: (a: Failure) => void): SessionRights | null {
		// Asked now, for every event: a right that ended a moment ago counts.
		const rights = this.rightsOf(socket, id);
		if (!rights) {
			if (socket.data.views?.has(id)) this.leave(socket, id);
			reply({ ok: false, error: 'error.forbidden' });
			return null;
		}
		if (!allowed(rights, need)) {
			reply({ ok: false, error: 'error.forbidden' });
			return null;
		}
		return rights;
	}

	private context(socket: AnySocket, rights: SessionRights, id: number): Context {
		return { db: this.db, loadDoc: this.loadDoc, rights, actor: actorOf(rights), sessionId: id, socket };
	}

	private fail(name: SessionEventName, rights: SessionRights | null, error: unknown, reply: (a: Failure) => void): void {
		try {
			reply(errorAck(error, rights?.part === 'facilitator' ? 'staff' : 'participant'));
		} catch (unexpected) {
			log.error('socket.event-failed', { event: name, ...errorFields(unexpected) });
			reply({ ok: false, error: 'error.internalShort' });
		}
	}

	/**
	 * Stores the waiting stickers in one transaction, each in a savepoint of its own (a refused
	 * one changes nothing and leaves the others), then answers each sender and sends each
	 * session's new state once. One commit for several votes: the pages they share (the
	 * session, its stickers, the audit trail) are written to the log once, not once per vote.
	 * Rights are asked when the group is stored, so a right that ended meanwhile counts.
	 */
	commitGroup(): void {
		if (this.groupTimer) clearTimeout(this.groupTimer);
		this.groupTimer = null;
		if (this.group.length === 0) return;
		const group = this.group.splice(0);
		this.grouping.commits++;
		this.grouping.events += group.length;
		const outcomes: ({ ok: true; result: object | void } | { ok: false; error: unknown; rights: SessionRights | null } | null)[] = [];
		try {
			this.db.transaction(() => {
				for (const item of group) {
					const rights = this.authorise(item.socket, item.id, EVENTS[item.name].need, item.reply);
					if (!rights) {
						outcomes.push(null);
						continue;
					}
					try {
						const event = EVENTS[item.name] as EventSpec<EventName, z.ZodType>;
						outcomes.push({ ok: true, result: event.run(this.context(item.socket, rights, item.id), item.input) });
					} catch (error) {
						outcomes.push({ ok: false, error, rights });
					}
				}
			});
		} catch (error) {
			// The commit itself failed (the database is busy or the disk full): nothing was stored.
			group.forEach((item, i) => {
				if (outcomes[i] !== null) this.fail(item.name, outcomes[i]?.ok === false ? outcomes[i].rights : null, error, item.reply);
			});
			return;
		}
		const changed = new Set<number>();
		const revisions = new Map<number, number>();
		group.forEach((item, i) => {
			const outcome = outcomes[i];
			if (!outcome) return;
			if (!outcome.ok) return this.fail(item.name, outcome.rights, outcome.error, item.reply);
			let revision = revisions.get(item.id);
			if (revision === undefined) revisions.set(item.id, (revision = queries(this.db).revision.get(item.id)!));
			item.reply({ ok: true, ...(outcome.result ?? {}), revision });
			changed.add(item.id);
		});
		for (const id of changed) this.schedule(id, 'now');
	}

	/**
	 * A viewer's whole state now (a join, `session:state`): the same projection as the pushes.
	 * The connection then has its own fields as they are now (see broadcast).
	 */
	private stateFor(socket: AnySocket, id: number, viewer: Viewer): SessionState {
		const state = new Projection(loadSnapshot(this.db, id), () => this.presentParticipants(id)).state(viewer);
		(socket.data.ownSent ??= new Map()).set(id, ownJsonOf(state));
		return state;
	}

	private presentParticipants(id: number): Set<number> {
		const present = new Set<number>();
		const room = this.io.sockets.adapter.rooms.get(`session:${id}`);
		for (const socketId of room ?? []) {
			const viewer = this.io.sockets.sockets.get(socketId)?.data.views?.get(id)?.viewer;
			if (viewer && 'participantId' in viewer) present.add(viewer.participantId);
		}
		return present;
	}

	/** Everyone sees the vote beforehand close at its deadline, without anyone acting. */
	private armDeadline(id: number, at: number | null): void {
		const armed = this.deadlines.get(id);
		if (armed?.at === at) return;
		if (armed) clearTimeout(armed.timer);
		this.deadlines.delete(id);
		if (at === null || at <= Date.now()) return;
		const timer = setTimeout(
			() => {
				this.deadlines.delete(id);
				this.schedule(id);
			},
			Math.min(at - Date.now() + 50, 2 ** 31 - 1)
		);
		timer.unref();
		this.deadlines.set(id, { at, timer });
	}

	/**
	 * Queues a broadcast of the session's state; several changes in one tick give one broadcast.
	 * `now` (after an event's answer): the first change of a session in this tick goes out at
	 * once, so it does not wait behind everything else the server reads in this tick; changes
	 * after it in the same tick still give one broadcast together at the end of it.
	 */
	schedule(id: number, when: 'now' | 'tick' = 'tick'): void {
		if (when === 'now' && !this.sentThisTick.has(id) && !this.pending.has(id)) {
			this.sentThisTick.add(id);
			this.broadcast(id);
		} else {
			this.pending.add(id);
		}
		if (this.scheduled) return;
		this.scheduled = true;
		setImmediate(() => {
			this.scheduled = false;
			this.sentThisTick.clear();
			const ids = [...this.pending];
			this.pending.clear();
			for (const sessionId of ids) this.broadcast(sessionId);
		});
	}

	/**
	 * Records that people connected while the session runs are there. Nobody needs a new state
	 * for it (they show as present already); a write that fails (database busy) is tried again
	 * with the next broadcast.
	 */
	private noteArrivals(id: number, participantIds: number[]): boolean {
		try {
			recordAttendance(this.db, id, participantIds);
			return true;
		} catch (error) {
			log.warn('session.attendance-failed', { sessionId: id, ...errorFields(error) });
			return false;
		}
	}

	/** Sends every viewer of the session its state, from one projection (../sessions/state.ts). */
	broadcast(id: number): void {
		const room = this.io.sockets.adapter.rooms.get(`session:${id}`);
		if (!room || room.size === 0) {
			this.staticSent.delete(id);
			return;
		}
		try {
			const snapshot = loadSnapshot(this.db, id);
			this.armDeadline(id, snapshot.session.prevoteDeadline?.getTime() ?? null);
			const projection = new Projection(snapshot, () => this.presentParticipants(id));
			// The agenda and the themes' names and texts (most of the bytes) only go out when
			// they changed: everyone in the room got them with their join or with the push after
			// the change, and the client keeps them (src/lib/live/static-parts.ts).
			// Their content is compared only after a change that may have touched them.
			const revision = staticRevisionOf(snapshot.session);
			const sent = this.staticSent.get(id);
			let known = sent?.revision === revision;
			if (!known) {
				const key = staticKey(projection.common('public'));
				known = sent?.key === key;
				this.staticSent.set(id, { revision, key });
			}
			// Only current participants get their view (someone removed a moment ago does not).
			const current = new Set(snapshot.people.map((x) => x.id));
			// Who is connected while the session runs was there (../sessions/attendance.ts), once.
			const notYetThere =
				snapshot.session.status === 'open' ? new Set(snapshot.people.filter((x) => x.attendedAt === null).map((x) => x.id)) : null;
			const arrived: number[] = [];
			const now = Date.now();
			let early = this.seenBeforeOpen.get(id);
			if (snapshot.session.status === 'planned' && !early) this.seenBeforeOpen.set(id, (early = new Map()));
			// Most viewers' own fields did not change: they all get the same message, framed once.
			const shared = new Map<string, { message: string; frame: Buffer[] }>();
			for (const socketId of room) {
				const socket = this.io.sockets.sockets.get(socketId);
				const viewer = socket?.data.views?.get(id)?.viewer;
				if (!socket || !viewer) continue;
				if ((viewer.kind === 'participant' || viewer.kind === 'observer') && !current.has(viewer.participantId)) continue;
				if ((viewer.kind === 'participant' || viewer.kind === 'observer') && notYetThere?.delete(viewer.participantId))
					arrived.push(viewer.participantId);
				if ((viewer.kind === 'participant' || viewer.kind === 'observer') && snapshot.session.status === 'planned')
					early!.set(viewer.participantId, now);
				const audience = audienceOf(viewer);
				const own = projection.ownJson(viewer);
				const ownSent = (socket.data.ownSent ??= new Map());
				if (ownSent.get(id) === own) {
					let same = shared.get(audience);
					if (!same) {
						const message = projection.sharedMessage(audience, known);
						shared.set(audience, (same = { message, frame: preEncode(message) }));
					}
					writePacket(socket.conn, same.message, same.frame);
				} else {
					ownSent.set(id, own);
					writePacket(socket.conn, projection.message(viewer, known, own));
				}
			}
			if (notYetThere && early) {
				// Just opened: who was connected shortly before counts as there, connected now or not.
				// They are not shown as present, so everyone gets the state again once it is recorded.
				const before = arrived.length;
				for (const [participantId, at] of early)
					if (now - at <= EARLY_ARRIVAL_MS && notYetThere.delete(participantId)) arrived.push(participantId);
				// Forgotten once written: a write that fails (database busy) is tried with the next broadcast.
				if (this.noteArrivals(id, arrived)) {
					this.seenBeforeOpen.delete(id);
					if (arrived.length > before) this.schedule(id);
				}
			} else if (arrived.length > 0) this.noteArrivals(id, arrived);
		} catch (error) {
			log.error('session.broadcast-failed', { sessionId: id, ...errorFields(error) });
		}
	}
}
