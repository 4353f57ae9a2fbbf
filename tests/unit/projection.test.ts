/**
 * One projection of the live state (issue 16): the state a viewer gets when joining and the
 * message pushed to them after a change come from the same function, the shared part made
 * once per audience and each viewer's own part once.
 */
import { describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/lib/server/audit';
import { seedDatabase } from '../../src/lib/server/boot';
import { addParticipant, addProxyParticipant } from '../../src/lib/server/sessions/participants';
import { createDialogueSession } from '../../src/lib/server/sessions/setup';
import { gotoAgenda } from '../../src/lib/server/sessions/agenda';
import { closeVote, openVote, placeSticker } from '../../src/lib/server/sessions/voting';
import { createProposal } from '../../src/lib/server/sessions/proposals';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { latestPublishedBySlug } from '../../src/lib/server/frameworks/store';
import { loadSnapshot, Projection } from '../../src/lib/server/sessions/state';
import { KnownParts, slim } from '../../src/lib/live/static-parts';
import type { Viewer } from '../../src/lib/shared/live-state';
import { placeableStickers, stickersLeft } from '../../src/lib/shared/sessions/stickers';
import { testDb } from '../helpers/db';

async function world() {
	const db = testDb();
	seedDatabase(db);
	const facilitator = await createAccount(db, SYSTEM, { email: 'gl@g.test', name: 'GL', roles: ['facilitator'] }, 'een goed wachtwoord');
	const session = createDialogueSession(db, SYSTEM, {
		title: 'Gesprek',
		facilitatorId: facilitator.id,
		frameworkVersionId: latestPublishedBySlug(db, 'movisie-kwaliteitsthemas')!.id
	});
	const ans = addParticipant(db, SYSTEM, session.id, { displayName: 'Ans', perspective: 'client' }).participant;
	const bas = addParticipant(db, SYSTEM, session.id, { displayName: 'Bas', perspective: 'official' }).participant;
	const obs = addParticipant(db, SYSTEM, session.id, { displayName: 'Olga', perspective: 'council_member', role: 'observer' }).participant;
	const actor = { type: 'user' as const, id: facilitator.id };
	gotoAgenda(db, actor, session.id, 2);
	createProposal(db, { type: 'participant', id: ans.id }, session.id, ans.id, { title: 'Vervoer' });
	gotoAgenda(db, actor, session.id, 3);
	openVote(db, actor, session.id);
	const theme = loadSnapshot(db, session.id).themes[0]!.id;
	placeSticker(db, { type: 'participant', id: ans.id }, session.id, ans.id, theme);
	return { db, session, ans, bas, obs, facilitatorId: facilitator.id };
}

describe('Projection', () => {
	it('pushes each viewer exactly the state it gets when it joins, with the static parts left out when slim', async () => {
		const w = await world();
		const projection = new Projection(loadSnapshot(w.db, w.session.id), () => new Set([w.ans.id]));
		const viewers: Viewer[] = [
			{ kind: 'facilitator' },
			{ kind: 'projector' },
			{ kind: 'participant', participantId: w.ans.id },
			{ kind: 'participant', participantId: w.bas.id },
			{ kind: 'observer', participantId: w.obs.id }
		];
		for (const viewer of viewers) {
			const state = projection.state(viewer);
			expect(JSON.parse(projection.message(viewer, false).slice(1))).toEqual(['session:state', state]);
			const { joinCode, viewer: kind, proposals, mine, prevote, ...common } = state;
			expect(JSON.parse(projection.message(viewer, true).slice(1))).toEqual([
				'session:state',
				{ ...slim(common), joinCode, viewer: kind, proposals, mine, prevote }
			]);
		}
		// What differs per viewer is theirs only.
		const ans = projection.state({ kind: 'participant', participantId: w.ans.id });
		const bas = projection.state({ kind: 'participant', participantId: w.bas.id });
		expect(ans.mine?.used).toBe(1);
		expect(bas.mine?.used).toBe(0);
		expect(ans.proposals[0]!.mine).toBe(true);
		expect(bas.proposals[0]!.mine).toBe(false);
		expect(ans.joinCode).toBeNull();
		expect(projection.state({ kind: 'projector' }).joinCode).toBe(w.session.joinCode);
		// The facilitator alone sees the people, who is present, and the tallies while they are hidden.
		const lead = projection.state({ kind: 'facilitator' });
		expect(lead.people?.find((p) => p.id === w.ans.id)?.present).toBe(true);
		expect(lead.people?.find((p) => p.id === w.bas.id)?.present).toBe(false);
		expect(lead.themes[0]!.count).toBe(1);
		expect(ans.people).toBeUndefined();
		expect(ans.themes[0]!.count).toBeUndefined();
		// Once the vote is closed, everyone sees the counts (as the guide says).
		closeVote(w.db, SYSTEM, w.session.id);
		const closed = new Projection(loadSnapshot(w.db, w.session.id)).state({ kind: 'participant', participantId: w.ans.id });
		expect(closed.vote.talliesVisible).toBe(true);
		expect(closed.themes.find((t) => t.count === 1)).toBeDefined();
	});

	it('makes the shared part once per audience, not once per viewer', async () => {
		const w = await world();
		const projection = new Projection(loadSnapshot(w.db, w.session.id));
		const a = projection.common('public');
		projection.message({ kind: 'participant', participantId: w.ans.id }, true);
		projection.message({ kind: 'participant', participantId: w.bas.id }, true);
		expect(projection.common('public')).toBe(a);
		expect(projection.state({ kind: 'observer', participantId: w.obs.id }).themes).toBe(a.themes);
	});

	it('leaves out own fields for whoever has them, and the client fills them in from the last state', async () => {
		const w = await world();
		const projection = new Projection(loadSnapshot(w.db, w.session.id));
		const ans: Viewer = { kind: 'participant', participantId: w.ans.id };
		const full = projection.state(ans);
		const shared = JSON.parse(projection.sharedMessage('public', false).slice(1))[1] as Record<string, unknown>;
		const { joinCode: _j, viewer: _v, proposals: _p, mine: _m, prevote: _pv, ...common } = full;
		expect(shared).toEqual(common);
		// The same message for every participant and observer: nothing of anyone's own in it.
		expect(projection.sharedMessage('public', true)).not.toContain('"mine"');
		const known = new KnownParts();
		known.complete(structuredClone(full));
		expect(known.complete(structuredClone(shared) as never)).toEqual(full);
		// Own fields that came with a later state replace the remembered ones.
		const later = { ...structuredClone(full), mine: { ...full.mine!, used: 0, perTheme: {} } };
		known.complete(structuredClone(later));
		expect(known.complete(structuredClone(shared) as never).mine).toEqual(later.mine);
	});

	it('counts who voted of the participants in the room while the vote is open, observers left out', async () => {
		const w = await world();
		const progress = (present: number[]) =>
			['facilitator', 'projector'].map(
				(kind) => new Projection(loadSnapshot(w.db, w.session.id), () => new Set(present)).state({ kind } as Viewer).vote.progress
			);
		// Ans placed one of her 3 stickers; Bas is not connected and was never recorded as there; Olga only watches.
		expect(progress([w.ans.id])).toEqual([
			{ voted: 1, done: 0, of: 1 },
			{ voted: 1, done: 0, of: 1 }
		]);
		expect(progress([w.ans.id, w.bas.id, w.obs.id])).toEqual([
			{ voted: 1, done: 0, of: 2 },
			{ voted: 1, done: 0, of: 2 }
		]);
		// Done once every sticker is placed (at most 1 per theme here).
		const themes = loadSnapshot(w.db, w.session.id).themes.map((t) => t.id);
		placeSticker(w.db, { type: 'participant', id: w.ans.id }, w.session.id, w.ans.id, themes[1]!);
		expect(progress([w.ans.id, w.bas.id])[0]).toEqual({ voted: 1, done: 0, of: 2 });
		placeSticker(w.db, { type: 'participant', id: w.ans.id }, w.session.id, w.ans.id, themes[2]!);
		expect(progress([w.ans.id, w.bas.id])).toEqual([
			{ voted: 1, done: 1, of: 2 },
			{ voted: 1, done: 1, of: 2 }
		]);
		// Someone without a device counts in the room; once the vote closes there is no progress.
		addProxyParticipant(w.db, { type: 'user', id: w.facilitatorId }, w.session.id, { displayName: 'Cor', perspective: 'client' });
		expect(progress([w.ans.id])[0]).toEqual({ voted: 1, done: 1, of: 2 });
		closeVote(w.db, SYSTEM, w.session.id);
		expect(progress([w.ans.id, w.bas.id])).toEqual([null, null]);
	});

	it('counts someone done when every theme holds their most, with fewer themes than stickers', async () => {
		const w = await world();
		// 3 stickers, at most 1 per theme, and only two themes to vote on: two placed is all one can.
		const snapshot = loadSnapshot(w.db, w.session.id);
		expect(snapshot.session.stickersPerParticipant).toBe(3);
		expect(snapshot.session.maxStickersPerTheme).toBe(1);
		const two = snapshot.themes.slice(0, 2);
		placeSticker(w.db, { type: 'participant', id: w.ans.id }, w.session.id, w.ans.id, two[1]!.id);
		const state = new Projection({ ...loadSnapshot(w.db, w.session.id), themes: two }, () => new Set([w.ans.id])).state({
			kind: 'participant',
			participantId: w.ans.id
		});
		expect(state.vote.progress).toEqual({ voted: 1, done: 1, of: 1 });
		// The phone says the same: nothing left to place.
		expect(stickersLeft(state.mine!, state.themes.length)).toBe(0);
		expect(stickersLeft(state.mine!, snapshot.themes.length)).toBe(1);
	});
});

describe('placeableStickers', () => {
	it('is the budget, or fewer when the themes cannot take them all', () => {
		expect(placeableStickers(3, 1, 8)).toBe(3);
		expect(placeableStickers(3, 1, 2)).toBe(2);
		expect(placeableStickers(3, 2, 2)).toBe(3);
		expect(placeableStickers(3, 1, 0)).toBe(0);
		expect(stickersLeft({ budget: 3, maxPerTheme: 1, used: 2 }, 8)).toBe(1);
		expect(stickersLeft({ budget: 3, maxPerTheme: 1, used: 2 }, 2)).toBe(0);
	});
});
