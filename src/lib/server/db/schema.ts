/**
 * The relational schema. Migrations in ../../../../migrations are generated from this file
 * with `npm run db:generate` (drizzle-kit) and applied at start.
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { APPLIES, LEVELS, VERSION_STATUSES, type Addressee, type Provenance } from '../frameworks/model';

/** Staff roles: beheerder, gespreksleider, kwaliteitsmanager. */
export const ROLES = ['admin', 'facilitator', 'quality_manager'] as const;
export type Role = (typeof ROLES)[number];

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const users = sqliteTable('users', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	/** Stored lower-cased; unique. */
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
	roles: text('roles', { mode: 'json' }).$type<Role[]>().notNull(),
	/** Set when an administrator chose the password: the user must pick a new one. */
	mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
	disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

/** Staff logins. The token is `<id>.<secret>`; only a SHA-256 hash of the secret is stored. */
export const authSessions = sqliteTable(
	'auth_sessions',
	{
		id: text('id').primaryKey(),
		secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('auth_sessions_user_idx').on(t.userId)]
);

/** Failed logins, keyed by a hash of the e-mail address or client address. */
export const loginFailures = sqliteTable(
	'login_failures',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		keyHash: text('key_hash').notNull(),
		failedAt: integer('failed_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('login_failures_key_idx').on(t.keyHash, t.failedAt)]
);

export const DIALOGUE_SESSION_STATUSES = ['planned', 'open', 'closed'] as const;
export type DialogueSessionStatus = (typeof DIALOGUE_SESSION_STATUSES)[number];
/** The agenda of a session (step 3 of the dialogue plan). `theme` has a theme position and a step. */
export const SESSION_PHASES = ['intro', 'overview', 'proposals', 'voting', 'result', 'theme', 'closing'] as const;
export type SessionPhase = (typeof SESSION_PHASES)[number];
/** Per chosen theme: betekenis, toetsvraag, criteria. */
export const THEME_STEPS = ['meaning', 'test_question', 'criteria'] as const;
export type ThemeStep = (typeof THEME_STEPS)[number];
export const THEME_SELECTIONS = ['vote', 'fixed'] as const;
export const VOTE_STATUSES = ['not_started', 'open', 'closed'] as const;
/** The vote in the session, or the vote before it (e.g. by the Wmo-raad). */
export const BALLOTS = ['session', 'prevote'] as const;
export type Ballot = (typeof BALLOTS)[number];
export type VoteStatus = (typeof VOTE_STATUSES)[number];

/**
 * A dialogue session (gesprek): its settings, and its live state (agenda position, timer,
 * vote). All state lives here and in the related tables, so a restart or a reconnect loses
 * nothing; `stateRevision` is bumped by every change so clients can ignore older states.
 */
export const dialogueSessions = sqliteTable(
	'dialogue_sessions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		title: text('title').notNull(),
		facilitatorId: integer('facilitator_id')
			.notNull()
			.references(() => users.id),
		status: text('status', { enum: DIALOGUE_SESSION_STATUSES }).notNull().default('planned'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		scheduledAt: integer('scheduled_at', { mode: 'timestamp_ms' }),
		durationMinutes: integer('duration_minutes').notNull().default(120),
		frameworkVersionId: integer('framework_version_id').references(() => frameworkVersions.id),
		themesToTreat: integer('themes_to_treat').notNull().default(3),
		stickersPerParticipant: integer('stickers_per_participant').notNull().default(3),
		maxStickersPerTheme: integer('max_stickers_per_theme').notNull().default(1),
		themeSelection: text('theme_selection', { enum: THEME_SELECTIONS }).notNull().default('vote'),
		hideTallies: integer('hide_tallies', { mode: 'boolean' }).notNull().default(true),
		/** Short code shown on the projector to join; unique among sessions. */
		joinCode: text('join_code'),
		joinLocked: integer('join_locked', { mode: 'boolean' }).notNull().default(false),
		phase: text('phase', { enum: SESSION_PHASES }).notNull().default('intro'),
		/** With phase `theme`: the position (0-based) among the chosen themes, and the step. */
		phaseTheme: integer('phase_theme'),
		phaseStep: text('phase_step', { enum: THEME_STEPS }),
		voteStatus: text('vote_status', { enum: VOTE_STATUSES }).notNull().default('not_started'),
		talliesRevealed: integer('tallies_revealed', { mode: 'boolean' }).notNull().default(false),
		/** Why the facilitator chose as they did when themes tied at the cut-off. */
		choiceReason: text('choice_reason'),
		/** A Wmo-raad may vote before the session, with the same engine, until this deadline. */
		prevoteDeadline: integer('prevote_deadline', { mode: 'timestamp_ms' }),
		/** The phase timer: a deadline while running, the remaining time while paused. */
		timerDeadline: integer('timer_deadline', { mode: 'timestamp_ms' }),
		timerRemainingMs: integer('timer_remaining_ms'),
		stateRevision: integer('state_revision').notNull().default(1)
	},
	(t) => [uniqueIndex('dialogue_sessions_join_code_idx').on(t.joinCode)]
);

export const SESSION_THEME_ORIGINS = ['framework', 'proposal', 'carried'] as const;

/** The themes offered in a session: copied from the framework version, or added from a proposal. */
export const sessionThemes = sqliteTable(
	'session_themes',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		dialogueSessionId: integer('dialogue_session_id')
			.notNull()
			.references(() => dialogueSessions.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		name: text('name').notNull(),
		description: text('description'),
		origin: text('origin', { enum: SESSION_THEME_ORIGINS }).notNull().default('framework'),
		position: integer('position').notNull(),
		/** 1, 2, 3: chosen to be treated now, in this order; null: not (yet) chosen. */
		chosenRank: integer('chosen_rank'),
		/** From the framework, offered as a start for the co-edited meaning and toetsvraag. */
		definition: text('definition'),
		testQuestion: text('test_question'),
		/** Marked by the facilitator during the session. */
		testQuestionAgreed: integer('test_question_agreed', { mode: 'boolean' }).notNull().default(false),
		criteriaProvisional: integer('criteria_provisional', { mode: 'boolean' }).notNull().default(false)
	},
	(t) => [uniqueIndex('session_themes_key_idx').on(t.dialogueSessionId, t.key), index('session_themes_order_idx').on(t.dialogueSessionId, t.position)]
);

export const PROPOSAL_STATUSES = ['pending', 'added', 'merged', 'parked'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** A participant's proposal for a missing theme, and the facilitator's triage of it. */
export const themeProposals = sqliteTable(
	'theme_proposals',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		dialogueSessionId: integer('dialogue_session_id')
			.notNull()
			.references(() => dialogueSessions.id, { onDelete: 'cascade' }),
		participantId: integer('participant_id').references(() => participants.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		explanation: text('explanation'),
		status: text('status', { enum: PROPOSAL_STATUSES }).notNull().default('pending'),
		/** added: the new theme; merged: the theme it was merged into. */
		sessionThemeId: integer('session_theme_id').references(() => sessionThemes.id, { onDelete: 'set null' }),
		reason: text('reason'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		decidedAt: integer('decided_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('theme_proposals_session_idx').on(t.dialogueSessionId)]
);

/**
 * Stickers on themes. One row per sticker; the budget per participant and per theme is
 * checked in the placing transaction and again by triggers in the migration.
 */
export const stickers = sqliteTable(
	'stickers',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		dialogueSessionId: integer('dialogue_session_id')
			.notNull()
			.references(() => dialogueSessions.id, { onDelete: 'cascade' }),
		participantId: integer('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		sessionThemeId: integer('session_theme_id')
			.notNull()
			.references(() => sessionThemes.id, { onDelete: 'cascade' }),
		ballot: text('ballot', { enum: BALLOTS }).notNull().default('session'),
		/** Placed by the facilitator for a participant without a device. */
		proxy: integer('proxy', { mode: 'boolean' }).notNull().default(false),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [index('stickers_participant_idx').on(t.dialogueSessionId, t.participantId), index('stickers_theme_idx').on(t.sessionThemeId)]
);

export const PERSPECTIVES = ['client', 'official', 'council_member', 'wmo_council', 'provider', 'other'] as const;
export type Perspective = (typeof PERSPECTIVES)[number];
export const PARTICIPANT_ROLES = ['participant', 'observer'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/**
 * A participant (deelnemer) of one dialogue session, without an account. Access is by a
 * personal token `<accessId>.<secret>`; only a SHA-256 hash of the secret is stored.
 */
export const participants = sqliteTable(
	'participants',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		dialogueSessionId: integer('dialogue_session_id')
			.notNull()
			.references(() => dialogueSessions.id, { onDelete: 'cascade' }),
		displayName: text('display_name').notNull(),
		perspective: text('perspective', { enum: PERSPECTIVES }).notNull(),
		role: text('role', { enum: PARTICIPANT_ROLES }).notNull().default('participant'),
		accessId: text('access_id').notNull(),
		accessSecretHash: blob('access_secret_hash', { mode: 'buffer' }).notNull(),
		/** Set for a participant without a device: the facilitator acts for them (proxy). */
		proxyUserId: integer('proxy_user_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		removedAt: integer('removed_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		uniqueIndex('participants_access_idx').on(t.accessId),
		index('participants_session_idx').on(t.dialogueSessionId)
	]
);

/** Yjs updates per document, appended as they arrive and compacted into one row. */
export const yjsUpdates = sqliteTable(
	'yjs_updates',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		docName: text('doc_name').notNull(),
		update: blob('update', { mode: 'buffer' }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [index('yjs_updates_doc_idx').on(t.docName, t.id)]
);

/**
 * Quality frameworks (kwaliteitskaders). A framework has versions; a version is a draft until
 * published and immutable afterwards (enforced here by triggers in the migration as well as in
 * the domain module). Field meanings: ../frameworks/model.ts.
 */
export const frameworks = sqliteTable('frameworks', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	slug: text('slug').notNull().unique(),
	name: text('name').notNull(),
	description: text('description'),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

export const frameworkVersions = sqliteTable(
	'framework_versions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		frameworkId: integer('framework_id')
			.notNull()
			.references(() => frameworks.id, { onDelete: 'cascade' }),
		label: text('label').notNull(),
		status: text('status', { enum: VERSION_STATUSES }).notNull().default('draft'),
		basedOnVersionId: integer('based_on_version_id'),
		/** Bumped by every change to the draft, so a stale page or request is detected. */
		revision: integer('revision').notNull().default(1),
		note: text('note'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
		publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
		publishedById: integer('published_by_id').references(() => users.id, { onDelete: 'set null' }),
		/** The author's name at publication: a published version keeps it even if the account changes. */
		publishedBy: text('published_by'),
		changeSummary: text('change_summary')
	},
	(t) => [
		uniqueIndex('framework_versions_label_idx').on(t.frameworkId, t.label),
		/** At most one draft per framework: two parallel drafts would fork the framework. */
		uniqueIndex('framework_versions_one_draft_idx').on(t.frameworkId).where(sql`status = 'draft'`)
	]
);

export const frameworkThemes = sqliteTable(
	'framework_themes',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		versionId: integer('version_id')
			.notNull()
			.references(() => frameworkVersions.id, { onDelete: 'cascade' }),
		/** Stable identity across versions, used to compare versions. */
		key: text('key').notNull(),
		position: integer('position').notNull(),
		name: text('name').notNull(),
		description: text('description'),
		definition: text('definition'),
		testQuestion: text('test_question'),
		note: text('note'),
		revision: integer('revision').notNull().default(1)
	},
	(t) => [uniqueIndex('framework_themes_key_idx').on(t.versionId, t.key), index('framework_themes_order_idx').on(t.versionId, t.position)]
);

export const frameworkRequirements = sqliteTable(
	'framework_requirements',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		themeId: integer('theme_id')
			.notNull()
			.references(() => frameworkThemes.id, { onDelete: 'cascade' }),
		versionId: integer('version_id')
			.notNull()
			.references(() => frameworkVersions.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		position: integer('position').notNull(),
		number: text('number'),
		text: text('text').notNull(),
		addressees: text('addressees', { mode: 'json' }).$type<Addressee[]>().notNull(),
		level: text('level', { enum: LEVELS }),
		testMethod: text('test_method'),
		evidence: text('evidence'),
		appliesProfessional: text('applies_professional', { enum: APPLIES }).notNull().default('unspecified'),
		appliesInformal: text('applies_informal', { enum: APPLIES }).notNull().default('unspecified'),
		exceptions: text('exceptions'),
		conditions: text('conditions'),
		provenance: text('provenance', { mode: 'json' }).$type<Provenance>().notNull(),
		note: text('note'),
		/** Lower-case text without diacritics, for search ("client" finds "cliënt"). */
		searchText: text('search_text').notNull(),
		revision: integer('revision').notNull().default(1)
	},
	(t) => [
		uniqueIndex('framework_requirements_key_idx').on(t.versionId, t.key),
		uniqueIndex('framework_requirements_number_idx').on(t.themeId, t.number).where(sql`number is not null`),
		index('framework_requirements_order_idx').on(t.themeId, t.position)
	]
);

export const CRITERION_STATUSES = ['agreed', 'provisional', 'parked'] as const;
export type CriterionStatus = (typeof CRITERION_STATUSES)[number];

/**
 * What a theme's co-edited documents held when the session closed: the report and the
 * framework promotion read these tables, never Yjs.
 */
export const themeResults = sqliteTable('theme_results', {
	sessionThemeId: integer('session_theme_id')
		.primaryKey()
		.references(() => sessionThemes.id, { onDelete: 'cascade' }),
	meaning: text('meaning').notNull().default(''),
	testQuestion: text('test_question').notNull().default(''),
	testQuestionAgreed: integer('test_question_agreed', { mode: 'boolean' }).notNull().default(false),
	criteriaProvisional: integer('criteria_provisional', { mode: 'boolean' }).notNull().default(false),
	/** The brainstorm: keywords with their author's perspective and the facilitator's group. */
	keywords: text('keywords', { mode: 'json' }).$type<{ text: string; perspective: string | null; group: string | null }[]>().notNull(),
	savedAt: integer('saved_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

export const sessionCriteria = sqliteTable(
	'session_criteria',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		sessionThemeId: integer('session_theme_id')
			.notNull()
			.references(() => sessionThemes.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		text: text('text').notNull(),
		status: text('status', { enum: CRITERION_STATUSES }).notNull().default('provisional'),
		comment: text('comment')
	},
	(t) => [index('session_criteria_theme_idx').on(t.sessionThemeId, t.position)]
);

export const ACTOR_TYPES = ['user', 'participant', 'system'] as const;

/** Who did what, for accountability. Details never hold passwords or tokens. */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull().default(now),
		actorType: text('actor_type', { enum: ACTOR_TYPES }).notNull(),
		actorId: integer('actor_id'),
		action: text('action').notNull(),
		subjectType: text('subject_type'),
		subjectId: integer('subject_id'),
		details: text('details', { mode: 'json' }).$type<Record<string, unknown>>()
	},
	(t) => [index('audit_log_subject_idx').on(t.subjectType, t.subjectId)]
);

export type User = typeof users.$inferSelect;
export type AuthSession = typeof authSessions.$inferSelect;
export type DialogueSession = typeof dialogueSessions.$inferSelect;
export type Participant = typeof participants.$inferSelect;
export type Framework = typeof frameworks.$inferSelect;
export type FrameworkVersion = typeof frameworkVersions.$inferSelect;
export type FrameworkTheme = typeof frameworkThemes.$inferSelect;
export type FrameworkRequirement = typeof frameworkRequirements.$inferSelect;
export type SessionTheme = typeof sessionThemes.$inferSelect;
export type ThemeProposal = typeof themeProposals.$inferSelect;
export type Sticker = typeof stickers.$inferSelect;
export type ThemeResult = typeof themeResults.$inferSelect;
export type SessionCriterion = typeof sessionCriteria.$inferSelect;
