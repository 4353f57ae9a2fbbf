/**
 * The state of a live session as one viewer sees it: what the server sends (the answer to
 * `session:join` and `session:state`, and every `session:state` push) and the pages render.
 * Browser-safe. The server builds it in one place (src/lib/server/sessions/state.ts,
 * `Projection`); the events that change it are in ./live-contract.ts.
 */
import type {
	Ballot,
	DialogueSessionStatus,
	ParticipantOrigin,
	Perspective,
	ProposalStatus,
	SessionPhase,
	SessionThemeOrigin,
	ThemeSelection,
	ThemeStep,
	VoteStatus
} from './vocabulary';

/** Who looks: the facilitator, the projector (the room), a participant or an observer. */
export type Viewer =
	| { kind: 'facilitator' }
	| { kind: 'projector' }
	| { kind: 'participant'; participantId: number }
	| { kind: 'observer'; participantId: number };
export type ViewerKind = Viewer['kind'];

/** A step of the session's agenda. */
export type AgendaItem = { phase: Exclude<SessionPhase, 'theme'> } | { phase: 'theme'; theme: number; step: ThemeStep };

/** A participant's own stickers in one ballot. */
export interface MyStickers {
	participantId: number;
	/** Stickers per theme id. */
	perTheme: Record<number, number>;
	used: number;
	budget: number;
	maxPerTheme: number;
}

export interface ThemeState {
	id: number;
	/** Stable key: names the theme's co-edited document (`session/<id>/theme/<key>`). */
	key: string;
	name: string;
	description: string | null;
	origin: SessionThemeOrigin;
	chosenRank: number | null;
	/** Marked by the facilitator while the theme is treated. */
	testQuestionAgreed: boolean;
	criteriaProvisional: boolean;
	/** Chosen themes: whether the meaning and the toetsvraag of the document start from the framework's text. */
	prefilled?: { meaning: boolean; testQuestion: boolean };
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

/** Facilitator only: joins refused by the limits per address and per session. */
export interface JoinHold {
	/** Joins the limits refused since joining was last allowed again (within the window). */
	refused: number;
	/** When the last one was refused. */
	lastAt: number;
}

/** Facilitator only: a person in the session. */
export interface PersonState {
	id: number;
	displayName: string;
	perspective: Perspective;
	role: 'participant' | 'observer';
	/** Without a device: the facilitator places their stickers. */
	proxy: boolean;
	/** On the list, joined with the code, or added in the live view without a device. */
	origin: ParticipantOrigin;
	/** Attendance recorded (../sessions/headcount.ts). */
	attended: boolean;
	/** Whether they are connected now. */
	present?: boolean;
	/** Without a device: their stickers in the session's vote, per theme id. */
	stickers?: Record<number, number>;
}

/** How far the session's vote is: participants who placed a sticker, of those in the room. */
export interface VoteProgress {
	/** Placed at least one sticker. */
	voted: number;
	/** Placed every sticker they can (all of them, or as many as the themes take). */
	done: number;
	of: number;
}

export interface SessionState {
	id: number;
	revision: number;
	title: string;
	status: DialogueSessionStatus;
	viewer: ViewerKind;
	phase: SessionPhase;
	phaseTheme: number | null;
	phaseStep: ThemeStep | null;
	agenda: AgendaItem[];
	agendaIndex: number;
	settings: {
		themesToTreat: number;
		stickersPerParticipant: number;
		maxStickersPerTheme: number;
		themeSelection: ThemeSelection;
		hideTallies: boolean;
		durationMinutes: number;
		scheduledAt: string | null;
	};
	joinCode: string | null;
	joinLocked: boolean;
	/** `serverNow` lets clients correct for a clock that differs from the server's. */
	timer: { deadline: number | null; remainingMs: number | null; serverNow: number };
	/**
	 * `progress` while the vote is open: how many participants have placed every sticker they
	 * can (`done`) and at least one (`voted`), of those in the room (`of`: present, recorded as
	 * there, without a device, or voted). Counts only, the same for every viewer: "9 van 13 zijn
	 * klaar met plakken." (the lead view adds "12 hebben er minstens één geplakt.").
	 */
	vote: { status: VoteStatus; talliesVisible: boolean; talliesRevealed: boolean; progress: VoteProgress | null };
	themes: ThemeState[];
	/** When tallies are visible and the vote is closed: the outcome, ties included. */
	result: { clear: number[]; tied: number[]; slots: number; voters: Record<Perspective, number>; reason: string | null } | null;
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
	/** Facilitator only: joins held back by the limits; null when none. */
	joinHold?: JoinHold | null;
	/** Facilitator only: everyone in the session. */
	people?: PersonState[];
}

/** The parts of a state that are the same for every viewer of one kind (see Projection). */
export type CommonState = Omit<SessionState, OwnField>;
/** The parts each viewer gets for themselves. */
export type OwnField = 'joinCode' | 'viewer' | 'proposals' | 'mine' | 'prevote';

export type { Ballot };
