-- The live state keeps a session's sticker rows between broadcasts and adds each vote's own
-- change to them; these triggers (hand-written: drizzle-kit does not make triggers) bump
-- dialogue_sessions.sticker_revision on every change of a sticker, by any writer, so that a
-- change made elsewhere (an erasure, a reopened vote, another process) is never missed.
ALTER TABLE `dialogue_sessions` ADD `sticker_revision` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `stickers_sticker_revision_insert` AFTER INSERT ON `stickers` BEGIN
	UPDATE `dialogue_sessions` SET `sticker_revision` = `sticker_revision` + 1 WHERE `id` = NEW.`dialogue_session_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `stickers_sticker_revision_update` AFTER UPDATE ON `stickers` BEGIN
	UPDATE `dialogue_sessions` SET `sticker_revision` = `sticker_revision` + 1 WHERE `id` IN (OLD.`dialogue_session_id`, NEW.`dialogue_session_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `stickers_sticker_revision_delete` AFTER DELETE ON `stickers` BEGIN
	UPDATE `dialogue_sessions` SET `sticker_revision` = `sticker_revision` + 1 WHERE `id` = OLD.`dialogue_session_id`;
END;
