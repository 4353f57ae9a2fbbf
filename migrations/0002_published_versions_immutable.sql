-- A published framework version is immutable: assessments and sessions refer to it. The
-- domain module refuses such changes with a clear message; these triggers make sure no other
-- code path can either.
CREATE TRIGGER `framework_versions_published_update` BEFORE UPDATE ON `framework_versions`
WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'published framework version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `framework_versions_published_delete` BEFORE DELETE ON `framework_versions`
WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'published framework version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `framework_themes_published_insert` BEFORE INSERT ON `framework_themes`
WHEN (SELECT status FROM framework_versions WHERE id = NEW.version_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'published framework version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `framework_themes_published_update` BEFORE UPDATE ON `framework_themes`
WHEN (SELECT status FROM framework_versions WHERE id = OLD.version_id) = 'published'
  OR (SELECT status FROM framework_versions WHERE id = NEW.version_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'published framework version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `framework_themes_published_delete` BEFORE DELETE ON `framework_themes`
WHEN (SELECT status FROM framework_versions WHERE id = OLD.version_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'published framework version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `framework_requirements_published_insert` BEFORE INSERT ON `framework_requirements`
WHEN (SELECT status FROM framework_versions WHERE id = NEW.version_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'published framework version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `framework_requirements_published_update` BEFORE UPDATE ON `framework_requirements`
WHEN (SELECT status FROM framework_versions WHERE id = OLD.version_id) = 'published'
  OR (SELECT status FROM framework_versions WHERE id = NEW.version_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'published framework version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `framework_requirements_published_delete` BEFORE DELETE ON `framework_requirements`
WHEN (SELECT status FROM framework_versions WHERE id = OLD.version_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'published framework version is immutable'); END;
