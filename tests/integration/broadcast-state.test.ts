/**
 * The pushed session state is encoded once per session and completed per viewer (issue 8,
 * load): what the facilitator, each participant, observer and projector receives must be exactly the state
 * the server gives that viewer when asked (`session:state`), own stickers, own proposals and
 * own votes beforehand included.
 */
import { afterEach, expect, it } from 'vitest';
import type { SessionState } from '../../src/lib/shared/live-state';
import { startTestServer } from '../helpers/server';
import { eventually } from '../helpers/realtime';
import { liveWorld, member } from '../helpers/live';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A state without the server's clock reading, which differs between two answers. */
const comparable = (state: SessionState) => ({ ...state, timer: { ...state.timer, serverNow: 0 } });

it('pushes every viewer the same state it gets when it asks', async () => {
	const server = await startTestServer();
	cleanup.push(() => server.close());
	const world = await liveWorld(server.runtime.db);
	const join = async (who: keyof typeof world.cookies, view?: 'projector') => {
		const m = await member(server.url, world.cookies[who], world.session.id, view);
		cleanup.push(() => m.socket.disconnect());
		return m;
	};
	const facilitator = await join('facilitator');
	const ans = await join('ans');
	const bas = await join('bas');
	const obs = await join('obs');
	const projector = await join('facilitator', 'projector');
	const viewers = { facilitator, ans, bas, obs, projector };
	const [t1, t2, t3] = facilitator.latest.themes.map((t) => t.id);

	// A vote beforehand (own prevote stickers), proposals by Ans, then the vote in the session.
	expect(await facilitator.send('prevote:set', { deadline: new Date(Date.now() + 60_000).toISOString() })).toMatchObject({ ok: true });
	expect((await ans.send('sticker:place', { themeId: t3, ballot: 'prevote' })).ok).toBe(true);
	await facilitator.send('agenda:goto', { to: 2 });
	expect(
		(await ans.send('proposal:create', { title: 'Vervoer', explanation: 'Op tijd bij de dagbesteding "komen" <b>\u2028</b>' })).ok
	).toBe(true);
	expect((await bas.send('proposal:create', { title: 'Veiligheid thuis' })).ok).toBe(true);
	// Pushes without a change of the agenda or theme texts leave them out (they are most of the bytes).
	await eventually(() => ans.wire.some((s) => s.proposals?.length === 2), 3000, 'Ans saw both proposals');
	await eventually(() => facilitator.wire.some((s) => s.proposals?.length === 2), 3000, 'the facilitator saw both proposals');
	const slim = ans.wire.find((s) => s.proposals?.length === 2)!;
	const facilitatorSlim = facilitator.wire.find((s) => s.proposals?.length === 2)!;
	expect(facilitatorSlim.themes.every((t) => !('name' in t)) && !('agenda' in facilitatorSlim)).toBe(true);
	expect(slim.themes.length).toBeGreaterThan(0);
	expect(slim.themes.every((t) => !('description' in t) && !('name' in t))).toBe(true);
	expect('agenda' in slim).toBe(false);
	expect(ans.latest.agenda.length).toBeGreaterThan(0);
	expect(ans.latest.themes.find((t) => t.id === t1)!.description).toBeTruthy();
	// A proposal taken on as a theme changes them: that push carries the agenda and every theme's texts.
	const vervoer = facilitator.latest.proposals.find((p) => p.title === 'Vervoer')!;
	const added = await facilitator.send('proposal:triage', { proposalId: vervoer.id, action: 'add' });
	expect(added.ok).toBe(true);
	await eventually(
		() => Object.values(viewers).every((v) => v.latest.revision >= (added.revision as number)),
		3000,
		'everyone has the new theme'
	);
	const withTexts = ans.wire.find((s) => s.revision >= (added.revision as number))!;
	expect(withTexts.themes.every((t) => 'description' in t && 'name' in t)).toBe(true);
	expect('agenda' in withTexts).toBe(true);
	const facilitatorWithTexts = facilitator.wire.find((s) => s.revision >= (added.revision as number))!;
	expect(facilitatorWithTexts.themes.every((t) => 'description' in t && 'name' in t) && 'agenda' in facilitatorWithTexts).toBe(true);
	for (const viewer of Object.values(viewers))
		expect(viewer.latest.themes.at(-1)).toMatchObject({
			name: 'Vervoer',
			description: 'Op tijd bij de dagbesteding "komen" <b>\u2028</b>'
		});
	await facilitator.send('agenda:goto', { to: 3 });
	expect(await facilitator.send('vote:open')).toMatchObject({ ok: true });
	expect((await ans.send('sticker:place', { themeId: t1 })).ok).toBe(true);
	const last = await bas.send('sticker:place', { themeId: t2 });
	expect(last.ok).toBe(true);

	await eventually(
		() => Object.values(viewers).every((v) => v.latest.revision >= (last.revision as number)),
		3000,
		'everyone has the last state'
	);
	// Own fields that did not change are left out, so the others in the room share one message;
	// whose own fields changed gets them (Bas, whose sticker it was).
	const atLast = (m: typeof ans) => m.wire.find((s) => s.revision >= (last.revision as number))!;
	for (const m of [ans, obs, projector, facilitator])
		expect(['viewer', 'mine', 'proposals', 'prevote', 'joinCode'].filter((f) => f in atLast(m))).toEqual([]);
	expect(atLast(bas)).toMatchObject({ viewer: 'participant', mine: { used: 1, perTheme: { [t2!]: 1 } } });
	for (const [name, viewer] of Object.entries(viewers)) {
		const asked = await viewer.send('session:state');
		expect(asked.ok, name).toBe(true);
		expect(comparable(viewer.latest), name).toEqual(comparable(asked.state!));
	}
	// What makes the states differ per viewer is really there.
	expect(ans.latest.mine).toMatchObject({ used: 1, perTheme: { [t1!]: 1 } });
	expect(ans.latest.prevote.mine).toMatchObject({ used: 1, perTheme: { [t3!]: 1 } });
	expect(ans.latest.proposals.map((p) => [p.title, p.mine])).toEqual([
		['Vervoer', true],
		['Veiligheid thuis', false]
	]);
	expect(bas.latest.proposals.map((p) => p.mine)).toEqual([false, true]);
	expect(obs.latest).toMatchObject({ viewer: 'observer', mine: null, joinCode: null });
	expect(projector.latest).toMatchObject({ viewer: 'projector', mine: null, joinCode: world.session.joinCode });
});
