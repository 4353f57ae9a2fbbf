CREATE TABLE `session_themes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dialogue_session_id` integer NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`origin` text DEFAULT 'framework' NOT NULL,
	`position` integer NOT NULL,
	`chosen_rank` integer,
	FOREIGN KEY (`dialogue_session_id`) REFERENCES `dialogue_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `session_themes_key_idx` ON `session_themes` (`dialogue_session_id`,`key`);--> statement-breakpoint
CREATE INDEX `session_themes_order_idx` ON `session_themes` (`dialogue_session_id`,`position`);--> statement-breakpoint
CREATE TABLE `stickers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dialogue_session_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`session_theme_id` integer NOT NULL,
	`proxy` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`dialogue_session_id`) REFERENCES `dialogue_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_theme_id`) REFERENCES `session_themes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `stickers_participant_idx` ON `stickers` (`dialogue_session_id`,`participant_id`);--> statement-breakpoint
CREATE INDEX `stickers_theme_idx` ON `stickers` (`session_theme_id`);--> statement-breakpoint
CREATE TABLE `theme_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dialogue_session_id` integer NOT NULL,
	`participant_id` integer,
	`title` text NOT NULL,
	`explanation` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`session_theme_id` integer,
	`reason` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`decided_at` integer,
	FOREIGN KEY (`dialogue_session_id`) REFERENCES `dialogue_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`session_theme_id`) REFERENCES `session_themes`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `theme_proposals_session_idx` ON `theme_proposals` (`dialogue_session_id`);--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `scheduled_at` integer;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `duration_minutes` integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `framework_version_id` integer REFERENCES framework_versions(id);--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `themes_to_treat` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `stickers_per_participant` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `max_stickers_per_theme` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `theme_selection` text DEFAULT 'vote' NOT NULL;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `hide_tallies` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `join_code` text;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `join_locked` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `phase` text DEFAULT 'intro' NOT NULL;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `phase_theme` integer;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `phase_step` text;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `vote_status` text DEFAULT 'not_started' NOT NULL;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `tallies_revealed` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `choice_reason` text;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `timer_deadline` integer;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `timer_remaining_ms` integer;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `state_revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `dialogue_sessions_join_code_idx` ON `dialogue_sessions` (`join_code`);--> statement-breakpoint
ALTER TABLE `participants` ADD `proxy_user_id` integer REFERENCES users(id);--> statement-breakpoint
-- The sticker budget holds whatever code path inserts: per participant per session, and per
-- participant per theme. The domain module checks first and gives a clear message.
CREATE TRIGGER `stickers_budget` BEFORE INSERT ON `stickers`
WHEN (SELECT count(*) FROM stickers WHERE dialogue_session_id = NEW.dialogue_session_id AND participant_id = NEW.participant_id)
  >= (SELECT stickers_per_participant FROM dialogue_sessions WHERE id = NEW.dialogue_session_id)
  OR (SELECT count(*) FROM stickers WHERE participant_id = NEW.participant_id AND session_theme_id = NEW.session_theme_id)
  >= (SELECT max_stickers_per_theme FROM dialogue_sessions WHERE id = NEW.dialogue_session_id)
BEGIN SELECT RAISE(ABORT, 'sticker budget exceeded'); END;
