/**
 * Joining with the projector code is limited per client address and per session (issue 16:
 * one client joined as 120 participants in a second). The facilitator sees joins held back
 * and can allow joining again. Addresses come from X-Forwarded-For (ADDRESS_HEADER), as behind
 * a reverse proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { loginFailures, participants } from '../../src/lib/server/db/schema';
import {
	MAX_JOINS_PER_ADDRESS,
	MAX_JOINS_PER_SESSION,
	MAX_WRONG_CODES,
	WRONG_CODE_PACE_MS
} from '../../src/lib/server/sessions/join-limits';
import { nl } from '../helpers/i18n';
import { startTestServer } from '../helpers/server';
import { eventually } from '../helpers/realtime';
import { liveWorld, member } from '../helpers/live';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;

beforeAll(async () => {
	// adapter-node reads it when its handler loads (once per test file).
	process.env.ADDRESS_HEADER = 'x-forwarded-for';
	server = await startTestServer({ env: { ADDRESS_HEADER: 'x-forwarded-for' } });
});
afterAll(async () => {
	await server?.close();
	delete process.env.ADDRESS_HEADER;
});

async function join(code: string, name: string, address: string): Promise<{ type: string; status?: number; data?: string }> {
	const response = await fetch(`${server.url}/join`, {
		method: 'POST',
		headers: {
			origin: server.url,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true',
			'x-forwarded-for': address
		},
		body: new URLSearchParams({ code, displayName: name, perspective: 'client' })
	});
	return (await response.json()) as { type: string; status?: number; data?: string };
}

const people = (sessionId: number) =>
	server.runtime.db.select({ n: count() }).from(participants).where(eq(participants.dialogueSessionId, sessionId)).get()!.n;

describe('limits on joining with the code', () => {
	it('lets one address join a room full of people, stops a flood, and shows the facilitator, who can allow joining again', async () => {
		const world = await liveWorld(server.runtime.db);
		const code = world.session.joinCode!;
		const before = people(world.session.id);
		const facilitator = await member(server.url, world.cookies.facilitator, world.session.id);
		expect(facilitator.latest.joinHold).toBeNull();

		// A flood from one address, all at once: only the allowance of one address gets in.
		const flood = await Promise.all(Array.from({ length: 60 }, (_, i) => join(code, `Nep ${i}`, '203.0.113.7')));
		expect(flood.filter((r) => r.type === 'redirect')).toHaveLength(MAX_JOINS_PER_ADDRESS);
		const refused = flood.filter((r) => r.type === 'failure');
		expect(refused).toHaveLength(60 - MAX_JOINS_PER_ADDRESS);
		expect(refused.every((r) => r.status === 429 && r.data?.includes('error.join.held'))).toBe(true);
		expect(people(world.session.id)).toBe(before + MAX_JOINS_PER_ADDRESS);

		// Someone on another network still gets in; the facilitator sees the refusals at once.
		expect((await join(code, 'Echte deelnemer', '198.51.100.1')).type).toBe('redirect');
		await eventually(
			() => (facilitator.latest.joinHold?.refused ?? 0) === 60 - MAX_JOINS_PER_ADDRESS,
			3000,
			'the facilitator sees the hold'
		);
		// Participants do not see it.
		const ans = await member(server.url, world.cookies.ans, world.session.id);
		expect(ans.latest.joinHold).toBeUndefined();
		expect(await ans.send('join:lift')).toEqual({ ok: false, error: 'error.forbidden' });

		// The facilitator allows joining again: the address may join again.
		expect(await facilitator.send('join:lift')).toMatchObject({ ok: true });
		await eventually(() => facilitator.latest.joinHold === null, 3000, 'the hold lifted');
		expect((await join(code, 'Na het toestaan', '203.0.113.7')).type).toBe('redirect');
		facilitator.socket.disconnect();
		ans.socket.disconnect();
	});

	it('answers a request without the address header (one that bypassed the proxy) with a clear 400, not an internal error', async () => {
		const world = await liveWorld(server.runtime.db);
		const response = await fetch(`${server.url}/join`, {
			method: 'POST',
			headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' },
			body: new URLSearchParams({ code: world.session.joinCode!, displayName: 'Zonder proxy', perspective: 'client' })
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({
			type: 'error',
			error: { code: 'error.addressMissing', message: expect.stringContaining('welk adres') }
		});
		const api = await fetch(`${server.url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: 'iemand@gemeente.nl', password: 'een wachtwoord dat niet klopt' })
		});
		expect(api.status).toBe(400);
		expect((await api.json()).error.code).toBe('error.addressMissing');
		// Pages that do not need the address still open.
		expect((await fetch(`${server.url}/login`)).status).toBe(200);
	});

	it('counts an IPv6 network as one address: a device cannot pass the limit by changing its address', async () => {
		const world = await liveWorld(server.runtime.db);
		const code = world.session.joinCode!;
		// One phone's /64: every join from a new address in it, written in different ways.
		const inNetwork = (i: number) => (i % 2 ? `2001:db8:7:1::${(i + 1).toString(16)}` : `2001:0db8:0007:0001:${i}:ffff:0:1`);
		const answers = [];
		for (let i = 0; i < MAX_JOINS_PER_ADDRESS + 5; i++) answers.push(await join(code, `Nep ${i}`, inNetwork(i)));
		expect(answers.filter((r) => r.type === 'redirect')).toHaveLength(MAX_JOINS_PER_ADDRESS);
		expect(answers.slice(MAX_JOINS_PER_ADDRESS).every((r) => r.type === 'failure' && r.status === 429)).toBe(true);
		// The next network (another household) joins as usual.
		expect((await join(code, 'Buren', '2001:db8:7:2::1')).type).toBe('redirect');
	});

	it('holds joining for everyone after many joins into one session from many addresses', async () => {
		const world = await liveWorld(server.runtime.db);
		const code = world.session.joinCode!;
		for (let i = 0; i < MAX_JOINS_PER_SESSION; i++) expect((await join(code, `Persoon ${i}`, `192.0.2.${i}`)).type).toBe('redirect');
		const held = await join(code, 'Te veel', '192.0.2.250');
		expect(held).toMatchObject({ type: 'failure', status: 429 });
		expect(held.data).toContain('error.join.held');
		// Another session is not affected.
		expect((await join(world.other.joinCode!, 'Elders', '192.0.2.250')).type).toBe('redirect');
	});

	it('makes a network that typed many wrong codes wait half a minute, not a quarter of an hour, and tells the people there', async () => {
		const world = await liveWorld(server.runtime.db);
		const code = world.session.joinCode!;
		const wrong = code === 'QQQQQQ' ? 'QQQQQR' : 'QQQQQQ';
		for (let i = 0; i < MAX_WRONG_CODES; i++) {
			const answer = await join(wrong, 'Raden', '198.51.100.77');
			expect(answer).toMatchObject({ type: 'failure', status: 404 });
		}
		// The building's wifi: the right code waits too (the answer must not tell right from wrong)...
		const held = await join(code, 'Laatkomer', '198.51.100.77');
		expect(held).toMatchObject({ type: 'failure', status: 429 });
		expect(held.data).toContain('join.throttled');
		const page = await fetch(`${server.url}/join?code=${code}`, { headers: { 'x-forwarded-for': '198.51.100.77' } });
		expect(await page.text()).toContain(nl('join.throttled', { seconds: WRONG_CODE_PACE_MS / 1000 }));
		// ...someone on another network joins as usual...
		expect((await join(code, 'Op mobiele data', '203.0.113.80')).type).toBe('redirect');
		// ...and half a minute after the last wrong code the room joins again (the clock moved on).
		server.runtime.db.$client.prepare('UPDATE login_failures SET failed_at = failed_at - ?').run(WRONG_CODE_PACE_MS + 1000);
		const before = people(world.session.id);
		expect((await join(code, 'Laatkomer', '198.51.100.77')).type).toBe('redirect');
		expect(people(world.session.id)).toBe(before + 1);
		expect(server.runtime.db.select({ n: count() }).from(loginFailures).get()!.n).toBeGreaterThanOrEqual(MAX_WRONG_CODES);
	});
});
