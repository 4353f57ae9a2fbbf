/**
 * The theme document: the one place that knows what a co-edited theme document is. The
 * browser edits it through the operations here (src/lib/live/theme-doc.svelte.ts wraps them
 * for Svelte), the Yjs server checks every client's change against it, and closing, the
 * privacy export and erasure read it here. Browser-safe: it imports only yjs.
 *
 * One Yjs document per chosen theme of a dialogue session, named `session/<id>/theme/<key>`,
 * with four top-level names:
 *
 * - `keywords`: Y.Array of Y.Map { id: string, text: string, perspective: string|null,
 *   author: number|null, group: string|null, mergedInto?: string } (the brainstorm);
 * - `meaning`: Y.Text, what the theme means here;
 * - `testQuestion`: Y.Text, the toetsvraag;
 * - `criteria`: Y.Array of Y.Map { id: string, text: Y.Text, status: 'agreed'|'provisional'|
 *   'parked', comment: Y.Text, order: number, author: number|null, addressees?: Addressee[] },
 *   shown sorted by `order` (./criteria-order.ts). `addressees` (whom the criterion addresses:
 *   the framework's codes, each once, in the order of ADDRESSEES) is set by the facilitator
 *   only; without it a criterion addresses DEFAULT_ADDRESSEES.
 *
 * `author` is the participant id of who added the item, null when the facilitator did: no
 * names in documents (everyone in the session downloads them). Documents written before
 * held the author's name; the server replaces such names by null when it loads them.
 */
import { ADDRESSEES, CRITERION_STATUSES, type Addressee, type CriterionStatus } from './vocabulary';
import * as Y from 'yjs';
import { criteriaInOrder, moveCriterion as moveInOrder, nextOrder, uniqueMaps } from './criteria-order';
import { hasUnsafeChars, withoutUnsafeChars } from './unsafe-text';

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
	perspective: 40,
	/**
	 * What one participant may hold in one document: the characters they typed into any text
	 * (the meaning, the toetsvraag, anyone's criteria and comments) and their keywords' words, and the number of
	 * their own keywords and criteria. Many times what a person writes on one theme, and a
	 * small part of the document's room and of its lists, so that one person with the join
	 * code cannot fill them for everyone (it takes many joins, which the facilitator sees and
	 * can stop). What others type never counts in someone's share, so nobody can use up
	 * another person's. The facilitator is not counted.
	 */
	perAuthor: 10_000,
	keywordsPerAuthor: 50,
	criteriaPerAuthor: 20
} as const;

/** What the server accepts from one person's connections (see src/lib/server/realtime/yjs/server.ts). */
export const WRITE_LIMITS = {
	/** Bytes of one update. */
	update: 64 * 1024,
	/** Bytes a document may take in storage. */
	document: 1024 * 1024,
	/** Per person per minute, across all their connections to all documents. */
	bytesPerMinute: 300 * 1024,
	updatesPerMinute: 1200,
	/**
	 * Pieces one person's changes may add to one document (Yjs items, counted in the live copy
	 * after Yjs joined what it could). Text typed and deleted again leaves pieces behind that
	 * every phone downloads, about 15 to 25 bytes each: without this, one person could fill the
	 * document for everyone with text that is no longer there. Ten thousand keystrokes with
	 * jumps and corrections leave about 2 300; a Yjs client id new to the document counts as two
	 * (see src/lib/server/realtime/yjs/server.ts); the facilitator's changes are not counted.
	 * At most about a tenth of WRITE_LIMITS.document per person.
	 */
	piecesPerDocument: 6000,
	/** Connections of one person to one document (tabs, the projector). */
	connectionsPerDocument: 8,
	/**
	 * Sockets of one person the Yjs server holds at once, to all documents, open or still
	 * closing (one refused or closed waits up to 30 s for its client to answer the close): each
	 * takes a file descriptor and memory of the one process that serves every session.
	 */
	socketsPerPerson: 64,
	/**
	 * Presence (who edits what), per person per minute across all their connections: a page
	 * sends one when its focus moves to another item and a renewal every 15 s. Beyond it,
	 * presence messages are dropped (nothing is lost: the next one says it all again).
	 */
	presencePerMinute: 240,
	presenceBytesPerMinute: 64 * 1024,
	/** Presences one connection may show (a page has one; a reload makes a new connection). */
	presencesPerConnection: 2,
	/** Characters of one presence state (a page sends `{"editing":<item id>}`). */
	presenceState: 1024,
	/**
	 * Yjs client ids one participant may come to own in a document by showing a presence (a page
	 * shows one per load, under a new id), while the server keeps the document's owners. Beyond
	 * it their new presences are not shown; what they write still counts as theirs.
	 */
	presenceIdsPerPerson: 100,
	/**
	 * Bytes of answers with the whole document or all presences (a sync step 1, a presence
	 * query), per person per minute across all their connections; each counts at least
	 * 1 kB. A page asks once per connection; each answer costs the server the document's size
	 * in work and in what it sends, for a message of a few bytes. Beyond it, the connection is
	 * closed with "try again later" (the page reconnects, with back-off, and asks again).
	 */
	syncBytesPerMinute: 16 * 1024 * 1024
} as const;
export type WriteLimits = { -readonly [K in keyof typeof WRITE_LIMITS]: number };

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

type Field =
	| { kind: 'id' }
	| { kind: 'string'; max: number; nullable: boolean }
	| { kind: 'author' }
	| { kind: 'status' }
	| { kind: 'addressees' }
	| { kind: 'order' }
	| { kind: 'text'; max: number };

const KEYWORD_FIELDS: Record<string, Field> = {
	id: { kind: 'id' },
	text: { kind: 'string', max: DOC_LIMITS.keyword, nullable: false },
	perspective: { kind: 'string', max: DOC_LIMITS.perspective, nullable: true },
	author: { kind: 'author' },
	group: { kind: 'string', max: DOC_LIMITS.group, nullable: true },
	mergedInto: { kind: 'string', max: DOC_LIMITS.id, nullable: true }
};
const KEYWORD_REQUIRED = ['id', 'text', 'perspective', 'author', 'group'];

const CRITERION_FIELDS: Record<string, Field> = {
	id: { kind: 'id' },
	text: { kind: 'text', max: DOC_LIMITS.criterion },
	status: { kind: 'status' },
	comment: { kind: 'text', max: DOC_LIMITS.comment },
	order: { kind: 'order' },
	author: { kind: 'author' },
	addressees: { kind: 'addressees' }
};
const CRITERION_REQUIRED = ['id', 'text', 'status', 'comment', 'order', 'author'];

/** Whom a criterion addresses until the facilitator chooses otherwise: the care provider. */
export const DEFAULT_ADDRESSEES: readonly Addressee[] = ['provider'];

/** The choices the facilitator is offered (one control, each a set of addressees). */
export const ADDRESSEE_CHOICES: readonly (readonly Addressee[])[] = [
	['provider'],
	['municipality'],
	['municipality', 'provider'],
	['other']
];

/**
 * A valid set of addressees: an array of the framework's codes, at least one, each once, in
 * the order of ADDRESSEES (so one set has one form), or null.
 */
export function addresseesOrNull(value: unknown): Addressee[] | null {
	if (!Array.isArray(value) || value.length === 0 || value.length > ADDRESSEES.length) return null;
	const canonical = ADDRESSEES.filter((a) => value.includes(a));
	return canonical.length === value.length && canonical.every((a, i) => value[i] === a) ? canonical : null;
}

/** The set as a key for a choice ("municipality+provider"). */
export const addresseeKey = (addressees: readonly Addressee[]): string => addressees.join('+');

// Reading -------------------------------------------------------------------------------------

/** A string or a text's content, without unsafe characters (documents stored before the server refused them may hold some). */
const str = (v: unknown): string => withoutUnsafeChars(typeof v === 'string' ? v : v instanceof Y.Text ? v.toString() : '');
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
	/** Whom it addresses: as the facilitator chose, else DEFAULT_ADDRESSEES. */
	addressees: Addressee[];
}

/** The keywords with a text, in the order they were added (merged ones included, with `mergedInto`). */
export function keywordsOf(doc: Y.Doc): Keyword[] {
	const list: Keyword[] = [];
	for (const { item } of uniqueMaps(rootsOf(doc).keywords)) {
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
		list.push({
			id: str(map.get('id')),
			map,
			text,
			comment,
			status: isStatus(status) ? status : 'provisional',
			author: authorOf(map.get('author')),
			addressees: addresseesOrNull(map.get('addressees')) ?? [...DEFAULT_ADDRESSEES]
		});
	}
	return list;
}

export interface ThemeContent {
	meaning: string;
	testQuestion: string;
	keywords: { text: string; perspective: string | null; group: string | null }[];
	/** `addressees`: always set when read from a document; left out, the database records none. */
	criteria: { text: string; status: CriterionStatus; comment: string | null; addressees?: Addressee[] }[];
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
	for (const { item } of uniqueMaps(roots.keywords).slice(0, DOC_LIMITS.keywords)) {
		const text = clean(item.get('text'), DOC_LIMITS.keyword);
		if (!text || item.get('mergedInto')) continue;
		const perspective = item.get('perspective');
		const group = clean(item.get('group'), DOC_LIMITS.group);
		keywords.push({
			text,
			perspective: typeof perspective === 'string' ? perspective.slice(0, DOC_LIMITS.perspective) : null,
			group: group || null
		});
	}
	const criteria: ThemeContent['criteria'] = [];
	for (const item of criteriaInOrder(roots.criteria).slice(0, DOC_LIMITS.criteria)) {
		const text = clean(item.get('text'), DOC_LIMITS.criterion);
		if (!text) continue;
		const status = item.get('status');
		const comment = clean(item.get('comment'), DOC_LIMITS.comment);
		criteria.push({
			text,
			status: isStatus(status) ? status : 'provisional',
			comment: comment || null,
			addressees: addresseesOrNull(item.get('addressees')) ?? [...DEFAULT_ADDRESSEES]
		});
	}
	return {
		meaning: clean(roots.meaning, DOC_LIMITS.text),
		testQuestion: clean(roots.testQuestion, DOC_LIMITS.text),
		keywords,
		criteria
	};
}

/** What one participant added (by `author`), for the privacy export. */
export function authoredBy(
	doc: Y.Doc,
	participantId: number
): {
	keywords: { text: string; perspective: string | null; group: string | null; merged: boolean }[];
	criteria: { text: string; status: CriterionStatus; comment: string }[];
} {
	return {
		keywords: keywordsOf(doc)
			.filter((k) => k.author === participantId)
			.map((k) => ({ text: k.text, perspective: k.perspective, group: k.group, merged: k.mergedInto !== null })),
		criteria: criteriaOf(doc)
			.filter((c) => c.author === participantId)
			.map((c) => ({ text: str(c.text).trim(), status: c.status, comment: str(c.comment).trim() }))
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

/** The map with this id; the first one, as the readers (uniqueMaps). */
const mapById = (array: Y.Array<Y.Map<unknown>>, id: string): Y.Map<unknown> | undefined =>
	array.toArray().find((m) => m instanceof Y.Map && m.get('id') === id);

/** Adds a keyword (text trimmed and capped); returns its id. `author`: the participant's id, null for the facilitator. */
export function addKeyword(
	doc: Y.Doc,
	keyword: { text: string; perspective: string | null; author: number | null },
	origin?: unknown
): string {
	const id = newId();
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('id', id);
		map.set('text', withoutUnsafeChars(keyword.text).trim().slice(0, DOC_LIMITS.keyword));
		map.set('perspective', keyword.perspective);
		map.set('author', keyword.author);
		map.set('group', null);
		rootsOf(doc).keywords.push([map]);
	}, origin);
	return id;
}

export function setGroup(doc: Y.Doc, id: string, group: string | null, origin?: unknown): void {
	const value = (group === null ? '' : withoutUnsafeChars(group)).trim().slice(0, DOC_LIMITS.group) || null;
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

/** The facilitator's choice of whom a criterion addresses (stored in the canonical order). */
export function setAddressees(doc: Y.Doc, id: string, addressees: readonly Addressee[], origin?: unknown): void {
	const value = addresseesOrNull(ADDRESSEES.filter((a) => addressees.includes(a)));
	const map = mapById(rootsOf(doc).criteria, id);
	if (!map || !value) return;
	const current = addresseesOrNull(map.get('addressees'));
	if (current && addresseeKey(current) === addresseeKey(value)) return;
	doc.transact(() => map.set('addressees', value), origin);
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

/** A theme's framework texts, as a session theme holds them. */
export interface ThemeSource {
	key: string;
	origin: string;
	definition: string | null;
	description: string | null;
	testQuestion: string | null;
	/** The facilitator chose to start this theme's document without the framework's texts. */
	startBlank?: boolean;
}

const present = (text: string | null | undefined): text is string => typeof text === 'string' && text.trim() !== '';

/** What decides a theme's starting texts; the live state carries it without the texts themselves. */
export interface PrefillFacts {
	key: string;
	origin: string;
	description: string | null;
	hasDefinition: boolean;
	hasTestQuestion: boolean;
	startBlank?: boolean;
}

/**
 * Whether the meaning and the toetsvraag start from the framework's text (the page's hints
 * say so only then). A participant's proposal (also one carried over from an earlier
 * session) has no framework text, nor does a theme the facilitator chose to start blank.
 */
export function prefilledOf(theme: PrefillFacts): { meaning: boolean; testQuestion: boolean } {
	const fromFramework = theme.origin !== 'proposal' && !theme.key.startsWith('proposal-') && !theme.startBlank;
	return {
		meaning: fromFramework && (theme.hasDefinition || present(theme.description)),
		testQuestion: fromFramework && theme.hasTestQuestion
	};
}

/** What a new document starts with: the meaning from the framework's definition, else its description; the toetsvraag from its toetsvraag. */
export function startingTexts(theme: ThemeSource): { meaning: string; testQuestion: string } {
	const prefill = prefilledOf({ ...theme, hasDefinition: present(theme.definition), hasTestQuestion: present(theme.testQuestion) });
	const meaning = present(theme.definition) ? theme.definition : present(theme.description) ? theme.description : '';
	return {
		meaning: prefill.meaning ? withoutUnsafeChars(meaning).trim().slice(0, DOC_LIMITS.text) : '',
		testQuestion:
			prefill.testQuestion && present(theme.testQuestion) ? withoutUnsafeChars(theme.testQuestion).trim().slice(0, DOC_LIMITS.text) : ''
	};
}

/** Fills a new, empty document with its starting texts. */
export function seedThemeDoc(doc: Y.Doc, theme: ThemeSource, origin?: unknown): void {
	const texts = startingTexts(theme);
	const roots = rootsOf(doc);
	if (!texts.meaning && !texts.testQuestion) return;
	doc.transact(() => {
		if (texts.meaning) roots.meaning.insert(0, texts.meaning);
		if (texts.testQuestion) roots.testQuestion.insert(0, texts.testQuestion);
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

/** Detaches these participants (and any legacy name) from what they added. */
export const detachAuthors = (doc: Y.Doc, participantIds: Iterable<number>, origin?: unknown): number => {
	const ids = new Set(participantIds);
	return clearAuthors(doc, (a) => typeof a === 'string' || (typeof a === 'number' && ids.has(a)), origin);
};

// Checking a client's change -------------------------------------------------------------------

/**
 * Why the server refused a change: the close reason the sender gets, and the key of the
 * message the browser shows (`coedit.notSaved.<reason>`).
 */
export const REFUSALS = [
	'invalid',
	'layout',
	'forbidden.agreed',
	'forbidden.addressees',
	'forbidden.testQuestion',
	'forbidden.keywords',
	'forbidden.criterion',
	'forbidden.author',
	'forbidden.perspective',
	'limit.text',
	'text.unsafe',
	'limit.keywords',
	'limit.criteria',
	'limit.author',
	'limit.update',
	'limit.document',
	'limit.rate',
	'limit.edits'
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

/** What the sender of a change may do. */
export interface WriterRights {
	/** The session's facilitator: may set and change "agreed" and the addressees, and edit the agreed toetsvraag. */
	facilitator: boolean;
	/** The facilitator marked the toetsvraag agreed (session_themes.test_question_agreed). */
	testQuestionAgreed: boolean;
	/** The `author` new keywords and criteria must carry: the sender's participant id, null for the facilitator. */
	author: number | null;
	/**
	 * The perspective a participant's new keywords must carry: theirs, as it is now (the counts
	 * per perspective rest on it). Absent: not checked; the facilitator's keywords are not checked.
	 */
	perspective?: string | null;
	/**
	 * Whether the sender wrote the document's earlier changes under this Yjs client id (the
	 * server knows who first wrote under each id; see DOC_LIMITS.perAuthor). Ids the change
	 * itself writes under are the sender's. Absent: no earlier text counts as theirs.
	 */
	wroteAs?: (client: number) => boolean;
}

/** What one participant holds in a document, or what a change adds to it (negative: takes away). */
interface Share {
	characters: number;
	keywords: number;
	criteria: number;
}

type Kind =
	'keywords' | 'criteria' | 'meaning' | 'testQuestion' | 'keyword' | 'criterion' | 'criterion.text' | 'criterion.comment' | 'unknown';
type AnyType = Y.AbstractType<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

class Refused extends Error {
	constructor(readonly reason: Refusal) {
		super(reason);
	}
}

const TEXT_LIMITS: Partial<Record<Kind, number>> = {
	meaning: DOC_LIMITS.text,
	testQuestion: DOC_LIMITS.text,
	'criterion.text': DOC_LIMITS.criterion,
	'criterion.comment': DOC_LIMITS.comment
};

function kindOf(type: AnyType, roots: ThemeRoots, memo: Map<AnyType, Kind>): Kind {
	let kind = memo.get(type);
	if (kind) return kind;
	kind = 'unknown';
	if (type === roots.keywords) kind = 'keywords';
	else if (type === roots.criteria) kind = 'criteria';
	else if (type === roots.meaning) kind = 'meaning';
	else if (type === roots.testQuestion) kind = 'testQuestion';
	else if (type._item) {
		const item = type._item;
		const parent = item.parent;
		if (type.constructor === Y.Map && item.parentSub === null) {
			if (parent === roots.keywords) kind = 'keyword';
			else if (parent === roots.criteria) kind = 'criterion';
		} else if (type.constructor === Y.Text && parent instanceof Y.AbstractType && kindOf(parent, roots, memo) === 'criterion') {
			if (item.parentSub === 'text') kind = 'criterion.text';
			else if (item.parentSub === 'comment') kind = 'criterion.comment';
		}
	}
	memo.set(type, kind);
	return kind;
}

/**
 * The value a map showed for `key` before the transaction `tr` (entries the transaction added
 * are passed over), also while the map or the entry is being deleted in it. A change that
 * rewrites an entry and deletes its map at once is judged by what the map held before it.
 */
function valueBefore(tr: Y.Transaction, map: AnyType, key: string): unknown {
	let item = map._map.get(key) ?? null;
	while (item && item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)) item = item.left;
	return valueOf(item);
}

/** The value a map shows for `key` now, also while the map or the entry is being deleted in this transaction. */
const latestValue = (map: AnyType, key: string): unknown => valueOf(map._map.get(key) ?? null);

function valueOf(item: Y.Item | null): unknown {
	if (!item || !(item.content instanceof Y.ContentAny)) return undefined;
	return item.content.arr[item.content.arr.length - 1];
}

function checkValue(field: Field, value: unknown): void {
	switch (field.kind) {
		case 'id':
			if (typeof value !== 'string' || value.length === 0 || value.length > DOC_LIMITS.id) throw new Refused('layout');
			// An id is copied into other fields (a keyword merged into this one gets it as
			// `mergedInto`), which refuse such characters: the facilitator's merge would be refused.
			if (hasUnsafeChars(value)) throw new Refused('text.unsafe');
			return;
		case 'string':
			if (value === null && field.nullable) return;
			if (typeof value !== 'string') throw new Refused('layout');
			if (value.length > field.max) throw new Refused('limit.text');
			if (hasUnsafeChars(value)) throw new Refused('text.unsafe');
			return;
		case 'author':
			if (value !== null && !(typeof value === 'number' && Number.isSafeInteger(value) && value > 0)) throw new Refused('layout');
			return;
		case 'status':
			if (!isStatus(value)) throw new Refused('layout');
			return;
		case 'addressees':
			if (addresseesOrNull(value) === null) throw new Refused('layout');
			return;
		case 'order':
			if (typeof value !== 'number' || !Number.isFinite(value)) throw new Refused('layout');
			return;
		case 'text':
			throw new Refused('layout'); // a text is a Y.Text, never a plain value
	}
}

/** The store's structs of one client from `clock` on (binary search, then along). */
function* structsFrom(doc: Y.Doc, client: number, clock: number, end = Infinity): Generator<Y.Item | Y.GC> {
	const structs = doc.store.clients.get(client);
	if (!structs) return;
	for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
		const struct = structs[i]!;
		if (struct.id.clock >= end) return;
		yield struct;
	}
}

/**
 * Checks a client's change, just applied, against the layout, the limits and the sender's
 * rights. Call it from the document's `afterTransaction` event (before Yjs removes deleted
 * content). Looks only at what the change touched: the items it added, the items it deleted
 * and the maps whose entries it changed; a keystroke costs a few property reads (one in a
 * participant's keyword or criterion also walks the two lists, to count what its author holds).
 */
export function checkTransaction(tr: Y.Transaction, rights: WriterRights): Refusal | null {
	try {
		check(tr, rights);
		return null;
	} catch (error) {
		return error instanceof Refused ? error.reason : 'invalid';
	}
}

function check(tr: Y.Transaction, rights: WriterRights): void {
	const doc = tr.doc;
	const roots = rootsOf(doc);
	const memo = new Map<AnyType, Kind>();
	const kind = (type: AnyType) => kindOf(type, roots, memo);
	const participant = !rights.facilitator;
	// Agreed before this change or by it: what a participant may not touch either way.
	const agreed = (map: AnyType) => valueBefore(tr, map, 'status') === 'agreed' || latestValue(map, 'status') === 'agreed';
	const texts = new Set<AnyType>();
	const newMaps: { map: Y.Map<unknown>; kind: 'keyword' | 'criterion' }[] = [];
	let lists = false;
	/** What this change adds to the sender's share (DOC_LIMITS.perAuthor); what it takes from it counts less. */
	const added: Share = { characters: 0, keywords: 0, criteria: 0 };
	const own = (author: unknown) => authorOf(author) === rights.author;
	/** Text under this client id is the sender's: written by this change, or earlier by them. */
	const typedBySender = (client: number) =>
		(tr.afterState.get(client) ?? 0) > (tr.beforeState.get(client) ?? 0) || (rights.wroteAs?.(client) ?? false);

	// 1. Every item the change added.
	for (const [client, after] of tr.afterState) {
		const before = tr.beforeState.get(client) ?? 0;
		if (after <= before) continue;
		for (const struct of structsFrom(doc, client, before, after)) {
			if (!(struct instanceof Y.Item)) continue; // GC: a deleted range without content
			const item = struct;
			const parent = item.parent;
			if (!(parent instanceof Y.AbstractType)) throw new Refused('layout');
			const where = kind(parent);
			const content = item.content;
			const empty = content instanceof Y.ContentDeleted;
			switch (where) {
				case 'meaning':
				case 'testQuestion':
				case 'criterion.text':
				case 'criterion.comment':
					if (item.parentSub !== null || !(empty || content instanceof Y.ContentString)) throw new Refused('layout');
					if (!empty && hasUnsafeChars((content as Y.ContentString).str)) throw new Refused('text.unsafe');
					texts.add(parent);
					// Everything a change adds is the sender's: what they type into any text counts in their share.
					if (!empty && !item.deleted) added.characters += content.getLength();
					if (participant && where === 'testQuestion' && rights.testQuestionAgreed) throw new Refused('forbidden.testQuestion');
					if (participant && where === 'criterion.text' && agreed(parent._item!.parent as AnyType)) throw new Refused('forbidden.agreed');
					break;
				case 'keywords':
				case 'criteria':
					if (item.parentSub !== null) throw new Refused('layout');
					if (empty) break;
					if (!(content instanceof Y.ContentType) || content.type.constructor !== Y.Map) throw new Refused('layout');
					newMaps.push({ map: content.type as Y.Map<unknown>, kind: where === 'keywords' ? 'keyword' : 'criterion' });
					lists = true;
					// Only the sender's own (step 4 refuses the rest).
					if (!item.deleted && own((content.type as Y.Map<unknown>).get('author'))) {
						if (where === 'keywords') {
							added.keywords += 1;
							added.characters += str((content.type as Y.Map<unknown>).get('text')).length;
						} else added.criteria += 1;
					}
					break;
				case 'keyword':
				case 'criterion': {
					const fields = where === 'keyword' ? KEYWORD_FIELDS : CRITERION_FIELDS;
					const field = item.parentSub !== null && Object.hasOwn(fields, item.parentSub) ? fields[item.parentSub] : undefined;
					if (!field) throw new Refused('layout');
					if (empty) break;
					if (field.kind === 'text') {
						if (!(content instanceof Y.ContentType) || content.type.constructor !== Y.Text) throw new Refused('layout');
					} else {
						if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) throw new Refused('layout');
						checkValue(field, content.arr[0]);
					}
					break;
				}
				default:
					throw new Refused('layout');
			}
		}
	}

	// 2. Every item the change deleted that existed before it.
	for (const [client, deletions] of tr.deleteSet.clients) {
		const before = tr.beforeState.get(client) ?? 0;
		for (const { clock, len } of deletions) {
			if (clock >= before) continue;
			for (const struct of structsFrom(doc, client, clock, Math.min(clock + len, before))) {
				if (!(struct instanceof Y.Item) || !(struct.parent instanceof Y.AbstractType)) continue;
				const parent = struct.parent;
				const where = kind(parent);
				// What the change took from the sender's share: text they typed (also inside a removed
				// criterion, whose texts go with it), and their own keywords and criteria.
				if (
					(where === 'meaning' || where === 'testQuestion' || where === 'criterion.text' || where === 'criterion.comment') &&
					struct.content instanceof Y.ContentString &&
					typedBySender(struct.id.client)
				)
					added.characters -= struct.length;
				if (
					(where === 'keywords' || where === 'criteria') &&
					struct.content instanceof Y.ContentType &&
					own(valueBefore(tr, struct.content.type, 'author'))
				) {
					if (where === 'keywords') {
						added.keywords -= 1;
						added.characters -= str(valueBefore(tr, struct.content.type, 'text')).length;
					} else added.criteria -= 1;
				}
				if (!participant) continue;
				if (where === 'testQuestion' && rights.testQuestionAgreed) throw new Refused('forbidden.testQuestion');
				if (where === 'criterion.text') {
					const map = parent._item!.parent as AnyType;
					if (!map._item?.deleted && agreed(map)) throw new Refused('forbidden.agreed');
				}
				if (where === 'criteria' && struct.content instanceof Y.ContentType) {
					if (agreed(struct.content.type)) throw new Refused('forbidden.agreed');
					// One tap took away someone else's criterion for everyone: a participant removes
					// only their own (everyone may still edit a criterion's text); the rest is the facilitator's.
					if (valueBefore(tr, struct.content.type, 'author') !== rights.author) throw new Refused('forbidden.criterion');
				}
				// Grouping and merging keywords is the facilitator's: a participant removes only their own.
				if (
					where === 'keywords' &&
					struct.content instanceof Y.ContentType &&
					valueBefore(tr, struct.content.type, 'author') !== rights.author
				)
					throw new Refused('forbidden.keywords');
			}
		}
	}

	// 3. Entries changed in maps that existed before: no key removed, no id or author changed, "agreed" only by the facilitator.
	for (const [type, keys] of tr.changed) {
		const where = kind(type);
		if (where !== 'keyword' && where !== 'criterion') continue;
		if (type._item?.deleted) continue; // the whole item was removed (checked above)
		const event = new Y.YMapEvent(type as unknown as Y.Map<unknown>, tr, keys);
		for (const [key, change] of event.keys) {
			if (change.action === 'delete') throw new Refused('layout');
			if (key === 'id') throw new Refused('layout');
			if (key === 'author') throw new Refused('forbidden.author');
			if (!participant) continue;
			if (key === 'status' && (change.oldValue === 'agreed') !== (latestValue(type, 'status') === 'agreed'))
				throw new Refused('forbidden.agreed');
			// Whom a criterion addresses is a decision: the facilitator's (a participant proposes in the comment).
			if (key === 'addressees' && where === 'criterion') throw new Refused('forbidden.addressees');
			if (key === 'text' && where === 'criterion' && agreed(type)) throw new Refused('forbidden.agreed');
			// Grouping and merging are the facilitator's; a keyword's words and perspective stay as
			// their author added them (nobody edits a keyword: it is removed and added anew).
			if (where === 'keyword') throw new Refused('forbidden.keywords');
		}
	}

	// 4. What the additions add up to: the limits, and complete new items by their author.
	for (const text of texts) {
		const max = TEXT_LIMITS[kind(text)]!;
		if ((text as Y.Text).length > max) throw new Refused('limit.text');
	}
	if (lists) {
		if (roots.keywords.length > DOC_LIMITS.keywords) throw new Refused('limit.keywords');
		if (roots.criteria.length > DOC_LIMITS.criteria) throw new Refused('limit.criteria');
	}
	const idsIn = new Map<'keyword' | 'criterion', Map<unknown, number>>();
	const idCount = (what: 'keyword' | 'criterion', id: unknown): number => {
		let counts = idsIn.get(what);
		if (!counts) {
			counts = new Map();
			for (const item of (what === 'keyword' ? roots.keywords : roots.criteria).toArray()) {
				if (item instanceof Y.Map) counts.set(item.get('id'), (counts.get(item.get('id')) ?? 0) + 1);
			}
			idsIn.set(what, counts);
		}
		return counts.get(id) ?? 0;
	};
	for (const { map, kind: what } of newMaps) {
		if (map._item?.deleted) continue;
		for (const key of what === 'keyword' ? KEYWORD_REQUIRED : CRITERION_REQUIRED) {
			const entry = map._map.get(key);
			if (!entry || entry.deleted) throw new Refused('layout');
		}
		// Ids are the handle of every later change and the key of every list: one map per id.
		if (idCount(what, map.get('id')) > 1) throw new Refused('layout');
		if (map.get('author') !== rights.author) throw new Refused('forbidden.author');
		if (what === 'criterion' && participant && map.get('status') === 'agreed') throw new Refused('forbidden.agreed');
		if (what === 'criterion' && participant && map.has('addressees')) throw new Refused('forbidden.addressees');
		if (what === 'keyword' && participant && (map.get('group') != null || map.get('mergedInto') != null))
			throw new Refused('forbidden.keywords');
		// A keyword without words is shown nowhere (keywordsOf), so nobody could find and remove it.
		if (what === 'keyword' && !str(map.get('text')).trim()) throw new Refused('layout');
		if (what === 'keyword' && participant && rights.perspective !== undefined && map.get('perspective') !== rights.perspective)
			throw new Refused('forbidden.perspective');
	}
	// 5. The sender's share: over it only by less than before (a change that removes, or puts
	// shorter text in the place of longer, always passes). Only the sender's share can grow.
	if (participant && rights.author !== null && (added.characters > 0 || added.keywords > 0 || added.criteria > 0)) {
		const held = shareOf(roots, rights.author, typedBySender);
		if (
			(held.characters > DOC_LIMITS.perAuthor && added.characters > 0) ||
			(held.keywords > DOC_LIMITS.keywordsPerAuthor && added.keywords > 0) ||
			(held.criteria > DOC_LIMITS.criteriaPerAuthor && added.criteria > 0)
		)
			throw new Refused('limit.author');
	}
}

/**
 * What `author` holds (DOC_LIMITS.perAuthor): their keywords and criteria, their keywords'
 * words, and what they typed into any text (meaning, toetsvraag, criteria). The texts are
 * walked piece by piece only when all of them together could put the author over the share
 * (else the characters are that upper bound, which is under the share as well).
 */
function shareOf(roots: ThemeRoots, author: number, typedBy: (client: number) => boolean): Share {
	const held: Share = { characters: 0, keywords: 0, criteria: 0 };
	for (const item of roots.keywords.toArray()) {
		if (!(item instanceof Y.Map) || authorOf(item.get('author')) !== author) continue;
		held.keywords += 1;
		held.characters += str(item.get('text')).length;
	}
	const texts: Y.Text[] = [roots.meaning, roots.testQuestion];
	let all = roots.meaning.length + roots.testQuestion.length;
	for (const item of roots.criteria.toArray()) {
		if (!(item instanceof Y.Map)) continue;
		if (authorOf(item.get('author')) === author) held.criteria += 1;
		for (const key of ['text', 'comment']) {
			const text = item.get(key);
			if (text instanceof Y.Text) {
				texts.push(text);
				all += text.length;
			}
		}
	}
	if (held.characters + all <= DOC_LIMITS.perAuthor) return { ...held, characters: held.characters + all };
	for (const text of texts) {
		for (let piece = text._start; piece; piece = piece.right) {
			if (!piece.deleted && piece.content instanceof Y.ContentString && typedBy(piece.id.client)) held.characters += piece.length;
		}
	}
	return held;
}
