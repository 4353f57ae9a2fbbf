/**
 * The theme document module's check of a client's change (src/lib/shared/theme-document.ts),
 * as the Yjs server runs it: a client's update applied to the server's copy, checked in the
 * transaction's `afterTransaction`. The integration tests (tests/integration/yjs-owner.test.ts)
 * run the same over real websockets.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	DOC_LIMITS,
	addCriterion,
	addKeyword,
	authoredBy,
	checkTransaction,
	clearLegacyAuthors,
	criteriaOf,
	detachAuthors,
	keywordsOf,
	mergeKeyword,
	moveCriterion,
	prefilledOf,
	removeCriterion,
	readThemeDoc,
	rootsOf,
	setAddressees,
	setGroup,
	setStatus,
	startingTexts,
	type Refusal,
	type WriterRights
} from '../../src/lib/shared/theme-document';

const ANS = 12;
const participant = (extra: Partial<WriterRights> = {}): WriterRights => ({
	facilitator: false,
	testQuestionAgreed: false,
	author: ANS,
	...extra
});
const facilitator = (extra: Partial<WriterRights> = {}): WriterRights => ({
	facilitator: true,
	testQuestionAgreed: false,
	author: null,
	...extra
});

/**
 * A server copy: `send` runs `change` on a fresh client copy and applies the client's update
 * to the server's copy, checked as the server does; a refused change is rolled back (the
 * server builds its copy again from what it stored), and as the server it keeps who wrote
 * under each Yjs client id first.
 */
function pair() {
	const CLIENT = Symbol('client');
	const owners = new Map<number, number | null>();
	let rights: WriterRights = participant();
	let refusal: Refusal | null = null;
	const fresh = (state?: Uint8Array) => {
		const doc = new Y.Doc();
		rootsOf(doc);
		if (state) Y.applyUpdate(doc, state);
		doc.on('afterTransaction', (tr: Y.Transaction) => {
			if (tr.origin === CLIENT && refusal === null) refusal = checkTransaction(tr, rights);
		});
		return doc;
	};
	const world = { server: fresh(), send };
	/** `gc: false`: a client that keeps deleted content in what it sends (any client may). */
	function send(as: WriterRights, change: (doc: Y.Doc) => void, { gc = true } = {}): Refusal | null {
		const stored = Y.encodeStateAsUpdate(world.server);
		const doc = new Y.Doc({ gc });
		Y.applyUpdate(doc, stored);
		const before = Y.encodeStateVector(doc);
		change(doc);
		rights = { ...as, wroteAs: (client) => owners.has(client) && owners.get(client) === as.author };
		refusal = null;
		Y.applyUpdate(world.server, Y.encodeStateAsUpdate(doc, before), CLIENT);
		if (refusal !== null) world.server = fresh(stored);
		else if (!owners.has(doc.clientID)) owners.set(doc.clientID, as.author);
		return refusal;
	}
	return world;
}

describe('checking a change to a theme document', () => {
	it('takes the browser’s own operations from a participant and the facilitator', () => {
		const world = pair();
		const { send } = world;
		expect(send(participant(), (d) => addKeyword(d, { text: 'zelf kiezen', perspective: 'client', author: ANS }))).toBeNull();
		expect(send(facilitator(), (d) => addKeyword(d, { text: 'samen', perspective: null, author: null }))).toBeNull();
		expect(send(participant(), (d) => addCriterion(d, ANS))).toBeNull();
		expect(send(participant(), (d) => addCriterion(d, ANS))).toBeNull();
		const [first, second] = criteriaOf(world.server);
		expect(send(participant(), (d) => criteriaOf(d)[0]!.text.insert(0, 'De cliënt kiest.'))).toBeNull();
		expect(send(participant(), (d) => setStatus(d, first!.id, 'parked'))).toBeNull();
		expect(send(participant(), (d) => moveCriterion(d, second!.id, -1))).toBeNull();
		expect(send(participant(), (d) => rootsOf(d).meaning.insert(0, 'Betekenis'))).toBeNull();
		expect(send(participant(), (d) => removeCriterion(d, second!.id))).toBeNull();
		expect(keywordsOf(world.server).map((k) => [k.text, k.author])).toEqual([
			['zelf kiezen', ANS],
			['samen', null]
		]);
		expect(criteriaOf(world.server).map((c) => [c.text.toString(), c.status, c.author])).toEqual([['De cliënt kiest.', 'parked', ANS]]);
	});

	it('leaves "agreed" to the facilitator: setting it, changing it back, editing or removing an agreed criterion', () => {
		const world = pair();
		const { send } = world;
		send(participant(), (d) => addCriterion(d, ANS));
		const id = criteriaOf(world.server)[0]!.id;
		expect(send(participant(), (d) => setStatus(d, id, 'agreed'))).toBe('forbidden.agreed');
		expect(criteriaOf(world.server)[0]!.status).toBe('provisional');
		expect(send(facilitator(), (d) => setStatus(d, id, 'agreed'))).toBeNull();
		expect(send(participant(), (d) => setStatus(d, id, 'parked'))).toBe('forbidden.agreed');
		expect(send(participant(), (d) => criteriaOf(d)[0]!.text.insert(0, 'Anders'))).toBe('forbidden.agreed');
		expect(send(participant(), (d) => removeCriterion(d, id))).toBe('forbidden.agreed');
		expect(send(participant(), (d) => criteriaOf(d)[0]!.map.set('text', new Y.Text('Anders')))).toBe('forbidden.agreed');
		// A comment on it and its place stay open to everyone.
		expect(send(participant(), (d) => criteriaOf(d)[0]!.comment.insert(0, 'Goed zo'))).toBeNull();
		expect(send(participant(), (d) => addCriterion(d, ANS))).toBeNull();
		expect(send(participant(), (d) => moveCriterion(d, id, 1))).toBeNull();
		// A new criterion cannot start agreed either.
		expect(
			send(participant(), (d) => {
				addCriterion(d, ANS);
				setStatus(d, criteriaOf(d).at(-1)!.id, 'agreed');
			})
		).toBe('forbidden.agreed');
		expect(send(facilitator(), (d) => criteriaOf(d)[0]!.text.insert(0, 'Beter: '))).toBeNull();
		expect(send(facilitator(), (d) => removeCriterion(d, id))).toBeNull();
	});

	it('leaves whom a criterion addresses to the facilitator, with known codes only', () => {
		const world = pair();
		const { send } = world;
		send(participant(), (d) => addCriterion(d, ANS));
		send(participant(), (d) => criteriaOf(d)[0]!.text.insert(0, 'Er is een vast aanspreekpunt.'));
		const id = criteriaOf(world.server)[0]!.id;
		// Until the facilitator chooses, a criterion addresses the care provider.
		expect(criteriaOf(world.server)[0]!.addressees).toEqual(['provider']);
		expect(send(participant(), (d) => setAddressees(d, id, ['municipality']))).toBe('forbidden.addressees');
		expect(criteriaOf(world.server)[0]!.addressees).toEqual(['provider']);
		// Nor can a participant's new criterion come with addressees.
		expect(
			send(participant(), (d) => {
				const other = addCriterion(d, ANS);
				setAddressees(d, other, ['municipality']);
			})
		).toBe('forbidden.addressees');
		expect(criteriaOf(world.server)).toHaveLength(1);
		// The facilitator chooses; a participant can still comment and cannot change it back.
		expect(send(facilitator(), (d) => setAddressees(d, id, ['provider', 'municipality']))).toBeNull();
		expect(criteriaOf(world.server)[0]!.addressees).toEqual(['municipality', 'provider']);
		expect(rootsOf(world.server).criteria.get(0).get('addressees')).toEqual(['municipality', 'provider']);
		expect(send(participant(), (d) => criteriaOf(d)[0]!.comment.insert(0, 'Liever alleen de gemeente'))).toBeNull();
		expect(send(participant(), (d) => setAddressees(d, id, ['provider']))).toBe('forbidden.addressees');
		expect(send(facilitator(), (d) => setAddressees(d, id, ['municipality']))).toBeNull();
		expect(readThemeDoc(world.server).criteria[0]!.addressees).toEqual(['municipality']);
		// Strict values, also from the facilitator: known codes, each once, in one order, at least one.
		const set = (value: unknown) => (d: Y.Doc) => rootsOf(d).criteria.get(0).set('addressees', value);
		for (const bad of [
			[],
			['citizen'],
			['provider', 'provider'],
			['provider', 'municipality'],
			'provider',
			null,
			[1],
			['municipality', 'provider', 'other', 'x']
		])
			expect(send(facilitator(), set(bad)), JSON.stringify(bad)).toBe('layout');
		expect(send(facilitator(), set(['municipality', 'provider', 'other']))).toBeNull();
		expect(send(facilitator(), (d) => rootsOf(d).criteria.get(0).delete('addressees'))).toBe('layout');
		expect(readThemeDoc(world.server).criteria[0]!.addressees).toEqual(['municipality', 'provider', 'other']);
	});

	it('keeps the toetsvraag for the facilitator once it is agreed', () => {
		const world = pair();
		const { send } = world;
		expect(send(participant(), (d) => rootsOf(d).testQuestion.insert(0, 'Kiest de cliënt zelf?'))).toBeNull();
		const agreed = { testQuestionAgreed: true };
		expect(send(participant(agreed), (d) => rootsOf(d).testQuestion.insert(0, 'X'))).toBe('forbidden.testQuestion');
		expect(send(participant(agreed), (d) => rootsOf(d).testQuestion.delete(0, 5))).toBe('forbidden.testQuestion');
		expect(send(participant(agreed), (d) => rootsOf(d).meaning.insert(0, 'nog steeds'))).toBeNull();
		expect(send(facilitator(agreed), (d) => rootsOf(d).testQuestion.insert(0, 'Vraag: '))).toBeNull();
		expect(rootsOf(world.server).testQuestion.toString()).toBe('Vraag: Kiest de cliënt zelf?');
	});

	it('lets a participant remove only their own criterion; the facilitator removes any', () => {
		const world = pair();
		const { send } = world;
		const BAS = 13;
		send(participant(), (d) => addCriterion(d, ANS));
		send(participant({ author: BAS }), (d) => addCriterion(d, BAS));
		send(facilitator(), (d) => addCriterion(d, null));
		const [mine, bas, leader] = criteriaOf(world.server).map((c) => c.id);
		expect(send(participant(), (d) => removeCriterion(d, bas!))).toBe('forbidden.criterion');
		expect(send(participant(), (d) => removeCriterion(d, leader!))).toBe('forbidden.criterion');
		// Nor by making it one's own first, in the same change.
		expect(
			send(participant(), (d) =>
				d.transact(() => {
					criteriaOf(d)[1]!.map.set('author', ANS);
					removeCriterion(d, bas!);
				})
			)
		).toBe('forbidden.criterion');
		// Everyone may still work on the text of another's criterion.
		expect(send(participant(), (d) => criteriaOf(d)[1]!.text.insert(0, 'Samen: '))).toBeNull();
		expect(criteriaOf(world.server).map((c) => c.id)).toEqual([mine, bas, leader]);
		expect(send(participant(), (d) => removeCriterion(d, mine!))).toBeNull();
		expect(send(facilitator(), (d) => removeCriterion(d, bas!))).toBeNull();
		expect(criteriaOf(world.server).map((c) => c.id)).toEqual([leader]);
	});

	it('leaves grouping and merging keywords to the facilitator; a participant removes only their own', () => {
		const world = pair();
		const { send } = world;
		const BAS = 13;
		send(participant(), (d) => addKeyword(d, { text: 'zelf kiezen', perspective: 'client', author: ANS }));
		send(participant({ author: BAS }), (d) => addKeyword(d, { text: 'eigen regie', perspective: 'official', author: BAS }));
		const [mine, other] = keywordsOf(world.server);
		expect(send(participant(), (d) => setGroup(d, mine!.id, 'Regie'))).toBe('forbidden.keywords');
		expect(send(participant(), (d) => mergeKeyword(d, other!.id, mine!.id))).toBe('forbidden.keywords');
		const remove = (id: string) => (d: Y.Doc) => {
			const list = rootsOf(d).keywords;
			list.delete(
				list.toArray().findIndex((k) => k.get('id') === id),
				1
			);
		};
		expect(send(participant(), remove(other!.id))).toBe('forbidden.keywords');
		// A new keyword cannot come grouped or merged either.
		expect(
			send(participant(), (d) => {
				const id = addKeyword(d, { text: 'kiezen', perspective: 'client', author: ANS });
				setGroup(d, id, 'Regie');
			})
		).toBe('forbidden.keywords');
		expect(keywordsOf(world.server).map((k) => [k.text, k.group, k.mergedInto])).toEqual([
			['zelf kiezen', null, null],
			['eigen regie', null, null]
		]);
		expect(send(participant(), remove(mine!.id))).toBeNull();
		send(participant(), (d) => addKeyword(d, { text: 'zelf kiezen', perspective: 'client', author: ANS }));
		const again = keywordsOf(world.server).find((k) => k.author === ANS)!;
		expect(send(facilitator(), (d) => setGroup(d, again.id, 'Regie'))).toBeNull();
		expect(send(facilitator(), (d) => mergeKeyword(d, other!.id, again.id))).toBeNull();
		expect(keywordsOf(world.server).map((k) => [k.text, k.group, k.mergedInto])).toEqual([
			['eigen regie', null, again.id],
			['zelf kiezen', 'Regie', null]
		]);
	});

	it('leaves a keyword as its author added it: nobody else changes its words or perspective', () => {
		const world = pair();
		const { send } = world;
		const BAS = 13;
		send(participant(), (d) => addKeyword(d, { text: 'zelf kiezen', perspective: 'client', author: ANS }));
		send(participant({ author: BAS }), (d) => addKeyword(d, { text: 'eigen regie', perspective: 'official', author: BAS }));
		const set = (author: number, key: string, value: string) => (d: Y.Doc) =>
			(rootsOf(d).keywords.toArray() as Y.Map<unknown>[]).find((k) => k.get('author') === author)!.set(key, value);
		expect(send(participant(), set(BAS, 'text', 'Bas vindt de gemeente onbetrouwbaar'))).toBe('forbidden.keywords');
		expect(send(participant(), set(BAS, 'perspective', 'wmo_council'))).toBe('forbidden.keywords');
		// Not one's own either: a keyword is removed and added anew, as the page does.
		expect(send(participant(), set(ANS, 'perspective', 'official'))).toBe('forbidden.keywords');
		expect(keywordsOf(world.server).map((k) => [k.text, k.perspective, k.author])).toEqual([
			['zelf kiezen', 'client', ANS],
			['eigen regie', 'official', BAS]
		]);
	});

	it('takes a participant’s new keyword only under their own perspective, as it is now', () => {
		const world = pair();
		const { send } = world;
		const client = participant({ perspective: 'client' });
		expect(send(client, (d) => addKeyword(d, { text: 'zelf kiezen', perspective: 'client', author: ANS }))).toBeNull();
		// Under another perspective, or none, it would skew the counts per perspective.
		expect(send(client, (d) => addKeyword(d, { text: 'eigen regie', perspective: 'wmo_council', author: ANS }))).toBe(
			'forbidden.perspective'
		);
		expect(send(client, (d) => addKeyword(d, { text: 'eigen regie', perspective: null, author: ANS }))).toBe('forbidden.perspective');
		// The facilitator's keywords carry no perspective of a participant.
		expect(send(facilitator({ perspective: null }), (d) => addKeyword(d, { text: 'vervoer', perspective: null, author: null }))).toBeNull();
		expect(keywordsOf(world.server).map((k) => [k.text, k.perspective])).toEqual([
			['zelf kiezen', 'client'],
			['vervoer', null]
		]);
	});

	for (const gc of [true, false]) {
		it(`judges a removed criterion or keyword by what it held before the change (client gc ${gc})`, () => {
			const world = pair();
			const { send } = world;
			const BAS = 13;
			send(participant(), (d) => addCriterion(d, ANS));
			const id = criteriaOf(world.server)[0]!.id;
			expect(send(facilitator(), (d) => setStatus(d, id, 'agreed'))).toBeNull();
			send(participant({ author: BAS }), (d) => addKeyword(d, { text: 'eigen regie', perspective: 'official', author: BAS }));
			send(facilitator(), (d) => addKeyword(d, { text: 'samen', perspective: null, author: null }));
			// In one change: make the agreed criterion provisional, then remove it.
			const unagreeAndRemove = (d: Y.Doc) =>
				d.transact(() => {
					criteriaOf(d)[0]!.map.set('status', 'provisional');
					removeCriterion(d, id);
				});
			expect(send(participant(), unagreeAndRemove, { gc })).toBe('forbidden.agreed');
			// In one change: make someone else's keyword one's own, then remove it.
			const takeAndRemove = (author: number | null) => (d: Y.Doc) =>
				d.transact(() => {
					const list = rootsOf(d).keywords;
					const at = (list.toArray() as Y.Map<unknown>[]).findIndex((k) => k.get('author') === author);
					(list.get(at) as Y.Map<unknown>).set('author', ANS);
					list.delete(at, 1);
				});
			expect(send(participant(), takeAndRemove(BAS), { gc })).toBe('forbidden.keywords');
			expect(send(participant(), takeAndRemove(null), { gc })).toBe('forbidden.keywords');
			expect(criteriaOf(world.server).map((c) => [c.id, c.status])).toEqual([[id, 'agreed']]);
			expect(keywordsOf(world.server).map((k) => [k.text, k.author])).toEqual([
				['eigen regie', BAS],
				['samen', null]
			]);
			// The facilitator may remove an agreed criterion, and a participant their own keyword.
			send(participant(), (d) => addKeyword(d, { text: 'zelf kiezen', perspective: 'client', author: ANS }));
			expect(send(participant(), takeAndRemove(ANS), { gc })).toBeNull();
			expect(send(facilitator(), (d) => removeCriterion(d, id), { gc })).toBeNull();
			expect(criteriaOf(world.server)).toEqual([]);
		});
	}

	it('refuses unknown top-level names and wrongly typed or missing fields', () => {
		const { send } = pair();
		expect(send(participant(), (d) => d.getText('iets').insert(0, 'x'))).toBe('layout');
		expect(send(participant(), (d) => d.getMap('keywords2').set('a', 1))).toBe('layout');
		expect(send(participant(), (d) => rootsOf(d).criteria.push(['een string'] as never))).toBe('layout');
		expect(send(participant(), (d) => rootsOf(d).meaning.insertEmbed(0, { image: 'x' }))).toBe('layout');
		expect(send(participant(), (d) => rootsOf(d).meaning.format(0, 0, { bold: true }))).toBeNull(); // nothing to format: no change
		const keyword = (fields: Record<string, unknown>) => (d: Y.Doc) => {
			const m = new Y.Map<unknown>();
			for (const [k, v] of Object.entries(fields)) m.set(k, v);
			rootsOf(d).keywords.push([m]);
		};
		const good = { id: 'k1', text: 'woord', perspective: 'client', author: ANS, group: null };
		expect(send(participant(), keyword(good))).toBeNull();
		expect(send(participant(), keyword({ ...good, id: 'k2', text: 42 }))).toBe('layout');
		expect(send(participant(), keyword({ ...good, id: 'k3', extra: 'x' }))).toBe('layout');
		expect(send(participant(), keyword({ ...good, id: 'k4', group: undefined }))).toBe('layout');
		const { group: _g, ...noGroup } = good;
		expect(send(participant(), keyword({ ...noGroup, id: 'k5' }))).toBe('layout');
		expect(send(participant(), keyword({ ...good, id: 'k6', text: new Y.Text('woord') }))).toBe('layout');
		expect(send(participant(), (d) => keywordsOf(d)[0] && (rootsOf(d).keywords.get(0).delete('group'), undefined))).toBe('layout');
		expect(send(participant(), (d) => rootsOf(d).keywords.get(0).set('id', 'ander'))).toBe('layout');
		expect(send(participant(), (d) => rootsOf(d).keywords.get(0).set('group', 'Groep'))).toBe('forbidden.keywords');
		expect(send(facilitator(), (d) => rootsOf(d).keywords.get(0).set('group', 'Groep'))).toBeNull();
	});

	it('refuses a second keyword or criterion with an id that is already there, in one change or later', () => {
		const { send } = pair();
		const keyword = (id: string, text: string) => {
			const m = new Y.Map<unknown>();
			for (const [k, v] of Object.entries({ id, text, perspective: 'client', author: ANS, group: null })) m.set(k, v);
			return m;
		};
		// Two maps with one id in one update: a list keyed by id could not be shown any more.
		expect(send(participant(), (d) => rootsOf(d).keywords.push([keyword('dup', 'een'), keyword('dup', 'twee')]))).toBe('layout');
		expect(send(participant(), (d) => rootsOf(d).keywords.push([keyword('k1', 'een')]))).toBeNull();
		expect(send(participant(), (d) => rootsOf(d).keywords.insert(0, [keyword('k1', 'kopie')]))).toBe('layout');
		// Someone else's criterion id, put in front of theirs, would take over what is done to it.
		let theirs = '';
		expect(send(participant({ author: 7 }), (d) => (theirs = addCriterion(d, 7)))).toBeNull();
		const copy = (d: Y.Doc) => {
			const m = new Y.Map<unknown>();
			m.set('id', theirs);
			m.set('text', new Y.Text('Overgenomen'));
			m.set('comment', new Y.Text());
			m.set('status', 'provisional');
			m.set('author', ANS);
			rootsOf(d).criteria.insert(0, [m]);
		};
		expect(send(participant(), copy)).toBe('layout');
		expect(send(facilitator({ author: null }), (d) => addCriterion(d, null))).toBeNull();
	});

	it('shows and stores each id once from a document that already holds duplicates (stored before the check)', () => {
		const doc = new Y.Doc();
		const make = (id: string, text: string) => {
			const m = new Y.Map<unknown>();
			for (const [k, v] of Object.entries({ id, text, perspective: 'client', author: ANS, group: null })) m.set(k, v);
			return m;
		};
		rootsOf(doc).keywords.push([make('a', 'eerste'), make('a', 'tweede'), make('b', 'derde')]);
		const first = addCriterion(doc, ANS);
		const twin = new Y.Map<unknown>();
		twin.set('id', first);
		twin.set('text', new Y.Text('tweeling'));
		twin.set('comment', new Y.Text());
		twin.set('status', 'provisional');
		twin.set('author', ANS);
		rootsOf(doc).criteria.push([twin]);
		criteriaOf(doc)[0]!.text.insert(0, 'origineel');
		expect(keywordsOf(doc).map((k) => [k.id, k.text])).toEqual([
			['a', 'eerste'],
			['b', 'derde']
		]);
		expect(criteriaOf(doc).map((c) => c.text.toString())).toEqual(['origineel']);
		expect(readThemeDoc(doc).keywords.map((k) => k.text)).toEqual(['eerste', 'derde']);
		expect(readThemeDoc(doc).criteria.map((c) => c.text)).toEqual(['origineel']);
	});

	it('refuses a keyword or criterion under someone else’s name, and any change of an author', () => {
		const { send } = pair();
		expect(send(participant(), (d) => addKeyword(d, { text: 'x', perspective: 'client', author: 99 }))).toBe('forbidden.author');
		expect(send(participant(), (d) => addKeyword(d, { text: 'x', perspective: 'client', author: null }))).toBe('forbidden.author');
		expect(send(participant(), (d) => addCriterion(d, 99))).toBe('forbidden.author');
		expect(send(facilitator(), (d) => addCriterion(d, ANS))).toBe('forbidden.author');
		expect(send(participant(), (d) => addKeyword(d, { text: 'x', perspective: 'client', author: ANS }))).toBeNull();
		expect(send(participant(), (d) => rootsOf(d).keywords.get(0).set('author', 7))).toBe('forbidden.author');
		expect(send(facilitator(), (d) => rootsOf(d).keywords.get(0).set('author', null))).toBe('forbidden.author');
	});

	it('refuses texts and lists over the limits', () => {
		const world = pair();
		const { send } = world;
		expect(send(participant(), (d) => rootsOf(d).meaning.insert(0, 'x'.repeat(DOC_LIMITS.text)))).toBeNull();
		expect(send(participant(), (d) => rootsOf(d).meaning.insert(0, 'x'))).toBe('limit.text');
		expect(
			send(participant(), (d) => addKeyword(d, { text: 'y'.repeat(DOC_LIMITS.keyword + 1), perspective: null, author: ANS }))
		).toBeNull(); // the operation caps it
		expect(
			send(participant(), (d) => {
				const m = new Y.Map<unknown>();
				for (const [k, v] of Object.entries({
					id: 'lang',
					text: 'y'.repeat(DOC_LIMITS.keyword + 1),
					perspective: null,
					author: ANS,
					group: null
				}))
					m.set(k, v);
				rootsOf(d).keywords.push([m]);
			})
		).toBe('limit.text');
		expect(send(participant(), (d) => addCriterion(d, ANS))).toBeNull();
		expect(send(participant(), (d) => criteriaOf(d)[0]!.comment.insert(0, 'z'.repeat(DOC_LIMITS.comment + 1)))).toBe('limit.text');
		expect(
			send(participant(), (d) => {
				for (let i = 0; i < DOC_LIMITS.keywords; i++) addKeyword(d, { text: `w${i}`, perspective: null, author: ANS });
			})
		).toBe('limit.keywords');
		expect(keywordsOf(world.server)).toHaveLength(1);
	});

	it('keeps what one participant writes to a share of the document, wherever they type it', () => {
		const world = pair();
		const { send } = world;
		const OTHER = 13;
		const own = (d: Y.Doc) => criteriaOf(d).filter((c) => c.author === ANS);
		const others = (d: Y.Doc) => criteriaOf(d).filter((c) => c.author === OTHER);
		expect(send(participant({ author: OTHER }), (d) => addCriterion(d, OTHER))).toBeNull();
		// Two criteria nearly filled with a three-byte character, and the rest of the share typed into someone else's.
		const room = 100;
		const rest = DOC_LIMITS.perAuthor - 2 * (DOC_LIMITS.criterion + DOC_LIMITS.comment) + room;
		expect(rest - DOC_LIMITS.criterion).toBeGreaterThan(0);
		expect(rest - DOC_LIMITS.criterion).toBeLessThan(DOC_LIMITS.comment);
		for (const comment of [DOC_LIMITS.comment, DOC_LIMITS.comment - room])
			expect(
				send(participant(), (d) => {
					addCriterion(d, ANS);
					own(d).at(-1)!.text.insert(0, '€'.repeat(DOC_LIMITS.criterion));
					own(d).at(-1)!.comment.insert(0, '€'.repeat(comment));
				})
			).toBeNull();
		expect(
			send(participant(), (d) => {
				others(d)[0]!.text.insert(0, '€'.repeat(DOC_LIMITS.criterion));
				others(d)[0]!.comment.insert(0, '€'.repeat(rest - DOC_LIMITS.criterion));
			})
		).toBeNull();
		// One character more: in a new criterion, a new keyword, or typed into someone else's.
		expect(
			send(participant(), (d) => {
				addCriterion(d, ANS);
				own(d).at(-1)!.text.insert(0, 'x');
			})
		).toBe('limit.author');
		expect(send(participant(), (d) => addKeyword(d, { text: 'x', perspective: null, author: ANS }))).toBe('limit.author');
		expect(send(participant(), (d) => others(d)[0]!.comment.insert(0, 'y'))).toBe('limit.author');
		expect(own(world.server)).toHaveLength(2);
		expect(keywordsOf(world.server)).toHaveLength(0);
		expect(others(world.server)[0]!.comment.length).toBe(rest - DOC_LIMITS.criterion);
		// What others type, also into their criteria, counts in theirs: nobody can use up another person's share.
		expect(send(participant({ author: OTHER }), (d) => own(d)[1]!.comment.insert(0, 'Van een ander. '))).toBeNull();
		expect(send(participant({ author: OTHER }), (d) => addCriterion(d, OTHER))).toBeNull();
		expect(send(facilitator(), (d) => own(d)[1]!.comment.insert(0, 'Van de gespreksleider. '))).toBeNull();
		// The meaning and the toetsvraag count too: at the share, the participant cannot fill them; others can.
		expect(send(participant(), (d) => rootsOf(d).meaning.insert(0, 'Betekenis'))).toBe('limit.author');
		expect(send(participant({ author: OTHER }), (d) => rootsOf(d).meaning.insert(0, 'Betekenis'))).toBeNull();
		// Removing what others typed makes no room for the participant.
		const taken = (d: Y.Doc) =>
			d.transact(() => {
				own(d)[1]!.comment.delete('Van de gespreksleider. '.length, 'Van een ander. '.length);
				own(d)[1]!.comment.insert(0, 'x');
			});
		expect(send(participant(), taken)).toBe('limit.author');
		// At the share, text can still be put in the place of longer text they typed (a typo mended by a selection), not of shorter.
		const replace = (remove: number, text: string) => (d: Y.Doc) => {
			d.transact(() => {
				own(d)[0]!.text.delete(0, remove);
				own(d)[0]!.text.insert(0, text);
			});
		};
		expect(send(participant(), replace(5, 'abc'))).toBeNull();
		expect(own(world.server)[0]!.text.toString().startsWith('abc€')).toBe(true);
		const atEnd = (remove: number, text: string) => (d: Y.Doc) => {
			const comment = own(d)[1]!.comment;
			d.transact(() => {
				comment.delete(comment.length - remove, remove);
				comment.insert(comment.length, text);
			});
		};
		expect(send(participant(), atEnd(3, 'abcdef'))).toBe('limit.author');
		expect(send(participant(), atEnd(3, 'abcde'))).toBeNull();
		expect(send(participant(), (d) => own(d)[0]!.text.delete(0, 10))).toBeNull();
		expect(send(participant(), (d) => own(d)[1]!.comment.insert(0, 'kort '))).toBeNull();
		expect(own(world.server)[1]!.comment.toString().startsWith('kort Van de gespreksleider. Van een ander. €')).toBe(true);
		// Near the share again: removing a whole criterion takes its text along, so a new, shorter one fits in one change.
		const shorter = (d: Y.Doc) => {
			addCriterion(d, ANS);
			own(d).at(-1)!.text.insert(0, 'Een korter criterium');
		};
		expect(send(participant(), shorter)).toBe('limit.author');
		expect(
			send(participant(), (d) =>
				d.transact(() => {
					removeCriterion(d, own(d)[0]!.id);
					shorter(d);
				})
			)
		).toBeNull();
		expect(own(world.server)).toHaveLength(2);
		expect(own(world.server).at(-1)!.text.toString()).toBe('Een korter criterium');
	});

	it('counts what a participant types into the meaning and the toetsvraag in their share', () => {
		const world = pair();
		const { send } = world;
		const OTHER = 13;
		expect(DOC_LIMITS.perAuthor).toBe(2 * DOC_LIMITS.text);
		// Both texts filled by one participant: that is their whole share.
		expect(send(participant(), (d) => rootsOf(d).meaning.insert(0, 'm'.repeat(DOC_LIMITS.text)))).toBeNull();
		expect(send(participant(), (d) => rootsOf(d).testQuestion.insert(0, 't'.repeat(DOC_LIMITS.text - 1)))).toBeNull();
		expect(send(participant(), (d) => addKeyword(d, { text: 'xy', perspective: null, author: ANS }))).toBe('limit.author');
		expect(send(participant(), (d) => addKeyword(d, { text: 'x', perspective: null, author: ANS }))).toBeNull();
		expect(
			send(participant({ author: OTHER }), (d) => addKeyword(d, { text: 'van een ander', perspective: null, author: OTHER }))
		).toBeNull();
		// Taking some of their own text out of the meaning makes room again; taking out another's would not.
		expect(send(participant(), (d) => rootsOf(d).meaning.delete(0, 10))).toBeNull();
		expect(send(participant(), (d) => addCriterion(d, ANS))).toBeNull();
		expect(send(participant(), (d) => criteriaOf(d)[0]!.text.insert(0, 'x'.repeat(10)))).toBeNull();
		expect(send(participant(), (d) => criteriaOf(d)[0]!.text.insert(0, 'x'))).toBe('limit.author');
		expect(rootsOf(world.server).meaning.length).toBe(DOC_LIMITS.text - 10);
		expect(criteriaOf(world.server)[0]!.text.toString()).toBe('x'.repeat(10));
	});

	it('keeps one participant to a share of the lists too, and takes no keyword without words', () => {
		const world = pair();
		const { send } = world;
		const OTHER = 13;
		// Empty items cost no characters: the number counts.
		expect(
			send(participant(), (d) => {
				for (let i = 0; i < DOC_LIMITS.keywordsPerAuthor; i++) addKeyword(d, { text: `w${i}`, perspective: null, author: ANS });
			})
		).toBeNull();
		expect(send(participant(), (d) => addKeyword(d, { text: 'nog een', perspective: null, author: ANS }))).toBe('limit.author');
		expect(
			send(participant(), (d) => {
				for (let i = 0; i < DOC_LIMITS.criteriaPerAuthor; i++) addCriterion(d, ANS);
			})
		).toBeNull();
		expect(send(participant(), (d) => addCriterion(d, ANS))).toBe('limit.author');
		expect(keywordsOf(world.server)).toHaveLength(DOC_LIMITS.keywordsPerAuthor);
		expect(criteriaOf(world.server)).toHaveLength(DOC_LIMITS.criteriaPerAuthor);
		// Someone else and the facilitator still add; removing one's own makes room again.
		expect(send(participant({ author: OTHER }), (d) => addKeyword(d, { text: 'samen', perspective: null, author: OTHER }))).toBeNull();
		expect(send(facilitator(), (d) => addCriterion(d, null))).toBeNull();
		expect(send(participant(), (d) => removeCriterion(d, criteriaOf(d)[0]!.id))).toBeNull();
		expect(send(participant(), (d) => addCriterion(d, ANS))).toBeNull();
		// A keyword without words would be shown nowhere, so nobody could remove it.
		const blank = (text: string) => (d: Y.Doc) => {
			const m = new Y.Map<unknown>();
			for (const [k, v] of Object.entries({ id: `blank${text.length}`, text, perspective: null, author: OTHER, group: null })) m.set(k, v);
			rootsOf(d).keywords.push([m]);
		};
		expect(send(participant({ author: OTHER }), blank(''))).toBe('layout');
		expect(send(participant({ author: OTHER }), blank('   '))).toBe('layout');
	});

	it('refuses control characters and direction overrides in any text, and reads stored ones without them', () => {
		const world = pair();
		const { send } = world;
		const keyword =
			(text: string, group: string | null = null) =>
			(d: Y.Doc) => {
				const m = new Y.Map<unknown>();
				for (const [k, v] of Object.entries({ id: `k${text.length}`, text, perspective: 'client', author: ANS, group })) m.set(k, v);
				rootsOf(d).keywords.push([m]);
			};
		// A keyword that reads backwards on the projector, a bell and an escape sequence for a terminal.
		expect(send(participant(), keyword('Veilig \u202egiliev net\u202c'))).toBe('text.unsafe');
		expect(send(participant(), keyword('Veilig \u0007\u001b[31m'))).toBe('text.unsafe');
		expect(send(participant(), (d) => rootsOf(d).meaning.insert(0, 'De cliënt \u2066krijgt\u2069 hulp'))).toBe('text.unsafe');
		expect(send(participant(), (d) => addCriterion(d, ANS))).toBeNull();
		expect(send(participant(), (d) => criteriaOf(d)[0]!.text.insert(0, 'krijgt \u0000 hulp'))).toBe('text.unsafe');
		expect(send(participant(), (d) => criteriaOf(d)[0]!.comment.insert(0, '\u202eopmerking'))).toBe('text.unsafe');
		expect(send(facilitator(), keyword('Groep', 'Eigen \u202eregie'))).toBe('text.unsafe');
		// Line breaks, tabs and every script stay; the operations leave unsafe characters out.
		expect(send(participant(), (d) => rootsOf(d).meaning.insert(0, 'Regels\nmet\ttab, ëén, عربي, 😀'))).toBeNull();
		expect(send(participant(), (d) => addKeyword(d, { text: 'Zelf\u202e regie\u0007', perspective: 'client', author: ANS }))).toBeNull();
		expect(keywordsOf(world.server).map((k) => k.text)).toEqual(['Zelf regie']);
		expect(rootsOf(world.server).meaning.toString()).toBe('Regels\nmet\ttab, ëén, عربي, 😀');

		// A document stored before the server refused them: read (closing, the privacy export) without them.
		const old = new Y.Doc();
		keyword('Oud \u202etrefwoord\u202c')(old);
		rootsOf(old).testQuestion.insert(0, 'Toets\u0000vraag');
		const c = addCriterion(old, ANS);
		criteriaOf(old)[0]!.text.insert(0, 'De cliënt \u202etnejilc ed\u202c krijgt hulp\u2066');
		criteriaOf(old)[0]!.comment.insert(0, '\u001bopmerking');
		const content = readThemeDoc(old);
		expect(content.keywords.map((k) => k.text)).toEqual(['Oud trefwoord']);
		expect(content.testQuestion).toBe('Toetsvraag');
		expect(content.criteria.map((x) => [x.text, x.comment])).toEqual([['De cliënt tnejilc ed krijgt hulp', 'opmerking']]);
		expect(authoredBy(old, ANS).criteria.map((x) => x.text)).toEqual(['De cliënt tnejilc ed krijgt hulp']);
		expect(c).toBeTruthy();
	});

	it('clears legacy names and detaches a participant, leaving nothing of them in the encoded state', () => {
		const doc = new Y.Doc();
		doc.transact(() => {
			const m = new Y.Map<unknown>();
			for (const [k, v] of Object.entries({ id: 'k', text: 'woord', perspective: 'client', author: 'Ans Jansen', group: null }))
				m.set(k, v);
			rootsOf(doc).keywords.push([m]);
		});
		addKeyword(doc, { text: 'van Bas', perspective: 'official', author: 77 }, null);
		addCriterion(doc, 77);
		criteriaOf(doc)[0]!.text.insert(0, 'Criterium van Bas');
		expect(Buffer.from(Y.encodeStateAsUpdate(doc)).includes('Ans Jansen')).toBe(true);
		expect(clearLegacyAuthors(doc)).toBe(1);
		expect(Buffer.from(Y.encodeStateAsUpdate(doc)).includes('Ans Jansen')).toBe(false);
		expect(authoredBy(doc, 77)).toEqual({
			keywords: [{ text: 'van Bas', perspective: 'official', group: null, merged: false }],
			criteria: [{ text: 'Criterium van Bas', status: 'provisional', comment: '' }]
		});
		expect(detachAuthors(doc, [77])).toBe(2);
		expect(authoredBy(doc, 77)).toEqual({ keywords: [], criteria: [] });
		expect(detachAuthors(doc, [77])).toBe(0);
	});

	it('starts from the framework’s definition, else its description, and its toetsvraag; a proposal from nothing', () => {
		const theme = { key: 'bejegening', origin: 'framework', definition: null, description: 'Respectvol.', testQuestion: null };
		expect(startingTexts(theme)).toEqual({ meaning: 'Respectvol.', testQuestion: '' });
		expect(startingTexts({ ...theme, definition: 'Definitie.', testQuestion: 'Vraag?' })).toEqual({
			meaning: 'Definitie.',
			testQuestion: 'Vraag?'
		});
		expect(startingTexts({ ...theme, key: 'proposal-4', origin: 'proposal' })).toEqual({ meaning: '', testQuestion: '' });
		expect(startingTexts({ ...theme, key: 'proposal-4', origin: 'carried' })).toEqual({ meaning: '', testQuestion: '' });
		expect(prefilledOf({ ...theme, hasDefinition: false, hasTestQuestion: false })).toEqual({ meaning: true, testQuestion: false });
	});
});
