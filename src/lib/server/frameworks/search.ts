/**
 * Search across requirement texts (text, wijze van toetsen, bewijs). Case and diacritics do
 * not matter ("client" finds "cliënt"); every word of the query must occur.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { frameworkRequirements, frameworkThemes, frameworkVersions, frameworks } from '../db/schema';
import type { VersionStatus } from './model';
import { normalizeForSearch } from './store';

export interface SearchHit {
	framework: { id: number; name: string };
	version: { id: number; label: string; status: VersionStatus };
	theme: { id: number; name: string };
	requirement: { id: number; key: string; number: string | null; text: string };
	/** Which field matched: the requirement text itself, or its testing/evidence text. */
	matchedIn: 'text' | 'other';
}

export interface SearchOptions {
	frameworkId?: number;
	/** 'current': per framework the newest published version and its draft; 'all': every version. */
	scope?: 'current' | 'all';
	limit?: number;
}

export const SEARCH_MAX_QUERY = 200;

function escapeLike(value: string): string {
	return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The versions 'current' covers: per framework its draft and its newest published version. */
function currentVersionIds(db: Db): number[] {
	const rows = db
		.select({
			id: frameworkVersions.id,
			frameworkId: frameworkVersions.frameworkId,
			status: frameworkVersions.status,
			publishedAt: frameworkVersions.publishedAt
		})
		.from(frameworkVersions)
		.all();
	const ids: number[] = [];
	const newest = new Map<number, { id: number; at: number }>();
	for (const v of rows) {
		if (v.status === 'draft') ids.push(v.id);
		else {
			const at = v.publishedAt?.getTime() ?? 0;
			const best = newest.get(v.frameworkId);
			if (!best || at > best.at || (at === best.at && v.id > best.id)) newest.set(v.frameworkId, { id: v.id, at });
		}
	}
	return [...ids, ...[...newest.values()].map((v) => v.id)];
}

export function searchRequirements(db: Db, query: string, options: SearchOptions = {}): SearchHit[] {
	const words = normalizeForSearch(query.slice(0, SEARCH_MAX_QUERY))
		.split(/\s+/)
		.filter((w) => w.length > 0)
		.slice(0, 10);
	if (words.length === 0) return [];
	// drizzle's like() has no ESCAPE clause, so the condition is written out.
	const escaped = words.map((w) => sql`${frameworkRequirements.searchText} like ${`%${escapeLike(w)}%`} escape '\\'`);
	const where: SQL[] = [...escaped];
	if (options.frameworkId !== undefined) where.push(eq(frameworkVersions.frameworkId, options.frameworkId));
	if ((options.scope ?? 'current') === 'current') {
		const ids = currentVersionIds(db);
		if (ids.length === 0) return [];
		where.push(inArray(frameworkVersions.id, ids));
	}
	const rows = db
		.select({
			frameworkId: frameworks.id,
			frameworkName: frameworks.name,
			versionId: frameworkVersions.id,
			label: frameworkVersions.label,
			status: frameworkVersions.status,
			themeId: frameworkThemes.id,
			themeName: frameworkThemes.name,
			id: frameworkRequirements.id,
			key: frameworkRequirements.key,
			number: frameworkRequirements.number,
			text: frameworkRequirements.text
		})
		.from(frameworkRequirements)
		.innerJoin(frameworkThemes, eq(frameworkThemes.id, frameworkRequirements.themeId))
		.innerJoin(frameworkVersions, eq(frameworkVersions.id, frameworkRequirements.versionId))
		.innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
		.where(and(...where))
		.orderBy(frameworks.name, sql`${frameworkVersions.id} desc`, frameworkThemes.position, frameworkRequirements.position)
		.limit(Math.min(options.limit ?? 100, 500))
		.all();
	return rows.map((r) => {
		const inText = words.every((w) => normalizeForSearch(r.text).includes(w));
		return {
			framework: { id: r.frameworkId, name: r.frameworkName },
			version: { id: r.versionId, label: r.label, status: r.status },
			theme: { id: r.themeId, name: r.themeName },
			requirement: { id: r.id, key: r.key, number: r.number, text: r.text },
			matchedIn: inText ? 'text' : 'other'
		};
	});
}
