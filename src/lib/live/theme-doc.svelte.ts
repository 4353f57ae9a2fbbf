/**
 * The browser's side of one co-edited theme document (issue 5): a Y.Doc synced over
 * y-websocket at `/yjs/session/<id>/theme/<key>` (same origin, so the page's cookies
 * authenticate it), wrapped for Svelte. What the document holds and how it is changed is the
 * theme document module's (src/lib/shared/theme-document.ts); this adds the connection,
 * presence and state Svelte follows: `version` changes after every transaction, local or
 * remote; presence (who edits what) comes from Yjs awareness, whose `user` field the server
 * fills in. Edits made while the connection is down stay in the local document and are sent
 * when it is back: that is Yjs' own work.
 *
 * When the server refuses a change (CLOSE_REFUSED), this copy holds something the server
 * will never take: it is thrown away and a fresh one is synced from the server, and
 * `refusal` says why, for the page to show.
 */
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import {
	CLOSE_REFUSED,
	CLOSE_TOO_MANY,
	addCriterion,
	addKeyword,
	criteriaOf,
	docNameOf,
	isRefusal,
	keywordsOf,
	mergeKeyword,
	moveCriterion,
	removeCriterion,
	rootsOf,
	setGroup,
	setAddressees,
	setStatus,
	type Criterion,
	type Keyword,
	type Refusal
} from '$lib/shared/theme-document';
import type { Addressee, CriterionStatus } from '$lib/shared/vocabulary';
import { LOCAL } from './ytext-binding';

export interface Presence {
	clientId: number;
	name: string;
	perspective: string | null;
	editing: string | null;
}

export type DocStatus = 'connecting' | 'connected' | 'reconnecting';

/** Why the last change was not saved: a refusal, or one connection too many. */
export type NotSaved = Refusal | 'limit.connections';

export class ThemeDoc {
	/** The local copy; replaced by a fresh one when the server refused a change. */
	doc = $state.raw(new Y.Doc());

	/** Changes after every transaction: read it in `$derived` to follow the document. */
	version = $state(0);
	status = $state<DocStatus>('connecting');
	/** Whether the first sync with the server is done (the content is there). */
	synced = $state(false);
	presence = $state.raw<Presence[]>([]);
	/** Set when the server refused this browser's change; cleared by the next change made here. */
	notSaved = $state<NotSaved | null>(null);
	/**
	 * The server's copy has not come yet (on opening, and for the fresh copy after a refusal):
	 * nothing to edit yet, an edit now would land in an empty text beside the text that comes.
	 */
	waiting = $state(true);

	#Provider: typeof WebsocketProvider | null = null;
	#provider: WebsocketProvider | null = null;
	#stopped = false;
	#wasConnected = false;

	constructor(
		readonly sessionId: number,
		readonly themeKey: string
	) {
		this.#follow(this.doc);
	}

	get meaning(): Y.Text {
		return rootsOf(this.doc).meaning;
	}

	get testQuestion(): Y.Text {
		return rootsOf(this.doc).testQuestion;
	}

	#follow(doc: Y.Doc): void {
		// The top-level types now: creating an array is a transaction, which must not happen while Svelte reads.
		rootsOf(doc);
		doc.on('afterTransaction', (tr: Y.Transaction) => {
			if (doc !== this.doc) return;
			this.version++;
			if (tr.origin === LOCAL && this.notSaved) this.notSaved = null;
		});
	}

	/** Connects (browser only). */
	async start(): Promise<void> {
		const { WebsocketProvider } = await import('y-websocket');
		if (this.#stopped) return;
		this.#Provider = WebsocketProvider;
		this.#connect();
	}

	#connect(): void {
		const url = window.location.origin.replace(/^http/, 'ws') + '/yjs';
		const provider = new this.#Provider!(url, docNameOf(this.sessionId, this.themeKey), this.doc, { maxBackoffTime: 5000 });
		this.#provider = provider;
		provider.on('status', ({ status }: { status: string }) => {
			if (provider !== this.#provider) return;
			// Connected is said once the document's content came (sync below), not when the socket opens.
			if (status === 'connected') return;
			this.status = this.#wasConnected ? 'reconnecting' : 'connecting';
			this.synced = false;
		});
		provider.on('sync', (synced: boolean) => {
			if (provider !== this.#provider) return;
			this.synced = synced;
			if (!synced) return;
			this.waiting = false;
			this.#wasConnected = true;
			this.status = 'connected';
		});
		provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
			if (provider !== this.#provider || this.#stopped) return;
			if (code === CLOSE_REFUSED) this.#startAfresh(isRefusal(reason) ? reason : 'invalid');
			else if (code === CLOSE_TOO_MANY) this.notSaved = 'limit.connections';
		});
		const awareness = provider.awareness;
		awareness.setLocalState({ editing: null });
		const readPresence = () => {
			const list: Presence[] = [];
			for (const [clientId, state] of awareness.getStates()) {
				if (clientId === provider.doc.clientID || !state) continue;
				const user = (state as { user?: { name?: unknown; perspective?: unknown } }).user;
				if (!user || typeof user.name !== 'string') continue;
				const editing = (state as { editing?: unknown }).editing;
				list.push({
					clientId,
					name: user.name,
					perspective: typeof user.perspective === 'string' ? user.perspective : null,
					editing: typeof editing === 'string' ? editing : null
				});
			}
			if (provider === this.#provider) this.presence = list;
		};
		awareness.on('change', readPresence);
	}

	/** The server refused a change of this copy: throw it away (or it would be sent again) and sync a fresh one. */
	#startAfresh(reason: Refusal): void {
		const old = this.#provider;
		const oldDoc = this.doc;
		this.#provider = null;
		old?.awareness.setLocalState(null);
		old?.destroy();
		const doc = new Y.Doc();
		this.#follow(doc);
		this.doc = doc;
		this.synced = false;
		this.waiting = true;
		this.status = 'reconnecting';
		this.notSaved = reason;
		this.version++;
		oldDoc.destroy();
		this.#connect();
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
		return keywordsOf(this.doc);
	}

	get criteria(): Criterion[] {
		void this.version;
		return criteriaOf(this.doc);
	}

	addKeyword(text: string, perspective: string | null, author: number | null): void {
		addKeyword(this.doc, { text, perspective, author }, LOCAL);
	}

	setGroup(id: string, group: string | null): void {
		setGroup(this.doc, id, group, LOCAL);
	}

	merge(id: string, into: string): void {
		mergeKeyword(this.doc, id, into, LOCAL);
	}

	/** Adds an empty criterion at the end; returns its id. */
	addCriterion(author: number | null): string {
		return addCriterion(this.doc, author, LOCAL);
	}

	setStatus(id: string, status: CriterionStatus): void {
		setStatus(this.doc, id, status, LOCAL);
	}

	/** The facilitator's choice of whom a criterion addresses. */
	setAddressees(id: string, addressees: readonly Addressee[]): void {
		setAddressees(this.doc, id, addressees, LOCAL);
	}

	removeCriterion(id: string): void {
		removeCriterion(this.doc, id, LOCAL);
	}

	/** Moves a criterion one place up (-1) or down (+1); its text stays the same shared text. */
	moveCriterion(id: string, by: -1 | 1): void {
		moveCriterion(this.doc, id, by, LOCAL);
	}
}
