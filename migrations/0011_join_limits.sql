CREATE TABLE `join_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dialogue_session_id` integer NOT NULL,
	`address_hash` text NOT NULL,
	`refused` integer DEFAULT false NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`dialogue_session_id`) REFERENCES `dialogue_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `join_events_session_idx` ON `join_events` (`dialogue_session_id`,`at`);