/**
 * The state of a live session as each viewer may see it: the one projection of the live
 * state. The server is the only authority: clients render this state and send intentions;
 * after every accepted change each viewer gets a new state (with a higher `revision`).
 * Tallies are hidden from participants and the projector until the facilitator reveals them
 * (when the session hides running tallies).
 *
 * `Projection` builds every viewer's state from one snapshot: the part that is the same for
 * every viewer of a kind once per session (the facilitator's, and the public one for the
 * projector, participants and observers), and each viewer's own part (join code, their
 * stickers and proposals) once per viewer. The answer to a join and the pushes after a change
 * come from the same projection; a push is encoded from the shared part's JSON made once, so
 * that a session of 15 costs one encoding of the shared part, not 15.
 */
import type { Db } from '../db';
import type { DialogueSession, SessionTheme } from '../db/schema';
import type {
	CommonState,
	JoinHold,
	OwnField,
	PersonState,
	ProposalState,
	SessionState,
	Viewer,
	VoteProgress
} from '../../shared/live-state';
import { slim } from '../../live/static-parts';
import { agendaIndex, agendaOf } from './agenda';
import { similarThemes } from './proposals';
import { staticPartsOf, stickerRowsOf, type StaticParts, type StickerRow } from './live-cache';
import { JOIN_WINDOW_MS, joinHoldOf } from './join-limits';
import { queries } from './queries';
import { DomainError } from '../errors';
import { prefilledOf, type PrefillFacts } from '../../shared/theme-document';
import { mineFrom, prevoteOpen, talliesFrom } from './voting';
import { placeableStickers } from '../../shared/sessions/stickers';

export type { SessionState, Viewer } from '../../shared/live-state';

/** Everything a session's states are made of, loaded with a few prepared queries. */
export interface Snapshot {
	session: DialogueSession;
	themes: LiveTheme[];
	stickerRows: readonly StickerRow[];
	proposals: StaticParts['proposals'];
	people: StaticParts['people'];
	joinHold: JoinHold | null;
}

/** The columns of a session theme that its live state shows. */
export type LiveTheme = Pick<
	SessionTheme,
	'id' | 'key' | 'name' | 'description' | 'origin' | 'position' | 'chosenRank' | 'testQuestionAgreed' | 'criteriaProvisional' | 'startBlank'
> &
	Pick<PrefillFacts, 'hasDefinition' | 'hasTestQuestion'>;

/**
 * Everything a session's states are made of: the session's row, and its themes, people,
 * proposals and stickers as kept between broadcasts while the row's counters say they are
 * unchanged (./live-cache.ts), so no writer can leave a kept copy stale.
 */
export function loadSnapshot(db: Db, sessionId: number, now = Date.now()): Snapshot {
	const row = queries(db).liveSession.get({ id: sessionId, since: now - JOIN_WINDOW_MS });
	if (!row) throw new DomainError('error.missing', 404);
	// The row as the session (its two extra columns stay on it unseen: an object rest would copy every column).
	const session: DialogueSession = row;
	const parts = staticPartsOf(db, sessionId, session);
	return {
		session,
		themes: parts.themes,
		stickerRows: stickerRowsOf(db, sessionId, session),
		proposals: parts.proposals,
		people: parts.people,
		joinHold: joinHoldOf(row.refusedJoins, row.lastRefusedAt)
	};
}

/** `facilitator`: the facilitator's own view; `public`: the projector, participants and observers. */
export type Audience = 'facilitator' | 'public';
export const audienceOf = (viewer: Viewer): Audience => (viewer.kind === 'facilitator' ? 'facilitator' : 'public');

/** The state of one session for each of its viewers, from one snapshot. */
export class Projection {
	private readonly rows: StickerRow[];
	private readonly prevoteRows: StickerRow[];
	/** Each participant's own stickers, per ballot (each viewer's own part needs them). */
	private readonly rowsOf = new Map<number, StickerRow[]>();
	private readonly prevoteRowsOf = new Map<number, StickerRow[]>();
	private readonly commons = new Map<Audience, CommonState>();
	private readonly encoded = new Map<string, string>();
	/** Parts of the own fields that are the same for many viewers, and their JSON (by reference). */
	private readonly proposalLists = new Map<Audience, ProposalState[]>();
	private readonly prevoteBases = new Map<Audience, SessionState['prevote']>();
	private readonly json = new WeakMap<object, string>();
	private present: Set<number> | undefined;
	/** The session vote's tallies and progress: the same for every audience that sees them, made once. */
	private tally: ReturnType<typeof talliesFrom> | undefined;
	private progress: VoteProgress | null | undefined;

	/** `presence`: who is connected now (the facilitator sees it); asked once, when needed. */
	constructor(
		readonly snapshot: Snapshot,
		private readonly presence: () => Set<number> = () => new Set()
	) {
		this.rows = snapshot.stickerRows.filter((r) => r.ballot === 'session');
		this.prevoteRows = snapshot.stickerRows.filter((r) => r.ballot === 'prevote');
		for (const r of this.rows) (this.rowsOf.get(r.participantId) ?? this.rowsOf.set(r.participantId, []).get(r.participantId)!).push(r);
		for (const r of this.prevoteRows)
			(this.prevoteRowsOf.get(r.participantId) ?? this.prevoteRowsOf.set(r.participantId, []).get(r.participantId)!).push(r);
	}

	/** A viewer's whole state (the answer to a join, or to `session:state`). */
	state(viewer: Viewer): SessionState {
		return { ...this.common(audienceOf(viewer)), ...this.own(viewer) };
	}

	/**
	 * A viewer's own fields as JSON (`"joinCode":…,"prevote":…`, without braces): what a push
	 * leaves out when the viewer already has it (src/lib/live/static-parts.ts). The same text
	 * for the same fields, whichever projection made it, so it can be compared with what a
	 * connection was sent before.
	 */
	ownJson(viewer: Viewer): string {
		return ownJsonOf(this.own(viewer), (part) => this.encode(part));
	}

	/**
	 * A viewer's state as the socket.io message that `emit('session:state', state)` would send
	 * (`2[...]`, socket.io-parser's event packet), with the static parts left out when `slim`
	 * (everyone in the room has them: src/lib/live/static-parts.ts). The shared part is
	 * encoded once per audience.
	 */
	message(viewer: Viewer, slimmed: boolean, own = this.ownJson(viewer)): string {
		return `${this.head(audienceOf(viewer), slimmed)},${own}}]`;
	}

	/** The message for every viewer of an audience who has their own fields already: without them. */
	sharedMessage(audience: Audience, slimmed: boolean): string {
		return `${this.head(audience, slimmed)}}]`;
	}

	/** The message up to the own fields: `2["session:state",{…` without the closing brace. */
	private head(audience: Audience, slimmed: boolean): string {
		const key = `${audience}:${slimmed}`;
		let head = this.encoded.get(key);
		if (head === undefined) {
			const common = this.common(audience);
			head = `2["session:state",${JSON.stringify(slimmed ? slim(common) : common).slice(0, -1)}`;
			this.encoded.set(key, head);
		}
		return head;
	}

	/** JSON of a part, made once for a part many viewers share. */
	private encode(part: object): string {
		let text = this.json.get(part);
		if (text === undefined) {
			text = JSON.stringify(part);
			this.json.set(part, text);
		}
		return text;
	}

	/** The part of the state that every viewer of an audience shares. */
	common(audience: Audience): CommonState {
		let common = this.commons.get(audience);
		if (!common) {
			common = this.buildCommon(audience);
			this.commons.set(audience, common);
		}
		return common;
	}

	/** Hidden counts show once revealed, or once the vote is closed (nobody can follow the crowd any more). */
	private talliesVisible(audience: Audience): boolean {
		const { session } = this.snapshot;
		return audience === 'facilitator' || !session.hideTallies || session.talliesRevealed || session.voteStatus === 'closed';
	}

	private buildCommon(audience: Audience): CommonState {
		const { session, themes, proposals } = this.snapshot;
		const chosen = themes.filter((t) => t.chosenRank !== null).length;
		const agenda = agendaOf(session, chosen);
		const talliesVisible = this.talliesVisible(audience);
		const result = talliesVisible ? (this.tally ??= talliesFrom(themes, this.rows, session.themesToTreat)) : null;
		const tallyOf = new Map(result?.ranking.map((t) => [t.themeId, t]) ?? []);
		const common: CommonState = {
			id: session.id,
			revision: session.stateRevision,
			title: session.title,
			status: session.status,
			phase: session.phase,
			phaseTheme: session.phaseTheme,
			phaseStep: session.phaseStep,
			agenda,
			agendaIndex: agendaIndex(agenda, session),
			settings: {
				themesToTreat: session.themesToTreat,
				stickersPerParticipant: session.stickersPerParticipant,
				maxStickersPerTheme: session.maxStickersPerTheme,
				themeSelection: session.themeSelection,
				hideTallies: session.hideTallies,
				durationMinutes: session.durationMinutes,
				scheduledAt: session.scheduledAt?.toISOString() ?? null
			},
			joinLocked: session.joinLocked,
			timer: { deadline: session.timerDeadline?.getTime() ?? null, remainingMs: session.timerRemainingMs, serverNow: Date.now() },
			vote: { status: session.voteStatus, talliesVisible, talliesRevealed: session.talliesRevealed, progress: this.voteProgress() },
			themes: themes.map((t) => ({
				id: t.id,
				key: t.key,
				name: t.name,
				description: t.description,
				origin: t.origin,
				chosenRank: t.chosenRank,
				testQuestionAgreed: t.testQuestionAgreed,
				criteriaProvisional: t.criteriaProvisional,
				...(t.chosenRank !== null ? { prefilled: prefilledOf(t) } : {}),
				...(talliesVisible ? { count: tallyOf.get(t.id)?.count ?? 0, byPerspective: tallyOf.get(t.id)?.byPerspective } : {}),
				merged: proposals.filter((p) => p.status === 'merged' && p.sessionThemeId === t.id).map((p) => ({ id: p.id, title: p.title }))
			})),
			result:
				result && session.voteStatus === 'closed'
					? { clear: result.clear, tied: result.tied, slots: result.slots, voters: result.voters, reason: session.choiceReason }
					: null
		};
		if (audience === 'facilitator') {
			this.present ??= this.presence();
			const present = this.present;
			common.joinHold = this.snapshot.joinHold;
			common.people = this.snapshot.people.map((p) => {
				const person: PersonState = {
					id: p.id,
					displayName: p.displayName,
					perspective: p.perspective,
					role: p.role,
					proxy: p.proxyUserId !== null,
					origin: p.origin,
					attended: p.attendedAt !== null,
					present: present.has(p.id)
				};
				// Where the stickers of someone without a device are: the facilitator placed them.
				if (person.proxy) person.stickers = mineFrom(session, p.id, this.rowsOf.get(p.id) ?? []).perTheme;
				return person;
			});
		}
		return common;
	}

	/**
	 * While the vote is open: participants who placed a sticker in it, of the participants in the
	 * room (connected now, recorded as there, without a device, or voted already). Observers do
	 * not vote and do not count. Counts only: nobody learns who.
	 */
	private voteProgress(): VoteProgress | null {
		if (this.progress === undefined) this.progress = this.countVoters();
		return this.progress;
	}

	private countVoters(): VoteProgress | null {
		if (this.snapshot.session.voteStatus !== 'open') return null;
		this.present ??= this.presence();
		const present = this.present;
		const { session, themes } = this.snapshot;
		const full = placeableStickers(session.stickersPerParticipant, session.maxStickersPerTheme, themes.length);
		let voted = 0;
		let done = 0;
		let of = 0;
		for (const p of this.snapshot.people) {
			if (p.role !== 'participant') continue;
			const rows = this.rowsOf.get(p.id);
			if (rows) {
				voted += 1;
				if (rows.length >= full) done += 1;
			}
			if (rows || p.proxyUserId !== null || p.attendedAt !== null || present.has(p.id)) of += 1;
		}
		return { voted, done, of };
	}

	/** Everyone sees every proposal, without its author; participants know which are theirs. */
	private proposalsFor(audience: Audience, me: number | null): ProposalState[] {
		let list = this.proposalLists.get(audience);
		if (!list) {
			const { themes } = this.snapshot;
			list = this.snapshot.proposals.map((p) => ({
				id: p.id,
				title: p.title,
				explanation: p.explanation,
				status: p.status,
				themeId: p.sessionThemeId,
				reason: p.reason,
				mine: false,
				...(audience === 'facilitator' && p.status === 'pending' ? { similar: similarThemes(p, themes) } : {})
			}));
			this.proposalLists.set(audience, list);
		}
		const proposals = this.snapshot.proposals;
		if (me === null || !proposals.some((p) => p.participantId === me)) return list;
		return list.map((p, i) => (proposals[i]!.participantId === me ? { ...p, mine: true } : p));
	}

	/** The vote beforehand without anyone's own stickers, the same for a whole audience. */
	private prevoteBase(audience: Audience): SessionState['prevote'] {
		let base = this.prevoteBases.get(audience);
		if (!base) {
			const { session } = this.snapshot;
			const prevoteIsOpen = prevoteOpen(session);
			// The vote beforehand follows the same rule as the session's: hidden tallies stay hidden
			// until revealed; and nobody but the facilitator sees them while it runs.
			const visible = session.prevoteDeadline !== null && (audience === 'facilitator' || (!prevoteIsOpen && this.talliesVisible(audience)));
			base = {
				deadline: session.prevoteDeadline?.getTime() ?? null,
				open: prevoteIsOpen,
				...(visible ? this.prevoteTallies() : {}),
				mine: null
			};
			this.prevoteBases.set(audience, base);
		}
		return base;
	}

	/** The fields each viewer gets for themselves. */
	own(viewer: Viewer): Pick<SessionState, OwnField> {
		const { session } = this.snapshot;
		const audience = audienceOf(viewer);
		const me = viewer.kind === 'participant' || viewer.kind === 'observer' ? viewer.participantId : null;
		const participant = viewer.kind === 'participant' ? viewer.participantId : null;
		const prevote = this.prevoteBase(audience);
		return {
			joinCode: viewer.kind === 'facilitator' || viewer.kind === 'projector' ? session.joinCode : null,
			viewer: viewer.kind,
			proposals: this.proposalsFor(audience, me),
			mine: participant !== null ? mineFrom(session, participant, this.rowsOf.get(participant) ?? []) : null,
			prevote:
				participant !== null && session.prevoteDeadline !== null
					? { ...prevote, mine: mineFrom(session, participant, this.prevoteRowsOf.get(participant) ?? []) }
					: prevote
		};
	}

	private prevoteTallies() {
		const result = talliesFrom(this.snapshot.themes, this.prevoteRows, this.snapshot.session.themesToTreat);
		return {
			themes: result.ranking.map((t) => ({ themeId: t.themeId, count: t.count, byPerspective: t.byPerspective })),
			voters: result.voters
		};
	}
}

/** The JSON of a viewer's own fields; `encode` may reuse the JSON of parts many viewers share. */
export function ownJsonOf(own: Pick<SessionState, OwnField>, encode: (part: object) => string = JSON.stringify): string {
	return `"joinCode":${JSON.stringify(own.joinCode)},"viewer":${JSON.stringify(own.viewer)},"proposals":${encode(own.proposals)},"mine":${JSON.stringify(own.mine)},"prevote":${encode(own.prevote)}`;
}

/**
 * A key that changes whenever the static parts of a session's state may have changed (the
 * agenda, and each theme's key, name, texts, origin and merged proposals; see
 * ../../live/static-parts.ts): the themes and proposals change the static revision, and the
 * agenda depends on them and on how themes are chosen and how many are treated.
 */
export function staticRevisionOf(session: Pick<DialogueSession, 'staticRevision' | 'themeSelection' | 'themesToTreat'>): string {
	return `${session.staticRevision}:${session.themeSelection}:${session.themesToTreat}`;
}

/** One viewer's state, read now (pages that render it on the server). */
export function sessionState(db: Db, sessionId: number, viewer: Viewer): SessionState {
	return new Projection(loadSnapshot(db, sessionId)).state(viewer);
}
