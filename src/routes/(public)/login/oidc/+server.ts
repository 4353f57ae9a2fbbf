import { error, redirect } from '@sveltejs/kit';
import { audit, SYSTEM } from '$lib/server/audit';
import { safeNext } from '$lib/server/http/cookies';
import { oidcFor, setOidcCookie } from '$lib/server/http/oidc';
import { log } from '$lib/server/log';
import type { RequestHandler } from './$types';

/** Starts a login with single sign-on (the button on /login): on to the provider. */
export const POST: RequestHandler = async (event) => {
	const { locals, url, request } = event;
	const oidc = oidcFor(locals);
	if (!oidc) error(404, 'Not found');
	let next = safeNext(url.searchParams.get('next'));
	if ((request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
		const form = await request.formData().catch(() => null);
		const value = form?.get('next');
		if (typeof value === 'string') next = safeNext(value);
	}
	let started: { url: string; browserKey: string };
	try {
		started = await oidc.start(next);
	} catch (problem) {
		// The provider cannot be reached or answers wrongly: said on the login page, told to the log without details of the request.
		log.warn('oidc.unavailable', { error: problem instanceof Error ? problem.name : 'unknown' });
		locals.db.transaction((tx) => audit(tx, SYSTEM, 'account.login-refused', undefined, { method: 'oidc', reason: 'unavailable' }));
		redirect(303, '/login?sso=unavailable');
	}
	setOidcCookie(event, started.browserKey);
	redirect(303, started.url);
};
