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

/**
 * A dialogue session (gesprek). The foundation holds what access control needs; the
 * live-session issue extends it with agenda, settings and votes.
 */
export const dialogueSessions = sqliteTable('dialogue_sessions', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	title: text('title').notNull(),
	facilitatorId: integer('facilitator_id')
		.notNull()
		.references(() => users.id),
	status: text('status', { enum: DIALOGUE_SESSION_STATUSES }).notNull().default('planned'),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

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
