ALTER TABLE `dialogue_sessions` ADD `prevote_deadline` integer;--> statement-breakpoint
ALTER TABLE `stickers` ADD `ballot` text DEFAULT 'session' NOT NULL;--> statement-breakpoint
-- The budget holds per ballot: the vote before the session and the vote in it are separate.
DROP TRIGGER `stickers_budget`;
--> statement-breakpoint
CREATE TRIGGER `stickers_budget` BEFORE INSERT ON `stickers`
WHEN (SELECT count(*) FROM stickers WHERE dialogue_session_id = NEW.dialogue_session_id AND participant_id = NEW.participant_id AND ballot = NEW.ballot)
  >= (SELECT stickers_per_participant FROM dialogue_sessions WHERE id = NEW.dialogue_session_id)
  OR (SELECT count(*) FROM stickers WHERE participant_id = NEW.participant_id AND session_theme_id = NEW.session_theme_id AND ballot = NEW.ballot)
  >= (SELECT max_stickers_per_theme FROM dialogue_sessions WHERE id = NEW.dialogue_session_id)
BEGIN SELECT RAISE(ABORT, 'sticker budget exceeded'); END;
