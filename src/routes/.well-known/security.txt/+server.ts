import { error } from '@sveltejs/kit';
import { securityTxt } from '$lib/server/security-txt';
import type { RequestHandler } from './$types';

/** Public: whom to tell about a security problem (RFC 9116), when the configuration names someone. */
export const GET: RequestHandler = ({ locals }) => {
	const text = securityTxt(locals.config.securityContacts, locals.origin);
	if (text === null) error(404, 'Not found');
	return new Response(text, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'max-age=86400' } });
};
