import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { shiftPosition, textDiff } from '../../src/lib/live/ytext-binding';

describe('binding a text field to a Y.Text', () => {
	it('turns an edit into the smallest delete and insert', () => {
		expect(textDiff('Is er kwaliteit?', 'Is er echt kwaliteit?')).toEqual({ index: 6, remove: 0, insert: 'echt ' });
		expect(textDiff('Is er echt kwaliteit?', 'Is er kwaliteit?')).toEqual({ index: 6, remove: 5, insert: '' });
		expect(textDiff('abc', 'aXc')).toEqual({ index: 1, remove: 1, insert: 'X' });
		expect(textDiff('aaa', 'aaaa')).toEqual({ index: 3, remove: 0, insert: 'a' });
		expect(textDiff('same', 'same')).toEqual({ index: 4, remove: 0, insert: '' });
	});

	it('moves the caret along with a remote change before it, not after it', () => {
		const delta = (ops: { insert?: string; delete?: number; retain?: number }[]) => ops;
		expect(shiftPosition(10, delta([{ insert: 'abc' }]))).toBe(13);
		expect(shiftPosition(10, delta([{ retain: 12 }, { insert: 'abc' }]))).toBe(10);
		expect(shiftPosition(10, delta([{ retain: 10 }, { insert: 'abc' }]))).toBe(10);
		expect(shiftPosition(10, delta([{ retain: 10 }, { insert: 'abc' }]), true)).toBe(13);
		expect(shiftPosition(10, delta([{ retain: 2 }, { delete: 3 }]))).toBe(7);
		expect(shiftPosition(10, delta([{ retain: 8 }, { delete: 5 }]))).toBe(8);
	});

	it('keeps everyone’s typing when two people edit the same text at once', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		a.getText('t').insert(0, 'Is er kwaliteit?');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const edit = (doc: Y.Doc, after: string) => {
			const text = doc.getText('t');
			const d = textDiff(text.toString(), after);
			doc.transact(() => {
				if (d.remove) text.delete(d.index, d.remove);
				if (d.insert) text.insert(d.index, d.insert);
			});
		};
		edit(a, 'Vraag: Is er kwaliteit?');
		edit(b, 'Is er kwaliteit? Ja.');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		expect(a.getText('t').toString()).toBe('Vraag: Is er kwaliteit? Ja.');
		expect(b.getText('t').toString()).toBe(a.getText('t').toString());
	});
});
