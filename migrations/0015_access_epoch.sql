-- access_epoch: one number that changes whenever something a right depends on changes, so
-- live connections can remember what they may do until it moves (src/lib/server/access).
-- The row and the triggers are hand-written (drizzle-kit makes neither). A login's expiry is
-- a matter of time, not of a change: the cache keeps it apart.
CREATE TABLE `access_epoch` (
	`id` integer PRIMARY KEY NOT NULL,
	`value` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `access_epoch` (`id`, `value`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `users_access_epoch` AFTER UPDATE OF `disabled_at`, `roles` ON `users` BEGIN
	UPDATE `access_epoch` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `users_access_epoch_delete` AFTER DELETE ON `users` BEGIN
	UPDATE `access_epoch` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `auth_sessions_access_epoch` AFTER DELETE ON `auth_sessions` BEGIN
	UPDATE `access_epoch` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `participants_access_epoch` AFTER UPDATE OF `removed_at`, `pseudonymised_at`, `role`, `access_id`, `merged_into_id`, `dialogue_session_id` ON `participants` BEGIN
	UPDATE `access_epoch` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `participants_access_epoch_delete` AFTER DELETE ON `participants` BEGIN
	UPDATE `access_epoch` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `participant_links_access_epoch` AFTER DELETE ON `participant_links` BEGIN
	UPDATE `access_epoch` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `dialogue_sessions_access_epoch` AFTER UPDATE OF `status`, `facilitator_id` ON `dialogue_sessions` BEGIN
	UPDATE `access_epoch` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `dialogue_sessions_access_epoch_delete` AFTER DELETE ON `dialogue_sessions` BEGIN
	UPDATE `access_epoch` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `session_themes_access_epoch` AFTER UPDATE OF `test_question_agreed`, `chosen_rank` ON `session_themes` BEGIN
	UPDATE `access_epoch` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `session_themes_access_epoch_delete` AFTER DELETE ON `session_themes` BEGIN
	UPDATE `access_epoch` SET `value` = `value` + 1 WHERE `id` = 1;
END;
