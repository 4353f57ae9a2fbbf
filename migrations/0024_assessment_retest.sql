ALTER TABLE `assessments` ADD `retest_of_id` integer;--> statement-breakpoint
ALTER TABLE `assessments` ADD `improvement_plan_received_on` text;--> statement-breakpoint
ALTER TABLE `assessments` ADD `improvement_plan_judgement` text;--> statement-breakpoint
ALTER TABLE `assessments` ADD `improvement_plan_motivation` text;--> statement-breakpoint
ALTER TABLE `assessments` ADD `improvement_plan_judged_by_id` integer REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_retest_of_idx` ON `assessments` (`retest_of_id`);