/**
 * "N van M aanwezig" in the lead view: who counts as there. A phone whose screen went off loses
 * its connection while its owner stays in the room, so someone connected earlier in the
 * session still counts; someone without a device counts once the facilitator marked them.
 */
import { describe, expect, it } from 'vitest';
import { isPresent, liveCounts, type LivePerson } from '../../src/lib/shared/sessions/headcount';

const person = (extra: Partial<LivePerson> = {}): LivePerson => ({ role: 'participant', proxy: false, ...extra });

describe('who is there in the live view', () => {
	it('counts the connected, those connected earlier in the session, and those marked present without a device', () => {
		expect(isPresent(person({ present: true }))).toBe(true);
		expect(isPresent(person({ present: false, attended: true }))).toBe(true);
		expect(isPresent(person({ present: false, attended: false }))).toBe(false);
		expect(isPresent(person({ proxy: true, attended: true }))).toBe(true);
		expect(isPresent(person({ proxy: true, attended: false }))).toBe(false);
		const people = [
			person({ present: true }),
			person({ attended: true }),
			person(),
			person({ proxy: true, attended: true }),
			person({ role: 'observer', attended: true }),
			person({ role: 'observer' })
		];
		expect(liveCounts(people)).toEqual({ present: 3, total: 4, observers: 2, observersPresent: 1 });
	});
});
