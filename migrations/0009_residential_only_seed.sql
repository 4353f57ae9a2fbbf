-- The Drents kwaliteitskader says of Leefklimaat "bij verblijf" (only where clients stay). That
-- condition is now a structured flag, so an assessment can leave these requirements out for a
-- provider without residential stay. The published seed version already in a database gets
-- the flag here: the only change ever made to a published version, and only to this new
-- column, with the immutability trigger restored in the same migration.
DROP TRIGGER `framework_requirements_published_update`;
--> statement-breakpoint
UPDATE `framework_requirements` SET `residential_only` = 1
WHERE `conditions` = 'bij verblijf'
  AND `version_id` IN (SELECT v.`id` FROM `framework_versions` v JOIN `frameworks` f ON f.`id` = v.`framework_id` WHERE f.`slug` = 'drents-kwaliteitskader');
--> statement-breakpoint
CREATE TRIGGER `framework_requirements_published_update` BEFORE UPDATE ON `framework_requirements`
WHEN (SELECT status FROM framework_versions WHERE id = OLD.version_id) = 'published'
  OR (SELECT status FROM framework_versions WHERE id = NEW.version_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'published framework version is immutable'); END;
