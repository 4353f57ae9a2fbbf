/** apiCall: every failure of a JSON API handler is answered in the one error shape. */
import { describe, expect, it } from 'vitest';
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { apiCall } from '../../src/lib/server/http/api';
import { DomainError } from '../../src/lib/server/errors';

const event = {
	locals: { locale: 'nl', user: null, participant: null },
	route: { id: '/api/example' },
	request: new Request('http://localhost/api/example', { method: 'POST' })
} as unknown as RequestEvent;

describe('apiCall', () => {
	it('answers a bug as a 500 in the same shape as every other error, with an id to find it in the log', async () => {
		const response = await apiCall(event, () => {
			throw new TypeError("Cannot read properties of undefined (reading 'id')");
		});
		expect(response.status).toBe(500);
		const body = (await response.json()) as { error: { code: string; message: string } };
		expect(body.error.code).toBe('error.internal');
		expect(body.error.message).toMatch(/^Er ging iets mis bij ons\. .*: [0-9a-f]{8}\.$/);
		// Nothing of the error itself reaches the client.
		expect(JSON.stringify(body)).not.toContain('undefined');
	});

	it('answers a domain error with its code and status', async () => {
		const response = await apiCall(event, () => {
			throw new DomainError('error.missing', 404);
		});
		expect(response.status).toBe(404);
		expect(await response.json()).toEqual({ error: { code: 'error.missing', message: 'Dit bestaat niet (meer).' } });
	});

	it('leaves a guard’s redirect or HTTP error to SvelteKit', async () => {
		await expect(apiCall(event, () => redirect(303, '/login'))).rejects.toMatchObject({ status: 303, location: '/login' });
		await expect(apiCall(event, () => error(403, 'nee'))).rejects.toMatchObject({ status: 403 });
	});
});
