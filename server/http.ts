import type http from 'node:http';
import { DEFAULT_LOCALE, LANGUAGE_TAG, LOCALE_COOKIE, isLocale, translate, type Locale } from '../src/lib/i18n';
import { escapeXml } from '../src/lib/server/xml';

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

/** A limit as a person reads it, rounded down (1536K is "1,5 MB", not "2 MB" that would still be refused). */
export function formatSize(bytes: number, locale: Locale = DEFAULT_LOCALE): string {
	const [amount, unit] = bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, 'MB'] : [bytes / 1024, 'kB'];
	const number = new Intl.NumberFormat(LANGUAGE_TAG[locale], { maximumFractionDigits: 1 }).format(Math.floor(amount * 10) / 10);
	return `${number} ${unit}`;
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
	const locale = localeOf(req);
	// Sent by a script or a program, the form is still on the screen (or there is none): no advice about the Back button.
	const max = formatSize(limit, locale);
	const [nothingSaved, retry] = [translate(locale, 'error.tooLarge.nothingSaved'), translate(locale, 'error.tooLarge.retry')];
	const message = `${translate(locale, 'error.tooLarge', { max })} ${nothingSaved} ${retry}`;
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
				? tooLargePage(
						locale,
						`${translate(locale, 'error.tooLarge.max', { max })} ${nothingSaved} ${translate(locale, 'error.tooLarge.advice')} ${retry}`,
						backTo(req.headers.referer, origin)
					)
				: message
	);
	req.resume();
	return true;
}

/** The language the person chose (the cookie the pages set), as the app's own pages read it. */
function localeOf(req: http.IncomingMessage): Locale {
	const chosen = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}="?([^;"]*)`).exec(req.headers.cookie ?? '')?.[1];
	return chosen !== undefined && isLocale(chosen) ? chosen : DEFAULT_LOCALE;
}

/**
 * The page a form may go back to: the one it was sent from when that is one of the app's own
 * (a path that a browser could read as another host, `//…` or with a backslash, is not), else null.
 */
function backTo(referer: string | undefined, origin: string | undefined): string | null {
	if (!referer || !origin) return null;
	try {
		const url = new URL(referer);
		if (url.origin !== new URL(origin).origin) return null;
		const path = `${url.pathname}${url.search}`;
		return path.startsWith('/') && !path.startsWith('//') && !path.includes('\\') ? path : null;
	} catch {
		return null;
	}
}

/** A plain page (no scripts; inline styles only, as DEFAULT_CSP allows): large, readable text. */
function tooLargePage(locale: Locale, message: string, back: string | null): string {
	const t = (key: 'error.tooLarge.title' | 'error.tooLarge.back' | 'error.backHome') => escapeXml(translate(locale, key));
	const link =
		back === null
			? `<a href="/"${LINK_STYLE}>${t('error.backHome')}</a>`
			: `<a href="${escapeXml(back)}"${LINK_STYLE}>${t('error.tooLarge.back')}</a>`;
	return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t('error.tooLarge.title')} - Kwaliteitsdialoog</title></head>
<body style="font-family: system-ui, sans-serif; font-size: 1.25rem; line-height: 1.5; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; background: #fff">
<main>
<h1>${t('error.tooLarge.title')}</h1>
<p>${escapeXml(message)}</p>
<p>${link}</p>
</main>
</body>
</html>`;
}

const LINK_STYLE = ' style="color: #0b4f9c"';

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
