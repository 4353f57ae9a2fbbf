-- The live state keeps a session's themes, participants and proposals between broadcasts
-- while they are unchanged; these triggers (hand-written: drizzle-kit does not make triggers)
-- bump dialogue_sessions.static_revision on every change of them, by any writer.
ALTER TABLE `dialogue_sessions` ADD `static_revision` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `session_themes_static_revision_insert` AFTER INSERT ON `session_themes` BEGIN
	UPDATE `dialogue_sessions` SET `static_revision` = `static_revision` + 1 WHERE `id` = NEW.`dialogue_session_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `session_themes_static_revision_update` AFTER UPDATE ON `session_themes` BEGIN
	UPDATE `dialogue_sessions` SET `static_revision` = `static_revision` + 1 WHERE `id` = NEW.`dialogue_session_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `session_themes_static_revision_delete` AFTER DELETE ON `session_themes` BEGIN
	UPDATE `dialogue_sessions` SET `static_revision` = `static_revision` + 1 WHERE `id` = OLD.`dialogue_session_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `participants_static_revision_insert` AFTER INSERT ON `participants` BEGIN
	UPDATE `dialogue_sessions` SET `static_revision` = `static_revision` + 1 WHERE `id` = NEW.`dialogue_session_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `participants_static_revision_update` AFTER UPDATE ON `participants` BEGIN
	UPDATE `dialogue_sessions` SET `static_revision` = `static_revision` + 1 WHERE `id` = NEW.`dialogue_session_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `participants_static_revision_delete` AFTER DELETE ON `participants` BEGIN
	UPDATE `dialogue_sessions` SET `static_revision` = `static_revision` + 1 WHERE `id` = OLD.`dialogue_session_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `theme_proposals_static_revision_insert` AFTER INSERT ON `theme_proposals` BEGIN
	UPDATE `dialogue_sessions` SET `static_revision` = `static_revision` + 1 WHERE `id` = NEW.`dialogue_session_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `theme_proposals_static_revision_update` AFTER UPDATE ON `theme_proposals` BEGIN
	UPDATE `dialogue_sessions` SET `static_revision` = `static_revision` + 1 WHERE `id` = NEW.`dialogue_session_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `theme_proposals_static_revision_delete` AFTER DELETE ON `theme_proposals` BEGIN
	UPDATE `dialogue_sessions` SET `static_revision` = `static_revision` + 1 WHERE `id` = OLD.`dialogue_session_id`;
END;
