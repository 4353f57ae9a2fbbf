ALTER TABLE `participants` ADD `origin` text DEFAULT 'list' NOT NULL;--> statement-breakpoint
ALTER TABLE `participants` ADD `merged_into_id` integer REFERENCES participants(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `participants` ADD `attended_at` integer;--> statement-breakpoint
CREATE INDEX `participants_merged_into_idx` ON `participants` (`merged_into_id`);--> statement-breakpoint
-- Where existing records came from: joining with the code is the only way a record is added
-- by the system (audited as such); someone added in the live view without a device has a proxy.
UPDATE `participants` SET `origin` = 'code'
WHERE `id` IN (SELECT `subject_id` FROM `audit_log` WHERE `action` = 'participant.add' AND `actor_type` = 'system' AND `subject_type` = 'participant');--> statement-breakpoint
UPDATE `participants` SET `origin` = 'proxy' WHERE `proxy_user_id` IS NOT NULL;
