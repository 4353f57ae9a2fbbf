ALTER TABLE `dialogue_sessions` ADD `location_address` text;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `location_notes` text;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `location_url` text;--> statement-breakpoint
ALTER TABLE `dialogue_sessions` ADD `calendar_sequence` integer DEFAULT 0 NOT NULL;