/**
 * The framework store: frameworks, their versions, themes and requirements. Reading, creating
 * drafts, editing a draft and publishing it. Routes, the JSON API, import and the seed all call
 * these functions; they validate their input, check that the version is still a draft and that
 * the caller saw the latest revision, and audit every change inside its transaction.
 *
 * Concurrent edits: every theme and requirement carries a revision, and so does the draft as a
 * whole. A change names the revision it was based on; when someone else changed the same thing
 * in between, the change is refused with `error.framework.conflict` instead of overwriting it.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db';
import {
	frameworkRequirements,
	frameworkThemes,
	frameworkVersions,
	frameworks,
	users,
	type FrameworkRequirement,
	type FrameworkTheme,
	type FrameworkVersion
} from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { ValidationError, validate } from '../validation';
import type { MessageKey } from '../../i18n';
import {
	LIMITS,
	keySchema,
	numberIdentity,
	requirementFieldsSchema,
	ruleContradictions,
	slugSchema,
	themeFieldsSchema,
	type Applicability,
	type ApplicabilityRule,
	type Provenance,
	type RequirementFields,
	type RequirementFieldsInput,
	type ThemeFields,
	type ThemeFieldsInput,
	type VersionStatus
} from './model';

type Reader = Pick<Db, 'select'>;

export interface FrameworkInfo {
	id: number;
	slug: string;
	name: string;
	description: string | null;
}

export interface VersionSummary {
	id: number;
	frameworkId: number;
	label: string;
	status: VersionStatus;
	basedOnVersionId: number | null;
	revision: number;
	note: string | null;
	createdAt: string;
	updatedAt: string;
	publishedAt: string | null;
	publishedBy: string | null;
	changeSummary: string | null;
}

export interface RequirementView extends RequirementFields {
	id: number;
	key: string;
	themeId: number;
	position: number;
	provenance: Provenance;
	revision: number;
}

export interface ThemeView extends ThemeFields {
	id: number;
	key: string;
	position: number;
	revision: number;
	requirements: RequirementView[];
}

export interface VersionDetail {
	framework: FrameworkInfo;
	version: VersionSummary;
	themes: ThemeView[];
}

export interface FrameworkOverview extends FrameworkInfo {
	versions: (VersionSummary & { themeCount: number; requirementCount: number })[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function versionSummary(v: FrameworkVersion): VersionSummary {
	return {
		id: v.id,
		frameworkId: v.frameworkId,
		label: v.label,
		status: v.status,
		basedOnVersionId: v.basedOnVersionId,
		revision: v.revision,
		note: v.note,
		createdAt: v.createdAt.toISOString(),
		updatedAt: v.updatedAt.toISOString(),
		publishedAt: iso(v.publishedAt),
		publishedBy: v.publishedBy,
		changeSummary: v.changeSummary
	};
}

function requirementView(r: FrameworkRequirement): RequirementView {
	return {
		id: r.id,
		key: r.key,
		themeId: r.themeId,
		position: r.position,
		number: r.number,
		text: r.text,
		addressees: r.addressees,
		level: r.level,
		testMethod: r.testMethod,
		evidence: r.evidence,
		applicability: {
			professional: r.appliesProfessional,
			informal: r.appliesInformal,
			exceptions: r.exceptions,
			conditions: r.conditions,
			residentialOnly: r.residentialOnly,
			rules: r.applicabilityRules
		},
		provenance: r.provenance,
		note: r.note,
		revision: r.revision
	};
}

function themeView(t: FrameworkTheme, requirements: RequirementView[]): ThemeView {
	return {
		id: t.id,
		key: t.key,
		position: t.position,
		name: t.name,
		description: t.description,
		definition: t.definition,
		testQuestion: t.testQuestion,
		note: t.note,
		revision: t.revision,
		requirements
	};
}

/** Lower case without diacritics, so "client" finds "cliënt". */
export function normalizeForSearch(value: string): string {
	return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function searchTextOf(fields: Pick<RequirementFields, 'number' | 'text' | 'testMethod' | 'evidence'>): string {
	return normalizeForSearch([fields.text, fields.testMethod, fields.evidence].filter(Boolean).join('\n'));
}

/** A requirement's fields as table columns (also used by import). */
export function requirementColumns(fields: RequirementFields) {
	return {
		number: fields.number,
		text: fields.text,
		addressees: fields.addressees,
		level: fields.level,
		testMethod: fields.testMethod,
		evidence: fields.evidence,
		appliesProfessional: fields.applicability.professional,
		appliesInformal: fields.applicability.informal,
		exceptions: fields.applicability.exceptions,
		conditions: fields.applicability.conditions,
		residentialOnly: fields.applicability.residentialOnly,
		// Rules left out (a form that does not edit them): the stored ones stay.
		...(fields.applicability.rules === undefined ? {} : { applicabilityRules: fields.applicability.rules }),
		note: fields.note,
		searchText: searchTextOf(fields)
	};
}

/**
 * Refuses rules that contradict each other or the columns, naming the requirement; `stored`
 * are the rules kept when the input leaves them out.
 */
export function checkRules(fields: RequirementFields, label: string, stored: ApplicabilityRule[] = []): void {
	const found = ruleContradictions({ ...fields.applicability, rules: fields.applicability.rules ?? stored });
	if (found.length > 0)
		throw new ValidationError(
			found.map((code) => ({ path: ['applicability', 'rules'], code: code as MessageKey, params: { requirement: label } })),
			'error.rules.contradict',
			400
		);
}

// ---------------------------------------------------------------------------------------------
// Reading

export function listFrameworks(db: Reader): FrameworkOverview[] {
	const counts = new Map(
		db
			.select({
				versionId: frameworkThemes.versionId,
				themes: sql<number>`count(distinct ${frameworkThemes.id})`,
				requirements: sql<number>`count(${frameworkRequirements.id})`
			})
			.from(frameworkThemes)
			.leftJoin(frameworkRequirements, eq(frameworkRequirements.themeId, frameworkThemes.id))
			.groupBy(frameworkThemes.versionId)
			.all()
			.map((c) => [c.versionId, c])
	);
	const versions = db.select().from(frameworkVersions).orderBy(desc(frameworkVersions.createdAt), desc(frameworkVersions.id)).all();
	return db
		.select()
		.from(frameworks)
		.orderBy(asc(frameworks.name))
		.all()
		.map((f) => ({
			id: f.id,
			slug: f.slug,
			name: f.name,
			description: f.description,
			versions: versions
				.filter((v) => v.frameworkId === f.id)
				.map((v) => ({
					...versionSummary(v),
					themeCount: counts.get(v.id)?.themes ?? 0,
					requirementCount: counts.get(v.id)?.requirements ?? 0
				}))
		}));
}

export function getFramework(db: Reader, id: number): FrameworkOverview | undefined {
	return listFrameworks(db).find((f) => f.id === id);
}

export function getVersionSummary(db: Reader, versionId: number): VersionSummary | undefined {
	const v = db.select().from(frameworkVersions).where(eq(frameworkVersions.id, versionId)).get();
	return v ? versionSummary(v) : undefined;
}

export function getVersion(db: Reader, versionId: number): VersionDetail | undefined {
	const v = db.select().from(frameworkVersions).where(eq(frameworkVersions.id, versionId)).get();
	if (!v) return undefined;
	const f = db.select().from(frameworks).where(eq(frameworks.id, v.frameworkId)).get()!;
	const requirements = db
		.select()
		.from(frameworkRequirements)
		.where(eq(frameworkRequirements.versionId, versionId))
		.orderBy(asc(frameworkRequirements.position))
		.all()
		.map(requirementView);
	const themes = db
		.select()
		.from(frameworkThemes)
		.where(eq(frameworkThemes.versionId, versionId))
		.orderBy(asc(frameworkThemes.position))
		.all()
		.map((t) =>
			themeView(
				t,
				requirements.filter((r) => r.themeId === t.id)
			)
		);
	return { framework: { id: f.id, slug: f.slug, name: f.name, description: f.description }, version: versionSummary(v), themes };
}

/** The newest published version of a framework, if any. */
export function latestPublished(db: Reader, frameworkId: number): VersionSummary | undefined {
	const v = db
		.select()
		.from(frameworkVersions)
		.where(and(eq(frameworkVersions.frameworkId, frameworkId), eq(frameworkVersions.status, 'published')))
		.orderBy(desc(frameworkVersions.publishedAt), desc(frameworkVersions.id))
		.get();
	return v ? versionSummary(v) : undefined;
}

/** The newest published version of the framework with this slug (e.g. a seed), if any. */
export function latestPublishedBySlug(db: Reader, slug: string): VersionSummary | undefined {
	const f = db.select({ id: frameworks.id }).from(frameworks).where(eq(frameworks.slug, slug)).get();
	return f ? latestPublished(db, f.id) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Guards shared by every change

function loadVersion(tx: Reader, versionId: number): FrameworkVersion {
	const v = tx.select().from(frameworkVersions).where(eq(frameworkVersions.id, versionId)).get();
	if (!v) throw new DomainError('error.missing', 404);
	return v;
}

/** The version must be a draft; published versions never change. */
function loadDraft(tx: Reader, versionId: number): FrameworkVersion {
	const v = loadVersion(tx, versionId);
	if (v.status !== 'draft') throw new DomainError('error.framework.published', 409);
	return v;
}

function checkRevision(actual: number, expected: number | undefined): void {
	if (expected === undefined) throw new ValidationError([{ path: ['revision'], code: 'error.field.required', params: {} }]);
	if (actual !== expected) throw new DomainError('error.framework.conflict', 409);
}

function touchVersion(tx: Tx, versionId: number): void {
	tx.update(frameworkVersions)
		.set({ revision: sql`${frameworkVersions.revision} + 1`, updatedAt: new Date() })
		.where(eq(frameworkVersions.id, versionId))
		.run();
}

function loadTheme(tx: Reader, themeId: number): FrameworkTheme {
	const t = tx.select().from(frameworkThemes).where(eq(frameworkThemes.id, themeId)).get();
	if (!t) throw new DomainError('error.missing', 404);
	return t;
}

function loadRequirement(tx: Reader, requirementId: number): FrameworkRequirement {
	const r = tx.select().from(frameworkRequirements).where(eq(frameworkRequirements.id, requirementId)).get();
	if (!r) throw new DomainError('error.missing', 404);
	return r;
}

function checkNumberFree(tx: Reader, themeId: number, number: string | null, exceptId?: number, moving?: { themeName: string }): void {
	if (number === null) return;
	const same = numberIdentity(number);
	const clash = tx
		.select({ id: frameworkRequirements.id, number: frameworkRequirements.number })
		.from(frameworkRequirements)
		.where(eq(frameworkRequirements.themeId, themeId))
		.all()
		.find((r) => r.id !== exceptId && r.number !== null && numberIdentity(r.number) === same);
	if (clash && moving)
		throw new ValidationError([
			{ path: ['number'], code: 'error.framework.duplicateNumberIn', params: { number: clash.number!, theme: moving.themeName } }
		]);
	if (clash) {
		throw new ValidationError([{ path: ['number'], code: 'error.framework.duplicateNumber', params: { number: clash.number! } }]);
	}
}

/** Before publishing: no theme holds one number twice (pairs saved before numbers were compared as numbers). */
function checkNumbersUnique(tx: Reader, versionId: number): void {
	const rows = tx
		.select({ themeId: frameworkRequirements.themeId, number: frameworkRequirements.number, theme: frameworkThemes.name })
		.from(frameworkRequirements)
		.innerJoin(frameworkThemes, eq(frameworkThemes.id, frameworkRequirements.themeId))
		.where(eq(frameworkRequirements.versionId, versionId))
		.all();
	const seen = new Map<string, string>();
	for (const r of rows) {
		if (r.number === null) continue;
		const key = `${r.themeId}:${numberIdentity(r.number)}`;
		const first = seen.get(key);
		if (first !== undefined)
			throw new DomainError('error.framework.duplicateNumberPublish', 409, { theme: r.theme, number: first, other: r.number });
		seen.set(key, r.number);
	}
}

function checkLabelFree(tx: Reader, frameworkId: number, label: string, exceptId?: number): void {
	const clash = tx
		.select({ id: frameworkVersions.id })
		.from(frameworkVersions)
		.where(and(eq(frameworkVersions.frameworkId, frameworkId), eq(frameworkVersions.label, label)))
		.get();
	if (clash && clash.id !== exceptId)
		throw new ValidationError([{ path: ['label'], code: 'error.framework.labelTaken', params: { label } }]);
}

const labelSchema = z.string().trim().min(1).max(LIMITS.label);

/** Themes within a version and requirements within a theme are kept in order by `position`. */
type Ordered = typeof frameworkThemes | typeof frameworkRequirements;

/** How many rows of the table match. */
function countRows(tx: Reader, table: Ordered, where: SQL | undefined): number {
	return tx
		.select({ n: sql<number>`count(*)` })
		.from(table)
		.where(where)
		.get()!.n;
}

/** Moves the matching rows `by` places (+1 down, -1 up). */
function shift(tx: Tx, table: Ordered, where: SQL | undefined, by: 1 | -1): void {
	tx.update(table)
		.set({ position: sql`${table.position} + ${by}` })
		.where(where)
		.run();
}

/** Moves `position` of the rows after a removed row one place up, keeping positions 0..n-1. */
function closeGap(tx: Tx, table: Ordered, parent: SQL, from: number): void {
	shift(tx, table, and(parent, gt(table.position, from)), -1);
}

/** Makes room at `to` for a row that moves there from `from` among the same parent's rows. */
function shiftBetween(tx: Tx, table: Ordered, parent: SQL, from: number, to: number): void {
	if (to < from) shift(tx, table, and(parent, gte(table.position, to), lt(table.position, from)), 1);
	else shift(tx, table, and(parent, gt(table.position, from), lte(table.position, to)), -1);
}

/**
 * A change to a theme or requirement of a draft (`framework.theme.<change>`,
 * `framework.requirement.<change>`): the draft's revision goes up, and the change is audited.
 */
function changed(
	tx: Tx,
	actor: Actor,
	type: 'theme' | 'requirement',
	row: { id: number; versionId: number },
	change: string,
	details: Record<string, unknown>
): void {
	touchVersion(tx, row.versionId);
	audit(tx, actor, `framework.${type}.${change}`, { type: `framework_${type}`, id: row.id }, details);
}

/** A theme or requirement may change only in a draft, and only from the revision it was seen at. */
function editable<R extends { versionId: number; revision: number }>(tx: Reader, row: R, revision: number | undefined): R {
	loadDraft(tx, row.versionId);
	checkRevision(row.revision, revision);
	return row;
}

// ---------------------------------------------------------------------------------------------
// Frameworks and versions

export const frameworkInputSchema = z.object({
	name: z.string().trim().min(1).max(LIMITS.name),
	slug: slugSchema.optional(),
	description: themeFieldsSchema.shape.description
});
export type FrameworkInput = z.input<typeof frameworkInputSchema>;

export function slugify(name: string): string {
	return (
		normalizeForSearch(name)
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60)
			.replace(/-+$/, '') || 'kader'
	);
}

function uniqueSlug(tx: Reader, base: string): string {
	for (let n = 1; ; n++) {
		const slug = n === 1 ? base : `${base}-${n}`;
		if (!tx.select({ id: frameworks.id }).from(frameworks).where(eq(frameworks.slug, slug)).get()) return slug;
	}
}

/** Creates a framework with an empty first draft, labelled `firstLabel`. */
export function createFramework(
	db: Db,
	actor: Actor,
	input: FrameworkInput,
	firstLabel = '1'
): { framework: FrameworkInfo; draft: VersionSummary } {
	const fields = validate(frameworkInputSchema, input);
	const label = validate(labelSchema, firstLabel, ['label']);
	return db.transaction((tx) => {
		let slug = fields.slug;
		if (slug) {
			if (tx.select({ id: frameworks.id }).from(frameworks).where(eq(frameworks.slug, slug)).get()) {
				throw new ValidationError([{ path: ['slug'], code: 'error.framework.slugTaken', params: { slug } }]);
			}
		} else slug = uniqueSlug(tx, slugify(fields.name));
		const f = tx.insert(frameworks).values({ slug, name: fields.name, description: fields.description }).returning().get();
		const v = tx
			.insert(frameworkVersions)
			.values({ frameworkId: f.id, label, createdById: actor.type === 'user' ? actor.id : null })
			.returning()
			.get();
		audit(tx, actor, 'framework.create', { type: 'framework', id: f.id }, { slug, versionId: v.id });
		return { framework: { id: f.id, slug: f.slug, name: f.name, description: f.description }, draft: versionSummary(v) };
	});
}

/** A label for a new draft that is not taken yet: this year, or this year with a suffix. */
export function suggestLabel(db: Reader, frameworkId: number, now = new Date()): string {
	const taken = new Set(
		db
			.select({ label: frameworkVersions.label })
			.from(frameworkVersions)
			.where(eq(frameworkVersions.frameworkId, frameworkId))
			.all()
			.map((r) => r.label)
	);
	const year = String(now.getFullYear());
	for (let n = 1; ; n++) {
		const label = n === 1 ? year : `${year}-${n}`;
		if (!taken.has(label)) return label;
	}
}

/** Copies a published version into a new draft of the same framework; keys stay, so versions can be compared. */
export function createDraft(db: Db, actor: Actor, fromVersionId: number, label?: string): VersionSummary {
	return db.transaction((tx) => {
		const from = loadVersion(tx, fromVersionId);
		if (from.status !== 'published') throw new DomainError('error.framework.draftFromDraft', 409);
		const existing = tx
			.select({ id: frameworkVersions.id })
			.from(frameworkVersions)
			.where(and(eq(frameworkVersions.frameworkId, from.frameworkId), eq(frameworkVersions.status, 'draft')))
			.get();
		if (existing) throw new DomainError('error.framework.draftExists', 409, { id: existing.id });
		const newLabel = validate(labelSchema, label ?? suggestLabel(tx, from.frameworkId), ['label']);
		checkLabelFree(tx, from.frameworkId, newLabel);
		const draft = tx
			.insert(frameworkVersions)
			.values({
				frameworkId: from.frameworkId,
				label: newLabel,
				basedOnVersionId: from.id,
				note: from.note,
				createdById: actor.type === 'user' ? actor.id : null
			})
			.returning()
			.get();
		const themes = tx.select().from(frameworkThemes).where(eq(frameworkThemes.versionId, from.id)).all();
		for (const t of themes) {
			const { id: oldThemeId, versionId: _v, revision: _r, ...theme } = t;
			const copy = tx
				.insert(frameworkThemes)
				.values({ ...theme, versionId: draft.id })
				.returning({ id: frameworkThemes.id })
				.get();
			const requirements = tx.select().from(frameworkRequirements).where(eq(frameworkRequirements.themeId, oldThemeId)).all();
			for (const r of requirements) {
				const { id: _id, themeId: _t, versionId: _rv, revision: _rr, ...req } = r;
				tx.insert(frameworkRequirements)
					.values({ ...req, themeId: copy.id, versionId: draft.id })
					.run();
			}
		}
		audit(tx, actor, 'framework.draft.create', { type: 'framework_version', id: draft.id }, { from: from.id, label: newLabel });
		return versionSummary(draft);
	});
}

export const versionMetaSchema = z.object({
	label: labelSchema,
	note: themeFieldsSchema.shape.note
});

export function updateDraftMeta(
	db: Db,
	actor: Actor,
	versionId: number,
	revision: number | undefined,
	input: z.input<typeof versionMetaSchema>
): VersionSummary {
	const fields = validate(versionMetaSchema, input);
	return db.transaction((tx) => {
		const v = loadDraft(tx, versionId);
		checkRevision(v.revision, revision);
		checkLabelFree(tx, v.frameworkId, fields.label, v.id);
		const updated = tx
			.update(frameworkVersions)
			.set({ label: fields.label, note: fields.note, revision: v.revision + 1, updatedAt: new Date() })
			.where(eq(frameworkVersions.id, v.id))
			.returning()
			.get();
		audit(tx, actor, 'framework.draft.update', { type: 'framework_version', id: v.id }, { label: fields.label });
		return versionSummary(updated);
	});
}

/** Throws the draft away. Only drafts can be deleted. */
export function deleteDraft(db: Db, actor: Actor, versionId: number, revision: number | undefined): void {
	db.transaction((tx) => {
		const v = loadDraft(tx, versionId);
		checkRevision(v.revision, revision);
		tx.delete(frameworkVersions).where(eq(frameworkVersions.id, v.id)).run();
		audit(tx, actor, 'framework.draft.delete', { type: 'framework_version', id: v.id }, { label: v.label });
	});
}

export const publishSchema = z.object({ changeSummary: z.string().trim().min(1).max(LIMITS.shortText) });

/**
 * Publishes a draft: from now on it is immutable. Refused when the draft is empty or when it
 * changed since the publisher looked at it (`revision`).
 */
export function publishVersion(
	db: Db,
	actor: Actor,
	versionId: number,
	revision: number | undefined,
	input: { changeSummary: string }
): VersionSummary {
	const { changeSummary } = validate(publishSchema, input);
	return db.transaction((tx) => {
		const v = loadDraft(tx, versionId);
		checkRevision(v.revision, revision);
		const requirementCount = countRows(tx, frameworkRequirements, eq(frameworkRequirements.versionId, v.id));
		const themeCount = countRows(tx, frameworkThemes, eq(frameworkThemes.versionId, v.id));
		if (themeCount === 0 || requirementCount === 0) throw new DomainError('error.framework.emptyDraft', 409);
		checkNumbersUnique(tx, v.id);
		const author =
			actor.type === 'user' && actor.id !== null
				? tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id)).get()
				: undefined;
		const published = tx
			.update(frameworkVersions)
			.set({
				status: 'published',
				publishedAt: new Date(),
				publishedById: actor.type === 'user' ? actor.id : null,
				publishedBy: author?.name ?? null,
				changeSummary,
				updatedAt: new Date()
			})
			.where(eq(frameworkVersions.id, v.id))
			.returning()
			.get();
		audit(
			tx,
			actor,
			'framework.version.publish',
			{ type: 'framework_version', id: v.id },
			{ label: v.label, themes: themeCount, requirements: requirementCount }
		);
		return versionSummary(published);
	});
}

// ---------------------------------------------------------------------------------------------
// Themes

export function addTheme(db: Db, actor: Actor, versionId: number, input: ThemeFieldsInput & { key?: string }): ThemeView {
	const fields = validate(themeFieldsSchema, input);
	const key = input.key === undefined ? randomUUID() : validate(keySchema, input.key, ['key']);
	return db.transaction((tx) => {
		const v = loadDraft(tx, versionId);
		const position = countRows(tx, frameworkThemes, eq(frameworkThemes.versionId, v.id));
		if (position >= LIMITS.themes) throw new DomainError('error.framework.tooManyThemes', 409, { max: LIMITS.themes });
		const t = tx
			.insert(frameworkThemes)
			.values({ ...fields, versionId: v.id, key, position })
			.returning()
			.get();
		changed(tx, actor, 'theme', t, 'create', { versionId: v.id });
		return themeView(t, []);
	});
}

export function updateTheme(db: Db, actor: Actor, themeId: number, revision: number | undefined, input: ThemeFieldsInput): ThemeView {
	const fields = validate(themeFieldsSchema, input);
	return db.transaction((tx) => {
		const t = editable(tx, loadTheme(tx, themeId), revision);
		const updated = tx
			.update(frameworkThemes)
			.set({ ...fields, revision: t.revision + 1 })
			.where(eq(frameworkThemes.id, t.id))
			.returning()
			.get();
		changed(tx, actor, 'theme', t, 'update', { versionId: t.versionId });
		const requirements = tx
			.select()
			.from(frameworkRequirements)
			.where(eq(frameworkRequirements.themeId, t.id))
			.orderBy(asc(frameworkRequirements.position))
			.all();
		return themeView(updated, requirements.map(requirementView));
	});
}

/**
 * Deletes a theme and its requirements. `seenRequirements`, the requirement ids the person was
 * shown when asked "delete this theme with its N requirements?", guards against deleting what a
 * colleague added, moved in or removed since: adding a requirement does not change the theme's
 * own revision (that would refuse an edit of the theme's text for no reason).
 */
export function deleteTheme(
	db: Db,
	actor: Actor,
	themeId: number,
	revision: number | undefined,
	seenRequirements?: readonly number[]
): void {
	db.transaction((tx) => {
		const t = editable(tx, loadTheme(tx, themeId), revision);
		if (seenRequirements !== undefined) {
			const now = tx
				.select({ id: frameworkRequirements.id })
				.from(frameworkRequirements)
				.where(eq(frameworkRequirements.themeId, t.id))
				.all()
				.map((r) => r.id);
			const seen = new Set(seenRequirements);
			if (now.length !== seen.size || now.some((id) => !seen.has(id)))
				throw new DomainError('error.framework.themeRequirementsChanged', 409);
		}
		const removed = tx.delete(frameworkRequirements).where(eq(frameworkRequirements.themeId, t.id)).run().changes;
		tx.delete(frameworkThemes).where(eq(frameworkThemes.id, t.id)).run();
		closeGap(tx, frameworkThemes, eq(frameworkThemes.versionId, t.versionId), t.position);
		changed(tx, actor, 'theme', t, 'delete', { versionId: t.versionId, name: t.name, requirements: removed });
	});
}

/** Moves a theme to `position` (0-based) within its version. */
export function moveTheme(db: Db, actor: Actor, themeId: number, revision: number | undefined, position: number): void {
	db.transaction((tx) => {
		const t = editable(tx, loadTheme(tx, themeId), revision);
		const count = countRows(tx, frameworkThemes, eq(frameworkThemes.versionId, t.versionId));
		const target = validate(
			z
				.number()
				.int()
				.min(0)
				.max(count - 1),
			position,
			['position']
		);
		if (target === t.position) return;
		shiftBetween(tx, frameworkThemes, eq(frameworkThemes.versionId, t.versionId), t.position, target);
		tx.update(frameworkThemes)
			.set({ position: target, revision: t.revision + 1 })
			.where(eq(frameworkThemes.id, t.id))
			.run();
		changed(tx, actor, 'theme', t, 'move', { from: t.position, to: target });
	});
}

// ---------------------------------------------------------------------------------------------
// Requirements

export function addRequirement(
	db: Db,
	actor: Actor,
	themeId: number,
	input: RequirementFieldsInput & { key?: string; provenance?: Provenance }
): RequirementView {
	const fields = validate(requirementFieldsSchema, input);
	const key = input.key === undefined ? randomUUID() : validate(keySchema, input.key, ['key']);
	const provenance: Provenance = input.provenance ?? { kind: 'manual' };
	return db.transaction((tx) => {
		const t = loadTheme(tx, themeId);
		loadDraft(tx, t.versionId);
		checkRules(fields, `${t.name} ${fields.number ?? ''}`.trim());
		checkNumberFree(tx, t.id, fields.number);
		const position = countRows(tx, frameworkRequirements, eq(frameworkRequirements.themeId, t.id));
		if (position >= LIMITS.requirementsPerTheme)
			throw new DomainError('error.framework.tooManyRequirements', 409, { max: LIMITS.requirementsPerTheme });
		const r = tx
			.insert(frameworkRequirements)
			.values({ ...requirementColumns(fields), themeId: t.id, versionId: t.versionId, key, position, provenance })
			.returning()
			.get();
		changed(tx, actor, 'requirement', r, 'create', { versionId: t.versionId, themeId: t.id });
		return requirementView(r);
	});
}

export function updateRequirement(
	db: Db,
	actor: Actor,
	requirementId: number,
	revision: number | undefined,
	input: RequirementFieldsInput
): RequirementView {
	const fields = validate(requirementFieldsSchema, input);
	return db.transaction((tx) => {
		const r = editable(tx, loadRequirement(tx, requirementId), revision);
		const theme = loadTheme(tx, r.themeId);
		checkRules(fields, `${theme.name} ${fields.number ?? r.number ?? ''}`.trim(), r.applicabilityRules);
		// A number kept as it was is not checked again: a pair saved before numbers were compared
		// as numbers ("4A" and "4a") must not block an edit of the text.
		if (fields.number !== r.number) checkNumberFree(tx, r.themeId, fields.number, r.id);
		const updated = tx
			.update(frameworkRequirements)
			.set({ ...requirementColumns(fields), revision: r.revision + 1 })
			.where(eq(frameworkRequirements.id, r.id))
			.returning()
			.get();
		changed(tx, actor, 'requirement', r, 'update', { versionId: r.versionId });
		return requirementView(updated);
	});
}

export function deleteRequirement(db: Db, actor: Actor, requirementId: number, revision: number | undefined): void {
	db.transaction((tx) => {
		const r = editable(tx, loadRequirement(tx, requirementId), revision);
		tx.delete(frameworkRequirements).where(eq(frameworkRequirements.id, r.id)).run();
		closeGap(tx, frameworkRequirements, eq(frameworkRequirements.themeId, r.themeId), r.position);
		changed(tx, actor, 'requirement', r, 'delete', { versionId: r.versionId, number: r.number });
	});
}

export const moveRequirementSchema = z.object({
	themeId: z.number().int().positive().optional(),
	position: z.number().int().min(0)
});

/**
 * Moves a requirement to `position` (0-based) in its theme, or in another theme of the same
 * draft. A number that already exists in the target theme is refused, not silently duplicated.
 */
export function moveRequirement(
	db: Db,
	actor: Actor,
	requirementId: number,
	revision: number | undefined,
	input: z.input<typeof moveRequirementSchema>
): RequirementView {
	const move = validate(moveRequirementSchema, input);
	return db.transaction((tx) => {
		const r = editable(tx, loadRequirement(tx, requirementId), revision);
		const targetTheme = move.themeId === undefined ? loadTheme(tx, r.themeId) : loadTheme(tx, move.themeId);
		if (targetTheme.versionId !== r.versionId)
			throw new ValidationError([{ path: ['themeId'], code: 'error.framework.otherVersion', params: {} }]);
		const sameTheme = targetTheme.id === r.themeId;
		const count = countRows(tx, frameworkRequirements, eq(frameworkRequirements.themeId, targetTheme.id));
		const max = sameTheme ? count - 1 : count;
		if (move.position > max) throw new ValidationError([{ path: ['position'], code: 'error.field.invalid', params: {} }]);
		if (sameTheme) {
			if (move.position === r.position) return requirementView(r);
			shiftBetween(tx, frameworkRequirements, eq(frameworkRequirements.themeId, r.themeId), r.position, move.position);
		} else {
			checkNumberFree(tx, targetTheme.id, r.number, undefined, { themeName: targetTheme.name });
			closeGap(tx, frameworkRequirements, eq(frameworkRequirements.themeId, r.themeId), r.position);
			shift(
				tx,
				frameworkRequirements,
				and(eq(frameworkRequirements.themeId, targetTheme.id), gte(frameworkRequirements.position, move.position)),
				1
			);
		}
		const moved = tx
			.update(frameworkRequirements)
			.set({ themeId: targetTheme.id, position: move.position, revision: r.revision + 1 })
			.where(eq(frameworkRequirements.id, r.id))
			.returning()
			.get();
		changed(tx, actor, 'requirement', r, 'move', { fromTheme: r.themeId, toTheme: targetTheme.id, position: move.position });
		return requirementView(moved);
	});
}

export type { Applicability };
