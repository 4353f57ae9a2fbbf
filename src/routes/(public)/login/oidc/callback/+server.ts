import { error, redirect } from '@sveltejs/kit';
import { createSession } from '$lib/server/auth/sessions';
import { setSessionCookie } from '$lib/server/http/cookies';
import { oidcFor, takeOidcCookie } from '$lib/server/http/oidc';
import type { RequestHandler } from './$types';

/** The provider sends the browser back here: check its answer, then log in as with a password. */
export const GET: RequestHandler = async (event) => {
	const { locals, url } = event;
	const oidc = oidcFor(locals);
	if (!oidc) error(404, 'Not found');
	const result = await oidc.finish(locals.db, url.search, takeOidcCookie(event));
	if (!result.ok) redirect(303, `/login?sso=${result.reason}`);
	const { token, session } = createSession(locals.db, result.user.id, locals.config.sessionDays, new Date(), result.idToken);
	setSessionCookie(event, token, session.expiresAt);
	redirect(303, result.next);
};
