/**
 * A real OpenID provider (oidc-provider, a certified implementation) on 127.0.0.1 for the
 * single sign-on tests, and a browser stand-in: a fetch that keeps cookies per host and
 * follows the redirects by hand, through the provider's login and consent pages.
 *
 * `tamper` rewrites the ID token the token endpoint returns and signs it again with the
 * provider's own key, so the relying party sees a validly signed token with a wrong issuer,
 * audience or expiry and must refuse it by its claims.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import Provider from 'oidc-provider';

export interface Person {
	email?: string;
	email_verified?: boolean;
	name?: string;
	groups?: string[];
}

export interface TestProvider {
	issuer: string;
	clientId: string;
	clientSecret: string;
	/** The people the provider knows, by subject (what is typed at its login). */
	people: Map<string, Person>;
	/** Set to rewrite the next ID tokens' claims; null leaves them alone. */
	tamper: ((claims: Record<string, unknown>) => Record<string, unknown>) | null;
	close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (for the app, whose address the provider must know first). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

const b64 = (value: Buffer | string) => Buffer.from(value).toString('base64url');

function resign(jwt: string, key: KeyObject, change: (claims: Record<string, unknown>) => Record<string, unknown>): string {
	const [header, payload] = jwt.split('.');
	const claims = change(JSON.parse(Buffer.from(payload!, 'base64url').toString()));
	const input = `${header}.${b64(JSON.stringify(claims))}`;
	return `${input}.${b64(sign('sha256', Buffer.from(input), key))}`;
}

/**
 * `clientKey`: the app authenticates with private_key_jwt, signed with the private half of this
 * public key; otherwise with the client secret.
 */
export async function startProvider(appUrl: string, options: { clientKey?: KeyObject } = {}): Promise<TestProvider> {
	const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const jwk = {
		...privateKey.export({ format: 'jwk' }),
		kid: createHash('sha256').update(appUrl).digest('hex').slice(0, 16),
		alg: 'RS256',
		use: 'sig'
	};
	const people = new Map<string, Person>();
	const port = await freePort();
	const issuer = `http://127.0.0.1:${port}`;
	const clientId = 'kwaliteitsdialoog';
	const clientSecret = 'test-client-secret-dat-lang-genoeg-is-0123456789';
	const provider = new Provider(issuer, {
		clients: [
			{
				client_id: clientId,
				redirect_uris: [`${appUrl}/login/oidc/callback`],
				post_logout_redirect_uris: [`${appUrl}/`],
				grant_types: ['authorization_code'],
				response_types: ['code'],
				...(options.clientKey
					? {
							token_endpoint_auth_method: 'private_key_jwt',
							jwks: { keys: [{ ...options.clientKey.export({ format: 'jwk' }), use: 'sig' }] }
						}
					: { client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_post' })
			}
		],
		jwks: { keys: [jwk] },
		cookies: { keys: ['test-cookie-key-0123456789'] },
		claims: { openid: ['sub', 'groups'], email: ['email', 'email_verified'], profile: ['name'] },
		conformIdTokenClaims: false,
		pkce: { required: () => true },
		features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
		async findAccount(_ctx, id) {
			const person = people.get(id);
			if (!person) return undefined;
			return { accountId: id, claims: () => ({ sub: id, ...person }) };
		}
	});
	// oidc-provider logs server errors to the console; the tests look at what the app does.
	provider.on('server_error', () => {});
	const callback = provider.callback();
	const state: TestProvider = {
		issuer,
		clientId,
		clientSecret,
		people,
		tamper: null,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
	const server = http.createServer((req, res) => {
		const tamper = state.tamper;
		if (tamper && req.method === 'POST' && req.url?.startsWith('/token')) {
			const chunks: Buffer[] = [];
			const end = res.end.bind(res);
			res.write = ((chunk: Buffer | string) => {
				chunks.push(Buffer.from(chunk));
				return true;
			}) as typeof res.write;
			res.end = ((chunk?: Buffer | string) => {
				if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk));
				const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { id_token?: string };
				if (body.id_token) body.id_token = resign(body.id_token, privateKey, tamper);
				const text = JSON.stringify(body);
				if (!res.headersSent) res.setHeader('content-length', Buffer.byteLength(text));
				return end(text);
			}) as typeof res.end;
		}
		callback(req, res);
	});
	server.keepAliveTimeout = 1;
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return state;
}

/** A browser stand-in: cookies per host, redirects followed by hand. */
export class Browser {
	private readonly jar = new Map<string, Map<string, string>>();

	cookie(url: string, name: string): string | undefined {
		return this.jar.get(new URL(url).host)?.get(name);
	}

	async fetch(url: string, init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {}): Promise<Response> {
		const host = new URL(url).host;
		const cookies = this.jar.get(host);
		const headers: Record<string, string> = { accept: 'text/html,*/*;q=0.8', ...init.headers };
		if (cookies?.size) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
		const response = await fetch(url, { ...init, headers, redirect: 'manual' });
		for (const line of response.headers.getSetCookie()) {
			const [pair, ...attributes] = line.split(';');
			const at = pair!.indexOf('=');
			const name = pair!.slice(0, at).trim();
			const value = pair!.slice(at + 1).trim();
			const expired = attributes.some((a) => {
				const [key, val] = a.trim().split('=');
				return (
					(key?.toLowerCase() === 'max-age' && Number(val) <= 0) || (key?.toLowerCase() === 'expires' && Date.parse(val!) < Date.now())
				);
			});
			const forHost = this.jar.get(host) ?? new Map<string, string>();
			this.jar.set(host, forHost);
			if (expired || value === '') forHost.delete(name);
			else forHost.set(name, value);
		}
		return response;
	}

	/** A form POST with an Origin header, as a browser sends it. */
	post(url: string, form: Record<string, string>): Promise<Response> {
		return this.fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin },
			body: new URLSearchParams(form).toString()
		});
	}
}

/**
 * From the provider's authorization address to the app's callback: through the provider's
 * login (as `login`) and consent pages. Returns the callback address the provider sends to.
 */
export async function throughProvider(browser: Browser, authorizationUrl: string, appUrl: string, login: string): Promise<string> {
	let url = authorizationUrl;
	for (let step = 0; step < 12; step++) {
		const response = await browser.fetch(url);
		if (response.status >= 300 && response.status < 400) {
			await response.arrayBuffer();
			const next = new URL(response.headers.get('location')!, url).href;
			if (next.startsWith(`${appUrl}/`)) return next;
			url = next;
			continue;
		}
		const html = await response.text();
		if (response.status !== 200) throw new Error(`provider answered ${response.status}: ${html.slice(0, 300)}`);
		const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
		if (prompt === 'login') url = await submit(browser, url, { prompt, login, password: 'irrelevant' });
		else if (prompt === 'consent') url = await submit(browser, url, { prompt });
		else throw new Error(`unexpected provider page: ${html.slice(0, 300)}`);
		if (url.startsWith(`${appUrl}/`)) return url;
	}
	throw new Error('too many steps at the provider');
}

async function submit(browser: Browser, pageUrl: string, form: Record<string, string>): Promise<string> {
	const response = await browser.post(pageUrl, form);
	await response.arrayBuffer();
	if (response.status < 300 || response.status >= 400) throw new Error(`provider form answered ${response.status}`);
	return new URL(response.headers.get('location')!, pageUrl).href;
}
