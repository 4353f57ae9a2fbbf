-- A participant's perspective (achtergrond) is part of their write rights: a keyword they add
-- in a shared document carries it, and the server checks it against the current one. Changing
-- it moves the access epoch, like the other columns a right depends on (0015).
DROP TRIGGER IF EXISTS `participants_access_epoch`;--> statement-breakpoint
CREATE TRIGGER `participants_access_epoch` AFTER UPDATE OF `removed_at`, `pseudonymised_at`, `role`, `access_id`, `merged_into_id`, `dialogue_session_id`, `perspective`, `origin` ON `participants` BEGIN
	UPDATE `access_epoch` SET `value` = `value` + 1 WHERE `id` = 1;
END;
