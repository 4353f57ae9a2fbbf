/**
 * Comparing two framework versions: which themes and requirements were added, removed or
 * changed, field by field. Themes and requirements are matched by their key, which a draft
 * keeps from the version it was made from. A change of order alone is not reported (every
 * insertion would shift the rest); moving a requirement to another theme is. Values are text;
 * the yes/no flag residentialOnly is 'yes' or 'no'; the exceptions as data (rules) are one
 * line per rule, in a fixed order (rulesDiffText).
 */
import { DomainError } from '../errors';
import type { Db } from '../db';
import { getVersion, type FrameworkInfo, type RequirementView, type ThemeView, type VersionSummary } from './store';

import {
	REQUIREMENT_DIFF_FIELDS,
	THEME_DIFF_FIELDS,
	rulesDiffText,
	type ChangeKind,
	type DiffField,
	type FieldChange,
	type RequirementChange,
	type ThemeChange
} from '../../shared/frameworks';

// The shapes of a comparison are wire types: they live in src/lib/shared/frameworks.ts.
export { REQUIREMENT_DIFF_FIELDS, THEME_DIFF_FIELDS };
export type { ChangeKind, DiffField, FieldChange, RequirementChange, ThemeChange } from '../../shared/frameworks';

export interface VersionComparison {
	framework: FrameworkInfo;
	from: VersionSummary;
	to: VersionSummary;
	themes: ThemeChange[];
	requirements: RequirementChange[];
	counts: Record<ChangeKind, number>;
}

function themeValues(t: ThemeView): Record<(typeof THEME_DIFF_FIELDS)[number], string | null> {
	return { name: t.name, description: t.description, definition: t.definition, testQuestion: t.testQuestion, note: t.note };
}

function requirementValues(r: RequirementView, themeName: string): Record<(typeof REQUIREMENT_DIFF_FIELDS)[number], string | null> {
	return {
		theme: themeName,
		number: r.number,
		text: r.text,
		addressees: r.addressees.join(', '),
		level: r.level,
		testMethod: r.testMethod,
		evidence: r.evidence,
		professional: r.applicability.professional,
		informal: r.applicability.informal,
		exceptions: r.applicability.exceptions,
		conditions: r.applicability.conditions,
		residentialOnly: r.applicability.residentialOnly ? 'yes' : 'no',
		note: r.note,
		rules: rulesDiffText(r.applicability.rules)
	};
}

function fieldChanges<F extends DiffField>(
	fields: readonly F[],
	before: Record<F, string | null> | null,
	after: Record<F, string | null> | null
): FieldChange[] {
	return fields
		.map((field) => ({ field, before: before?.[field] ?? null, after: after?.[field] ?? null }))
		.filter((c) => c.before !== c.after);
}

export function compareVersions(db: Db, fromId: number, toId: number): VersionComparison {
	const from = getVersion(db, fromId);
	const to = getVersion(db, toId);
	if (!from || !to) throw new DomainError('error.missing', 404);
	if (from.framework.id !== to.framework.id) throw new DomainError('error.compare.otherFramework', 400);

	const themes: ThemeChange[] = [];
	const fromThemes = new Map(from.themes.map((t) => [t.key, t]));
	const toThemes = new Map(to.themes.map((t) => [t.key, t]));
	for (const t of to.themes) {
		const before = fromThemes.get(t.key);
		const changes = fieldChanges(THEME_DIFF_FIELDS, before ? themeValues(before) : null, themeValues(t));
		if (!before) themes.push({ key: t.key, kind: 'added', name: t.name, changes });
		else if (changes.length > 0) themes.push({ key: t.key, kind: 'changed', name: t.name, changes });
	}
	for (const t of from.themes) {
		if (!toThemes.has(t.key))
			themes.push({ key: t.key, kind: 'removed', name: t.name, changes: fieldChanges(THEME_DIFF_FIELDS, themeValues(t), null) });
	}

	const requirements: RequirementChange[] = [];
	const fromRequirements = new Map(from.themes.flatMap((t) => t.requirements.map((r) => [r.key, { r, theme: t.name }] as const)));
	const toKeys = new Set<string>();
	for (const t of to.themes) {
		for (const r of t.requirements) {
			toKeys.add(r.key);
			const before = fromRequirements.get(r.key);
			const changes = fieldChanges(
				REQUIREMENT_DIFF_FIELDS,
				before ? requirementValues(before.r, before.theme) : null,
				requirementValues(r, t.name)
			);
			if (!before) requirements.push({ key: r.key, kind: 'added', themeName: t.name, number: r.number, text: r.text, changes });
			else if (changes.length > 0)
				requirements.push({ key: r.key, kind: 'changed', themeName: t.name, number: r.number, text: r.text, changes });
		}
	}
	for (const t of from.themes) {
		for (const r of t.requirements) {
			if (!toKeys.has(r.key)) {
				requirements.push({
					key: r.key,
					kind: 'removed',
					themeName: t.name,
					number: r.number,
					text: r.text,
					changes: fieldChanges(REQUIREMENT_DIFF_FIELDS, requirementValues(r, t.name), null)
				});
			}
		}
	}
	const counts = { added: 0, removed: 0, changed: 0 };
	for (const c of [...themes, ...requirements]) counts[c.kind]++;
	return { framework: to.framework, from: from.version, to: to.version, themes, requirements, counts };
}
