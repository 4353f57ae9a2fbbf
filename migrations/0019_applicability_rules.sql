ALTER TABLE `assessment_items` ADD `presumed_reason` text;--> statement-breakpoint
ALTER TABLE `framework_requirements` ADD `applicability_rules` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `providers` ADD `day_care` integer;--> statement-breakpoint
ALTER TABLE `providers` ADD `guardian_parent` integer;