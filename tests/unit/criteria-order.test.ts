import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { criteriaInOrder, moveCriterion, nextOrder } from '../../src/lib/shared/criteria-order';
import { readThemeDoc } from '../../src/lib/shared/theme-document';

function addCriterion(doc: Y.Doc, id: string, text: string): void {
	const array = doc.getArray<Y.Map<unknown>>('criteria');
	const map = new Y.Map<unknown>();
	map.set('id', id);
	map.set('text', new Y.Text(text));
	map.set('status', 'provisional');
	map.set('comment', new Y.Text());
	map.set('order', nextOrder(array));
	array.push([map]);
}

/** Two replicas that exchange their updates only when told to: a concurrent edit. */
function replicas() {
	const a = new Y.Doc();
	const b = new Y.Doc();
	const sync = () => {
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
	};
	return { a, b, sync };
}

const texts = (doc: Y.Doc) => criteriaInOrder(doc.getArray('criteria')).map((m) => (m.get('text') as Y.Text).toString());

describe('criteria order', () => {
	it('moves a criterion while someone types in it, without losing the typing', () => {
		const { a, b, sync } = replicas();
		addCriterion(a, 'c1', 'Eerste');
		addCriterion(a, 'c2', 'Tweede');
		addCriterion(a, 'c3', 'Derde');
		sync();
		// At the same time: A moves "Derde" up, B types into it.
		moveCriterion(a.getArray('criteria'), 'c3', -1);
		const derde = criteriaInOrder(b.getArray('criteria'))[2]!.get('text') as Y.Text;
		derde.insert(derde.length, ' criterium');
		sync();
		expect(texts(a)).toEqual(['Eerste', 'Derde criterium', 'Tweede']);
		expect(texts(b)).toEqual(texts(a));
		expect(readThemeDoc(a).criteria.map((c) => c.text)).toEqual(['Eerste', 'Derde criterium', 'Tweede']);
	});

	it('keeps the array order for criteria without a number, and ignores moves past the ends', () => {
		const doc = new Y.Doc();
		const array = doc.getArray<Y.Map<unknown>>('criteria');
		for (const id of ['x', 'y']) {
			const map = new Y.Map<unknown>();
			map.set('id', id);
			map.set('text', new Y.Text(id));
			array.push([map]);
		}
		expect(texts(doc)).toEqual(['x', 'y']);
		moveCriterion(array, 'x', -1);
		moveCriterion(array, 'y', 1);
		expect(texts(doc)).toEqual(['x', 'y']);
		moveCriterion(array, 'y', -1);
		expect(texts(doc)).toEqual(['y', 'x']);
		expect(nextOrder(array)).toBe(2);
	});
});
