/**
 * The browser's side of one co-edited theme document (issue 5): a Y.Doc synced over
 * y-websocket at `/yjs/session/<id>/theme/<key>` (same origin, so the page's cookies
 * authenticate it). Svelte reads it through `version`, which changes after every
 * transaction, local or remote; presence (who edits what) comes from Yjs awareness, whose
 * `user` field the server fills in. Edits made while the connection is down stay in the
 * local document and are sent when it is back: that is Yjs' own work.
 *
 * The layout (see src/lib/server/sessions/theme-docs.ts): `keywords` Y.Array of Y.Map
 * { id, text, perspective, author, group, mergedInto? }; `meaning` and `testQuestion`
 * Y.Text; `criteria` Y.Array of Y.Map { id, text: Y.Text, status, comment: Y.Text }.
 */
import * as Y from 'yjs';
import { criteriaInOrder, moveCriterion as moveCriterionIn, nextOrder } from './criteria-order';
import type { WebsocketProvider } from 'y-websocket';
import { LOCAL } from './ytext-binding';

export type CriterionStatus = 'agreed' | 'provisional' | 'parked';
export const CRITERION_STATUSES: readonly CriterionStatus[] = ['agreed', 'provisional', 'parked'];

export interface Keyword {
	id: string;
	text: string;
	perspective: string | null;
	author: string;
	group: string | null;
	mergedInto: string | null;
}

export interface Criterion {
	id: string;
	map: Y.Map<unknown>;
	text: Y.Text;
	comment: Y.Text;
	status: CriterionStatus;
}

export interface Presence {
	clientId: number;
	name: string;
	perspective: string | null;
	editing: string | null;
}

export type DocStatus = 'connecting' | 'connected' | 'reconnecting';

export const docNameOf = (sessionId: number, themeKey: string) => `session/${sessionId}/theme/${themeKey}`;

const newId = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`).slice(0, 36);
const str = (v: unknown) => (typeof v === 'string' ? v : v instanceof Y.Text ? v.toString() : '');

/** Lower case, without accents, punctuation or double spaces: "Zelf  regie!" and "zelf regie" are the same. */
export function normalizeKeyword(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

export class ThemeDoc {
	readonly doc = new Y.Doc();
	readonly meaning = this.doc.getText('meaning');
	readonly testQuestion = this.doc.getText('testQuestion');
	readonly keywordsArray = this.doc.getArray<Y.Map<unknown>>('keywords');
	readonly criteriaArray = this.doc.getArray<Y.Map<unknown>>('criteria');

	/** Changes after every transaction: read it in `$derived` to follow the document. */
	version = $state(0);
	status = $state<DocStatus>('connecting');
	/** Whether the first sync with the server is done (the content is there). */
	synced = $state(false);
	presence = $state.raw<Presence[]>([]);

	#provider: WebsocketProvider | null = null;
	#stopped = false;
	#wasConnected = false;

	constructor(
		readonly sessionId: number,
		readonly themeKey: string
	) {
		this.doc.on('afterTransaction', () => this.version++);
	}

	/** Connects (browser only). */
	async start(): Promise<void> {
		const { WebsocketProvider } = await import('y-websocket');
		if (this.#stopped) return;
		const url = window.location.origin.replace(/^http/, 'ws') + '/yjs';
		const provider = new WebsocketProvider(url, docNameOf(this.sessionId, this.themeKey), this.doc, { maxBackoffTime: 5000 });
		this.#provider = provider;
		provider.on('status', ({ status }: { status: string }) => {
			if (status === 'connected') this.#wasConnected = true;
			this.status = status === 'connected' ? 'connected' : this.#wasConnected ? 'reconnecting' : 'connecting';
			if (status !== 'connected') this.synced = false;
		});
		provider.on('sync', (synced: boolean) => (this.synced = synced));
		const awareness = provider.awareness;
		awareness.setLocalState({ editing: null });
		const readPresence = () => {
			const list: Presence[] = [];
			for (const [clientId, state] of awareness.getStates()) {
				if (clientId === this.doc.clientID || !state) continue;
				const user = (state as { user?: { name?: unknown; perspective?: unknown } }).user;
				if (!user || typeof user.name !== 'string') continue;
				const editing = (state as { editing?: unknown }).editing;
				list.push({ clientId, name: user.name, perspective: typeof user.perspective === 'string' ? user.perspective : null, editing: typeof editing === 'string' ? editing : null });
			}
			this.presence = list;
		};
		awareness.on('change', readPresence);
	}

	stop(): void {
		this.#stopped = true;
		this.#provider?.awareness.setLocalState(null);
		this.#provider?.destroy();
		this.#provider = null;
		this.doc.destroy();
	}

	/** Tells the others which item this person is editing (null: none). */
	setEditing(id: string | null): void {
		const awareness = this.#provider?.awareness;
		if (awareness && awareness.getLocalState()?.editing !== id) awareness.setLocalStateField('editing', id);
	}

	get keywords(): Keyword[] {
		void this.version;
		const list: Keyword[] = [];
		for (const item of this.keywordsArray.toArray()) {
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
				author: str(item.get('author')),
				group: group || null,
				mergedInto: typeof merged === 'string' && merged ? merged : null
			});
		}
		return list;
	}

	get criteria(): Criterion[] {
		void this.version;
		const list: Criterion[] = [];
		for (const map of criteriaInOrder(this.criteriaArray)) {
			const text = map.get('text');
			const comment = map.get('comment');
			if (!(text instanceof Y.Text) || !(comment instanceof Y.Text)) continue;
			const status = map.get('status');
			list.push({ id: str(map.get('id')), map, text, comment, status: CRITERION_STATUSES.includes(status as CriterionStatus) ? (status as CriterionStatus) : 'provisional' });
		}
		return list;
	}

	addKeyword(text: string, perspective: string | null, author: string): void {
		this.doc.transact(() => {
			const map = new Y.Map<unknown>();
			map.set('id', newId());
			map.set('text', text);
			map.set('perspective', perspective);
			map.set('author', author);
			map.set('group', null);
			this.keywordsArray.push([map]);
		}, LOCAL);
	}

	#keywordMap(id: string): Y.Map<unknown> | undefined {
		return this.keywordsArray.toArray().find((m) => m instanceof Y.Map && m.get('id') === id);
	}

	setGroup(id: string, group: string | null): void {
		this.doc.transact(() => this.#keywordMap(id)?.set('group', group), LOCAL);
	}

	merge(id: string, into: string): void {
		if (id === into) return;
		this.doc.transact(() => {
			this.#keywordMap(id)?.set('mergedInto', into);
			// What was merged into this keyword goes along.
			for (const m of this.keywordsArray.toArray()) if (m.get('mergedInto') === id) m.set('mergedInto', into);
		}, LOCAL);
	}

	/** Adds an empty criterion at the end; returns its id. */
	addCriterion(): string {
		const id = newId();
		this.doc.transact(() => {
			const map = new Y.Map<unknown>();
			map.set('id', id);
			map.set('text', new Y.Text());
			map.set('status', 'provisional');
			map.set('comment', new Y.Text());
			map.set('order', nextOrder(this.criteriaArray));
			this.criteriaArray.push([map]);
		}, LOCAL);
		return id;
	}

	#criterionIndex(id: string): number {
		return this.criteriaArray.toArray().findIndex((m) => m instanceof Y.Map && m.get('id') === id);
	}

	setStatus(id: string, status: CriterionStatus): void {
		const index = this.#criterionIndex(id);
		if (index >= 0) this.doc.transact(() => this.criteriaArray.get(index).set('status', status), LOCAL);
	}

	removeCriterion(id: string): void {
		const index = this.#criterionIndex(id);
		if (index >= 0) this.doc.transact(() => this.criteriaArray.delete(index, 1), LOCAL);
	}

	/** Moves a criterion one place up (-1) or down (+1); its text stays the same shared text. */
	moveCriterion(id: string, by: -1 | 1): void {
		moveCriterionIn(this.criteriaArray, id, by, LOCAL);
	}
}
