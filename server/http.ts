import type http from 'node:http';

/** Headers for every response, including socket.io's and static files. */
export function securityHeaders(res: http.ServerResponse): void {
	res.setHeader('X-Content-Type-Options', 'nosniff');
	res.setHeader('Referrer-Policy', 'same-origin');
	res.setHeader('X-Frame-Options', 'DENY');
	res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
	res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
}

function formatSize(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} kB`;
}

/**
 * Refuses a request whose declared body exceeds the limit before any of it is read.
 * (adapter-node also enforces the limit on bodies without Content-Length.)
 */
export function tooLarge(req: http.IncomingMessage, res: http.ServerResponse, limit: number): boolean {
	const length = Number(req.headers['content-length'] ?? 0);
	if (!(length > limit)) return false;
	const max = formatSize(limit);
	const wantsJson = (req.headers.accept ?? '').includes('application/json') || (req.url ?? '').startsWith('/api/');
	res.writeHead(413, { 'content-type': wantsJson ? 'application/json' : 'text/plain; charset=utf-8', connection: 'close' });
	res.end(
		wantsJson
			? JSON.stringify({ error: { code: 'error.tooLarge', message: `Het verzoek is te groot. Het mag hoogstens ${max} zijn.` } })
			: `Het verzoek is te groot. Het mag hoogstens ${max} zijn.`
	);
	req.resume();
	return true;
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
