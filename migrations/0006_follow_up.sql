CREATE TABLE `agreements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dialogue_session_id` integer NOT NULL,
	`topic` text NOT NULL,
	`what` text NOT NULL,
	`owner` text NOT NULL,
	`due_date` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`dialogue_session_id`) REFERENCES `dialogue_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agreements_session_idx` ON `agreements` (`dialogue_session_id`);--> statement-breakpoint
CREATE TABLE `evaluation_receipts` (
	`dialogue_session_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	FOREIGN KEY (`dialogue_session_id`) REFERENCES `dialogue_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluation_receipts_idx` ON `evaluation_receipts` (`dialogue_session_id`,`participant_id`);--> statement-breakpoint
CREATE TABLE `evaluation_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dialogue_session_id` integer NOT NULL,
	`participant_id` integer,
	`answers` text NOT NULL,
	`day` text NOT NULL,
	FOREIGN KEY (`dialogue_session_id`) REFERENCES `dialogue_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `evaluation_responses_session_idx` ON `evaluation_responses` (`dialogue_session_id`);--> statement-breakpoint
CREATE TABLE `jargon_terms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`term` text NOT NULL,
	`suggestion` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jargon_terms_term_unique` ON `jargon_terms` (`term`);--> statement-breakpoint
CREATE TABLE `mail_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`kind` text NOT NULL,
	`dialogue_session_id` integer,
	`participant_id` integer,
	`message_id` text NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`attachments` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`transport` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`dialogue_session_id`) REFERENCES `dialogue_sessions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_messages_dedupe_idx` ON `mail_messages` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `mail_messages_due_idx` ON `mail_messages` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `mail_messages_session_idx` ON `mail_messages` (`dialogue_session_id`);--> statement-breakpoint
CREATE TABLE `participant_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`access_id` text NOT NULL,
	`access_secret_hash` blob NOT NULL,
	`purpose` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participant_links_access_idx` ON `participant_links` (`access_id`);--> statement-breakpoint
CREATE INDEX `participant_links_participant_idx` ON `participant_links` (`participant_id`);--> statement-breakpoint
CREATE TABLE `report_acknowledgements` (
	`report_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_acknowledgements_idx` ON `report_acknowledgements` (`report_id`,`participant_id`);--> statement-breakpoint
CREATE TABLE `report_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`participant_id` integer,
	`perspective` text NOT NULL,
	`target` text NOT NULL,
	`body` text NOT NULL,
	`client_key` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`decision` text DEFAULT 'open' NOT NULL,
	`reason` text,
	`decided_at` integer,
	`decided_by_id` integer,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `report_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_comments_client_idx` ON `report_comments` (`report_id`,`participant_id`,`client_key`);--> statement-breakpoint
CREATE INDEX `report_comments_report_idx` ON `report_comments` (`report_id`);--> statement-breakpoint
CREATE TABLE `report_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`number` integer NOT NULL,
	`kind` text NOT NULL,
	`content` text NOT NULL,
	`figures` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`created_by_id` integer,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_versions_number_idx` ON `report_versions` (`report_id`,`number`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dialogue_session_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`content` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`sent_at` integer,
	`comments_close_at` integer,
	`reminders_sent_at` integer,
	`final_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`dialogue_session_id`) REFERENCES `dialogue_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_dialogue_session_id_unique` ON `reports` (`dialogue_session_id`);--> statement-breakpoint
CREATE TABLE `trajectories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`goal` text NOT NULL,
	`framework_version_id` integer,
	`theme_selection` text DEFAULT 'vote' NOT NULL,
	`fixed_theme_keys` text NOT NULL,
	`planned_sessions` integer DEFAULT 1 NOT NULL,
	`facilitator_id` integer NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`framework_version_id`) REFERENCES `framework_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`facilitator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `trajectory_id` integer REFERENCES trajectories(id);--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `closed_at` integer;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `invitation_subject` text;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `invitation_body` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `email` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `notes` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `invited_at` integer;