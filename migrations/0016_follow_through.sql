ALTER TABLE `report_comments` ADD `channel` text DEFAULT 'written' NOT NULL;--> statement-breakpoint
ALTER TABLE `report_comments` ADD `called_on` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `comments_closed_reason` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `comments_planned_close_at` integer;