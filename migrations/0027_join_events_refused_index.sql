DROP INDEX `join_events_session_idx`;--> statement-breakpoint
CREATE INDEX `join_events_session_idx` ON `join_events` (`dialogue_session_id`,`refused`,`at`);