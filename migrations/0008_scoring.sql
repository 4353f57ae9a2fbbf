CREATE TABLE `assessment_amendments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`by_id` integer,
	`reason` text NOT NULL,
	`changes` text NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `assessment_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`requirement_id` integer NOT NULL,
	`presumed_applicable` integer NOT NULL,
	`applicable` integer NOT NULL,
	`applicability_reason` text,
	`level` text,
	`evidence` text,
	`explanation` text,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requirement_id`) REFERENCES `framework_requirements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_items_requirement_idx` ON `assessment_items` (`assessment_id`,`requirement_id`);--> statement-breakpoint
CREATE TABLE `assessment_trust` (
	`assessment_id` integer NOT NULL,
	`behaviour` text NOT NULL,
	`judgement` text,
	`motivation` text,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_trust_idx` ON `assessment_trust` (`assessment_id`,`behaviour`);--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider_id` integer NOT NULL,
	`framework_version_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`assessed_on` text NOT NULL,
	`thresholds` text NOT NULL,
	`assessor_id` integer,
	`severity` text,
	`group_size` text,
	`decision` text,
	`proposed_outcome` text,
	`decided_outcome` text,
	`motivation` text,
	`decided_by_id` integer,
	`improvement_plan_due` text,
	`retest_due` text,
	`previous_assessment_id` integer,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`finalized_at` integer,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`framework_version_id`) REFERENCES `framework_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `assessments_provider_idx` ON `assessments` (`provider_id`);--> statement-breakpoint
CREATE INDEX `assessments_version_idx` ON `assessments` (`framework_version_id`);--> statement-breakpoint
CREATE TABLE `criterion_promotions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dialogue_session_id` integer NOT NULL,
	`criterion_key` text NOT NULL,
	`state` text NOT NULL,
	`requirement_id` integer,
	`version_id` integer,
	`reason` text,
	`decided_by_id` integer,
	`at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`dialogue_session_id`) REFERENCES `dialogue_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requirement_id`) REFERENCES `framework_requirements`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`version_id`) REFERENCES `framework_versions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `criterion_promotions_idx` ON `criterion_promotions` (`dialogue_session_id`,`criterion_key`);--> statement-breakpoint
CREATE TABLE `providers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`care_type` text NOT NULL,
	`fundings` text NOT NULL,
	`residential` integer DEFAULT false NOT NULL,
	`note` text,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `providers_name_unique` ON `providers` (`name`);--> statement-breakpoint
ALTER TABLE `framework_requirements` ADD `residential_only` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `frameworks` ADD `thresholds` text;