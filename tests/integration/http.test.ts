import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/lib/server/auth/sessions';
import { authSessions } from '../../src/lib/server/db/schema';
import { ADMIN_EMAIL, loginCookie, startTestServer } from '../helpers/server';
import { movisieVersionId } from '../helpers/live';
import { PLAIN_THEME_TEXTS } from '../../src/lib/shared/theme-texts';
import { nl } from '../helpers/i18n';
import { translate } from '../../src/lib/i18n';
import { formatSize } from '../../server/http';

let server: Awaited<ReturnType<typeof startTestServer>>;
let url: string;

beforeAll(async () => {
	server = await startTestServer();
	url = server.url;
});
afterAll(() => server?.close());

describe('HTTP server', () => {
	it('answers /healthz once migrations have run', async () => {
		const response = await fetch(`${url}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok' });
	});

	it('serves the Dutch home page with security headers and a CSP without unsafe-inline scripts', async () => {
		const response = await fetch(url);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('<html lang="nl">');
		expect(html).toContain('Naar de inhoud');
		const csp = response.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toMatch(/script-src 'self'/);
		expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
	});

	it('shows participants preparing at home each MOVISIE theme in plain words, the source text folded', async () => {
		const response = await fetch(`${url}/public/versions/${movisieVersionId(server.runtime.db)}`);
		expect(response.status).toBe(200);
		const html = await response.text();
		const regie = PLAIN_THEME_TEXTS['regie-van-de-client']!;
		// The plain text, then the source text inside a closed disclosure.
		const plainAt = html.indexOf(regie.plain);
		expect(plainAt).toBeGreaterThan(0);
		const sourceAt = html.indexOf(regie.sourceStart);
		expect(sourceAt).toBeGreaterThan(plainAt);
		expect(html.lastIndexOf('<details', sourceAt)).toBeGreaterThan(plainAt);
		expect(html.slice(plainAt, sourceAt)).toContain('Tekst uit de bron');
	});

	it('serves no security.txt when no security contact is configured', async () => {
		expect((await fetch(`${server.url}/.well-known/security.txt`)).status).toBe(404);
	});

	it('shows a Dutch 404 page for unknown routes, without a stack trace', async () => {
		const response = await fetch(`${url}/bestaat-niet`);
		expect(response.status).toBe(404);
		const html = await response.text();
		expect(html).toContain('Pagina niet gevonden');
		expect(html).not.toMatch(/at .*\.js:\d+/);
	});

	it('answers unknown API routes in JSON', async () => {
		const response = await fetch(`${url}/api/bestaat-niet`, { method: 'POST', headers: { origin: url } });
		expect(response.status).toBe(404);
		expect(await response.json()).toEqual({ error: { code: 'error.missing', message: 'Dit bestaat niet (meer).' } });
	});

	it('answers bad JSON with a clear 400', async () => {
		const response = await fetch(`${url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: url },
			body: '{"email": '
		});
		expect(response.status).toBe(400);
		expect((await response.json()).error.code).toBe('error.badJson');
	});

	it('answers JSON of the wrong shape with a clear 400', async () => {
		const response = await fetch(`${url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: url },
			body: JSON.stringify({ email: ['x'] })
		});
		expect(response.status).toBe(400);
		expect((await response.json()).error.code).toBe('error.badRequest');
	});

	it('refuses oversized bodies before reading them', async () => {
		const response = await fetch(`${url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: url },
			body: 'x'.repeat(1024 * 1024 + 1)
		});
		expect(response.status).toBe(413);
		expect((await response.json()).error.message).toBe(
			`${nl('error.tooLarge', { max: '1 MB' })} ${nl('error.tooLarge.nothingSaved')} ${nl('error.tooLarge.retry')}`
		);
	});

	it("says a size limit rounded down, in the person's way of writing numbers", () => {
		expect(formatSize(1024 * 1024)).toBe('1 MB');
		// 1536K would be "2 MB" rounded, and a file of 1,8 MB would be refused again.
		expect(formatSize(1536 * 1024)).toBe('1,5 MB');
		expect(formatSize(1536 * 1024, 'en')).toBe('1.5 MB');
		expect(formatSize(1999 * 1024)).toBe('1,9 MB');
		expect(formatSize(512 * 1024)).toBe('512 kB');
	});

	it('answers an oversized form from a page with a page that leads back to it', async () => {
		const send = (referer: string) =>
			fetch(`${url}/frameworks/import`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: url, referer },
				body: `file=${'x'.repeat(1024 * 1024 + 1)}`
			});
		const response = await send(`${url}/frameworks/import?stap=1`);
		expect(response.status).toBe(413);
		expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const page = await response.text();
		expect(page).toContain('<html lang="nl">');
		expect(page).toContain(`<h1>${nl('error.tooLarge.title')}</h1>`);
		// Each sentence once: the limit, that nothing was saved, the Back button, what to do.
		expect(page).toContain(
			'<p>Het mag hoogstens 1 MB zijn. Er is niets bewaard. Ga met de knop Terug van uw browser terug: meestal staat uw tekst er dan nog. Maak de tekst of het bestand kleiner en stuur het opnieuw.</p>'
		);
		expect(page).toContain(`<a href="/frameworks/import?stap=1"`);
		expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
		// Another site as the page it came from, or a path a browser reads as another host: the link goes to the start page.
		for (const referer of ['https://evil.example/x', `${url}//evil.example/x`, `${url}/\\evil.example/x`]) {
			const text = await (await send(referer)).text();
			expect(text).toContain(`<a href="/" style="color: #0b4f9c">${nl('error.backHome')}</a>`);
			expect(text).not.toContain('evil.example');
		}
		// In the language the person chose.
		const english = await fetch(`${url}/frameworks/import`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: url, cookie: 'kd_lang=en' },
			body: `file=${'x'.repeat(1024 * 1024 + 1)}`
		});
		const englishPage = await english.text();
		expect(englishPage).toContain('<html lang="en">');
		expect(englishPage).toContain(`<h1>${translate('en', 'error.tooLarge.title')}</h1>`);
		expect(englishPage).toContain(translate('en', 'error.tooLarge.max', { max: '1 MB' }));
		// Sent by the page's script: an action result the page shows as an error.
		const enhanced = await fetch(`${url}/frameworks?/import`, {
			method: 'POST',
			headers: { 'content-type': 'multipart/form-data; boundary=x', accept: 'application/json', 'x-sveltekit-action': 'true', origin: url },
			body: 'x'.repeat(1024 * 1024 + 1)
		});
		expect(enhanced.status).toBe(413);
		expect(await enhanced.json()).toEqual({
			type: 'error',
			status: 413,
			// No advice about the Back button: the form is still on the screen, and Back would leave it.
			error: {
				message: `${nl('error.tooLarge', { max: '1 MB' })} ${nl('error.tooLarge.nothingSaved')} ${nl('error.tooLarge.retry')}`,
				code: 'error.tooLarge'
			}
		});
	});

	it('refuses state-changing API calls from another origin', async () => {
		const response = await fetch(`${url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
			body: JSON.stringify({ email: ADMIN_EMAIL, password: 'x' })
		});
		expect(response.status).toBe(403);
		expect((await response.json()).error.code).toBe('error.origin');
	});

	it('answers a method an API address does not have in the API’s own error shape', async () => {
		const response = await fetch(`${url}/api/openapi.json`, { method: 'PUT', headers: { origin: url } });
		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toContain('GET');
		expect(await response.json()).toEqual({
			error: { code: 'error.methodNotAllowed', message: 'Dit adres kan geen PUT-verzoek verwerken.' }
		});
	});

	it('answers malformed posts anyone can send with a 400 or 405 in Dutch, not an internal error', async () => {
		const post = (path: string, type: string, body: string) =>
			fetch(`${url}${path}`, { method: 'POST', headers: { origin: url, 'content-type': type, accept: 'text/html' }, body });
		const reserved = await post('/join?/default', 'application/x-www-form-urlencoded', 'code=ABCDEF');
		expect(reserved.status).toBe(400);
		expect(await reserved.text()).toContain(nl('error.badRequest'));
		const broken = await post('/join', 'multipart/form-data; boundary=x', '--x\r\nkapot');
		expect(broken.status).toBe(400);
		expect(await broken.text()).toContain(nl('error.badRequest'));
		// The same for an endpoint of its own (+server.ts) that reads a form (a beheerder's session).
		const admin = server.runtime.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, ADMIN_EMAIL) }).sync()!;
		const endpoint = await fetch(`${url}/admin/privacy/export`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: url,
				'content-type': 'multipart/form-data; boundary=x',
				accept: 'text/html',
				cookie: `kd_session=${createSession(server.runtime.db, admin.id, 1).token}`
			},
			body: '--x\r\nkapot'
		});
		expect(endpoint.status).toBe(400);
		expect(await endpoint.text()).toContain(nl('error.badRequest'));
		const method = await fetch(`${url}/join`, { method: 'DELETE', headers: { origin: url } });
		expect(method.status).toBe(405);
		expect(await method.text()).toContain('Dit adres kan geen DELETE-verzoek verwerken.');
		// A name of 600 kB is refused, and not sent back whole.
		const long = await fetch(`${url}/join`, {
			method: 'POST',
			headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' },
			body: new URLSearchParams({ code: 'ABCDEF', displayName: 'x'.repeat(600_000), perspective: 'client' })
		});
		const answer = await long.text();
		expect(JSON.parse(answer)).toMatchObject({ type: 'failure' });
		expect(answer.length).toBeLessThan(2000);
	});

	it('refuses cross-site form posts (CSRF)', async () => {
		const response = await fetch(`${url}/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
			body: 'email=a&password=b',
			redirect: 'manual'
		});
		expect(response.status).toBe(403);
		expect(await response.text()).toContain('Dit verzoek komt van een andere website en is geweigerd.');
		// Without an Origin, as SvelteKit's own check; an enhanced form gets an action result; a
		// text/plain post (what a page elsewhere can send without asking) to the API is refused too.
		const bare = await fetch(`${url}/login`, {
			method: 'POST',
			headers: { 'content-type': 'multipart/form-data; boundary=x' },
			body: '--x--'
		});
		expect(bare.status).toBe(403);
		const enhanced = await fetch(`${url}/login`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: 'https://evil.example',
				'x-sveltekit-action': 'true',
				accept: 'application/json'
			},
			body: 'email=a&password=b'
		});
		expect(enhanced.status).toBe(403);
		expect(await enhanced.json()).toMatchObject({
			type: 'error',
			error: { code: 'error.origin', message: expect.stringContaining('andere website') }
		});
		const plain = await fetch(`${url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
			body: JSON.stringify({ email: ADMIN_EMAIL, password: 'x' })
		});
		expect(plain.status).toBe(403);
		expect((await plain.json()).error.code).toBe('error.origin');
	});

	it('logs in through the login form and sets a HttpOnly, SameSite=Lax session cookie', async () => {
		const body = new URLSearchParams({ email: ADMIN_EMAIL, password: 'een lang wachtwoord voor tests' });
		const response = await fetch(`${url}/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url, accept: 'text/html' },
			body,
			redirect: 'manual'
		});
		expect(response.status).toBe(303);
		// A beheerder without MFA sets it up first (MFA_REQUIRED=beheerder, the default; mfa.test.ts).
		expect(response.headers.get('location')).toBe('/account/mfa');
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('kd_session='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Path=\//);
	});

	it('reports who is logged in and refuses forged or expired tokens', async () => {
		const cookie = await loginCookie(url);
		const me = await fetch(`${url}/api/me`, { headers: { cookie } });
		expect(me.status).toBe(200);
		expect(await me.json()).toMatchObject({ kind: 'staff', user: { email: ADMIN_EMAIL, roles: ['admin'] } });

		const [id] = cookie.slice('kd_session='.length).split('.');
		const forged = await fetch(`${url}/api/me`, { headers: { cookie: `kd_session=${id}.${'a'.repeat(39)}` } });
		expect(forged.status).toBe(401);
		expect((await forged.json()).error.message).toBe('Log eerst in.');

		const db = server.runtime.db;
		const admin = db.query.users.findFirst()!;
		const { token } = createSession(db, (await admin)!.id, 7, new Date(Date.now() - 8 * 24 * 3600 * 1000));
		const expired = await fetch(`${url}/api/me`, { headers: { cookie: `kd_session=${token}` } });
		expect(expired.status).toBe(401);
		expect(
			db
				.select()
				.from(authSessions)
				.all()
				.some((s) => token.startsWith(s.id))
		).toBe(false);
	});

	it('logs out and the token stops working', async () => {
		const cookie = await loginCookie(url);
		const out = await fetch(`${url}/api/session`, { method: 'DELETE', headers: { cookie, origin: url } });
		expect(out.status).toBe(204);
		expect((await fetch(`${url}/api/me`, { headers: { cookie } })).status).toBe(401);
	});

	it('throttles repeated failed logins with 429', async () => {
		const attempt = () =>
			fetch(`${url}/api/session`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: url },
				body: JSON.stringify({ email: 'doelwit@gemeente.test', password: 'geraden wachtwoord' })
			});
		for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
		const blocked = await attempt();
		expect(blocked.status).toBe(429);
		expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await blocked.json()).error.message).toMatch(/^Te veel mislukte pogingen/);
	});

	it('sends staff pages to the login page when not logged in', async () => {
		const response = await fetch(`${url}/dashboard`, { redirect: 'manual' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/login?next=%2Fdashboard');
	});
});
