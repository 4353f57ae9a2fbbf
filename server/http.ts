import type http from 'node:http';
import { DEFAULT_LOCALE, translate } from '../src/lib/i18n';

/**
 * The policy for every response that is not a page: downloads, JSON, static files, socket.io.
 * Nothing in them may run or load anything (an SVG or HTML file opened directly included);
 * inline styles only, for the built-in fallback error page. SvelteKit replaces it on pages
 * with the policy from svelte.config.js (hashed scripts, no 'unsafe-inline' scripts).
 */
export const DEFAULT_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** HSTS for a year, only when the app is served over https (ORIGIN), never on plain http. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** Headers for every response, including socket.io's and static files. */
export function securityHeaders(res: http.ServerResponse, origin?: string): void {
	res.setHeader('X-Content-Type-Options', 'nosniff');
	res.setHeader('Referrer-Policy', 'same-origin');
	res.setHeader('X-Frame-Options', 'DENY');
	res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
	res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
	res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	res.setHeader('Content-Security-Policy', DEFAULT_CSP);
	if (origin?.startsWith('https:')) res.setHeader('Strict-Transport-Security', HSTS);
	// A 304 updates the headers the browser stored with the page: SvelteKit's 304 carries no
	// policy, so the default one must not go out with it, or a revalidated page would get
	// "default-src 'none'" and lose its scripts and styles. (Node writes every head, implicit
	// ones included, through writeHead.)
	const writeHead = res.writeHead;
	res.writeHead = function (this: http.ServerResponse, statusCode: number, ...rest: unknown[]) {
		if (statusCode === 304 && this.getHeader('content-security-policy') === DEFAULT_CSP) this.removeHeader('content-security-policy');
		return (writeHead as (...args: unknown[]) => http.ServerResponse).call(this, statusCode, ...rest);
	} as typeof res.writeHead;
}

function formatSize(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} kB`;
}

/**
 * Refuses a request whose declared body exceeds the limit before any of it is read.
 * (adapter-node also enforces the limit on bodies without Content-Length.) A form sent from
 * a page (a long text, a framework file) gets a page that says so and leads back to the form
 * it came from; the JSON API gets its error object.
 */
export function tooLarge(req: http.IncomingMessage, res: http.ServerResponse, limit: number, origin?: string): boolean {
	const length = Number(req.headers['content-length'] ?? 0);
	if (!(length > limit)) return false;
	const message = translate(DEFAULT_LOCALE, 'error.tooLarge', { max: formatSize(limit) });
	if (req.headers['x-sveltekit-action'] === 'true') {
		// A form sent by the page's script (use:enhance) reads an action result: as an error, the
		// page shows the app's error page with the message (else nothing would happen at all).
		res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
		res.end(JSON.stringify({ type: 'error', status: 413, error: { message, code: 'error.tooLarge' } }));
		req.resume();
		return true;
	}
	const wantsJson = (req.headers.accept ?? '').includes('application/json') || (req.url ?? '').startsWith('/api/');
	const wantsPage = !wantsJson && (req.headers.accept ?? '').includes('text/html');
	const type = wantsJson ? 'application/json' : wantsPage ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8';
	res.writeHead(413, { 'content-type': type, connection: 'close' });
	res.end(
		wantsJson
			? JSON.stringify({ error: { code: 'error.tooLarge', message } })
			: wantsPage
				? tooLargePage(message, backTo(req.headers.referer, origin))
				: message
	);
	req.resume();
	return true;
}

/** The page a form may go back to: the one it was sent from when that is one of the app's own, else the start page. */
function backTo(referer: string | undefined, origin: string | undefined): string {
	if (!referer || !origin) return '/';
	try {
		const url = new URL(referer);
		return url.origin === new URL(origin).origin ? `${url.pathname}${url.search}` : '/';
	} catch {
		return '/';
	}
}

const escapeHtml = (text: string) =>
	text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A plain page (no scripts; inline styles only, as DEFAULT_CSP allows): large, readable text. */
function tooLargePage(message: string, back: string): string {
	const t = (key: 'error.tooLarge.title' | 'error.tooLarge.advice' | 'error.tooLarge.back') => escapeHtml(translate(DEFAULT_LOCALE, key));
	return `<!doctype html>
<html lang="${DEFAULT_LOCALE}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t('error.tooLarge.title')} - Kwaliteitsdialoog</title></head>
<body style="font-family: system-ui, sans-serif; font-size: 1.25rem; line-height: 1.5; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; background: #fff">
<main>
<h1>${t('error.tooLarge.title')}</h1>
<p>${escapeHtml(message)} ${t('error.tooLarge.advice')}</p>
<p><a href="${escapeHtml(back)}" style="color: #0b4f9c">${t('error.tooLarge.back')}</a></p>
</main>
</body>
</html>`;
}

/**
 * A response sent before its request body was read (a request refused early: 401, 403, 415)
 * closes the connection. Kept alive, the unread rest of the body would stay in the way of the
 * next request on it, and the client would see that request fail (connection reset).
 */
export function closeIfBodyUnread(req: http.IncomingMessage, res: http.ServerResponse): void {
	const writeHead = res.writeHead;
	res.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
		if (!req.complete) this.shouldKeepAlive = false;
		return (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
	} as typeof res.writeHead;
}

/** Where the pages load the house style from (src/app.html; static/huisstijl/tokens.css). */
export const HUISSTIJL_PATH = '/huisstijl/tokens.css';

/**
 * Serves the installation's own house style (HUISSTIJL_FILE) at the address of the built-in
 * one, so the pages need no change. `no-cache` with an ETag: after a restart with another
 * file, browsers fetch the new one. Returns whether it answered the request.
 */
export function serveHuisstijl(
	req: http.IncomingMessage,
	res: http.ServerResponse,
	huisstijl: { css: string; etag: string } | null
): boolean {
	if (!huisstijl || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
	if (new URL(req.url ?? '/', 'http://x').pathname !== HUISSTIJL_PATH) return false;
	const headers = { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache', etag: huisstijl.etag };
	if (req.headers['if-none-match'] === huisstijl.etag) {
		res.writeHead(304, headers);
		res.end();
		return true;
	}
	res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(huisstijl.css) });
	res.end(req.method === 'HEAD' ? undefined : huisstijl.css);
	return true;
}
