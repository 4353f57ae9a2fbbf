CREATE TABLE `framework_requirements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`theme_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`key` text NOT NULL,
	`position` integer NOT NULL,
	`number` text,
	`text` text NOT NULL,
	`addressees` text NOT NULL,
	`level` text,
	`test_method` text,
	`evidence` text,
	`applies_professional` text DEFAULT 'unspecified' NOT NULL,
	`applies_informal` text DEFAULT 'unspecified' NOT NULL,
	`exceptions` text,
	`conditions` text,
	`provenance` text NOT NULL,
	`note` text,
	`search_text` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`theme_id`) REFERENCES `framework_themes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `framework_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `framework_requirements_key_idx` ON `framework_requirements` (`version_id`,`key`);--> statement-breakpoint
CREATE UNIQUE INDEX `framework_requirements_number_idx` ON `framework_requirements` (`theme_id`,`number`) WHERE number is not null;--> statement-breakpoint
CREATE INDEX `framework_requirements_order_idx` ON `framework_requirements` (`theme_id`,`position`);--> statement-breakpoint
CREATE TABLE `framework_themes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`key` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`definition` text,
	`test_question` text,
	`note` text,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `framework_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `framework_themes_key_idx` ON `framework_themes` (`version_id`,`key`);--> statement-breakpoint
CREATE INDEX `framework_themes_order_idx` ON `framework_themes` (`version_id`,`position`);--> statement-breakpoint
CREATE TABLE `framework_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`framework_id` integer NOT NULL,
	`label` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`based_on_version_id` integer,
	`revision` integer DEFAULT 1 NOT NULL,
	`note` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`created_by_id` integer,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`published_at` integer,
	`published_by_id` integer,
	`published_by` text,
	`change_summary` text,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`published_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `framework_versions_label_idx` ON `framework_versions` (`framework_id`,`label`);--> statement-breakpoint
CREATE UNIQUE INDEX `framework_versions_one_draft_idx` ON `framework_versions` (`framework_id`) WHERE status = 'draft';--> statement-breakpoint
CREATE TABLE `frameworks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `frameworks_slug_unique` ON `frameworks` (`slug`);