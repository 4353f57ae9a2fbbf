/**
 * Exchange of framework versions: export as JSON (the exchange format of ./model.ts) and CSV,
 * import of the JSON format, and loading the seed files, which use the same format.
 *
 * Import validates the whole file first and lists every problem with its location; only a
 * file without problems is loaded, in one transaction, so it loads completely or not at all.
 */
import { and, eq } from 'drizzle-orm';
import { withoutUnsafeChars } from '../../shared/unsafe-text';
import type { Db } from '../db';
import { frameworkRequirements, frameworkThemes, frameworkVersions, frameworks } from '../db/schema';
import { DomainError } from '../errors';
import { audit, SYSTEM, type Actor } from '../audit';
import { cleanInput, ValidationError, problemsFromZod, type Problem } from '../validation';
import { isMessageKey, translate, type Locale, type MessageKey } from '../../i18n';
import { EXCHANGE_FORMAT, LIMITS, exchangeSchema, numberIdentity, ruleContradictions, type ExchangeFile } from './model';
import { getVersion, requirementColumns, type VersionDetail, type VersionSummary } from './store';
import movisie from '../../../../seeds/frameworks/movisie-kwaliteitsthemas-2013.json';
import drents from '../../../../seeds/frameworks/drents-kwaliteitskader-2019.json';
import { formatDay } from '../../shared/dates';

/** The seed files, in the order they are loaded. */
export const SEED_FILES: readonly unknown[] = [movisie, drents];

// ---------------------------------------------------------------------------------------------
// Export

export function toExchange(detail: VersionDetail): ExchangeFile {
	return {
		format: EXCHANGE_FORMAT,
		formatVersion: 1,
		framework: { slug: detail.framework.slug, name: detail.framework.name, description: detail.framework.description },
		version: {
			label: detail.version.label,
			status: detail.version.status,
			publishedAt: detail.version.publishedAt,
			publishedBy: detail.version.publishedBy,
			changeSummary: detail.version.changeSummary,
			note: detail.version.note
		},
		themes: detail.themes.map((t) => ({
			key: t.key,
			name: t.name,
			description: t.description,
			definition: t.definition,
			testQuestion: t.testQuestion,
			note: t.note,
			requirements: t.requirements.map(({ id: _id, themeId: _theme, position: _position, revision: _revision, ...r }) => ({
				...r,
				applicability: { ...r.applicability, rules: r.applicability.rules ?? [] }
			}))
		}))
	};
}

export function exportVersion(db: Db, versionId: number): ExchangeFile {
	const detail = getVersion(db, versionId);
	if (!detail) throw new DomainError('error.missing', 404);
	return toExchange(detail);
}

/** A file name for downloads: `<slug>-<label>.<ext>`, safe in every file system. */
export function exportFileName(detail: { framework: { slug: string }; version: { label: string } }, ext: 'json' | 'csv'): string {
	const label = detail.version.label.replace(/[^A-Za-z0-9._-]+/g, '-');
	return `${detail.framework.slug}-${label}.${ext}`;
}

const CSV_COLUMNS: MessageKey[] = [
	'framework.field.theme',
	'framework.field.number',
	'framework.field.text',
	'framework.field.addressees',
	'framework.field.level',
	'framework.field.testMethod',
	'framework.field.evidence',
	'framework.field.professional',
	'framework.field.informal',
	'framework.field.exceptions',
	'framework.field.conditions',
	'framework.field.residentialOnly',
	'framework.field.provenance',
	'framework.field.note'
];

/**
 * A cell as spreadsheets read it: quoted when needed, and prefixed with ' when it starts
 * (after any white space) with =, +, - or @, or with a tab or carriage return, so it is never
 * run as a formula (OWASP CSV injection). That includes bullet lines "- ...": spreadsheets
 * read "- 1+1" and "-cmd|..." as formulas too, so they get the apostrophe as well. Unsafe
 * characters (../../shared/unsafe-text.ts) are left out.
 */
export function csvCell(value: string | null): string {
	// Control characters (a NUL ends a cell early in some spreadsheets) and direction overrides go.
	let v = withoutUnsafeChars(value ?? '');
	if (/^\s*[=+\-@]/.test(v) || /^[\t\r]/.test(v)) v = `'${v}`;
	return /[";\n\r]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

function provenanceText(locale: Locale, p: ExchangeFile['themes'][number]['requirements'][number]['provenance']): string {
	if (p.kind === 'source_document') return [p.source, p.location].filter(Boolean).join(', ');
	if (p.kind === 'dialogue_session')
		return translate(locale, 'framework.provenance.session', { title: p.sessionTitle, date: formatDay(p.date, locale) });
	return translate(locale, 'framework.provenance.manual');
}

/** CSV for spreadsheets: one row per requirement; semicolon-separated, UTF-8 with BOM, as Dutch Excel expects. */
export function exportCsv(db: Db, versionId: number, locale: Locale): string {
	const file = exportVersion(db, versionId);
	const t = (key: MessageKey) => translate(locale, key);
	const rows = [CSV_COLUMNS.map((k) => csvCell(t(k))).join(';')];
	for (const theme of file.themes) {
		for (const r of theme.requirements) {
			rows.push(
				[
					theme.name,
					r.number,
					r.text,
					r.addressees.map((a) => t(`framework.addressee.${a}`)).join(', '),
					r.level ? t(`framework.level.${r.level}`) : null,
					r.testMethod,
					r.evidence,
					t(`framework.applies.${r.applicability.professional}`),
					t(`framework.applies.${r.applicability.informal}`),
					r.applicability.exceptions,
					r.applicability.conditions,
					t(r.applicability.residentialOnly ? 'framework.applies.yes' : 'framework.applies.no'),
					provenanceText(locale, r.provenance),
					r.note
				]
					.map(csvCell)
					.join(';')
			);
		}
	}
	return '\uFEFF' + rows.join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// Import

/** Checks that go beyond the shape: unique keys, unique numbers per theme. */
function semanticProblems(file: ExchangeFile): Problem[] {
	const problems: Problem[] = [];
	const themeKeys = new Set<string>();
	const requirementKeys = new Set<string>();
	file.themes.forEach((theme, ti) => {
		if (theme.key !== undefined) {
			if (themeKeys.has(theme.key))
				problems.push({ path: ['themes', ti, 'key'], code: 'error.import.duplicateKey', params: { key: theme.key } });
			themeKeys.add(theme.key);
		}
		const numbers = new Map<string, string>();
		theme.requirements.forEach((r, ri) => {
			if (r.key !== undefined) {
				if (requirementKeys.has(r.key))
					problems.push({ path: ['themes', ti, 'requirements', ri, 'key'], code: 'error.import.duplicateKey', params: { key: r.key } });
				requirementKeys.add(r.key);
			}
			for (const code of ruleContradictions(r.applicability))
				problems.push({
					path: ['themes', ti, 'requirements', ri, 'applicability', 'rules'],
					code: code as MessageKey,
					params: { requirement: `${theme.name} ${r.number ?? ri + 1}` }
				});
			if (r.number !== null) {
				const first = numbers.get(numberIdentity(r.number));
				if (first !== undefined)
					problems.push({
						path: ['themes', ti, 'requirements', ri, 'number'],
						code: 'error.framework.duplicateNumber',
						params: { number: first }
					});
				else numbers.set(numberIdentity(r.number), r.number);
			}
		});
	});
	return problems;
}

/** Validates an exchange file completely; throws a ValidationError listing every problem. */
export function parseExchange(file: unknown): ExchangeFile {
	// Its texts as any input's: without unsafe characters, blank ones empty (../validation.ts).
	const input = cleanInput(file);
	// Another kind of file (or another format's version) gets one sentence, not a list of
	// every field this format has and that file lacks.
	const head = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : null;
	if (head?.format !== EXCHANGE_FORMAT) throw new DomainError('error.import.notFramework', 422);
	if (head.formatVersion !== 1)
		throw new DomainError('error.import.formatVersion', 422, { version: String(head.formatVersion ?? '?'), supported: 1 });
	const parsed = exchangeSchema.safeParse(input);
	if (!parsed.success) throw new ValidationError(problemsFromZod(parsed.error), 'error.import.invalid', 422);
	const problems = [...missingAddressees(input, parsed.data), ...semanticProblems(parsed.data)];
	if (problems.length > 0) throw new ValidationError(problems, 'error.import.invalid', 422);
	return parsed.data;
}

/**
 * Requirements in the file that do not say whom they address. The schema's default (the
 * provider) serves forms; a file must say it, because a requirement meant for the municipality
 * would otherwise be scored against care providers.
 */
function missingAddressees(input: unknown, file: ExchangeFile): Problem[] {
	const raw = input as { themes?: { requirements?: unknown[] }[] };
	const problems: Problem[] = [];
	file.themes.forEach((theme, ti) =>
		theme.requirements.forEach((r, ri) => {
			const given = raw.themes?.[ti]?.requirements?.[ri];
			if (given && typeof given === 'object' && !('addressees' in given))
				problems.push({
					path: ['themes', ti, 'requirements', ri, 'addressees'],
					code: 'error.import.addresseeMissing',
					params: { requirement: `${theme.name} ${r.number ?? ri + 1}` }
				});
		})
	);
	return problems;
}

export interface ImportOptions {
	/** Label for the new version instead of the file's. */
	label?: string;
	/** Keep the file's publication (seed only). Imports by people always create a draft. */
	keepPublication?: boolean;
}

export interface ImportResult {
	frameworkId: number;
	version: VersionSummary;
	createdFramework: boolean;
}

/**
 * Loads an exchange file as a new version: into the framework with the file's slug (which
 * must not have a draft already), or into a new framework. All or nothing.
 */
export function importVersion(db: Db, actor: Actor, input: unknown, options: ImportOptions = {}): ImportResult {
	const file = parseExchange(input);
	const label = options.label?.trim() || file.version.label;
	if (label.length > LIMITS.label)
		throw new ValidationError(
			[{ path: ['version', 'label'], code: 'error.field.tooLong', params: { max: LIMITS.label } }],
			'error.import.invalid',
			422
		);
	return db.transaction((tx) => {
		let framework = tx.select().from(frameworks).where(eq(frameworks.slug, file.framework.slug)).get();
		const createdFramework = !framework;
		if (framework) {
			if (
				tx
					.select({ id: frameworkVersions.id })
					.from(frameworkVersions)
					.where(and(eq(frameworkVersions.frameworkId, framework.id), eq(frameworkVersions.label, label)))
					.get()
			) {
				throw new ValidationError(
					[{ path: ['version', 'label'], code: 'error.framework.labelTaken', params: { label } }],
					'error.import.invalid',
					422
				);
			}
			const draft = tx
				.select({ id: frameworkVersions.id })
				.from(frameworkVersions)
				.where(and(eq(frameworkVersions.frameworkId, framework.id), eq(frameworkVersions.status, 'draft')))
				.get();
			if (draft) throw new DomainError('error.framework.draftExists', 409, { id: draft.id });
		} else {
			framework = tx
				.insert(frameworks)
				.values({ slug: file.framework.slug, name: file.framework.name, description: file.framework.description })
				.returning()
				.get();
		}
		let version = tx
			.insert(frameworkVersions)
			.values({ frameworkId: framework.id, label, note: file.version.note, createdById: actor.type === 'user' ? actor.id : null })
			.returning()
			.get();
		file.themes.forEach((theme, position) => {
			const { requirements, key, ...fields } = theme;
			const t = tx
				.insert(frameworkThemes)
				.values({ ...fields, key: key ?? crypto.randomUUID(), position, versionId: version.id })
				.returning({ id: frameworkThemes.id })
				.get();
			requirements.forEach(({ key: requirementKey, provenance, ...fields }, rPosition) => {
				tx.insert(frameworkRequirements)
					.values({
						...requirementColumns(fields),
						themeId: t.id,
						versionId: version.id,
						key: requirementKey ?? crypto.randomUUID(),
						position: rPosition,
						provenance
					})
					.run();
			});
		});
		if (options.keepPublication && file.version.status === 'published') {
			version = tx
				.update(frameworkVersions)
				.set({
					status: 'published',
					publishedAt: file.version.publishedAt ? new Date(file.version.publishedAt) : new Date(),
					publishedBy: file.version.publishedBy,
					changeSummary: file.version.changeSummary
				})
				.where(eq(frameworkVersions.id, version.id))
				.returning()
				.get();
		}
		audit(
			tx,
			actor,
			'framework.version.import',
			{ type: 'framework_version', id: version.id },
			{ slug: file.framework.slug, label, published: version.status === 'published' }
		);
		const summary = getVersion(tx, version.id)!.version;
		return { frameworkId: framework.id, version: summary, createdFramework };
	});
}

/**
 * Loads the seed frameworks that are not there yet (by slug and version label). Safe to run
 * any number of times: what exists is left alone, including edits made in the app.
 */
export function seedFrameworks(db: Db, files: readonly unknown[] = SEED_FILES): { loaded: string[]; present: string[] } {
	const loaded: string[] = [];
	const present: string[] = [];
	for (const input of files) {
		const file = parseExchange(input);
		const name = `${file.framework.name} ${file.version.label}`;
		const existing = db
			.select({ id: frameworkVersions.id })
			.from(frameworkVersions)
			.innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
			.where(and(eq(frameworks.slug, file.framework.slug), eq(frameworkVersions.label, file.version.label)))
			.get();
		if (existing) {
			present.push(name);
			continue;
		}
		importVersion(db, SYSTEM, file, { keepPublication: true });
		loaded.push(name);
	}
	return { loaded, present };
}

// ---------------------------------------------------------------------------------------------
// Problem locations for people

/**
 * Where a problem is, in words: "Thema 2 (Doelmatigheid), eis 3 (nummer 3), tekst". `input`
 * is the raw file, used to name themes and requirements where it can.
 */
export function describeLocation(locale: Locale, path: Problem['path'], input?: unknown): string {
	const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
	const parts: string[] = [];
	const raw = (input ?? {}) as { themes?: { name?: unknown; requirements?: { number?: unknown }[] }[] };
	let i = 0;
	if (path[0] === 'themes' && typeof path[1] === 'number') {
		const theme = Array.isArray(raw.themes) ? raw.themes[path[1]] : undefined;
		const name = typeof theme?.name === 'string' ? theme.name : null;
		parts.push(name ? t('import.location.themeNamed', { n: path[1] + 1, name }) : t('import.location.theme', { n: path[1] + 1 }));
		i = 2;
		if (path[2] === 'requirements' && typeof path[3] === 'number') {
			const req = Array.isArray(theme?.requirements) ? theme.requirements[path[3]] : undefined;
			const number = typeof req?.number === 'string' ? req.number : null;
			parts.push(
				number ? t('import.location.requirementNumbered', { n: path[3] + 1, number }) : t('import.location.requirement', { n: path[3] + 1 })
			);
			i = 4;
		}
	} else if (path[0] === 'framework' || path[0] === 'version') {
		parts.push(t(path[0] === 'framework' ? 'import.location.framework' : 'import.location.version'));
		i = 1;
	}
	// The field: named when the catalogue knows it (e.g. applicability.informal → "PGB naaste"),
	// otherwise the path as written in the file, with list positions counted from 1.
	const rest = path.slice(i);
	if (rest.length > 0) {
		const fieldPath = rest.filter((p) => typeof p === 'string') as string[];
		const last = fieldPath.at(-1);
		const candidates = [`framework.field.${fieldPath.join('.')}`, last === undefined ? '' : `framework.field.${last}`];
		const known = candidates.find((k) => isMessageKey(k)) as MessageKey | undefined;
		const index = rest.find((p) => typeof p === 'number');
		const name = known ? translate(locale, known) : rest.map((p) => (typeof p === 'number' ? p + 1 : p)).join('.');
		parts.push(known && typeof index === 'number' ? `${name} ${index + 1}` : name);
	}
	return parts.length > 0 ? parts.join(', ') : t('import.location.file');
}
