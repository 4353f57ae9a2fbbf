/**
 * SvelteKit glue for single sign-on (../auth/oidc.ts): the login for this runtime's settings
 * and the short-lived cookie that binds a pending login to the browser that started it.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { OIDC_COOKIE, OIDC_REFUSALS, oidcLogin, type OidcLogin, type OidcRefusal } from '../auth/oidc';
import { cookieSecure } from './cookies';

type Ev = Pick<RequestEvent, 'cookies' | 'locals'>;

/** The single sign-on of this app, or null when OIDC_ISSUER is not set. */
export function oidcFor(locals: App.Locals): OidcLogin | null {
	return locals.config.oidc ? oidcLogin(locals.config.oidc, locals.origin) : null;
}

const options = (event: Ev) => ({
	path: '/login/oidc',
	httpOnly: true,
	sameSite: 'lax' as const,
	secure: cookieSecure(event.locals.origin)
});

export function setOidcCookie(event: Ev, browserKey: string): void {
	event.cookies.set(OIDC_COOKIE, browserKey, { ...options(event), maxAge: 10 * 60 });
}

export function takeOidcCookie(event: Ev): string | undefined {
	const value = event.cookies.get(OIDC_COOKIE);
	if (value !== undefined) event.cookies.delete(OIDC_COOKIE, options(event));
	return value;
}

/** A refusal named in the login page's address, or null. */
export function oidcRefusal(value: string | null): OidcRefusal | null {
	return OIDC_REFUSALS.includes(value as OidcRefusal) ? (value as OidcRefusal) : null;
}

/**
 * The site's CSP allows forms to lead only to itself (form-action 'self'), and a browser applies
 * that to the redirects after a form too: with single sign-on, the provider is allowed as well.
 */
export function allowProviderForms(locals: App.Locals, response: Response): Response {
	const oidc = locals.config?.oidc ? oidcFor(locals) : null;
	const csp = oidc ? response.headers.get('content-security-policy') : null;
	if (!oidc || !csp || !csp.includes("form-action 'self'")) return response;
	const value = csp.replace("form-action 'self'", `form-action 'self' ${oidc.formTargets().join(' ')}`);
	try {
		response.headers.set('content-security-policy', value);
		return response;
	} catch {
		// Immutable headers (a fetched response): a copy with the new header.
		const copy = new Response(response.body, response);
		copy.headers.set('content-security-policy', value);
		return copy;
	}
}
