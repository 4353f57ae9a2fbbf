-- A report version that was sent or made final is a record of what participants saw: it may
-- not change. The domain module never updates them; this trigger makes sure nothing else can.
CREATE TRIGGER `report_versions_immutable` BEFORE UPDATE ON `report_versions`
BEGIN SELECT RAISE(ABORT, 'report versions are immutable'); END;
--> statement-breakpoint
-- Sessions closed before closed_at existed: take the moment of closing from the audit log.
UPDATE `dialogue_sessions` SET `closed_at` = coalesce(
	(SELECT max(`at`) FROM `audit_log` WHERE `action` = 'session.close' AND `subject_type` = 'dialogue_session' AND `subject_id` = `dialogue_sessions`.`id`),
	`created_at`)
WHERE `status` = 'closed' AND `closed_at` IS NULL;
