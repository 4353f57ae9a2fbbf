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

/** `cancelled`: called off before it began (../server/sessions/cancellation.ts); nothing happens in it any more. */
export const DIALOGUE_SESSION_STATUSES = ['planned', 'open', 'closed', 'cancelled'] as const;
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

// ---------------------------------------------------------------------------------------------
// The rest of the stored vocabulary: staff, mail, frameworks, reports, scoring and promotion.
// The schema (../server/db/schema.ts), the domain modules and the pages take them from here.

/** Staff roles: beheerder, gespreksleider, kwaliteitsmanager. */
export const ROLES = ['admin', 'facilitator', 'quality_manager'] as const;
export type Role = (typeof ROLES)[number];
/** Who did something, in the audit log. */
export const ACTOR_TYPES = ['user', 'participant', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** `final`: the report is final (with a link to read it and the reactienota). */
export const MAIL_KINDS = ['invitation', 'report', 'reminder', 'link', 'final'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
/** `cancelled`: never to be sent (its personal link was ended before it went out). */
export const MAIL_STATUSES = ['queued', 'sent', 'failed', 'cancelled'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** Whom a requirement of a framework addresses. */
export const ADDRESSEES = ['municipality', 'provider', 'other'] as const;
export type Addressee = (typeof ADDRESSEES)[number];
/** The level of a requirement: structuur, proces, uitkomst, effect. */
export const REQUIREMENT_LEVELS = ['structure', 'process', 'outcome', 'effect'] as const;
export type RequirementLevel = (typeof REQUIREMENT_LEVELS)[number];
/** Whether a requirement applies to a kind of care: yes, no, only under a condition, or not stated by the source. */
export const APPLIES = ['yes', 'no', 'conditional', 'unspecified'] as const;
export type Applies = (typeof APPLIES)[number];
export const VERSION_STATUSES = ['draft', 'published'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** A report is a working copy (draft), sent to the participants for comments, or final. */
export const REPORT_STATUSES = ['draft', 'sent', 'final'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** The follow-up questions of the plan (step 4). */
export const AGREEMENT_TOPICS = ['next_session', 'council', 'implementation', 'planning_cycle', 'involvement'] as const;
export type AgreementTopic = (typeof AGREEMENT_TOPICS)[number];
/**
 * The facilitator's answer to a participant's comment: taken into the report, not taken (with a
 * reason), or answered (a question or a remark that needs an answer, not a change).
 */
export const COMMENT_DECISIONS = ['open', 'adopted', 'not_adopted', 'answered'] as const;
export type CommentDecision = (typeof COMMENT_DECISIONS)[number];
/** What became of an agreed criterion of a final report. */
export const PROMOTION_STATES = ['promoted', 'merged', 'not_promoted'] as const;
export type PromotionState = (typeof PROMOTION_STATES)[number];

/** How a provider is paid for: zorg in natura, PGB to a professional, PGB to a relative (naaste). */
export const FUNDING_TYPES = ['zin', 'pgb_professional', 'pgb_informal'] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];
/** Where clients receive support at a provider: verblijf (they live or stay) and dagbesteding (day care). */
export const CARE_SETTINGS = ['residential', 'day_care'] as const;
export type CareSetting = (typeof CARE_SETTINGS)[number];
/**
 * A requirement's exceptions as data (applicability.rules), tested against the facts of the
 * provider register:
 * - not_for_funding: does not apply to these fundings ("niet van toepassing op PGB's");
 * - not_for_guardian_parent: not when the naaste paid from a PGB is the client's gezaghebbende
 *   ouder ("behalve gezaghebbende ouder"); only meaningful for care by a naaste;
 * - setting: applies only where clients receive support in one of these settings
 *   ("bij verblijf", "meestal om dagbesteding of verblijf");
 * - where_relevant: applies only where relevant ("indien van toepassing"): pre-selected, the
 *   assessor checks.
 */
export const APPLICABILITY_RULE_KINDS = ['not_for_funding', 'not_for_guardian_parent', 'setting', 'where_relevant'] as const;
export type ApplicabilityRuleKind = (typeof APPLICABILITY_RULE_KINDS)[number];
/**
 * Why a requirement is or is not pre-selected for a provider, stored with each assessment item:
 * column_no: the source marks it "-" for this kind of care; blank_cell: the source leaves the cell
 * empty for this kind of care while filling the other; funding: not_for_funding; guardian_parent;
 * setting; where_relevant: pre-selected but only where relevant; null: applies without condition.
 */
export const PRESELECTION_REASONS = ['column_no', 'blank_cell', 'funding', 'guardian_parent', 'setting', 'where_relevant'] as const;
export type PreselectionReason = (typeof PRESELECTION_REASONS)[number];
/** How far a provider meets a requirement: voldoet, grotendeels, grotendeels niet, niet. */
export const SCORE_LEVELS = ['meets', 'largely', 'largely_not', 'not'] as const;
export type ScoreLevel = (typeof SCORE_LEVELS)[number];
/**
 * The band of each level (Drents kwaliteitskader 2019, section 3.1): the share of a
 * requirement's indicators met, in percent. The source writes 100–75, 75–65, 65–45 and 45–0 %
 * and names no side for a shared boundary; the product reads the bands like the source's
 * decision rule, which the text pins down ("meer dan 75 %" is good, "minder dan 65 %" is
 * not): exactly 75 % is "voldoet grotendeels", exactly 65 % is "voldoet grotendeels" and, by
 * the same pattern (a lower bound below 75 belongs to its band), exactly 45 % is "voldoet
 * grotendeels niet". The one definition: the assessment screens, exports and the page
 * "Hoe rekenen we?" all read it from here.
 */
export const LEVEL_BANDS: Readonly<Record<ScoreLevel, { min: number; minIncluded: boolean; max: number; maxIncluded: boolean }>> = {
	meets: { min: 75, minIncluded: false, max: 100, maxIncluded: true },
	largely: { min: 65, minIncluded: true, max: 75, maxIncluded: true },
	largely_not: { min: 45, minIncluded: true, max: 65, maxIncluded: false },
	not: { min: 0, minIncluded: true, max: 45, maxIncluded: false }
};
/** Levels that count as "niet voldaan" (the weighing factor "% niet voldaan"): both bands below 65 %. */
export const UNMET_LEVELS: readonly ScoreLevel[] = ['largely_not', 'not'];
export const ASSESSMENT_STATUSES = ['draft', 'final'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export const OUTCOMES = ['good', 'sufficient', 'insufficient'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** The quality manager accepts the rule's outcome or deviates from it (with a motivation). */
export const DECISIONS = ['accept', 'deviate'] as const;
export type Decision = (typeof DECISIONS)[number];
/**
 * How the quality managers judged a provider's improvement plan (verbeterplan): accepted, then
 * the hertoets follows; rejected, then the provider improves the plan first.
 */
export const PLAN_JUDGEMENTS = ['accepted', 'rejected'] as const;
export type PlanJudgement = (typeof PLAN_JUDGEMENTS)[number];
/** The five behaviours of the wegingsfactor vertrouwen (Drents kwaliteitskader 2019, bijlage 1). */
export const TRUST_BEHAVIOUR_KEYS = ['integrity', 'learning', 'accountability', 'testability', 'transparency'] as const;
export type TrustBehaviourKey = (typeof TRUST_BEHAVIOUR_KEYS)[number];
export const TRUST_JUDGEMENTS = ['strengthened', 'unchanged', 'harmed', 'restored'] as const;
export type TrustJudgement = (typeof TRUST_JUDGEMENTS)[number];
