/**
 * Presence (awareness) from a connection, as the Yjs server rewrites it before y-protocols sees
 * it (src/lib/server/realtime/yjs/server.ts): only what this connection may show, stamped with
 * the identity the server knows.
 */
import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import { ownAwareness, type PresenceOwner } from '../../src/lib/server/realtime/yjs/server';
import { awarenessUpdate } from '../helpers/realtime';

const user = { name: 'Ans', kind: 'participant' as const };

const update = awarenessUpdate;

function entriesOf(rewritten: Uint8Array | null): { id: number; state: unknown }[] {
	if (!rewritten) return [];
	const d = decoding.createDecoder(rewritten);
	return Array.from({ length: decoding.readVarUint(d) }, () => {
		const id = decoding.readVarUint(d);
		decoding.readVarUint(d);
		return { id, state: JSON.parse(decoding.readVarString(d)) };
	});
}

describe('ownAwareness', () => {
	const owners: Record<number, PresenceOwner> = { 1: 'mine', 2: 'theirs' };
	const ownerOf = (id: number): PresenceOwner => owners[id] ?? 'free';

	it('keeps the end of its own presence and drops the end of one nobody has', () => {
		// Ending a presence nobody has would change nothing, yet y-protocols keeps a clock for each such id.
		const ends = Array.from({ length: 500 }, (_, i) => ({ id: 1000 + i, clock: 1, state: null }));
		expect(ownAwareness(update(ends), ownerOf, () => true, user, 1024)).toBeNull();
		expect(entriesOf(ownAwareness(update([{ id: 1, clock: 2, state: null }, ...ends]), ownerOf, () => true, user, 1024))).toEqual([
			{ id: 1, state: null }
		]);
	});

	it('stamps states with the identity the server knows, drops others’ and new ones beyond the room', () => {
		let room = 1;
		const entries = [
			{ id: 1, clock: 1, state: { editing: 'c1', user: { name: 'De burgemeester' } } },
			{ id: 2, clock: 1, state: { editing: 'c2' } },
			{ id: 3, clock: 1, state: { editing: 'c3' } },
			{ id: 4, clock: 1, state: { editing: 'c4' } }
		];
		expect(entriesOf(ownAwareness(update(entries), ownerOf, () => room-- > 0, user, 1024))).toEqual([
			{ id: 1, state: { editing: 'c1', user } },
			{ id: 3, state: { editing: 'c3', user } }
		]);
	});
});
