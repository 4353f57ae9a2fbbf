/**
 * The vocabulary of a live dialogue session: the values stored in the database and sent to
 * browsers. Browser-safe (no server imports): the schema (../server/db/schema.ts), the live
 * state (./live-state.ts) and the pages all take them from here. Dutch terms: see
 * ../../../shared/DOMAIN.md (perspectief, gesprek, toetsvraag, sticker).
 */

/** A participant's perspective (perspectief): cliënt, ambtenaar, raadslid, Wmo-raad, aanbieder, anders. */
export const PERSPECTIVES = ['client', 'official', 'council_member', 'wmo_council', 'provider', 'other'] as const;
export type Perspective = (typeof PERSPECTIVES)[number];
/** A participant contributes; an observer follows and reads. */
export const PARTICIPANT_ROLES = ['participant', 'observer'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
/**
 * How a participant record came to be: put on the participant list by the facilitator (with
 * a personal link), joined with the code on the projector, or added in the live view for
 * someone without a device.
 */
export const PARTICIPANT_ORIGINS = ['list', 'code', 'proxy'] as const;
export type ParticipantOrigin = (typeof PARTICIPANT_ORIGINS)[number];

export const DIALOGUE_SESSION_STATUSES = ['planned', 'open', 'closed'] as const;
export type DialogueSessionStatus = (typeof DIALOGUE_SESSION_STATUSES)[number];
/** The agenda of a session (step 3 of the dialogue plan). `theme` has a theme position and a step. */
export const SESSION_PHASES = ['intro', 'overview', 'proposals', 'voting', 'result', 'theme', 'closing'] as const;
export type SessionPhase = (typeof SESSION_PHASES)[number];
/** Per chosen theme: betekenis, toetsvraag, criteria. */
export const THEME_STEPS = ['meaning', 'test_question', 'criteria'] as const;
export type ThemeStep = (typeof THEME_STEPS)[number];
export const THEME_SELECTIONS = ['vote', 'fixed'] as const;
export type ThemeSelection = (typeof THEME_SELECTIONS)[number];
export const VOTE_STATUSES = ['not_started', 'open', 'closed'] as const;
export type VoteStatus = (typeof VOTE_STATUSES)[number];
/** The vote in the session, or the vote before it (e.g. by the Wmo-raad). */
export const BALLOTS = ['session', 'prevote'] as const;
export type Ballot = (typeof BALLOTS)[number];
/** Where a session's theme came from: the framework, a participant's proposal, or an earlier session. */
export const SESSION_THEME_ORIGINS = ['framework', 'proposal', 'carried'] as const;
export type SessionThemeOrigin = (typeof SESSION_THEME_ORIGINS)[number];
/** A proposal for a missing theme, and the facilitator's triage of it. */
export const PROPOSAL_STATUSES = ['pending', 'added', 'merged', 'parked'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
/** A criterion made in a session: afgesproken, voorlopig, geparkeerd. */
export const CRITERION_STATUSES = ['agreed', 'provisional', 'parked'] as const;
export type CriterionStatus = (typeof CRITERION_STATUSES)[number];
