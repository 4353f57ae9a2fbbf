/**
 * Behind a TLS proxy (ORIGIN is https): HSTS on every response and the Secure flag on the
 * staff and participant cookies. One server per file: adapter-node reads ORIGIN once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HSTS } from '../../server/http';
import { heldWorld } from '../helpers/follow-up';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer } from '../helpers/server';
import { newParticipantLink } from '../../src/lib/server/sessions/participants';

const ORIGIN = 'https://dialoog.gemeente.test';
let server: Awaited<ReturnType<typeof startTestServer>>;
let local: string;
beforeAll(async () => {
	server = await startTestServer({ env: { ORIGIN } });
	local = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server?.close());

describe('served over https', () => {
	it('sends HSTS on pages, API answers, static files and socket.io', async () => {
		for (const path of ['/', '/api/me', '/favicon.svg', '/bestaat-niet']) {
			const response = await fetch(`${local}${path}`);
			expect(response.headers.get('strict-transport-security'), path).toBe(HSTS);
		}
		const polling = await fetch(`${local}/socket.io/?EIO=4&transport=polling`, { headers: { origin: ORIGIN } });
		expect(polling.status).toBe(200);
		expect(polling.headers.get('strict-transport-security')).toBe(HSTS);
	});

	it('marks the staff and the participant cookie Secure (and still HttpOnly, SameSite=Lax)', async () => {
		const login = await fetch(`${local}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: ORIGIN },
			body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
		});
		expect(login.status).toBe(200);
		const staff = login.headers.getSetCookie().find((c) => c.startsWith('kd_session='))!;
		const world = await heldWorld(server.runtime.db);
		const link = await fetch(`${local}/j/${newParticipantLink(server.runtime.db, world.people[0]!.id, 'test')}`, { redirect: 'manual' });
		expect(link.status).toBe(303);
		const participant = link.headers.getSetCookie().find((c) => c.startsWith('kd_participant='))!;
		for (const cookie of [staff, participant]) {
			expect(cookie).toMatch(/; Secure/i);
			expect(cookie).toMatch(/; HttpOnly/i);
			expect(cookie).toMatch(/; SameSite=Lax/i);
		}
		// The form origin check compares with the https origin, not the address the proxy talks to.
		const form = await fetch(`${local}/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: local },
			body: 'email=a&password=b',
			redirect: 'manual'
		});
		expect(form.status).toBe(403);
	});
});
