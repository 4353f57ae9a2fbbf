/**
 * One person, one identity, over real socket.io clients and HTTP against the real server: the
 * facilitator links someone who joined with the code to their entry on the list, and the
 * person does it through their personal link (which asks first); a merge over the sticker
 * budget is refused; a person on the list marked without a device gets stickers from the
 * facilitator, shown where they are; and in a session of 13 people, 5 of whom also joined
 * with the code, with observers, the report, the lead view, the call list and the evaluation
 * all count 13 once they are linked.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, participants, stickers, type Perspective } from '../../src/lib/server/db/schema';
import {
	addListedParticipant,
	groupAdvice,
	joinByCode,
	listParticipants,
	newParticipantLink
} from '../../src/lib/server/sessions/participants';
import { submitEvaluation } from '../../src/lib/server/reports/evaluation';
import { callList, getReport, sendReport, startReport } from '../../src/lib/server/reports/reports';
import { plainLanguageFindings } from '../../src/lib/server/reports/view';
import { liveCounts } from '../../src/lib/shared/sessions/headcount';
import { startTestServer } from '../helpers/server';
import { eventually } from '../helpers/realtime';
import { liveWorld, member } from '../helpers/live';
import { nl } from '../helpers/i18n';

// One server for the file: SvelteKit's check of a form's Origin takes the address of the first
// server started in a process (adapter-node reads ORIGIN when its handler loads).
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server?.close());

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

type Member = Awaited<ReturnType<typeof member>>;

async function setup(settings = {}) {
	const world = await liveWorld(server.runtime.db, settings);
	const db = server.runtime.db;
	const actor = { type: 'user' as const, id: world.facilitator.id };
	const connect = async (cookie: string, sessionId = world.session.id) => {
		const m = await member(server.url, cookie, sessionId);
		cleanup.push(() => m.socket.disconnect());
		return m;
	};
	/** Someone on the list, with a personal link as in their invitation. */
	const listed = (
		displayName: string,
		perspective: Perspective,
		extra: { email?: string; phone?: string; role?: 'participant' | 'observer' } = {}
	) => {
		const participant = addListedParticipant(db, actor, world.session.id, { displayName, perspective, ...extra });
		return { participant, link: newParticipantLink(db, participant.id, 'invitation') };
	};
	/** Someone who types the code from the projector. */
	const withCode = (displayName: string, perspective: Perspective) =>
		joinByCode(db, world.session.joinCode!, { displayName, perspective }, '192.0.2.1');
	return { server, world, db, actor, connect, listed, withCode };
}

async function toVoting(facilitator: Member) {
	for (let i = 0; i < 3; i++) expect((await facilitator.send('agenda:goto', { to: 'next' })).ok).toBe(true);
	expect(await facilitator.send('vote:open')).toMatchObject({ ok: true });
}

/** The reason a connection is ended with, and the end itself. */
function endOf(m: Member): Promise<{ reason: string }> {
	return new Promise((resolve) => {
		let info: { reason: string } = { reason: 'none' };
		m.socket.once('session:ended', (i: { reason: string }) => (info = i));
		m.socket.once('disconnect', () => resolve(info));
	});
}

/** Cookies from Set-Cookie headers, as name → value ('' when deleted). */
function setCookies(response: Response): Map<string, string> {
	return new Map(
		response.headers.getSetCookie().map((c) => {
			const [pair] = c.split(';');
			const at = pair!.indexOf('=');
			const deleted = /max-age=0|expires=thu, 01 jan 1970/i.test(c);
			return [pair!.slice(0, at), deleted ? '' : pair!.slice(at + 1)];
		})
	);
}

const decode = (html: string) => html.replaceAll('&quot;', '"').replaceAll('&#34;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');

describe('the facilitator links someone who joined with the code to the list', () => {
	it('moves their stickers to the list entry; their browser goes on as that person, not as removed', async () => {
		const { db, world, connect, listed, withCode } = await setup();
		const devries = listed('Mevrouw De Vries', 'client', { email: 'devries@example.org' });
		const riet = withCode('Riet', 'other');
		const facilitator = await connect(world.cookies.facilitator);
		const phone = await connect(`kd_participant=${riet.token}`);
		await toVoting(facilitator);
		const theme = facilitator.latest.themes[2]!.id;
		expect(await phone.send('sticker:place', { themeId: theme })).toMatchObject({ ok: true });
		await eventually(() => facilitator.latest.people?.find((p) => p.id === riet.participant.id)?.present === true, 3000, 'riet present');
		expect(facilitator.latest.people?.find((p) => p.id === riet.participant.id)).toMatchObject({ origin: 'code', attended: true });
		expect(liveCounts(facilitator.latest.people!)).toMatchObject({ total: 5 });

		// Participants cannot link anyone.
		expect(await phone.send('participant:merge', { participantId: riet.participant.id, intoId: devries.participant.id })).toEqual({
			ok: false,
			error: 'error.forbidden'
		});
		const ended = endOf(phone);
		expect(
			await facilitator.send('participant:merge', { participantId: riet.participant.id, intoId: devries.participant.id })
		).toMatchObject({
			ok: true,
			intoId: devries.participant.id,
			moved: { stickers: 1, proposals: 0 }
		});
		// Told why, so the page connects again instead of saying "removed".
		expect(await ended).toEqual({ reason: 'merged' });
		expect(db.select().from(stickers).where(eq(stickers.sessionThemeId, theme)).get()!.participantId).toBe(devries.participant.id);
		expect(db.select().from(participants).where(eq(participants.id, riet.participant.id)).get()).toMatchObject({
			mergedIntoId: devries.participant.id
		});
		expect(db.select().from(auditLog).where(eq(auditLog.action, 'participant.merge')).get()!.details).toMatchObject({
			fromId: riet.participant.id,
			via: 'facilitator'
		});

		// The same browser, the same cookie: now the list entry, with the sticker.
		const again = await connect(`kd_participant=${riet.token}`);
		expect(again.joined.state!.mine).toMatchObject({ participantId: devries.participant.id, used: 1, perTheme: { [theme]: 1 } });
		await eventually(
			() => facilitator.latest.people?.find((p) => p.id === devries.participant.id)?.present === true,
			3000,
			'de vries present'
		);
		expect(facilitator.latest.people?.some((p) => p.id === riet.participant.id)).toBe(false);
		expect(liveCounts(facilitator.latest.people!)).toMatchObject({ total: 4 });
		// The old record is gone for good: it cannot be linked again.
		expect(
			await facilitator.send('participant:merge', { participantId: riet.participant.id, intoId: devries.participant.id })
		).toMatchObject({ ok: false, error: 'error.missing' });
	});

	it('refuses a merge over the sticker budget, and takes it once a sticker is off', async () => {
		const { db, world, connect, listed, withCode } = await setup();
		const devries = listed('Mevrouw De Vries', 'client');
		const riet = withCode('Riet', 'other');
		const facilitator = await connect(world.cookies.facilitator);
		const [ownLink, phone] = await Promise.all([connect(`kd_participant=${devries.link}`), connect(`kd_participant=${riet.token}`)]);
		await toVoting(facilitator);
		const [t1, t2, t3] = facilitator.latest.themes.map((t) => t.id);
		for (const themeId of [t1, t2]) expect((await ownLink.send('sticker:place', { themeId })).ok).toBe(true);
		for (const themeId of [t2, t3]) expect((await phone.send('sticker:place', { themeId })).ok).toBe(true);

		const merge = () => facilitator.send('participant:merge', { participantId: riet.participant.id, intoId: devries.participant.id });
		expect(await merge()).toEqual({ ok: false, error: 'error.merge.budget', params: { count: 4, max: 3, over: 1 } });
		expect(nl('error.merge.budget', { count: 4, max: 3, over: 1 })).toContain('Haal eerst 1 sticker weg');
		// Nothing changed: both still vote as themselves.
		expect(db.select().from(stickers).where(eq(stickers.participantId, riet.participant.id)).all()).toHaveLength(2);
		expect(phone.socket.connected).toBe(true);

		expect((await phone.send('sticker:remove', { themeId: t3 })).ok).toBe(true);
		// Still one too many on one theme (t2: one each, one per theme allowed).
		expect(await merge()).toMatchObject({ ok: false, error: 'error.merge.themeBudget', params: { max: 1, over: 1 } });
		expect((await phone.send('sticker:remove', { themeId: t2 })).ok).toBe(true);
		expect(await merge()).toMatchObject({ ok: true, moved: { stickers: 0 } });
	});
});

describe('the person links themselves with their personal link', () => {
	it('asks first, without the token in any address, and merges when they say it is them', async () => {
		const { server, db, world, connect, listed, withCode } = await setup();
		const devries = listed('Mevrouw De Vries', 'client', { email: 'devries@example.org' });
		const riet = withCode('Riet', 'other');
		const phone = await connect(`kd_participant=${riet.token}`);
		const browser = `kd_participant=${riet.token}`;

		const opened = await fetch(`${server.url}/j/${devries.link}`, { headers: { cookie: browser }, redirect: 'manual' });
		expect(opened.status).toBe(303);
		expect(opened.headers.get('location')).toBe('/j/confirm');
		expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
		const waiting = opened.headers.getSetCookie().find((c) => c.startsWith('kd_link='))!;
		expect(waiting).toMatch(/HttpOnly/i);
		expect(waiting).toMatch(/Path=\/j/i);
		// Nothing replaced yet.
		expect(setCookies(opened).has('kd_participant')).toBe(false);
		const withLink = `${browser}; kd_link=${setCookies(opened).get('kd_link')}`;

		const question = await fetch(`${server.url}/j/confirm`, { headers: { cookie: withLink } });
		expect(question.status).toBe(200);
		expect(question.headers.get('referrer-policy')).toBe('same-origin');
		expect(question.headers.get('cache-control')).toBe('no-store');
		const html = decode(await question.text());
		expect(html).toContain(nl('identity.link.already', { current: 'Riet', session: world.session.title }));
		expect(html).toContain(nl('identity.link.samePerson', { name: 'Mevrouw De Vries' }));
		expect(html).toContain(nl('identity.link.mergeYes', { name: 'Mevrouw De Vries' }));
		expect(html).not.toContain(devries.link);
		expect(html).not.toContain(devries.link.split('.')[1]!);

		const ended = endOf(phone);
		const post = (action: string, cookie: string) =>
			fetch(`${server.url}/j/confirm?/${action}`, {
				method: 'POST',
				headers: { cookie, origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: '',
				redirect: 'manual'
			});
		const merged = await post('merge', withLink);
		expect(merged.status).toBe(303);
		expect(merged.headers.get('location')).toBe(`/live/${world.session.id}`);
		const after = setCookies(merged);
		expect(after.get('kd_participant')).toBe(devries.link);
		expect(after.get('kd_link')).toBe('');
		expect(await ended).toEqual({ reason: 'merged' });
		expect(db.select().from(participants).where(eq(participants.id, riet.participant.id)).get()).toMatchObject({
			mergedIntoId: devries.participant.id
		});
		expect(
			db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.action, 'participant.merge'), eq(auditLog.actorType, 'participant')))
				.get()!.details
		).toMatchObject({ via: 'link' });
		// Both the link and the old cookie open the list entry now; nothing more to ask.
		const live = await connect(`kd_participant=${devries.link}`);
		expect(live.joined.state!.mine!.participantId).toBe(devries.participant.id);
		const reopened = await fetch(`${server.url}/j/${devries.link}`, { headers: { cookie: browser }, redirect: 'manual' });
		expect(reopened.headers.get('location')).toBe(`/live/${world.session.id}`);
	});

	it('says why a merge cannot be done, and still lets the person choose', async () => {
		const { server, db, world, connect, listed, withCode } = await setup({ stickersPerParticipant: 2 });
		const devries = listed('Mevrouw De Vries', 'client');
		const riet = withCode('Riet', 'other');
		const facilitator = await connect(world.cookies.facilitator);
		const [ownLink, phone] = await Promise.all([connect(`kd_participant=${devries.link}`), connect(`kd_participant=${riet.token}`)]);
		await toVoting(facilitator);
		const [t1, t2] = facilitator.latest.themes.map((t) => t.id);
		expect((await ownLink.send('sticker:place', { themeId: t1 })).ok).toBe(true);
		for (const themeId of [t1, t2]) expect((await phone.send('sticker:place', { themeId })).ok).toBe(true);

		const opened = await fetch(`${server.url}/j/${devries.link}`, {
			headers: { cookie: `kd_participant=${riet.token}` },
			redirect: 'manual'
		});
		const cookie = `kd_participant=${riet.token}; kd_link=${setCookies(opened).get('kd_link')}`;
		const refused = await fetch(`${server.url}/j/confirm?/merge`, {
			method: 'POST',
			headers: { cookie, origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: ''
		});
		expect(refused.status).toBe(409);
		const html = decode(await refused.text());
		expect(html).toContain(nl('error.merge.budget', { count: 3, max: 2, over: 1 }));
		expect(html).toContain(nl('identity.link.switchNoMerge', { name: 'Mevrouw De Vries' }));
		expect(db.select().from(participants).where(eq(participants.id, riet.participant.id)).get()!.mergedIntoId).toBeNull();
		expect(phone.socket.connected).toBe(true);
	});

	it('asks before replacing someone of another session, and keeps them when they say so', async () => {
		const { server, world, listed } = await setup();
		const devries = listed('Mevrouw De Vries', 'client');
		const stranger = world.cookies.stranger;
		const opened = await fetch(`${server.url}/j/${devries.link}`, { headers: { cookie: stranger }, redirect: 'manual' });
		expect(opened.headers.get('location')).toBe('/j/confirm');
		const cookie = `${stranger}; kd_link=${setCookies(opened).get('kd_link')}`;
		const html = decode(await (await fetch(`${server.url}/j/confirm`, { headers: { cookie } })).text());
		expect(html).toContain(nl('identity.link.already', { current: 'Sven', session: world.other.title }));
		expect(html).toContain(nl('identity.link.question', { name: 'Mevrouw De Vries', session: world.session.title }));
		// No merge across sessions.
		expect(html).not.toContain(nl('identity.link.mergeYes', { name: 'Mevrouw De Vries' }));
		const post = (action: string) =>
			fetch(`${server.url}/j/confirm?/${action}`, {
				method: 'POST',
				headers: { cookie, origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: '',
				redirect: 'manual'
			});
		const stay = await post('stay');
		expect(stay.headers.get('location')).toBe(`/live/${world.other.id}`);
		expect(setCookies(stay).has('kd_participant')).toBe(false);
		expect(setCookies(stay).get('kd_link')).toBe('');
		const go = await post('switch');
		expect(go.headers.get('location')).toBe(`/live/${world.session.id}`);
		expect(setCookies(go).get('kd_participant')).toBe(devries.link);
		// Without a link waiting, there is nothing to confirm.
		const none = await fetch(`${server.url}/j/confirm`, { headers: { cookie: stranger } });
		expect(decode(await none.text())).toContain(nl('identity.link.expired'));
		// A browser without anyone in it still goes straight on.
		const fresh = await fetch(`${server.url}/j/${devries.link}`, { redirect: 'manual' });
		expect(fresh.headers.get('location')).toBe(`/live/${world.session.id}`);
	});
});

describe('attendance', () => {
	it('counts who was connected shortly before the session opened, also when their phone has gone off since', async () => {
		const { db, world, connect } = await setup();
		const facilitator = await connect(world.cookies.facilitator);
		const person = (id: number) => facilitator.latest.people?.find((p) => p.id === id);
		// Ans joins while the facilitator still welcomes everyone (the session is planned), then her screen goes off.
		const ans = await connect(world.cookies.ans);
		await eventually(() => person(world.ans.participant.id)?.present === true, 3000, 'Ans present');
		ans.socket.disconnect();
		await eventually(() => person(world.ans.participant.id)?.present === false, 3000, 'Ans gone');
		expect(person(world.ans.participant.id)?.attended).toBe(false);
		// "Volgende stap": the session opens. Ans was there; Bas, who never connected, was not.
		expect((await facilitator.send('agenda:goto', { to: 'next' })).ok).toBe(true);
		await eventually(() => person(world.ans.participant.id)?.attended === true, 3000, 'Ans counted');
		expect(person(world.bas.participant.id)?.attended).toBe(false);
		const attendedAt = (id: number) => db.select().from(participants).where(eq(participants.id, id)).get()!.attendedAt;
		expect(attendedAt(world.ans.participant.id)).not.toBeNull();
		expect(attendedAt(world.bas.participant.id)).toBeNull();
	});
});

describe('people on the list without a device', () => {
	it('are marked by the facilitator, who places their stickers and sees where they are', async () => {
		const { db, world, connect, listed, withCode } = await setup();
		const jansen = listed('Mevrouw Jansen', 'client', { phone: '06 12345678' });
		const riet = withCode('Riet', 'other');
		const facilitator = await connect(world.cookies.facilitator);
		const ans = await connect(world.cookies.ans);
		expect(await ans.send('participant:device', { participantId: jansen.participant.id, withoutDevice: true })).toEqual({
			ok: false,
			error: 'error.forbidden'
		});
		expect(await facilitator.send('participant:device', { participantId: jansen.participant.id, withoutDevice: true })).toMatchObject({
			ok: true
		});
		expect(await facilitator.send('participant:device', { participantId: riet.participant.id, withoutDevice: true })).toMatchObject({
			ok: false,
			error: 'error.device.joinedWithCode'
		});
		expect(await facilitator.send('participant:device', { participantId: world.obs.participant.id, withoutDevice: true })).toMatchObject({
			ok: false,
			error: 'error.device.observer'
		});
		await eventually(() => facilitator.latest.people?.find((p) => p.id === jansen.participant.id)?.proxy === true, 3000, 'marked');
		expect(facilitator.latest.people?.find((p) => p.id === jansen.participant.id)).toMatchObject({
			origin: 'list',
			attended: false,
			stickers: {}
		});

		await toVoting(facilitator);
		const [t1, t2] = facilitator.latest.themes.map((t) => t.id);
		expect(await facilitator.send('sticker:place', { themeId: t1, participantId: jansen.participant.id })).toMatchObject({
			ok: true,
			mine: { used: 1 }
		});
		expect(await facilitator.send('sticker:place', { themeId: t2, participantId: jansen.participant.id })).toMatchObject({
			ok: true,
			mine: { used: 2 }
		});
		expect(
			db
				.select()
				.from(stickers)
				.where(eq(stickers.participantId, jansen.participant.id))
				.all()
				.map((s) => s.proxy)
		).toEqual([true, true]);
		// Where her stickers are, and that she is there (a sticker was placed for her).
		await eventually(
			() => Object.keys(facilitator.latest.people?.find((p) => p.id === jansen.participant.id)?.stickers ?? {}).length === 2,
			3000,
			'stickers shown'
		);
		expect(facilitator.latest.people?.find((p) => p.id === jansen.participant.id)).toMatchObject({
			attended: true,
			stickers: { [t1!]: 1, [t2!]: 1 }
		});
		// Ans, Bas, Cor, Mevrouw Jansen and Riet (not linked): Ans and Mevrouw Jansen are there.
		expect(liveCounts(facilitator.latest.people!)).toMatchObject({ present: 2, total: 5 });

		// Unmarked: she votes herself again (her link still works), the facilitator no longer can.
		expect(await facilitator.send('participant:device', { participantId: jansen.participant.id, withoutDevice: false })).toMatchObject({
			ok: true
		});
		expect(await facilitator.send('sticker:place', { themeId: t2, participantId: jansen.participant.id })).toEqual({
			ok: false,
			error: 'error.vote.notProxy'
		});
		const own = await connect(`kd_participant=${jansen.link}`);
		expect(own.joined.state!.mine).toMatchObject({ used: 2 });
		// Marking present and absent by hand, for anyone in the session.
		expect(await facilitator.send('participant:attended', { participantId: world.bas.participant.id, attended: true })).toMatchObject({
			ok: true
		});
		expect(db.select().from(participants).where(eq(participants.id, world.bas.participant.id)).get()!.attendedAt).not.toBeNull();
		expect(await facilitator.send('participant:attended', { participantId: world.stranger.participant.id, attended: true })).toMatchObject({
			ok: false,
			error: 'error.missing'
		});

		// Once closed, nobody is added or marked without a device any more; attendance can still be corrected.
		expect(await facilitator.send('session:close')).toMatchObject({ ok: true });
		expect(await facilitator.send('participant:device', { participantId: jansen.participant.id, withoutDevice: true })).toEqual({
			ok: false,
			error: 'error.session.closed'
		});
		expect(await facilitator.send('participant:proxy', { displayName: 'Te laat', perspective: 'client' })).toEqual({
			ok: false,
			error: 'error.session.closed'
		});
		expect(await facilitator.send('participant:attended', { participantId: world.bas.participant.id, attended: false })).toMatchObject({
			ok: true
		});
	});
});

describe('every count counts people, once', () => {
	it('gives 13 for a session of 13 people on the list, 5 of whom also joined with the code, with observers', async () => {
		const { server, db, world, actor, connect, listed, withCode } = await setup();
		// The world's own people (Ans, Bas, Cor, Olga) were not on this list: they leave first.
		for (const p of [world.ans, world.bas, world.cor, world.obs])
			db.update(participants).set({ removedAt: new Date() }).where(eq(participants.id, p.participant.id)).run();
		const group: [string, Perspective, { email?: string; phone?: string }][] = [
			['Ahmed', 'client', { email: 'ahmed@example.org' }],
			['Bea', 'client', { phone: '06 11111111' }],
			['Carla', 'client', {}],
			['Dirk', 'client', { email: 'dirk@example.org' }],
			['Els', 'official', { email: 'els@gemeente.test' }],
			['Frank', 'official', { email: 'frank@gemeente.test' }],
			['Gerda', 'council_member', { email: 'gerda@raad.test' }],
			['Hans', 'council_member', {}],
			['Ilse', 'wmo_council', { email: 'ilse@wmoraad.test' }],
			['Jan', 'wmo_council', { phone: '06 22222222' }],
			['Karin', 'provider', { email: 'karin@zorg.test' }],
			['Lotte', 'client', { phone: '06 33333333' }],
			['Mo', 'other', { email: 'mo@example.org' }]
		];
		const people = group.map(([name, perspective, contact]) => listed(name, perspective, contact));
		const observers = [
			listed('Wethouder Wit', 'official', { role: 'observer', email: 'wit@gemeente.test' }),
			listed('Raadslid Roos', 'council_member', { role: 'observer' })
		];
		expect(groupAdvice(listParticipants(db, world.session.id)).count).toBe(13);

		const facilitator = await connect(world.cookies.facilitator);
		await toVoting(facilitator); // the session runs from the first step on
		const themes = facilitator.latest.themes.map((t) => t.id);

		// Five of them type the code on their phone, under the name they use.
		const byCode = people.slice(0, 5).map((p, i) => ({ listed: p, joined: withCode(`${group[i]![0]} (telefoon)`, 'other') }));
		const phones = await Promise.all(byCode.map((b) => connect(`kd_participant=${b.joined.token}`)));
		for (const [i, phone] of phones.entries()) expect((await phone.send('sticker:place', { themeId: themes[i % 4]! })).ok).toBe(true);
		// Five open the personal link from their invitation.
		const links = await Promise.all(people.slice(5, 10).map((p) => connect(`kd_participant=${p.link}`)));
		for (const [i, m] of links.entries()) expect((await m.send('sticker:place', { themeId: themes[(i + 1) % 4]! })).ok).toBe(true);
		// Three have no device: the facilitator votes for two, and marks the third present.
		const noDevice = people.slice(10, 13);
		for (const p of noDevice)
			expect((await facilitator.send('participant:device', { participantId: p.participant.id, withoutDevice: true })).ok).toBe(true);
		for (const p of noDevice.slice(0, 2))
			expect((await facilitator.send('sticker:place', { themeId: themes[0]!, participantId: p.participant.id })).ok).toBe(true);
		expect((await facilitator.send('participant:attended', { participantId: noDevice[2]!.participant.id, attended: true })).ok).toBe(true);
		// One observer is there; the other does not come.
		await connect(`kd_participant=${observers[0]!.link}`);

		// Before linking: five people twice (their list entries not connected, their phones are).
		await eventually(
			() => liveCounts(facilitator.latest.people ?? []).present === 13 && liveCounts(facilitator.latest.people!).observersPresent === 1,
			5000,
			'everyone present'
		);
		expect(liveCounts(facilitator.latest.people!)).toEqual({ present: 13, total: 18, observers: 2, observersPresent: 1 });

		// The facilitator links the five: "Dit is … van de lijst". Their phones go on as them.
		for (const [i, b] of byCode.entries()) {
			const ended = endOf(phones[i]!);
			expect(
				await facilitator.send('participant:merge', { participantId: b.joined.participant.id, intoId: b.listed.participant.id })
			).toMatchObject({ ok: true });
			expect(await ended).toEqual({ reason: 'merged' });
			const again = await connect(`kd_participant=${b.joined.token}`);
			expect(again.joined.state!.mine).toMatchObject({ participantId: b.listed.participant.id, used: 1 });
		}
		await eventually(
			() => liveCounts(facilitator.latest.people ?? []).total === 13 && liveCounts(facilitator.latest.people!).present === 13,
			5000,
			'13 of 13'
		);
		expect(liveCounts(facilitator.latest.people!)).toEqual({ present: 13, total: 13, observers: 2, observersPresent: 1 });
		expect(groupAdvice(listParticipants(db, world.session.id)).count).toBe(13);

		expect((await facilitator.send('session:close')).ok).toBe(true);

		// The evaluation: three participants, and the observer (who is not in the ratio).
		const fresh = (id: number) => db.select().from(participants).where(eq(participants.id, id)).get()!;
		for (const p of [people[0]!, people[5]!, people[11]!])
			submitEvaluation(db, fresh(p.participant.id), { sharedAll: 'yes', heard: 'yes', clear: 'yes', worthwhile: 'yes' });
		submitEvaluation(db, fresh(observers[0]!.participant.id), { sharedAll: 'yes', heard: 'partly', clear: 'yes', worthwhile: 'yes' });

		// The report: everyone who took part, once, per perspective.
		const report = startReport(db, actor, world.session.id);
		const intro = report.content.sections.find((s) => s.key === 'intro')!.body;
		expect(intro).toContain(
			[
				'Er deden 13 mensen mee:',
				'- 5 cliënten',
				'- 2 ambtenaren',
				'- 2 raadsleden',
				'- 2 leden van de Wmo-raad',
				'- 1 aanbieder',
				'- 1 persoon met een andere achtergrond'
			].join('\n')
		);
		// What the app composed passes its own plain-language check (as one sentence it had 25 words).
		expect(plainLanguageFindings(db, report.content).findings['s0.body']).toBeUndefined();
		expect(report.content.sections.find((s) => s.key === 'evaluation')!.body).toContain(
			nl('reports.document.evaluation.count', { responses: 3, invited: 13 })
		);
		const followUp = decode(
			await (await fetch(`${server.url}/sessions/${world.session.id}/follow-up`, { headers: { cookie: world.cookies.facilitator } })).text()
		);
		expect(followUp).toContain(nl('reports.evaluation.count', { responses: 3, invited: 13 }));

		// Sent to everyone who took part and the observer who was there; the call list holds the 13 minus who responded.
		const sent = sendReport(db, actor, world.session.id, server.url);
		expect(sent.mailed + sent.withoutEmail.length).toBe(14);
		expect(sent.withoutEmail.map((p) => p.displayName).sort()).toEqual(['Bea', 'Carla', 'Hans', 'Jan', 'Lotte']);
		const calls = callList(db, getReport(db, world.session.id)!);
		expect(calls).toHaveLength(13);
		expect(calls.map((c) => c.displayName)).not.toContain('Wethouder Wit');
		expect(calls.some((c) => c.displayName.includes('telefoon'))).toBe(false);
		const reportPage = decode(
			await (await fetch(`${server.url}/sessions/${world.session.id}/report`, { headers: { cookie: world.cookies.facilitator } })).text()
		);
		expect(reportPage).toContain(nl('reports.calls.caption', { count: 13 }));
		const participantsPage = decode(
			await (
				await fetch(`${server.url}/sessions/${world.session.id}/participants`, { headers: { cookie: world.cookies.facilitator } })
			).text()
		);
		expect(participantsPage).toContain(nl('identity.list.tookPart', { count: 13, total: 13 }));
	});
});
