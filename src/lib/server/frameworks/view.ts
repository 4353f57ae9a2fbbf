/**
 * Framework versions as the pages offer them (plain data, for a `Locale`): the published
 * versions to choose from, with their themes or names, and the drafts a criterion can go to.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { translate, type Locale } from '../../i18n';
import type { VersionThemes } from '../../shared/invitations';
import type { Db } from '../db';
import { frameworks, frameworkThemes, frameworkVersions } from '../db/schema';
import { getVersion, latestPublished, listFrameworks, type RequirementView, type VersionDetail } from './store';

export interface VersionOption {
	id: number;
	label: string;
	themeCount: number;
}

/** Published framework versions, grouped by framework: only these can offer themes to a session. */
export function publishedVersionGroups(db: Pick<Db, 'select'>): { framework: string; versions: VersionOption[] }[] {
	return listFrameworks(db)
		.map((f) => ({
			framework: f.name,
			versions: f.versions.filter((v) => v.status === 'published').map((v) => ({ id: v.id, label: v.label, themeCount: v.themeCount }))
		}))
		.filter((g) => g.versions.length > 0);
}

/** Published framework versions with their themes, for choosing themes beforehand. */
export function publishedVersionThemes(db: Pick<Db, 'select'>): VersionThemes[] {
	const versions = db
		.select({ id: frameworkVersions.id, label: frameworkVersions.label, framework: frameworks.name })
		.from(frameworkVersions)
		.innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
		.where(eq(frameworkVersions.status, 'published'))
		.orderBy(asc(frameworks.name), asc(frameworkVersions.id))
		.all();
	if (versions.length === 0) return [];
	const themes = db
		.select({ versionId: frameworkThemes.versionId, key: frameworkThemes.key, name: frameworkThemes.name })
		.from(frameworkThemes)
		.where(
			inArray(
				frameworkThemes.versionId,
				versions.map((v) => v.id)
			)
		)
		.orderBy(asc(frameworkThemes.position))
		.all();
	return versions.map((v) => ({ ...v, themes: themes.filter((t) => t.versionId === v.id).map(({ key, name }) => ({ key, name })) }));
}

/** "MOVISIE-themes, versie 2019": the framework and version label of a version id. */
export function versionName(db: Pick<Db, 'select'>, versionId: number | null): { framework: string; label: string } | null {
	if (versionId === null) return null;
	return (
		db
			.select({ framework: frameworks.name, label: frameworkVersions.label })
			.from(frameworkVersions)
			.innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
			.where(eq(frameworkVersions.id, versionId))
			.get() ?? null
	);
}

/** Every version by id with its name for people: "Drents kwaliteitskader, versie 2019". */
export function versionNames(db: Pick<Db, 'select'>, locale: Locale): Map<number, { name: string; published: boolean }> {
	const names = new Map<number, { name: string; published: boolean }>();
	for (const f of listFrameworks(db)) {
		for (const v of f.versions)
			names.set(v.id, {
				name: translate(locale, 'assessments.versionName', { framework: f.name, label: v.label }),
				published: v.status === 'published'
			});
	}
	return names;
}

/** The published versions an assessment can start against, newest of each framework first. */
export function publishedVersionOptions(db: Pick<Db, 'select'>, locale: Locale): { value: string; label: string }[] {
	return listFrameworks(db).flatMap((f) =>
		f.versions
			.filter((v) => v.status === 'published')
			.map((v) => ({ value: String(v.id), label: translate(locale, 'assessments.versionName', { framework: f.name, label: v.label }) }))
	);
}

export interface DraftTarget {
	frameworkId: number;
	frameworkName: string;
	/** The framework's draft, with its themes and requirements; null when it has none. */
	draft: VersionDetail | null;
	/** The newest published version, to make a draft from; null when there is none. */
	published: { id: number; label: string } | null;
}

/** Every framework with its draft (if any): where a criterion can be promoted or merged. */
export function draftTargets(db: Pick<Db, 'select'>): DraftTarget[] {
	return listFrameworks(db).map((f) => {
		const draft = f.versions.find((v) => v.status === 'draft');
		const published = latestPublished(db, f.id);
		return {
			frameworkId: f.id,
			frameworkName: f.name,
			draft: draft ? (getVersion(db, draft.id) ?? null) : null,
			published: published ? { id: published.id, label: published.label } : null
		};
	});
}

/** A requirement of a draft, found with its framework, version and theme. */
export function findDraftRequirement(
	targets: DraftTarget[],
	requirementId: number | null
): { target: DraftTarget; themeName: string; requirement: RequirementView; index: number } | undefined {
	for (const target of targets) {
		for (const theme of target.draft?.themes ?? []) {
			const index = theme.requirements.findIndex((r) => r.id === requirementId);
			if (index !== -1) return { target, themeName: theme.name, requirement: theme.requirements[index]!, index };
		}
	}
	return undefined;
}
