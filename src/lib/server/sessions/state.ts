/**
 * The state of a live session as one viewer may see it. The server is the only authority:
 * clients render this snapshot and send intentions; after every accepted change each viewer
 * gets a new snapshot (with a higher `revision`). Tallies are hidden from participants and
 * the projector until the facilitator reveals them (when the session hides running tallies).
 */
import type { Db } from '../db';
import type { Ballot, DialogueSession, Participant, ParticipantOrigin, Perspective, ProposalStatus, SessionPhase, SessionTheme, ThemeProposal, ThemeStep } from '../db/schema';
import { agendaIndex, agendaOf, loadSession, type AgendaItem } from './agenda';
import { similarThemes } from './proposals';
import { queries } from './queries';
import { mineFrom, prevoteOpen, talliesFrom, type MyStickers, type VoteResult } from './voting';

export type Viewer = { kind: 'facilitator' } | { kind: 'projector' } | { kind: 'participant'; participantId: number } | { kind: 'observer'; participantId: number };

export interface ThemeState {
	id: number;
	/** Stable key: names the theme's co-edited document (`session/<id>/theme/<key>`). */
	key: string;
	name: string;
	description: string | null;
	origin: 'framework' | 'proposal' | 'carried';
	chosenRank: number | null;
	/** Marked by the facilitator while the theme is treated. */
	testQuestionAgreed: boolean;
	criteriaProvisional: boolean;
	/** Present when tallies are visible to this viewer. */
	count?: number;
	byPerspective?: Record<Perspective, number>;
	/** Proposals merged into this theme (kept as part of its record). */
	merged: { id: number; title: string }[];
}

export interface ProposalState {
	id: number;
	title: string;
	explanation: string | null;
	status: ProposalStatus;
	themeId: number | null;
	reason: string | null;
	mine: boolean;
	/** Facilitator only: existing themes that look alike. */
	similar?: { themeId: number; score: number }[];
}

export interface SessionState {
	id: number;
	revision: number;
	title: string;
	status: DialogueSession['status'];
	viewer: Viewer['kind'];
	phase: SessionPhase;
	phaseTheme: number | null;
	phaseStep: ThemeStep | null;
	agenda: AgendaItem[];
	agendaIndex: number;
	settings: Pick<DialogueSession, 'themesToTreat' | 'stickersPerParticipant' | 'maxStickersPerTheme' | 'themeSelection' | 'hideTallies' | 'durationMinutes'> & { scheduledAt: string | null };
	joinCode: string | null;
	joinLocked: boolean;
	/** `serverNow` lets clients correct for a clock that differs from the server's. */
	timer: { deadline: number | null; remainingMs: number | null; serverNow: number };
	vote: { status: DialogueSession['voteStatus']; talliesVisible: boolean; talliesRevealed: boolean };
	themes: ThemeState[];
	/** When tallies are visible and the vote is closed: the outcome, ties included. */
	result: (Pick<VoteResult, 'clear' | 'tied' | 'slots' | 'voters'> & { reason: string | null }) | null;
	proposals: ProposalState[];
	mine: MyStickers | null;
	/**
	 * The vote before the session (e.g. by the Wmo-raad): open until its deadline. Its
	 * tallies are visible to the facilitator, and to everyone once it has closed.
	 */
	prevote: {
		deadline: number | null;
		open: boolean;
		themes?: { themeId: number; count: number; byPerspective: Record<Perspective, number> }[];
		/** Who voted beforehand, per perspective. */
		voters?: Record<Perspective, number>;
		mine: MyStickers | null;
	};
	/** Facilitator only: everyone in the session (`present` is filled in by the realtime layer). */
	people?: LivePersonState[];
}

/** A person as the facilitator sees them in the live view. */
export interface LivePersonState {
	id: number;
	displayName: string;
	perspective: Perspective;
	role: 'participant' | 'observer';
	/** Without a device: the facilitator places their stickers. */
	proxy: boolean;
	/** On the list, joined with the code, or added in the live view without a device. */
	origin: ParticipantOrigin;
	/** Attendance recorded (../../sessions/headcount.ts). */
	attended: boolean;
	/** Connected now (filled in by the realtime layer). */
	present?: boolean;
	/** Without a device: their stickers in the session's vote, per theme id. */
	stickers?: Record<number, number>;
}

/** Everything a session's states are made of, loaded with a few prepared queries. */
export interface Snapshot {
	session: DialogueSession;
	themes: LiveTheme[];
	stickerRows: { themeId: number; participantId: number; perspective: Perspective; ballot: Ballot }[];
	proposals: ThemeProposal[];
	people: Pick<Participant, 'id' | 'displayName' | 'perspective' | 'role' | 'proxyUserId' | 'origin' | 'attendedAt'>[];
}

/** The columns of a session theme that its live state shows. */
export type LiveTheme = Pick<SessionTheme, 'id' | 'key' | 'name' | 'description' | 'origin' | 'position' | 'chosenRank' | 'testQuestionAgreed' | 'criteriaProvisional'>;

export function loadSnapshot(db: Db, sessionId: number): Snapshot {
	const q = queries(db);
	return {
		session: loadSession(db, sessionId),
		themes: q.liveThemes.all({ session: sessionId }),
		stickerRows: q.stickerRows.all({ session: sessionId }),
		proposals: q.proposals.all({ session: sessionId }),
		people: q.people.all({ session: sessionId })
	};
}

function prevoteTallies(themes: LiveTheme[], rows: Snapshot['stickerRows'], themesToTreat: number) {
	const result = talliesFrom(themes, rows, themesToTreat);
	return { themes: result.ranking.map((t) => ({ themeId: t.themeId, count: t.count, byPerspective: t.byPerspective })), voters: result.voters };
}

export function sessionState(db: Db, sessionId: number, viewer: Viewer): SessionState {
	return stateFrom(loadSnapshot(db, sessionId), viewer);
}

/** The state one viewer may see, from a snapshot (no database access). */
export function stateFrom(snapshot: Snapshot, viewer: Viewer): SessionState {
	const { session, themes, proposals } = snapshot;
	const rows = snapshot.stickerRows.filter((r) => r.ballot === 'session');
	const prevoteRows = snapshot.stickerRows.filter((r) => r.ballot === 'prevote');
	const prevoteIsOpen = prevoteOpen(session);
	const chosen = themes.filter((t) => t.chosenRank !== null).length;
	const agenda = agendaOf(session, chosen);
	const isFacilitator = viewer.kind === 'facilitator';
	const talliesVisible = isFacilitator || !session.hideTallies || session.talliesRevealed;
	const result = talliesVisible ? talliesFrom(themes, rows, session.themesToTreat) : null;
	// The vote beforehand follows the same rule as the session's: hidden tallies stay hidden
	// until revealed; and nobody but the facilitator sees them while it runs.
	const prevoteVisible = session.prevoteDeadline !== null && (isFacilitator || (!prevoteIsOpen && talliesVisible));
	const tallyOf = new Map(result?.ranking.map((t) => [t.themeId, t]) ?? []);
	const me = viewer.kind === 'participant' || viewer.kind === 'observer' ? viewer.participantId : null;

	const state: SessionState = {
		id: session.id,
		revision: session.stateRevision,
		title: session.title,
		status: session.status,
		viewer: viewer.kind,
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
		joinCode: viewer.kind === 'facilitator' || viewer.kind === 'projector' ? session.joinCode : null,
		joinLocked: session.joinLocked,
		timer: { deadline: session.timerDeadline?.getTime() ?? null, remainingMs: session.timerRemainingMs, serverNow: Date.now() },
		vote: { status: session.voteStatus, talliesVisible, talliesRevealed: session.talliesRevealed },
		themes: themes.map((t) => ({
			id: t.id,
			key: t.key,
			name: t.name,
			description: t.description,
			origin: t.origin,
			chosenRank: t.chosenRank,
			testQuestionAgreed: t.testQuestionAgreed,
			criteriaProvisional: t.criteriaProvisional,
			...(talliesVisible ? { count: tallyOf.get(t.id)?.count ?? 0, byPerspective: tallyOf.get(t.id)?.byPerspective } : {}),
			merged: proposals.filter((p) => p.status === 'merged' && p.sessionThemeId === t.id).map((p) => ({ id: p.id, title: p.title }))
		})),
		result:
			result && session.voteStatus === 'closed'
				? { clear: result.clear, tied: result.tied, slots: result.slots, voters: result.voters, reason: session.choiceReason }
				: null,
		// Everyone sees every proposal, without its author; participants know which are theirs.
		proposals: proposals.map((p) => ({
			id: p.id,
			title: p.title,
			explanation: p.explanation,
			status: p.status,
			themeId: p.sessionThemeId,
			reason: p.reason,
			mine: me !== null && p.participantId === me,
			...(isFacilitator && p.status === 'pending' ? { similar: similarThemes(p, themes) } : {})
		})),
		mine:
			viewer.kind === 'participant'
				? mineFrom(session, viewer.participantId, rows.filter((r) => r.participantId === viewer.participantId))
				: null,
		prevote: {
			deadline: session.prevoteDeadline?.getTime() ?? null,
			open: prevoteIsOpen,
			...(prevoteVisible ? prevoteTallies(themes, prevoteRows, session.themesToTreat) : {}),
			mine:
				viewer.kind === 'participant' && session.prevoteDeadline !== null
					? mineFrom(session, viewer.participantId, prevoteRows.filter((r) => r.participantId === viewer.participantId))
					: null
		}
	};
	if (isFacilitator) {
		state.people = snapshot.people.map((p) => {
			const person: LivePersonState = { id: p.id, displayName: p.displayName, perspective: p.perspective, role: p.role, proxy: p.proxyUserId !== null, origin: p.origin, attended: p.attendedAt !== null };
			// Where the stickers of someone without a device are: the facilitator placed them.
			if (person.proxy) person.stickers = mineFrom(session, p.id, rows.filter((r) => r.participantId === p.id)).perTheme;
			return person;
		});
	}
	return state;
}
