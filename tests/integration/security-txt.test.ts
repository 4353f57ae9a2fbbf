/**
 * /.well-known/security.txt (issue 20, RFC 9116): the contact from SECURITY_CONTACT, an
 * expiry less than a year ahead, the canonical address. Without a contact: none (http.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
	server = await startTestServer({ env: { SECURITY_CONTACT: 'cert@gemeente.test https://gemeente.test/melden' } });
});
afterAll(() => server?.close());

describe('security.txt', () => {
	it('names the configured contacts, expires within a year and says where it lives', async () => {
		const response = await fetch(`${server.url}/.well-known/security.txt`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		const lines = (await response.text()).trim().split('\n');
		const field = (name: string) => lines.filter((l) => l.startsWith(`${name}: `)).map((l) => l.slice(name.length + 2));
		expect(field('Contact')).toEqual(['mailto:cert@gemeente.test', 'https://gemeente.test/melden']);
		expect(field('Canonical')).toEqual([`${server.url}/.well-known/security.txt`]);
		expect(field('Preferred-Languages')).toEqual(['nl, en']);
		const [expires] = field('Expires');
		expect(expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		const ahead = Date.parse(expires!) - Date.now();
		expect(ahead).toBeGreaterThan(30 * 86_400_000);
		expect(ahead).toBeLessThan(365 * 86_400_000);
		// Every line is a field the RFC knows (no stray text a parser would choke on).
		for (const line of lines) expect(line).toMatch(/^(Contact|Expires|Preferred-Languages|Canonical): \S/);
	});
});
