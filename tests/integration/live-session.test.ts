/**
 * A live dialogue session over real socket.io clients against the real server: joining,
 * the agenda, proposals and their triage, sticker voting with its budget under concurrent
 * requests from several tabs, proxy votes, the result with ties, reconnecting and a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, stickers } from '../../src/lib/server/db/schema';
import { startTestServer } from '../helpers/server';
import { eventually } from '../helpers/realtime';
import { liveWorld, member } from '../helpers/live';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup(settings = {}) {
	const server = await startTestServer();
	cleanup.push(() => server.close());
	const world = await liveWorld(server.runtime.db, settings);
	const join = async (who: keyof typeof world.cookies, view?: 'projector', sessionId = world.session.id) => {
		const m = await member(server.url, world.cookies[who], sessionId, view);
		cleanup.push(() => m.socket.disconnect());
		return m;
	};
	return { server, world, join };
}

/** Moves the facilitator's session to the voting phase and opens the vote. */
async function toVoting(facilitator: Awaited<ReturnType<Awaited<ReturnType<typeof setup>>['join']>>) {
	for (let i = 0; i < 3; i++) expect((await facilitator.send('agenda:goto', { to: 'next' })).ok).toBe(true);
	expect(await facilitator.send('vote:open')).toMatchObject({ ok: true });
}

describe('joining and the agenda', () => {
	it('gives each viewer the state it may see, and moves everyone through the agenda', async () => {
		const { world, join } = await setup();
		const facilitator = await join('facilitator');
		const ans = await join('ans');
		const projector = await join('facilitator', 'projector');
		expect(facilitator.joined.state).toMatchObject({
			viewer: 'facilitator',
			phase: 'intro',
			joinCode: world.session.joinCode,
			agendaIndex: 0
		});
		expect(facilitator.joined.state!.themes).toHaveLength(10);
		expect(facilitator.joined.state!.agenda.map((a) => a.phase)).toEqual([
			'intro',
			'overview',
			'proposals',
			'voting',
			'result',
			...Array(9).fill('theme'),
			'closing'
		]);
		expect(ans.joined.state).toMatchObject({ viewer: 'participant', joinCode: null, mine: { used: 0, budget: 3 } });
		expect(projector.joined.state).toMatchObject({ viewer: 'projector', joinCode: world.session.joinCode, mine: null });
		expect(projector.joined.state!.people).toBeUndefined();

		expect(await facilitator.send('agenda:goto', { to: 'next' })).toMatchObject({ ok: true });
		await eventually(() => ans.latest.phase === 'overview' && projector.latest.phase === 'overview', 3000, 'everyone sees the overview');
		// The facilitator sees who is present.
		await eventually(() => facilitator.latest.people?.find((p) => p.displayName === 'Ans')?.present === true, 3000, 'presence');
		expect(facilitator.latest.people?.find((p) => p.displayName === 'Bas')?.present).toBe(false);

		// Participants cannot steer; the last step has no next.
		expect(await ans.send('agenda:goto', { to: 'next' })).toEqual({ ok: false, error: 'error.forbidden' });
		expect(await facilitator.send('agenda:goto', { to: 99 })).toMatchObject({ ok: false, error: 'error.agenda.noSuchStep' });
		// The themes cannot be treated before they are chosen.
		expect(await facilitator.send('agenda:goto', { to: 5 })).toMatchObject({ ok: false, error: 'error.agenda.chooseThemesFirst' });
		expect(await facilitator.send('agenda:goto', { to: 'previous' })).toMatchObject({ ok: true });
		await eventually(() => ans.latest.phase === 'intro', 3000, 'back to intro');
	});

	it('runs the phase timer from a stored deadline: start, pause, +1 minute, resume', async () => {
		const { join } = await setup();
		const facilitator = await join('facilitator');
		const ans = await join('ans');
		const before = Date.now();
		expect(await facilitator.send('timer:control', { action: 'start', minutes: 10 })).toMatchObject({ ok: true });
		await eventually(() => ans.latest.timer.deadline !== null, 3000, 'timer');
		expect(ans.latest.timer.deadline! - before).toBeGreaterThanOrEqual(10 * 60_000 - 50);
		expect(await facilitator.send('timer:control', { action: 'pause' })).toMatchObject({ ok: true });
		await eventually(() => ans.latest.timer.deadline === null && ans.latest.timer.remainingMs !== null, 3000, 'paused');
		const left = ans.latest.timer.remainingMs!;
		expect(await facilitator.send('timer:control', { action: 'add' })).toMatchObject({ ok: true });
		await eventually(() => ans.latest.timer.remainingMs === left + 60_000, 3000, '+1 minute');
		expect(await facilitator.send('timer:control', { action: 'resume' })).toMatchObject({ ok: true });
		expect(await facilitator.send('timer:control', { action: 'resume' })).toMatchObject({ ok: false, error: 'error.timer.notPaused' });
		expect(await facilitator.send('timer:control', { action: 'start', minutes: 0 })).toEqual({ ok: false, error: 'error.badRequest' });
		// Moving on resets the timer for the next phase.
		await facilitator.send('agenda:goto', { to: 'next' });
		await eventually(
			() => ans.latest.phase === 'overview' && ans.latest.timer.deadline === null && ans.latest.timer.remainingMs === null,
			3000,
			'reset'
		);
	});
});

describe('theme proposals', () => {
	it('lets participants propose and the facilitator add, merge or park, with near-duplicate hints', async () => {
		const { join, world } = await setup();
		const facilitator = await join('facilitator');
		const ans = await join('ans');
		const bas = await join('bas');
		const obs = await join('obs');
		expect(await ans.send('proposal:create', { title: 'Vervoer' })).toMatchObject({ ok: false, error: 'error.proposal.notNow' });
		await facilitator.send('agenda:goto', { to: 2 });
		const vervoer = await ans.send('proposal:create', { title: 'Vervoer', explanation: 'Op tijd bij de dagbesteding komen.' });
		const veilig = await bas.send('proposal:create', { title: 'Veiligheid thuis' });
		const geld = await bas.send('proposal:create', { title: 'Eigen bijdrage' });
		expect(vervoer.ok && veilig.ok && geld.ok).toBe(true);
		expect(await obs.send('proposal:create', { title: 'Iets' })).toEqual({ ok: false, error: 'error.forbidden' });
		expect(await ans.send('proposal:create', { title: '' })).toEqual({ ok: false, error: 'error.badRequest' });

		await eventually(() => facilitator.latest.proposals.length === 3, 3000, 'proposals');
		const veiligheid = facilitator.latest.themes.find((t) => t.name === 'Veiligheid')!;
		const hint = facilitator.latest.proposals.find((p) => p.title === 'Veiligheid thuis')!.similar!;
		expect(hint[0]).toMatchObject({ themeId: veiligheid.id });
		expect(facilitator.latest.proposals.find((p) => p.title === 'Eigen bijdrage')!.similar).toEqual([]);
		// Participants see proposals without their authors, and know which are theirs.
		await eventually(() => ans.latest.proposals.length === 3, 3000, 'ans sees proposals');
		expect(ans.latest.proposals.map((p) => [p.title, p.mine, p.similar])).toEqual([
			['Vervoer', true, undefined],
			['Veiligheid thuis', false, undefined],
			['Eigen bijdrage', false, undefined]
		]);

		expect(await facilitator.send('proposal:triage', { action: 'add', proposalId: vervoer.proposalId })).toMatchObject({ ok: true });
		expect(
			await facilitator.send('proposal:triage', { action: 'merge', proposalId: veilig.proposalId, themeId: veiligheid.id })
		).toMatchObject({ ok: true });
		expect(await facilitator.send('proposal:triage', { action: 'park', proposalId: geld.proposalId })).toEqual({
			ok: false,
			error: 'error.badRequest'
		});
		expect(
			await facilitator.send('proposal:triage', {
				action: 'park',
				proposalId: geld.proposalId,
				reason: 'Gaat over geld, niet over kwaliteit.'
			})
		).toMatchObject({ ok: true });
		expect(await facilitator.send('proposal:triage', { action: 'park', proposalId: geld.proposalId, reason: 'x' })).toMatchObject({
			ok: false,
			error: 'error.proposal.decided'
		});
		expect(await ans.send('proposal:triage', { action: 'add', proposalId: geld.proposalId })).toEqual({
			ok: false,
			error: 'error.forbidden'
		});

		await eventually(() => ans.latest.themes.length === 11, 3000, 'new theme');
		expect(ans.latest.themes.at(-1)).toMatchObject({
			name: 'Vervoer',
			origin: 'proposal',
			description: 'Op tijd bij de dagbesteding komen.'
		});
		expect(ans.latest.themes.find((t) => t.id === veiligheid.id)!.merged).toEqual([{ id: veilig.proposalId, title: 'Veiligheid thuis' }]);
		expect(ans.latest.proposals.find((p) => p.title === 'Eigen bijdrage')).toMatchObject({
			status: 'parked',
			reason: 'Gaat over geld, niet over kwaliteit.'
		});
		void world;
	});
});

describe('sticker voting', () => {
	it('enforces the budget per participant and per theme, hides tallies until revealed, and refuses bad votes', async () => {
		const { server, world, join } = await setup();
		const facilitator = await join('facilitator');
		const ans = await join('ans');
		const bas = await join('bas');
		const obs = await join('obs');
		const [t1, t2, t3, t4] = facilitator.latest.themes;
		expect(await ans.send('sticker:place', { themeId: t1!.id })).toMatchObject({ ok: false, error: 'error.vote.notOpen' });
		await toVoting(facilitator);

		const first = await ans.send('sticker:place', { themeId: t1!.id });
		expect(first).toMatchObject({ ok: true, mine: { used: 1, perTheme: { [t1!.id]: 1 } } });
		expect(await ans.send('sticker:place', { themeId: t1!.id })).toEqual({
			ok: false,
			error: 'error.vote.themeBudget',
			params: { max: 1 }
		});
		await ans.send('sticker:place', { themeId: t2!.id });
		await ans.send('sticker:place', { themeId: t3!.id });
		expect(await ans.send('sticker:place', { themeId: t4!.id })).toEqual({ ok: false, error: 'error.vote.budget', params: { max: 3 } });
		expect(await ans.send('sticker:remove', { themeId: t3!.id })).toMatchObject({ ok: true, mine: { used: 2 } });
		expect(await ans.send('sticker:remove', { themeId: t3!.id })).toMatchObject({ ok: false, error: 'error.vote.noSticker' });
		expect(await ans.send('sticker:place', { themeId: t4!.id })).toMatchObject({ ok: true, mine: { used: 3 } });

		// Observers, other sessions' themes, other people's stickers, bad payloads.
		expect(await obs.send('sticker:place', { themeId: t1!.id })).toEqual({ ok: false, error: 'error.vote.observer' });
		const strangerTheme = (await join('stranger', undefined, world.other.id)).latest.themes[0]!;
		expect(await bas.send('sticker:place', { themeId: strangerTheme.id })).toEqual({ ok: false, error: 'error.vote.unknownTheme' });
		expect(await bas.send('sticker:place', { themeId: t1!.id, participantId: world.ans.participant.id })).toEqual({
			ok: false,
			error: 'error.forbidden'
		});
		for (const bad of [{ themeId: 'x' }, { themeId: -1 }, {}, { themeId: 1.5 }]) {
			expect(await bas.send('sticker:place', bad)).toEqual({ ok: false, error: 'error.badRequest' });
		}
		expect(await bas.send('sticker:place', { sessionId: world.other.id, themeId: t1!.id })).toEqual({
			ok: false,
			error: 'error.forbidden'
		});

		// Tallies: the facilitator sees them; participants only after reveal.
		await bas.send('sticker:place', { themeId: t1!.id });
		await eventually(() => facilitator.latest.themes[0]!.count === 2, 3000, 'facilitator tally');
		expect(facilitator.latest.themes[0]!.byPerspective).toMatchObject({ client: 1, official: 1 });
		await eventually(() => ans.latest.revision === facilitator.latest.revision, 3000, 'ans up to date');
		expect(ans.latest.themes[0]!.count).toBeUndefined();
		expect(ans.latest.vote.talliesVisible).toBe(false);
		expect(await facilitator.send('vote:reveal')).toMatchObject({ ok: true });
		await eventually(() => ans.latest.themes[0]!.count === 2, 3000, 'revealed');

		const rows = server.runtime.db.select().from(stickers).where(eq(stickers.dialogueSessionId, world.session.id)).all();
		expect(rows).toHaveLength(4);
		const audits = server.runtime.db
			.select({ action: auditLog.action, details: auditLog.details })
			.from(auditLog)
			.where(and(eq(auditLog.subjectType, 'dialogue_session'), eq(auditLog.subjectId, world.session.id)))
			.all();
		expect(audits.filter((a) => a.action === 'vote.place')).toHaveLength(5);
		expect(audits.filter((a) => a.action === 'vote.remove')).toHaveLength(1);
		// The audit line's details read back as the object written (the insert is prepared once).
		expect(audits.find((a) => a.action === 'vote.place')!.details).toEqual({
			participantId: world.ans.participant.id,
			themeId: t1!.id,
			proxy: false,
			ballot: 'session'
		});

		// After closing, nothing more.
		expect(await facilitator.send('vote:close')).toMatchObject({ ok: true });
		expect(await bas.send('sticker:place', { themeId: t2!.id })).toMatchObject({ ok: false, error: 'error.vote.notOpen' });
	});

	it('never exceeds the budget when one participant fires many placements from several tabs at once', async () => {
		const { server, world, join } = await setup();
		const facilitator = await join('facilitator');
		const tabs = await Promise.all([join('ans'), join('ans'), join('ans')]);
		await toVoting(facilitator);
		const themes = facilitator.latest.themes;
		const replies = await Promise.all(
			Array.from({ length: 10 }, (_, i) => tabs[i % 3]!.send('sticker:place', { themeId: themes[i % themes.length]!.id }))
		);
		expect(replies.filter((r) => r.ok)).toHaveLength(3);
		expect(replies.filter((r) => !r.ok).map((r) => r.error)).toEqual(Array(7).fill('error.vote.budget'));
		const rows = server.runtime.db.select().from(stickers).where(eq(stickers.participantId, world.ans.participant.id)).all();
		expect(rows).toHaveLength(3);
		// Every tab learns the same count of the participant's own stickers.
		await eventually(() => tabs.every((t) => t.latest.mine?.used === 3), 3000, 'all tabs see 3');
	});

	it('stores stickers sent at once in one commit, each refused one on its own, in the order events came', async () => {
		const { server, world, join } = await setup();
		const facilitator = await join('facilitator');
		const [ans, bas, cor] = await Promise.all([join('ans'), join('bas'), join('cor')]);
		await toVoting(facilitator);
		const [t1, t2] = facilitator.latest.themes.map((t) => t.id);
		const grouping = server.runtime.realtime!.sessions.grouping;
		const before = { ...grouping };
		// Three people at once, one of them twice on a theme that allows one sticker each.
		const replies = await Promise.all([
			ans.send('sticker:place', { themeId: t1 }),
			bas.send('sticker:place', { themeId: t1 }),
			cor.send('sticker:place', { themeId: t2 }),
			cor.send('sticker:place', { themeId: t2 })
		]);
		expect(replies.map((r) => r.ok)).toEqual([true, true, true, false]);
		expect(replies[3]!.error).toBe('error.vote.themeBudget');
		expect(grouping.events - before.events).toBe(4);
		expect(grouping.commits - before.commits).toBeLessThan(4);
		const stored = server.runtime.db.select().from(stickers).where(eq(stickers.dialogueSessionId, world.session.id)).all();
		expect(stored.map((r) => r.sessionThemeId).sort()).toEqual([t1, t1, t2].sort());
		// Another event stores the waiting stickers first: a sticker placed for someone without a
		// device just before the vote closes counts, though the facilitator did not wait for its answer.
		const proxy = await facilitator.send('participant:proxy', { displayName: 'Mevrouw Jansen', perspective: 'client' });
		const late = facilitator.send('sticker:place', { themeId: t2, participantId: proxy.participantId });
		const closed = await facilitator.send('vote:close');
		expect(closed.ok).toBe(true);
		expect(await late).toMatchObject({ ok: true, mine: { used: 1 } });
		await eventually(() => facilitator.latest.themes.find((t) => t.id === t2)?.count === 2, 3000, 'the late sticker counted');
	});

	it('lets the facilitator vote for a participant without a device, recorded as proxy', async () => {
		const { server, world, join } = await setup();
		const facilitator = await join('facilitator');
		const added = await facilitator.send('participant:proxy', { displayName: 'Mevrouw Jansen', perspective: 'client' });
		expect(added).toMatchObject({ ok: true });
		await toVoting(facilitator);
		// Added while the session runs: he is in the room, so he counts as present at once. She was
		// added beforehand, so she counts once the facilitator marks her or votes for her.
		const later = await facilitator.send('participant:proxy', { displayName: 'Meneer Bakker', perspective: 'official' });
		await eventually(
			() => facilitator.latest.people?.some((p) => p.id === later.participantId && p.proxy && p.attended) === true,
			3000,
			'proxy added during the session present'
		);
		expect(facilitator.latest.people?.find((p) => p.id === added.participantId)?.attended).toBe(false);
		const theme = facilitator.latest.themes[3]!;
		expect(await facilitator.send('sticker:place', { themeId: theme.id, participantId: added.participantId })).toMatchObject({
			ok: true,
			mine: { used: 1 }
		});
		expect(await facilitator.send('sticker:place', { themeId: theme.id, participantId: world.ans.participant.id })).toEqual({
			ok: false,
			error: 'error.vote.notProxy'
		});
		expect(await facilitator.send('sticker:place', { themeId: theme.id })).toEqual({ ok: false, error: 'error.vote.observer' });
		const row = server.runtime.db
			.select()
			.from(stickers)
			.where(eq(stickers.participantId, added.participantId as number))
			.get();
		expect(row).toMatchObject({ proxy: true, sessionThemeId: theme.id });
		await eventually(
			() => facilitator.latest.people?.some((p) => p.displayName === 'Mevrouw Jansen' && p.proxy) === true,
			3000,
			'proxy listed'
		);
	});

	it('shows the result per perspective, shows ties as ties and needs a reason to break them', async () => {
		const { join } = await setup({ themesToTreat: 2 });
		const facilitator = await join('facilitator');
		const [ans, bas, cor] = await Promise.all([join('ans'), join('bas'), join('cor')]);
		await toVoting(facilitator);
		const [a, b, c, d] = facilitator.latest.themes.map((t) => t.id);
		// a: 3 stickers; b, c, d: 2 each, so b, c and d tie for the second place.
		for (const [who, themes] of [
			[ans, [a, b, c]],
			[bas, [a, b, d]],
			[cor, [a, c, d]]
		] as const) {
			for (const id of themes) expect((await who.send('sticker:place', { themeId: id })).ok).toBe(true);
		}
		await facilitator.send('agenda:goto', { to: 'next' }); // to the result: closes the vote, reveals
		await eventually(() => ans.latest.phase === 'result' && ans.latest.result !== null, 3000, 'result');
		expect(ans.latest.vote).toMatchObject({ status: 'closed', talliesVisible: true });
		expect(ans.latest.result).toMatchObject({ clear: [a], tied: [b, c, d], slots: 1, voters: { client: 1, official: 1, wmo_council: 1 } });
		expect(ans.latest.themes.find((t) => t.id === b)!.byPerspective).toMatchObject({ client: 1, official: 1, wmo_council: 0 });

		expect(await facilitator.send('vote:choose', { themeIds: [a, c] })).toMatchObject({ ok: false, error: 'error.vote.reasonRequired' });
		expect(await facilitator.send('vote:choose', { themeIds: [a, c, d] })).toMatchObject({ ok: false, error: 'error.vote.tooManyChosen' });
		expect(await facilitator.send('vote:choose', { themeIds: [a, c], reason: 'Cliënten gaven c meer stickers.' })).toMatchObject({
			ok: true
		});
		await eventually(() => ans.latest.themes.some((t) => t.chosenRank === 2), 3000, 'choice reaches participants');
		expect(ans.latest.agenda).toHaveLength(5 + 2 * 3 + 1);
		expect(ans.latest.themes.filter((t) => t.chosenRank !== null).map((t) => [t.id, t.chosenRank])).toEqual([
			[a, 1],
			[c, 2]
		]);
		expect(ans.latest.result!.reason).toBe('Cliënten gaven c meer stickers.');
		expect(await facilitator.send('agenda:goto', { to: 'next' })).toMatchObject({ ok: true });
		await eventually(
			() => ans.latest.phase === 'theme' && ans.latest.phaseTheme === 0 && ans.latest.phaseStep === 'meaning',
			3000,
			'first theme'
		);
	});
});

describe('state survives reconnects and restarts', () => {
	it('gives a reconnecting client the full state, and keeps every accepted sticker across a restart', async () => {
		const server = await startTestServer();
		const world = await liveWorld(server.runtime.db);
		let facilitator = await member(server.url, world.cookies.facilitator, world.session.id);
		let ans = await member(server.url, world.cookies.ans, world.session.id);
		await toVoting(facilitator);
		const [t1, t2] = facilitator.latest.themes;
		await ans.send('sticker:place', { themeId: t1!.id });
		ans.socket.disconnect();
		ans = await member(server.url, world.cookies.ans, world.session.id);
		expect(ans.joined.state).toMatchObject({ phase: 'voting', vote: { status: 'open' }, mine: { used: 1, perTheme: { [t1!.id]: 1 } } });
		await ans.send('sticker:place', { themeId: t2!.id });
		const revision = ans.latest.revision;
		facilitator.socket.disconnect();
		ans.socket.disconnect();
		await server.close();

		const again = await startTestServer({ dataDir: server.dataDir });
		cleanup.push(() => again.close());
		facilitator = await member(again.url, world.cookies.facilitator, world.session.id);
		ans = await member(again.url, world.cookies.ans, world.session.id);
		cleanup.push(
			() => facilitator.socket.disconnect(),
			() => ans.socket.disconnect()
		);
		expect(ans.joined.state).toMatchObject({ phase: 'voting', vote: { status: 'open' }, mine: { used: 2 } });
		expect(ans.joined.state!.revision).toBeGreaterThanOrEqual(revision);
		expect(facilitator.joined.state!.themes.filter((t) => t.count === 1).map((t) => t.id)).toEqual([t1!.id, t2!.id]);
		expect((await ans.send('sticker:place', { themeId: facilitator.latest.themes[2]!.id })).ok).toBe(true);
	});
});

describe('bad input and floods', () => {
	it('refuses events from the wrong role or for another session, and rate-limits a flood', async () => {
		const { join, world } = await setup();
		const facilitator = await join('facilitator');
		const ans = await join('ans');
		for (const event of ['vote:open', 'vote:close', 'vote:reveal', 'join:lock', 'timer:control']) {
			expect(await ans.send(event, { locked: true, action: 'pause' })).toEqual({ ok: false, error: 'error.forbidden' });
		}
		expect(await facilitator.send('agenda:goto', { sessionId: world.other.id + 1000, to: 'next' })).toEqual({
			ok: false,
			error: 'error.forbidden'
		});
		for (const payload of [null, 'x', 42, { sessionId: 'a' }, [], { sessionId: world.session.id, to: 'verder' }]) {
			expect(await ans.socket.timeout(3000).emitWithAck('agenda:goto', payload)).toEqual({ ok: false, error: 'error.badRequest' });
		}
		const flood = await Promise.all(Array.from({ length: 60 }, () => ans.send('session:state')));
		expect(flood.filter((r) => !r.ok).map((r) => r.error)).toContain('error.rateLimited');
		expect(flood.filter((r) => r.ok).length).toBeGreaterThanOrEqual(10);
		await new Promise((r) => setTimeout(r, 1000));
		expect((await ans.send('session:state')).ok).toBe(true);
		// Locking joining is recorded in the state.
		expect(await facilitator.send('join:lock', { locked: true })).toMatchObject({ ok: true });
		await eventually(() => facilitator.latest.joinLocked, 3000, 'locked');
	});

	it('removes a participant: disconnected, and their access is gone', async () => {
		const { join, world } = await setup();
		const facilitator = await join('facilitator');
		const bas = await join('bas');
		await eventually(() => facilitator.latest.people?.find((p) => p.displayName === 'Bas')?.present === true, 3000, 'bas present');
		await new Promise((r) => setTimeout(r, 200));
		const seenBefore = bas.wire.length;
		const gone = new Promise<void>((resolve) => bas.socket.once('disconnect', () => resolve()));
		expect(await facilitator.send('participant:remove', { participantId: world.bas.participant.id })).toMatchObject({ ok: true });
		await gone;
		// Disconnected before the new state went out: Bas did not get it.
		expect(bas.wire.length).toBe(seenBefore);
		await eventually(() => !facilitator.latest.people?.some((p) => p.displayName === 'Bas'), 3000, 'bas gone');
		expect(await facilitator.send('participant:remove', { participantId: world.stranger.participant.id })).toMatchObject({
			ok: false,
			error: 'error.missing'
		});
	});
});

describe('voting before the session', () => {
	it('lets the Wmo-raad vote from its link until the deadline, as a separate ballot with its own budget', async () => {
		const { server, world, join } = await setup();
		const facilitator = await join('facilitator');
		const cor = await join('cor');
		const [t1, t2, t3, t4] = facilitator.latest.themes.map((t) => t.id);
		expect(await cor.send('sticker:place', { themeId: t1, ballot: 'prevote' })).toMatchObject({
			ok: false,
			error: 'error.vote.prevoteClosed'
		});
		expect(await facilitator.send('prevote:set', { deadline: new Date(Date.now() - 1000).toISOString() })).toMatchObject({
			ok: false,
			error: 'error.vote.deadlinePast'
		});
		expect(await cor.send('prevote:set', { deadline: new Date(Date.now() + 60_000).toISOString() })).toEqual({
			ok: false,
			error: 'error.forbidden'
		});
		expect(await facilitator.send('prevote:set', { deadline: new Date(Date.now() + 60_000).toISOString() })).toMatchObject({ ok: true });
		await eventually(() => cor.latest.prevote.open, 3000, 'prevote open');
		for (const id of [t1, t2, t3]) expect((await cor.send('sticker:place', { themeId: id, ballot: 'prevote' })).ok).toBe(true);
		expect(await cor.send('sticker:place', { themeId: t4, ballot: 'prevote' })).toEqual({
			ok: false,
			error: 'error.vote.budget',
			params: { max: 3 }
		});
		// Participants do not see the pre-vote tallies while it runs; the facilitator does.
		await eventually(() => facilitator.latest.prevote.themes?.find((t) => t.themeId === t1)?.count === 1, 3000, 'facilitator sees prevote');
		await eventually(() => cor.latest.prevote.mine?.used === 3, 3000, 'cor sees own prevote');
		expect(cor.latest.prevote.themes).toBeUndefined();

		// Closing it; then the session's own vote starts with a fresh budget and separate tallies.
		expect(await facilitator.send('prevote:set', { deadline: null })).toMatchObject({ ok: true });
		expect(await cor.send('sticker:place', { themeId: t4, ballot: 'prevote' })).toMatchObject({
			ok: false,
			error: 'error.vote.prevoteClosed'
		});
		await toVoting(facilitator);
		expect(await cor.send('sticker:place', { themeId: t4 })).toMatchObject({ ok: true, mine: { used: 1 } });
		// Hidden tallies stay hidden for the vote beforehand too, until the facilitator reveals them.
		await eventually(() => cor.latest.mine?.used === 1, 3000, 'own sticker');
		expect(cor.latest.prevote.themes).toBeUndefined();
		expect(await facilitator.send('vote:reveal')).toMatchObject({ ok: true });
		await eventually(() => cor.latest.prevote.themes !== undefined, 3000, 'prevote visible after reveal');
		expect(cor.latest.prevote.voters).toMatchObject({ wmo_council: 1, client: 0 });
		expect(cor.latest.prevote.themes!.find((t) => t.themeId === t1)).toMatchObject({ count: 1, byPerspective: { wmo_council: 1 } });
		expect(facilitator.latest.themes.find((t) => t.id === t1)!.count).toBe(0);
		const rows = server.runtime.db.select().from(stickers).where(eq(stickers.participantId, world.cor.participant.id)).all();
		expect(rows.map((r) => r.ballot).sort()).toEqual(['prevote', 'prevote', 'prevote', 'session']);
	});
});

describe('follow-up sessions', () => {
	it('offers the themes that were not chosen in the earlier session', async () => {
		const { server, world, join } = await setup({ themesToTreat: 1 });
		const facilitator = await join('facilitator');
		const ans = await join('ans');
		await toVoting(facilitator);
		const chosen = facilitator.latest.themes[2]!;
		await ans.send('sticker:place', { themeId: chosen.id });
		await facilitator.send('vote:close');
		expect(await facilitator.send('vote:choose', { themeIds: [chosen.id] })).toMatchObject({ ok: true });
		const { createDialogueSession } = await import('../../src/lib/server/sessions/setup');
		const { sessionState } = await import('../../src/lib/server/sessions/state');
		const followUp = createDialogueSession(
			server.runtime.db,
			{ type: 'user', id: world.facilitator.id },
			{ title: 'Vervolg', facilitatorId: world.facilitator.id, carryFromSessionId: world.session.id }
		);
		const offered = sessionState(server.runtime.db, followUp.id, { kind: 'facilitator' }).themes;
		expect(offered).toHaveLength(9);
		expect(offered.every((t) => t.origin === 'carried')).toBe(true);
		expect(offered.map((t) => t.name)).not.toContain(chosen.name);
	});
});

describe('preparations before the session starts', () => {
	it('keeps the session planned while preparing, opens it with the agenda, and needs chosen themes for the theme steps', async () => {
		const { server, world, join } = await setup({ themeSelection: 'fixed' });
		const { getDialogueSession, updateSessionSettings } = await import('../../src/lib/server/sessions/setup');
		const facilitator = await join('facilitator');
		expect(facilitator.latest.agenda.map((a) => a.phase).slice(0, 4)).toEqual(['intro', 'overview', 'proposals', 'theme']);
		expect(await facilitator.send('join:lock', { locked: true })).toMatchObject({ ok: true });
		const [a, b] = facilitator.latest.themes.map((t) => t.id);
		expect(await facilitator.send('vote:choose', { themeIds: [a, b] })).toMatchObject({ ok: true });
		const db = server.runtime.db;
		expect(getDialogueSession(db, world.session.id)!.status).toBe('planned');
		// Still planned: the settings may change; fewer themes than chosen clears the choice.
		updateSessionSettings(db, { type: 'user', id: world.facilitator.id }, world.session.id, {
			title: 'Nieuwe titel',
			frameworkVersionId: world.session.frameworkVersionId,
			themeSelection: 'fixed',
			themesToTreat: 1
		});
		const { sessionState } = await import('../../src/lib/server/sessions/state');
		expect(sessionState(db, world.session.id, { kind: 'facilitator' }).themes.filter((t) => t.chosenRank !== null)).toEqual([]);
		expect(await facilitator.send('agenda:goto', { to: 3 })).toMatchObject({ ok: false, error: 'error.agenda.chooseThemesFirst' });
		expect(await facilitator.send('agenda:goto', { to: 'next' })).toMatchObject({ ok: true });
		expect(getDialogueSession(db, world.session.id)!.status).toBe('open');
	});
});

describe('a staff login and a participant token in one browser', () => {
	it('joins a session the staff login has no part in as the participant', async () => {
		const { server, world } = await setup();
		const { member } = await import('../helpers/live');
		const both = `${world.cookies.facilitator}; ${world.cookies.stranger}`;
		// A quality manager's login has no part in the sessions; the token makes them a participant.
		const { createAccount } = await import('../../src/lib/server/auth/accounts');
		const { createSession } = await import('../../src/lib/server/auth/sessions');
		const manager = await createAccount(
			server.runtime.db,
			{ type: 'system', id: null },
			{ email: 'km-both@g.test', name: 'KM', roles: ['quality_manager'] },
			'een goed wachtwoord'
		);
		const cookie = `kd_session=${createSession(server.runtime.db, manager.id, 7).token}; ${world.cookies.stranger}`;
		const asParticipant = await member(server.url, cookie, world.other.id);
		cleanup.push(() => asParticipant.socket.disconnect());
		expect(asParticipant.joined.state).toMatchObject({ viewer: 'participant', mine: { used: 0 } });
		// The facilitator's own login still leads its session.
		const leading = await member(server.url, both, world.session.id);
		cleanup.push(() => leading.socket.disconnect());
		expect(leading.joined.state).toMatchObject({ viewer: 'facilitator' });
	});
});

describe('the vote beforehand and the session', () => {
	it('ends a running vote beforehand when the session vote opens, and tells everyone when its deadline passes', async () => {
		const { join } = await setup();
		const facilitator = await join('facilitator');
		const cor = await join('cor');
		const theme = facilitator.latest.themes[0]!.id;
		expect(await facilitator.send('prevote:set', { deadline: new Date(Date.now() + 1500).toISOString() })).toMatchObject({ ok: true });
		await eventually(() => cor.latest.prevote.open, 3000, 'open');
		expect((await cor.send('sticker:place', { themeId: theme, ballot: 'prevote' })).ok).toBe(true);
		// Nobody acts: the server announces the deadline.
		await eventually(() => !cor.latest.prevote.open, 4000, 'closed at the deadline');
		expect(await facilitator.send('prevote:set', { deadline: new Date(Date.now() + 60_000).toISOString() })).toMatchObject({ ok: true });
		await eventually(() => cor.latest.prevote.open, 3000, 'open again');
		await toVoting(facilitator);
		await eventually(() => !cor.latest.prevote.open && cor.latest.vote.status === 'open', 3000, 'session vote replaces it');
		expect(await cor.send('sticker:place', { themeId: theme, ballot: 'prevote' })).toMatchObject({
			ok: false,
			error: 'error.vote.prevoteClosed'
		});
	});
});
