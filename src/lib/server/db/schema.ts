/**
 * The relational schema. Migrations in ../../../../migrations are generated from this file
 * with `npm run db:generate` (drizzle-kit) and applied at start.
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ApplicabilityRule, Provenance } from '../frameworks/model';
import type { ReportContent, ReportFigures } from '../reports/types';
import type { Thresholds } from '../scoring/rule';
import {
	ACTOR_TYPES,
	AGREEMENT_TOPICS,
	APPLIES,
	ASSESSMENT_STATUSES,
	COMMENT_DECISIONS,
	DECISIONS,
	MAIL_KINDS,
	MAIL_STATUSES,
	OUTCOMES,
	PLAN_JUDGEMENTS,
	PROMOTION_STATES,
	REPORT_STATUSES,
	REQUIREMENT_LEVELS as LEVELS,
	SCORE_LEVELS,
	TRUST_BEHAVIOUR_KEYS,
	TRUST_JUDGEMENTS,
	VERSION_STATUSES,
	type Addressee,
	type FundingType,
	type Role,
	BALLOTS,
	CRITERION_STATUSES,
	DIALOGUE_SESSION_STATUSES,
	PARTICIPANT_ORIGINS,
	PARTICIPANT_ROLES,
	PERSPECTIVES,
	PRESELECTION_REASONS,
	PROPOSAL_STATUSES,
	SESSION_PHASES,
	SESSION_THEME_ORIGINS,
	THEME_SELECTIONS,
	THEME_STEPS,
	VOTE_STATUSES
} from '../../shared/vocabulary';

// The vocabulary (every stored enum) lives in src/lib/shared/vocabulary.ts (browser-safe); here for the schema's users.
export * from '../../shared/vocabulary';

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const users = sqliteTable(
	'users',
	{
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
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
		/**
		 * Single sign-on: the provider's issuer and the stable subject (`sub`) of the person there,
		 * set at the first login with OpenID Connect (see ../auth/oidc.ts).
		 */
		oidcIssuer: text('oidc_issuer'),
		oidcSubject: text('oidc_subject')
	},
	(t) => [uniqueIndex('users_oidc_subject_idx').on(t.oidcIssuer, t.oidcSubject)]
);

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
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		/** A login with single sign-on: the ID token, sent back as id_token_hint when logging out at the provider. */
		oidcIdToken: text('oidc_id_token'),
		/**
		 * Set on a password login of someone who must use MFA and has none yet: this login may
		 * only set it up (../auth/mfa.ts); cleared when they have.
		 */
		mfaEnrolmentRequired: integer('mfa_enrolment_required', { mode: 'boolean' }).notNull().default(false)
	},
	(t) => [index('auth_sessions_user_idx').on(t.userId)]
);

/**
 * A staff member's TOTP secret (RFC 6238, 30 s, 6 digits). `confirmedAt` is null while the
 * enrolment waits for a first code; `lastStep` is the last time step accepted, so a code is
 * never accepted twice.
 */
export const mfaCredentials = sqliteTable('mfa_credentials', {
	userId: integer('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	secret: blob('secret', { mode: 'buffer' }).notNull(),
	confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
	lastStep: integer('last_step').notNull().default(0),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

/** Recovery codes for MFA: only a SHA-256 hash of each (random, 80 bits); each works once. */
export const mfaRecoveryCodes = sqliteTable(
	'mfa_recovery_codes',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		codeHash: blob('code_hash', { mode: 'buffer' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('mfa_recovery_codes_user_idx').on(t.userId)]
);

/**
 * A password login waiting for its second step: `<id>.<secret>` in a short-lived cookie, only
 * a hash of the secret here. Deleted when the code was accepted (single use) or expired.
 */
export const mfaPendingLogins = sqliteTable('mfa_pending_logins', {
	id: text('id').primaryKey(),
	secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
	userId: integer('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
});

/**
 * One number that changes whenever something a right depends on changes (see
 * ../access/index.ts RightsCache): bumped by database triggers on accounts, logins,
 * participants, their links, sessions' status and facilitator, and the chosen themes' marks,
 * by any writer. Live connections remember what they may do until it moves.
 */
export const accessEpoch = sqliteTable('access_epoch', {
	id: integer('id').primaryKey(),
	value: integer('value').notNull().default(0)
});

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
		/**
		 * Where the session is held (not personal data): the address and room, notes on
		 * accessibility, and/or an https link for taking part online. Null: not known yet.
		 */
		locationAddress: text('location_address'),
		locationNotes: text('location_notes'),
		locationUrl: text('location_url'),
		/**
		 * The calendar item's SEQUENCE (RFC 5545): raised whenever the time or the place
		 * changes, so an update with the same UID replaces the appointment in the agenda.
		 */
		calendarSequence: integer('calendar_sequence').notNull().default(0),
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
		stateRevision: integer('state_revision').notNull().default(1),
		/**
		 * Bumped by database triggers whenever the session's themes, participants or theme
		 * proposals change (any writer, any process): the live state keeps those parts between
		 * broadcasts while it is unchanged (see ../sessions/state.ts loadSnapshot).
		 */
		staticRevision: integer('static_revision').notNull().default(0),
		/**
		 * Bumped by database triggers on every change of the session's stickers (any writer, any
		 * process): the live state keeps the sticker rows between broadcasts and the vote path
		 * adds its own change to them (see ../sessions/live-cache.ts).
		 */
		stickerRevision: integer('sticker_revision').notNull().default(0),
		/** The dialogue trajectory this session belongs to, if any. */
		trajectoryId: integer('trajectory_id').references(() => trajectories.id, { onDelete: 'set null' }),
		/** When the session was closed; the report is due two weeks after the session. */
		closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
		/** When the facilitator called the session off (status `cancelled`); null otherwise. */
		cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
		/** The facilitator's own invitation text; null means the standard text. */
		invitationSubject: text('invitation_subject'),
		invitationBody: text('invitation_body'),
		/** When the participants' personal data was pseudonymised (retention, see ../privacy/retention.ts). */
		personalDataRemovedAt: integer('personal_data_removed_at', { mode: 'timestamp_ms' })
	},
	(t) => [uniqueIndex('dialogue_sessions_join_code_idx').on(t.joinCode)]
);

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
		criteriaProvisional: integer('criteria_provisional', { mode: 'boolean' }).notNull().default(false),
		/**
		 * The facilitator's choice: the co-edited document starts without the framework's meaning
		 * and toetsvraag (a pre-filled text anchors a group). Changeable until the document exists.
		 */
		startBlank: integer('start_blank', { mode: 'boolean' }).notNull().default(false)
	},
	(t) => [
		uniqueIndex('session_themes_key_idx').on(t.dialogueSessionId, t.key),
		index('session_themes_order_idx').on(t.dialogueSessionId, t.position)
	]
);

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
		/** Contact details from the participant list, all optional: some are invited by phone or letter. */
		email: text('email'),
		phone: text('phone'),
		notes: text('notes'),
		/** When the invitation went out (e-mail queued or letter printed). */
		invitedAt: integer('invited_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		removedAt: integer('removed_at', { mode: 'timestamp_ms' }),
		/** When name and contact details were replaced by "Deelnemer N" (retention or a request to erase). */
		pseudonymisedAt: integer('pseudonymised_at', { mode: 'timestamp_ms' }),
		origin: text('origin', { enum: PARTICIPANT_ORIGINS }).notNull().default('list'),
		/**
		 * Set on a record joined with the code that turned out to be a person on the list: the
		 * record is retired (removedAt), what it did moved to the list entry, and its token now
		 * opens the list entry (see ../sessions/identity.ts).
		 */
		mergedIntoId: integer('merged_into_id').references((): AnySQLiteColumn => participants.id, { onDelete: 'set null' }),
		/**
		 * When the person was first known to be at the session: connected to the live session
		 * while it ran, a sticker placed for them, or marked present by the facilitator. What
		 * "took part" means is in ../sessions/headcount.ts.
		 */
		attendedAt: integer('attended_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		uniqueIndex('participants_access_idx').on(t.accessId),
		index('participants_session_idx').on(t.dialogueSessionId),
		index('participants_merged_into_idx').on(t.mergedIntoId)
	]
);

/**
 * Joins of a session with its code, accepted and refused, for the limits per address and per
 * session (see ../sessions/join-limits.ts). The address is kept only as a hash; rows older
 * than the window are deleted, and the facilitator's "allow joining again" deletes a
 * session's rows.
 */
export const joinEvents = sqliteTable(
	'join_events',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		dialogueSessionId: integer('dialogue_session_id')
			.notNull()
			.references(() => dialogueSessions.id, { onDelete: 'cascade' }),
		addressHash: text('address_hash').notNull(),
		refused: integer('refused', { mode: 'boolean' }).notNull().default(false),
		at: integer('at', { mode: 'timestamp_ms' }).notNull()
	},
	// Refused joins first: the facilitator's view asks for them with every push of the session's
	// state (joinHold), and normally there are none, which this index answers without a row.
	(t) => [index('join_events_session_idx').on(t.dialogueSessionId, t.refused, t.at)]
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
	/** The decision rule's thresholds for assessments against this framework; null: the defaults (75/65/65). */
	thresholds: text('thresholds', { mode: 'json' }).$type<Thresholds>(),
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
		uniqueIndex('framework_versions_one_draft_idx')
			.on(t.frameworkId)
			.where(sql`status = 'draft'`)
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
		/** Applies only where clients stay (verblijf), e.g. Leefklimaat: not assessed for other providers. */
		residentialOnly: integer('residential_only', { mode: 'boolean' }).notNull().default(false),
		/** The exceptions as data ("niet van toepassing op PGB's", "behalve gezaghebbende ouder", ...). */
		applicabilityRules: text('applicability_rules', { mode: 'json' }).$type<ApplicabilityRule[]>().notNull().default([]),
		provenance: text('provenance', { mode: 'json' }).$type<Provenance>().notNull(),
		note: text('note'),
		/** Lower-case text without diacritics, for search ("client" finds "cliënt"). */
		searchText: text('search_text').notNull(),
		revision: integer('revision').notNull().default(1)
	},
	(t) => [
		uniqueIndex('framework_requirements_key_idx').on(t.versionId, t.key),
		uniqueIndex('framework_requirements_number_idx')
			.on(t.themeId, t.number)
			.where(sql`number is not null`),
		index('framework_requirements_order_idx').on(t.themeId, t.position)
	]
);

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
		comment: text('comment'),
		/** Whom the criterion addresses, as agreed in the session; empty: not recorded (closed before this was kept). */
		addressees: text('addressees', { mode: 'json' }).$type<Addressee[]>().notNull().default([])
	},
	(t) => [index('session_criteria_theme_idx').on(t.sessionThemeId, t.position)]
);

/**
 * A dialogue trajectory (step 1): one or more sessions around a goal, with the framework
 * version whose themes are offered and whether themes are fixed beforehand or chosen.
 */
export const trajectories = sqliteTable('trajectories', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	title: text('title').notNull(),
	goal: text('goal').notNull(),
	frameworkVersionId: integer('framework_version_id').references(() => frameworkVersions.id),
	themeSelection: text('theme_selection', { enum: THEME_SELECTIONS }).notNull().default('vote'),
	/** With `fixed`: the framework theme keys decided beforehand. */
	fixedThemeKeys: text('fixed_theme_keys', { mode: 'json' }).$type<string[]>().notNull(),
	plannedSessions: integer('planned_sessions').notNull().default(1),
	/** The gespreksleider: owns the trajectory and its sessions. */
	facilitatorId: integer('facilitator_id')
		.notNull()
		.references(() => users.id),
	revision: integer('revision').notNull().default(1),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

/**
 * Extra personal links of a participant: every invitation, letter or report mail gets its
 * own, so printing a letter never breaks the link in an earlier e-mail. Only a hash is stored.
 */
export const participantLinks = sqliteTable(
	'participant_links',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		participantId: integer('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		accessId: text('access_id').notNull(),
		accessSecretHash: blob('access_secret_hash', { mode: 'buffer' }).notNull(),
		purpose: text('purpose').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [uniqueIndex('participant_links_access_idx').on(t.accessId), index('participant_links_participant_idx').on(t.participantId)]
);

/**
 * The outbox: every e-mail the app sends, written here first in the transaction that caused
 * it, then delivered (SMTP, or a file when no mail server is configured) with retries. The
 * unique key makes sending twice a no-op instead of a second mail.
 */
export const mailMessages = sqliteTable(
	'mail_messages',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		dedupeKey: text('dedupe_key').notNull(),
		kind: text('kind', { enum: MAIL_KINDS }).notNull(),
		dialogueSessionId: integer('dialogue_session_id').references(() => dialogueSessions.id, { onDelete: 'set null' }),
		participantId: integer('participant_id').references(() => participants.id, { onDelete: 'set null' }),
		messageId: text('message_id').notNull(),
		toAddress: text('to_address').notNull(),
		subject: text('subject').notNull(),
		textBody: text('text_body').notNull(),
		attachments: text('attachments', { mode: 'json' }).$type<{ filename: string; contentType: string; content: string }[]>().notNull(),
		status: text('status', { enum: MAIL_STATUSES }).notNull().default('queued'),
		/** smtp or file: how it was delivered. */
		transport: text('transport'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
		lastError: text('last_error'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		uniqueIndex('mail_messages_dedupe_idx').on(t.dedupeKey),
		index('mail_messages_due_idx').on(t.status, t.nextAttemptAt),
		index('mail_messages_session_idx').on(t.dialogueSessionId)
	]
);

/** Afspraken: what happens next, who does it and when we come back to it. */
export const agreements = sqliteTable(
	'agreements',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		dialogueSessionId: integer('dialogue_session_id')
			.notNull()
			.references(() => dialogueSessions.id, { onDelete: 'cascade' }),
		topic: text('topic', { enum: AGREEMENT_TOPICS }).notNull(),
		what: text('what').notNull(),
		owner: text('owner').notNull(),
		/** A calendar date, YYYY-MM-DD. */
		dueDate: text('due_date').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [index('agreements_session_idx').on(t.dialogueSessionId)]
);

/**
 * Evaluation answers. An answer given anonymously has no participant; the receipt below only
 * records *that* someone answered (one answer each), not which answer is theirs. Nothing may
 * pair the two by order: the id is random (not autoincremented), so the rowid, and with it the
 * order rows are stored and read in, follows the random id and not the order of answering;
 * the day is kept, not the time.
 */
export const evaluationResponses = sqliteTable(
	'evaluation_responses',
	{
		/** Random (see randomRowId in ../reports/evaluation.ts): an alias of the rowid. */
		id: integer('id').primaryKey(),
		dialogueSessionId: integer('dialogue_session_id')
			.notNull()
			.references(() => dialogueSessions.id, { onDelete: 'cascade' }),
		participantId: integer('participant_id').references(() => participants.id, { onDelete: 'set null' }),
		answers: text('answers', { mode: 'json' }).$type<Record<string, string | number | null>>().notNull(),
		/** The day only, so the time cannot tie an anonymous answer to a receipt. */
		day: text('day').notNull()
	},
	(t) => [index('evaluation_responses_session_idx').on(t.dialogueSessionId)]
);

/**
 * Who answered the evaluation. Keyed by session and participant and stored WITHOUT ROWID (set
 * in the migration: drizzle cannot say it), so there is no rowid that counts up in the order
 * people answered: the rows are kept in participant order.
 */
export const evaluationReceipts = sqliteTable(
	'evaluation_receipts',
	{
		dialogueSessionId: integer('dialogue_session_id')
			.notNull()
			.references(() => dialogueSessions.id, { onDelete: 'cascade' }),
		participantId: integer('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.dialogueSessionId, t.participantId] })]
);

/**
 * The report (verslag) of a session. `content` is the facilitator's working copy; every
 * version sent or made final is kept as an immutable row in report_versions.
 */
export const reports = sqliteTable('reports', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	dialogueSessionId: integer('dialogue_session_id')
		.notNull()
		.unique()
		.references(() => dialogueSessions.id, { onDelete: 'cascade' }),
	status: text('status', { enum: REPORT_STATUSES }).notNull().default('draft'),
	content: text('content', { mode: 'json' }).$type<ReportContent>().notNull(),
	revision: integer('revision').notNull().default(1),
	sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
	commentsCloseAt: integer('comments_close_at', { mode: 'timestamp_ms' }),
	/**
	 * Set when the facilitator closed the comment window early (commentsCloseAt is then that
	 * moment): why, and the closing date the report was sent with.
	 */
	commentsClosedReason: text('comments_closed_reason'),
	commentsPlannedCloseAt: integer('comments_planned_close_at', { mode: 'timestamp_ms' }),
	remindersSentAt: integer('reminders_sent_at', { mode: 'timestamp_ms' }),
	finalAt: integer('final_at', { mode: 'timestamp_ms' }),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

export const reportVersions = sqliteTable(
	'report_versions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		reportId: integer('report_id')
			.notNull()
			.references(() => reports.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		kind: text('kind', { enum: ['sent', 'final'] }).notNull(),
		content: text('content', { mode: 'json' }).$type<ReportContent>().notNull(),
		figures: text('figures', { mode: 'json' }).$type<ReportFigures>().notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [uniqueIndex('report_versions_number_idx').on(t.reportId, t.number)]
);

/** A participant's comment on a section or a criterion of a sent version, and the answer to it. */
export const reportComments = sqliteTable(
	'report_comments',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		reportId: integer('report_id')
			.notNull()
			.references(() => reports.id, { onDelete: 'cascade' }),
		versionId: integer('version_id')
			.notNull()
			.references(() => reportVersions.id, { onDelete: 'cascade' }),
		participantId: integer('participant_id').references(() => participants.id, { onDelete: 'set null' }),
		/** Kept when the participant's data is removed: the reactienota names perspectives, not people. */
		perspective: text('perspective', { enum: PERSPECTIVES }).notNull(),
		/** "section:<key>" or "criterion:<key>". */
		target: text('target').notNull(),
		body: text('body').notNull(),
		/** Written by the participant, or told to the facilitator on the phone (who typed it in). */
		channel: text('channel', { enum: ['written', 'phone'] })
			.notNull()
			.default('written'),
		/** For a phone response: the day of the call (YYYY-MM-DD). */
		calledOn: text('called_on'),
		/** Sent by the form, so a retried submit does not store the comment twice. */
		clientKey: text('client_key').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		decision: text('decision', { enum: COMMENT_DECISIONS }).notNull().default('open'),
		reason: text('reason'),
		decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
		decidedById: integer('decided_by_id').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [
		uniqueIndex('report_comments_client_idx').on(t.reportId, t.participantId, t.clientKey),
		index('report_comments_report_idx').on(t.reportId)
	]
);

/** "I have read it and have no comments": counts as a response for reminders and the call list. */
export const reportAcknowledgements = sqliteTable(
	'report_acknowledgements',
	{
		reportId: integer('report_id')
			.notNull()
			.references(() => reports.id, { onDelete: 'cascade' }),
		participantId: integer('participant_id')
			.notNull()
			.references(() => participants.id, { onDelete: 'cascade' }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [uniqueIndex('report_acknowledgements_idx').on(t.reportId, t.participantId)]
);

/** Words to avoid in reports (plain language), with a plainer alternative; editable by staff. */
export const jargonTerms = sqliteTable('jargon_terms', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	term: text('term').notNull().unique(),
	suggestion: text('suggestion'),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

/** A care provider (zorgaanbieder) in the register, assessed against a framework version. */
export const providers = sqliteTable('providers', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull().unique(),
	/** The kind of support, e.g. "Begeleiding individueel" or "Dagbesteding". */
	careType: text('care_type').notNull(),
	fundings: text('fundings', { mode: 'json' }).$type<FundingType[]>().notNull(),
	/** With residential stay (verblijf). */
	residential: integer('residential', { mode: 'boolean' }).notNull().default(false),
	/** With day care (dagbesteding) at the provider's location; null: not recorded (providers from before). */
	dayCare: integer('day_care', { mode: 'boolean' }),
	/**
	 * With a PGB for a naaste: whether that naaste is the client's gezaghebbende ouder (parent
	 * with authority). Null: not recorded, or no PGB for a naaste.
	 */
	guardianParent: integer('guardian_parent', { mode: 'boolean' }),
	note: text('note'),
	revision: integer('revision').notNull().default(1),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

/**
 * An assessment (toetsing) of one provider against one published framework version. The
 * thresholds are copied in when it starts, so a later change of the framework's thresholds
 * does not change a past decision. Final assessments change only through an amendment.
 */
export const assessments = sqliteTable(
	'assessments',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		providerId: integer('provider_id')
			.notNull()
			.references(() => providers.id),
		frameworkVersionId: integer('framework_version_id')
			.notNull()
			.references(() => frameworkVersions.id),
		status: text('status', { enum: ASSESSMENT_STATUSES }).notNull().default('draft'),
		/** The day of the assessment, YYYY-MM-DD. */
		assessedOn: text('assessed_on').notNull(),
		thresholds: text('thresholds', { mode: 'json' }).$type<Thresholds>().notNull(),
		assessorId: integer('assessor_id').references(() => users.id, { onDelete: 'set null' }),
		/**
		 * Weighing factors in words: severity of risk and harm, size of the affected group, and
		 * the organisation of care aimed at quality and safety ("structuur/organisatie").
		 */
		severity: text('severity'),
		groupSize: text('group_size'),
		organisation: text('organisation'),
		decision: text('decision', { enum: DECISIONS }),
		proposedOutcome: text('proposed_outcome', { enum: OUTCOMES }),
		decidedOutcome: text('decided_outcome', { enum: OUTCOMES }),
		motivation: text('motivation'),
		decidedById: integer('decided_by_id').references(() => users.id, { onDelete: 'set null' }),
		/** Follow-up: when the improvement plan is due and the retest is planned (YYYY-MM-DD). */
		improvementPlanDue: text('improvement_plan_due'),
		retestDue: text('retest_due'),
		/** The provider's previous final assessment, to follow up on. */
		previousAssessmentId: integer('previous_assessment_id'),
		/**
		 * A hertoets: the final assessment whose improvement plan was judged and that this one
		 * tests again (one retest per assessment; a retest can have its own).
		 */
		retestOfId: integer('retest_of_id'),
		/** The improvement plan of a final assessment: when it came in and how it was judged, and by whom. */
		improvementPlanReceivedOn: text('improvement_plan_received_on'),
		improvementPlanJudgement: text('improvement_plan_judgement', { enum: PLAN_JUDGEMENTS }),
		improvementPlanMotivation: text('improvement_plan_motivation'),
		improvementPlanJudgedById: integer('improvement_plan_judged_by_id').references(() => users.id, { onDelete: 'set null' }),
		revision: integer('revision').notNull().default(1),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
		finalizedAt: integer('finalized_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		index('assessments_provider_idx').on(t.providerId),
		index('assessments_version_idx').on(t.frameworkVersionId),
		uniqueIndex('assessments_retest_of_idx').on(t.retestOfId)
	]
);

/** One requirement in an assessment: whether it applies (proportionality), its level, the evidence and the story. */
export const assessmentItems = sqliteTable(
	'assessment_items',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		assessmentId: integer('assessment_id')
			.notNull()
			.references(() => assessments.id, { onDelete: 'cascade' }),
		requirementId: integer('requirement_id')
			.notNull()
			.references(() => frameworkRequirements.id),
		/** What the provider's type suggests; a different choice needs a reason. */
		presumedApplicable: integer('presumed_applicable', { mode: 'boolean' }).notNull(),
		/** Why it was (not) pre-selected, from the requirement's rules and the provider's facts; null: applies without condition. */
		presumedReason: text('presumed_reason', { enum: PRESELECTION_REASONS }),
		applicable: integer('applicable', { mode: 'boolean' }).notNull(),
		applicabilityReason: text('applicability_reason'),
		level: text('level', { enum: SCORE_LEVELS }),
		evidence: text('evidence'),
		explanation: text('explanation'),
		revision: integer('revision').notNull().default(1)
	},
	(t) => [uniqueIndex('assessment_items_requirement_idx').on(t.assessmentId, t.requirementId)]
);

/** Vertrouwen: per behaviour a reasoned judgement, not a score. */
export const assessmentTrust = sqliteTable(
	'assessment_trust',
	{
		assessmentId: integer('assessment_id')
			.notNull()
			.references(() => assessments.id, { onDelete: 'cascade' }),
		behaviour: text('behaviour', { enum: TRUST_BEHAVIOUR_KEYS }).notNull(),
		judgement: text('judgement', { enum: TRUST_JUDGEMENTS }),
		motivation: text('motivation')
	},
	(t) => [uniqueIndex('assessment_trust_idx').on(t.assessmentId, t.behaviour)]
);

/**
 * What became of an agreed criterion of a session's final report: promoted into a framework
 * draft as a new requirement, merged into an existing one, or not promoted with a reason.
 */
export const criterionPromotions = sqliteTable(
	'criterion_promotions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		dialogueSessionId: integer('dialogue_session_id')
			.notNull()
			.references(() => dialogueSessions.id, { onDelete: 'cascade' }),
		/** The criterion's key in the report. */
		criterionKey: text('criterion_key').notNull(),
		state: text('state', { enum: PROMOTION_STATES }).notNull(),
		requirementId: integer('requirement_id').references(() => frameworkRequirements.id, { onDelete: 'set null' }),
		versionId: integer('version_id').references(() => frameworkVersions.id, { onDelete: 'set null' }),
		reason: text('reason'),
		decidedById: integer('decided_by_id').references(() => users.id, { onDelete: 'set null' }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [uniqueIndex('criterion_promotions_idx').on(t.dialogueSessionId, t.criterionKey)]
);

/** A change to a final assessment: only this way, with a reason, and kept. */
export const assessmentAmendments = sqliteTable('assessment_amendments', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	assessmentId: integer('assessment_id')
		.notNull()
		.references(() => assessments.id, { onDelete: 'cascade' }),
	at: integer('at', { mode: 'timestamp_ms' }).notNull().default(now),
	byId: integer('by_id').references(() => users.id, { onDelete: 'set null' }),
	reason: text('reason').notNull(),
	changes: text('changes', { mode: 'json' }).$type<{ field: string; itemId: number | null; before: unknown; after: unknown }[]>().notNull()
});

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
export type Trajectory = typeof trajectories.$inferSelect;
export type MailMessage = typeof mailMessages.$inferSelect;
export type Agreement = typeof agreements.$inferSelect;
export type Report = typeof reports.$inferSelect;
export type ReportVersion = typeof reportVersions.$inferSelect;
export type ReportComment = typeof reportComments.$inferSelect;
export type Provider = typeof providers.$inferSelect;
export type Assessment = typeof assessments.$inferSelect;
export type AssessmentItem = typeof assessmentItems.$inferSelect;
