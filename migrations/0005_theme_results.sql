CREATE TABLE `session_criteria` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_theme_id` integer NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	`status` text DEFAULT 'provisional' NOT NULL,
	`comment` text,
	FOREIGN KEY (`session_theme_id`) REFERENCES `session_themes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `session_criteria_theme_idx` ON `session_criteria` (`session_theme_id`,`position`);--> statement-breakpoint
CREATE TABLE `theme_results` (
	`session_theme_id` integer PRIMARY KEY NOT NULL,
	`meaning` text DEFAULT '' NOT NULL,
	`test_question` text DEFAULT '' NOT NULL,
	`test_question_agreed` integer DEFAULT false NOT NULL,
	`criteria_provisional` integer DEFAULT false NOT NULL,
	`keywords` text NOT NULL,
	`saved_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`session_theme_id`) REFERENCES `session_themes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `session_themes` ADD `definition` text;--> statement-breakpoint
ALTER TABLE `session_themes` ADD `test_question` text;--> statement-breakpoint
ALTER TABLE `session_themes` ADD `test_question_agreed` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `session_themes` ADD `criteria_provisional` integer DEFAULT false NOT NULL;