ALTER TABLE `dialogue_sessions` ADD `personal_data_removed_at` integer;--> statement-breakpoint
ALTER TABLE `participants` ADD `pseudonymised_at` integer;