import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, resolveOrigin } from '../../src/lib/server/config';

describe('loadConfig', () => {
	it('uses the documented defaults', () => {
		const config = loadConfig({}, '/srv/app');
		expect(config).toMatchObject({
			port: 3000,
			host: '0.0.0.0',
			dataDir: '/srv/app/data',
			origin: null,
			bodySizeLimit: 1024 * 1024,
			adminEmail: null,
			adminPassword: null,
			sessionDays: 7,
			logLevel: 'info'
		});
		expect(resolveOrigin(config, 3000)).toBe('http://localhost:3000');
	});

	it('reads valid values', () => {
		const config = loadConfig(
			{ PORT: '8080', DATA_DIR: '/var/kd', ORIGIN: 'https://dialoog.gemeente.nl/', BODY_SIZE_LIMIT: '2M', ADMIN_EMAIL: 'A@B.NL', ADMIN_PASSWORD: 'twaalf tekens!' },
			'/'
		);
		expect(config.port).toBe(8080);
		expect(config.dataDir).toBe('/var/kd');
		expect(config.origin).toBe('https://dialoog.gemeente.nl');
		expect(config.bodySizeLimit).toBe(2 * 1024 * 1024);
		expect(config.adminEmail).toBe('a@b.nl');
		expect(resolveOrigin(config, 8080)).toBe('https://dialoog.gemeente.nl');
	});

	it.each([
		[{ PORT: 'abc' }, 'PORT'],
		[{ PORT: '70000' }, 'PORT'],
		[{ ORIGIN: 'dialoog.gemeente.nl' }, 'ORIGIN'],
		[{ ORIGIN: 'ftp://x.nl' }, 'ORIGIN'],
		[{ ORIGIN: 'https://x.nl/app' }, 'ORIGIN'],
		[{ BODY_SIZE_LIMIT: 'veel' }, 'BODY_SIZE_LIMIT'],
		[{ BODY_SIZE_LIMIT: '10' }, 'BODY_SIZE_LIMIT'],
		[{ ADMIN_EMAIL: 'a@b.nl' }, 'ADMIN_PASSWORD'],
		[{ ADMIN_PASSWORD: 'twaalf tekens!' }, 'ADMIN_EMAIL'],
		[{ ADMIN_EMAIL: 'geen-adres', ADMIN_PASSWORD: 'twaalf tekens!' }, 'ADMIN_EMAIL'],
		[{ ADMIN_EMAIL: 'a@b.nl', ADMIN_PASSWORD: 'kort' }, 'ADMIN_PASSWORD'],
		[{ SESSION_DAYS: '0' }, 'SESSION_DAYS'],
		[{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL']
	])('refuses %o with an error naming %s', (env, variable) => {
		try {
			loadConfig(env, '/');
			expect.unreachable('loadConfig accepted a wrong value');
		} catch (error) {
			expect(error).toBeInstanceOf(ConfigError);
			expect((error as ConfigError).variable).toBe(variable);
			expect((error as Error).message).toMatch(new RegExp(`^${variable}: `));
		}
	});
});
