/**
 * The theme document: the one place that knows what a co-edited theme document is. The
 * browser edits it through the operations here (src/lib/live/theme-doc.svelte.ts wraps them
 * for Svelte), and the server starts and reads it here. Browser-safe: it imports only yjs.
 *
 * One Yjs document per chosen theme of a dialogue session, named `session/<id>/theme/<key>`,
 * with four top-level names:
 *
 * - `keywords`: Y.Array of Y.Map { id: string, text: string, perspective: string|null,
 *   author: number|null, group: string|null, mergedInto?: string } (the brainstorm);
 * - `meaning`: Y.Text, what the theme means here;
 * - `testQuestion`: Y.Text, the toetsvraag;
 * - `criteria`: Y.Array of Y.Map { id: string, text: Y.Text, status: 'agreed'|'provisional'|
 *   'parked', comment: Y.Text, order: number, author: number|null }, shown sorted by `order`
 *   (./criteria-order.ts).
 *
 * `author` is the participant id of who added the item, null when the facilitator did: no
 * names in documents (everyone in the session downloads them). Documents written before
 * held the author's name; the server replaces such names by null when it loads them.
 */
import * as Y from 'yjs';
import { criteriaInOrder, moveCriterion as moveInOrder, nextOrder } from './criteria-order';

export { criteriaInOrder } from './criteria-order';

// Names -------------------------------------------------------------------------------------

const DOC_NAME = /^session\/([1-9]\d{0,9})\/theme\/([a-z0-9][a-z0-9-]{0,63})$/;

export interface DocRef {
	dialogueSessionId: number;
	themeKey: string;
}

export function parseDocName(name: string): DocRef | null {
	const match = DOC_NAME.exec(name);
	return match ? { dialogueSessionId: Number(match[1]), themeKey: match[2]! } : null;
}

export const docNameOf = (dialogueSessionId: number, themeKey: string): string => `session/${dialogueSessionId}/theme/${themeKey}`;

/** The prefix every document name of a dialogue session starts with. */
export const sessionDocPrefix = (dialogueSessionId: number): string => `session/${dialogueSessionId}/theme/`;

export function isSessionDoc(dialogueSessionId: number): (name: string) => boolean {
	return (name) => parseDocName(name)?.dialogueSessionId === dialogueSessionId;
}

// Layout and limits ---------------------------------------------------------------------------

export const CRITERION_STATUSES = ['agreed', 'provisional', 'parked'] as const;
export type CriterionStatus = (typeof CRITERION_STATUSES)[number];

/** The most a document holds: characters per text (UTF-16 units, as a textarea's maxlength counts), items per list. */
export const DOC_LIMITS = {
	keyword: 200,
	keywords: 500,
	/** The meaning and the toetsvraag. */
	text: 5000,
	criterion: 2000,
	criteria: 200,
	comment: 2000,
	group: 100,
	id: 64,
	perspective: 40
} as const;

export interface ThemeRoots {
	keywords: Y.Array<Y.Map<unknown>>;
	meaning: Y.Text;
	testQuestion: Y.Text;
	criteria: Y.Array<Y.Map<unknown>>;
}

/** The four top-level types (created, typed, when missing). */
export function rootsOf(doc: Y.Doc): ThemeRoots {
	return {
		keywords: doc.getArray<Y.Map<unknown>>('keywords'),
		meaning: doc.getText('meaning'),
		testQuestion: doc.getText('testQuestion'),
		criteria: doc.getArray<Y.Map<unknown>>('criteria')
	};
}

// Reading -------------------------------------------------------------------------------------

const str = (v: unknown): string => (typeof v === 'string' ? v : v instanceof Y.Text ? v.toString() : '');
const authorOf = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);
const isStatus = (v: unknown): v is CriterionStatus => (CRITERION_STATUSES as readonly unknown[]).includes(v);

export interface Keyword {
	id: string;
	text: string;
	perspective: string | null;
	author: number | null;
	group: string | null;
	mergedInto: string | null;
}

export interface Criterion {
	id: string;
	map: Y.Map<unknown>;
	text: Y.Text;
	comment: Y.Text;
	status: CriterionStatus;
	author: number | null;
}

/** The keywords with a text, in the order they were added (merged ones included, with `mergedInto`). */
export function keywordsOf(doc: Y.Doc): Keyword[] {
	const list: Keyword[] = [];
	for (const item of rootsOf(doc).keywords.toArray()) {
		if (!(item instanceof Y.Map)) continue;
		const text = str(item.get('text')).trim();
		if (!text) continue;
		const perspective = item.get('perspective');
		const group = str(item.get('group')).trim();
		const merged = item.get('mergedInto');
		list.push({
			id: str(item.get('id')),
			text,
			perspective: typeof perspective === 'string' ? perspective : null,
			author: authorOf(item.get('author')),
			group: group || null,
			mergedInto: typeof merged === 'string' && merged ? merged : null
		});
	}
	return list;
}

/** The criteria in the order people see them (maps without their two texts are skipped). */
export function criteriaOf(doc: Y.Doc): Criterion[] {
	const list: Criterion[] = [];
	for (const map of criteriaInOrder(rootsOf(doc).criteria)) {
		const text = map.get('text');
		const comment = map.get('comment');
		if (!(text instanceof Y.Text) || !(comment instanceof Y.Text)) continue;
		const status = map.get('status');
		list.push({ id: str(map.get('id')), map, text, comment, status: isStatus(status) ? status : 'provisional', author: authorOf(map.get('author')) });
	}
	return list;
}

export interface ThemeContent {
	meaning: string;
	testQuestion: string;
	keywords: { text: string; perspective: string | null; group: string | null }[];
	criteria: { text: string; status: CriterionStatus; comment: string | null }[];
}

const clean = (value: unknown, max: number): string => str(value).replace(/\r\n?/g, '\n').trim().slice(0, max);

/**
 * What a document holds, checked, for the database (closing): unknown shapes are skipped,
 * texts trimmed and capped. Documents stored before the server checked updates may hold
 * anything, so this stays defensive.
 */
export function readThemeDoc(doc: Y.Doc): ThemeContent {
	const roots = rootsOf(doc);
	const keywords: ThemeContent['keywords'] = [];
	for (const item of roots.keywords.toArray().slice(0, DOC_LIMITS.keywords)) {
		if (!(item instanceof Y.Map)) continue;
		const text = clean(item.get('text'), DOC_LIMITS.keyword);
		if (!text || item.get('mergedInto')) continue;
		const perspective = item.get('perspective');
		const group = clean(item.get('group'), DOC_LIMITS.group);
		keywords.push({ text, perspective: typeof perspective === 'string' ? perspective.slice(0, DOC_LIMITS.perspective) : null, group: group || null });
	}
	const criteria: ThemeContent['criteria'] = [];
	for (const item of criteriaInOrder(roots.criteria).slice(0, DOC_LIMITS.criteria)) {
		const text = clean(item.get('text'), DOC_LIMITS.criterion);
		if (!text) continue;
		const status = item.get('status');
		const comment = clean(item.get('comment'), DOC_LIMITS.comment);
		criteria.push({ text, status: isStatus(status) ? status : 'provisional', comment: comment || null });
	}
	return {
		meaning: clean(roots.meaning, DOC_LIMITS.text),
		testQuestion: clean(roots.testQuestion, DOC_LIMITS.text),
		keywords,
		criteria
	};
}

/** Lower case, without accents, punctuation or double spaces: "Zelf  regie!" and "zelf regie" are the same. */
export function normalizeKeyword(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

// Writing (the browser's operations) ----------------------------------------------------------

const newId = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`).slice(0, 36);

const mapById = (array: Y.Array<Y.Map<unknown>>, id: string): Y.Map<unknown> | undefined => array.toArray().find((m) => m instanceof Y.Map && m.get('id') === id);

/** Adds a keyword (text trimmed and capped); returns its id. `author`: the participant's id, null for the facilitator. */
export function addKeyword(doc: Y.Doc, keyword: { text: string; perspective: string | null; author: number | null }, origin?: unknown): string {
	const id = newId();
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('id', id);
		map.set('text', keyword.text.trim().slice(0, DOC_LIMITS.keyword));
		map.set('perspective', keyword.perspective);
		map.set('author', keyword.author);
		map.set('group', null);
		rootsOf(doc).keywords.push([map]);
	}, origin);
	return id;
}

export function setGroup(doc: Y.Doc, id: string, group: string | null, origin?: unknown): void {
	const value = group?.trim().slice(0, DOC_LIMITS.group) || null;
	doc.transact(() => mapById(rootsOf(doc).keywords, id)?.set('group', value), origin);
}

/** Merges keyword `id` into `into`; what was merged into `id` goes along. */
export function mergeKeyword(doc: Y.Doc, id: string, into: string, origin?: unknown): void {
	if (id === into) return;
	const keywords = rootsOf(doc).keywords;
	doc.transact(() => {
		mapById(keywords, id)?.set('mergedInto', into);
		for (const m of keywords.toArray()) if (m instanceof Y.Map && m.get('mergedInto') === id) m.set('mergedInto', into);
	}, origin);
}

/** Adds an empty, provisional criterion at the end; returns its id. */
export function addCriterion(doc: Y.Doc, author: number | null, origin?: unknown): string {
	const id = newId();
	const criteria = rootsOf(doc).criteria;
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('id', id);
		map.set('text', new Y.Text());
		map.set('status', 'provisional');
		map.set('comment', new Y.Text());
		map.set('order', nextOrder(criteria));
		map.set('author', author);
		criteria.push([map]);
	}, origin);
	return id;
}

export function setStatus(doc: Y.Doc, id: string, status: CriterionStatus, origin?: unknown): void {
	const map = mapById(rootsOf(doc).criteria, id);
	if (map && map.get('status') !== status) doc.transact(() => map.set('status', status), origin);
}

export function removeCriterion(doc: Y.Doc, id: string, origin?: unknown): void {
	const criteria = rootsOf(doc).criteria;
	const index = criteria.toArray().findIndex((m) => m instanceof Y.Map && m.get('id') === id);
	if (index >= 0) doc.transact(() => criteria.delete(index, 1), origin);
}

/** Moves a criterion one place up (-1) or down (+1); its text stays the same shared text. */
export function moveCriterion(doc: Y.Doc, id: string, by: -1 | 1, origin?: unknown): void {
	moveInOrder(rootsOf(doc).criteria, id, by, origin);
}

// The server's own edits ---------------------------------------------------------------------

/** Fills a new, empty document with the framework's definition and toetsvraag as a start. */
export function seedThemeDoc(doc: Y.Doc, theme: { definition: string | null; testQuestion: string | null }, origin?: unknown): void {
	const roots = rootsOf(doc);
	if (!theme.definition && !theme.testQuestion) return;
	doc.transact(() => {
		if (theme.definition) roots.meaning.insert(0, theme.definition);
		if (theme.testQuestion) roots.testQuestion.insert(0, theme.testQuestion);
	}, origin);
}

function* authoredMaps(doc: Y.Doc): Generator<Y.Map<unknown>> {
	const roots = rootsOf(doc);
	for (const item of roots.keywords.toArray()) if (item instanceof Y.Map) yield item;
	for (const item of roots.criteria.toArray()) if (item instanceof Y.Map) yield item;
}

/**
 * Sets `author` to null where `drop` says so, in one transaction; returns how many items
 * changed. With gc (the default) the old values leave the document's encoded state, so a
 * compaction afterwards removes them from storage too.
 */
export function clearAuthors(doc: Y.Doc, drop: (author: unknown) => boolean, origin?: unknown): number {
	const maps = [...authoredMaps(doc)].filter((m) => m.has('author') && m.get('author') !== null && drop(m.get('author')));
	if (maps.length > 0) doc.transact(() => maps.forEach((m) => m.set('author', null)), origin);
	return maps.length;
}

/** Documents written before authors were ids hold names: these become null. */
export const clearLegacyAuthors = (doc: Y.Doc, origin?: unknown): number => clearAuthors(doc, (a) => typeof a === 'string', origin);

// Checking a client's change -------------------------------------------------------------------

/**
 * Why the server refused a change: the close reason the sender gets, and the key of the
 * message the browser shows (`coedit.notSaved.<reason>`).
 */
export const REFUSALS = [
	'invalid',
	'layout',
	'forbidden.agreed',
	'forbidden.testQuestion',
	'forbidden.author',
	'limit.text',
	'limit.keywords',
	'limit.criteria',
	'limit.update',
	'limit.document',
	'limit.rate'
] as const;
export type Refusal = (typeof REFUSALS)[number];

export const isRefusal = (value: unknown): value is Refusal => (REFUSALS as readonly unknown[]).includes(value);

/**
 * How the server closes a connection whose change it refused (the reason is the Refusal) or
 * one too many of the same person (reason `limit.connections`). y-websocket does not
 * reconnect after a 44xx code; the browser starts again with a fresh copy.
 */
export const CLOSE_REFUSED = 4422;
export const CLOSE_TOO_MANY = 4429;
