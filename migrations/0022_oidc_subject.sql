ALTER TABLE `auth_sessions` ADD `oidc_id_token` text;--> statement-breakpoint
ALTER TABLE `users` ADD `oidc_issuer` text;--> statement-breakpoint
ALTER TABLE `users` ADD `oidc_subject` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_oidc_subject_idx` ON `users` (`oidc_issuer`,`oidc_subject`);