import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
			logLevel: 'info',
			smtpUrl: null,
			mailFrom: 'Kwaliteitsdialoog <noreply@localhost>',
			mailRetrySeconds: 60,
			mailMaxAttempts: 8,
			yjsProcess: 'separate',
			securityContacts: [],
			accessibilityContacts: [],
			huisstijl: null,
			mfaRequired: 'beheerder',
			addressHeader: null,
			xffDepth: 1
		});
		expect(resolveOrigin(config, 3000)).toBe('http://localhost:3000');
	});

	it('checks ADDRESS_HEADER and XFF_DEPTH at start-up, as adapter-node would only fail on each request', () => {
		expect(loadConfig({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '2' })).toMatchObject({
			addressHeader: 'x-forwarded-for',
			xffDepth: 2
		});
		expect(loadConfig({ ADDRESS_HEADER: 'X-Real-IP' })).toMatchObject({ addressHeader: 'x-real-ip', xffDepth: 1 });
		for (const wrong of ['abc', '0', '2abc', '-1', '1.5']) {
			expect(() => loadConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: wrong }), wrong).toThrow(/^XFF_DEPTH: /);
		}
		expect(() => loadConfig({ ADDRESS_HEADER: 'X-Forwarded-For:' })).toThrow(/^ADDRESS_HEADER: /);
		expect(() => loadConfig({ ADDRESS_HEADER: 'x forwarded for' })).toThrow(/^ADDRESS_HEADER: /);
	});

	it('reads MFA_REQUIRED (beheerder or all) and names it when wrong', () => {
		expect(loadConfig({ MFA_REQUIRED: 'all' }).mfaRequired).toBe('all');
		expect(loadConfig({ MFA_REQUIRED: 'Beheerder' }).mfaRequired).toBe('beheerder');
		for (const wrong of ['none', 'admin', 'yes']) expect(() => loadConfig({ MFA_REQUIRED: wrong }), wrong).toThrow(/^MFA_REQUIRED: /);
	});

	it('reads the security contacts for security.txt, and names SECURITY_CONTACT when one is wrong', () => {
		expect(loadConfig({ SECURITY_CONTACT: 'cert@gemeente.nl, https://gemeente.nl/kwetsbaarheid-melden' }).securityContacts).toEqual([
			'mailto:cert@gemeente.nl',
			'https://gemeente.nl/kwetsbaarheid-melden'
		]);
		expect(loadConfig({ SECURITY_CONTACT: 'mailto:cert@gemeente.nl tel:+31-20-1234567' }).securityContacts).toEqual([
			'mailto:cert@gemeente.nl',
			'tel:+31-20-1234567'
		]);
		for (const wrong of ['http://gemeente.nl/melden', 'cert', 'mailto:niemand', 'javascript:alert(1)']) {
			expect(() => loadConfig({ SECURITY_CONTACT: wrong }), wrong).toThrow(ConfigError);
			expect(() => loadConfig({ SECURITY_CONTACT: wrong }), wrong).toThrow(/^SECURITY_CONTACT: /);
		}
	});

	it('reads the accessibility contacts like the security contacts, and names ACCESSIBILITY_CONTACT when one is wrong', () => {
		expect(
			loadConfig({ ACCESSIBILITY_CONTACT: 'digitoegankelijk@gemeente.nl https://gemeente.nl/toegankelijkheid' }).accessibilityContacts
		).toEqual(['mailto:digitoegankelijk@gemeente.nl', 'https://gemeente.nl/toegankelijkheid']);
		expect(() => loadConfig({ ACCESSIBILITY_CONTACT: 'javascript:alert(1)' })).toThrow(/^ACCESSIBILITY_CONTACT: /);
	});

	it('reads the house style file of HUISSTIJL_FILE relative to the working directory, and refuses a wrong one', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-huisstijl-'));
		try {
			const css = ':root {\n  --basis-color-action-1-color-default: #005a46;\n}\n';
			fs.writeFileSync(path.join(dir, 'variables.css'), css);
			expect(loadConfig({ HUISSTIJL_FILE: 'variables.css' }, dir).huisstijl).toEqual({ file: path.join(dir, 'variables.css'), css });

			fs.writeFileSync(path.join(dir, 'index.js'), 'export const color = "#005a46";');
			fs.writeFileSync(path.join(dir, 'theme.css'), '.voorbeeld-theme {\n  --basis-color-action-1-color-default: #005a46;\n}\n');
			fs.writeFileSync(path.join(dir, 'binary.css'), Buffer.from([0x2d, 0x2d, 0xff, 0xfe]));
			fs.writeFileSync(path.join(dir, 'large.css'), `:root { --basis-x: 1; }${' '.repeat(1024 ** 2)}`);
			const builtIn = fs.readFileSync(path.resolve('static/huisstijl/tokens.css'), 'utf8');
			expect(loadConfig({ HUISSTIJL_FILE: path.resolve('static/huisstijl/tokens.css') }, dir).huisstijl?.css).toBe(builtIn);
			for (const [file, message] of [
				['ontbreekt.css', /^HUISSTIJL_FILE: cannot read .*ENOENT/],
				['.', /^HUISSTIJL_FILE: not a file/],
				['index.js', /^HUISSTIJL_FILE: has no NL Design System tokens/],
				['binary.css', /^HUISSTIJL_FILE: not a UTF-8 text file/],
				['theme.css', /^HUISSTIJL_FILE: sets no tokens on :root or \.utrecht-theme; use the theme package's dist\/variables\.css/],
				['large.css', /^HUISSTIJL_FILE: larger than 1M/]
			] as const) {
				expect(() => loadConfig({ HUISSTIJL_FILE: file }, dir), file).toThrow(message);
			}
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('reads valid values', () => {
		const config = loadConfig(
			{
				PORT: '8080',
				DATA_DIR: '/var/kd',
				ORIGIN: 'https://dialoog.gemeente.nl/',
				BODY_SIZE_LIMIT: '2M',
				ADMIN_EMAIL: 'A@B.NL',
				ADMIN_PASSWORD: 'twaalf tekens!'
			},
			'/'
		);
		expect(config.port).toBe(8080);
		expect(config.dataDir).toBe('/var/kd');
		expect(config.origin).toBe('https://dialoog.gemeente.nl');
		expect(config.bodySizeLimit).toBe(2 * 1024 * 1024);
		expect(config.adminEmail).toBe('a@b.nl');
		expect(resolveOrigin(config, 8080)).toBe('https://dialoog.gemeente.nl');
		expect(loadConfig({ YJS_PROCESS: 'Inline' }, '/').yjsProcess).toBe('inline');
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
		// The rule every password in the app follows: not the part of the address before the @.
		[{ ADMIN_EMAIL: 'beheer@gemeente.nl', ADMIN_PASSWORD: 'Beheer-wachtwoord-2027' }, 'ADMIN_PASSWORD'],
		[{ ADMIN_EMAIL: 'a@b.nl', ADMIN_PASSWORD: 'x'.repeat(257) }, 'ADMIN_PASSWORD'],
		[{ SESSION_DAYS: '0' }, 'SESSION_DAYS'],
		[{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
		[{ SMTP_URL: 'mail.gemeente.nl' }, 'SMTP_URL'],
		[{ SMTP_URL: 'https://mail.gemeente.nl' }, 'SMTP_URL'],
		[{ SMTP_URL: 'smtp://' }, 'SMTP_URL'],
		[{ MAIL_FROM: 'Kwaliteitsdialoog' }, 'MAIL_FROM'],
		[{ MAIL_FROM: 'Kwaliteitsdialoog <noreply>' }, 'MAIL_FROM'],
		[{ MAIL_RETRY_SECONDS: '0' }, 'MAIL_RETRY_SECONDS'],
		[{ MAIL_RETRY_SECONDS: '3601' }, 'MAIL_RETRY_SECONDS'],
		[{ MAIL_MAX_ATTEMPTS: '21' }, 'MAIL_MAX_ATTEMPTS'],
		[{ MAIL_MAX_ATTEMPTS: 'vaak' }, 'MAIL_MAX_ATTEMPTS'],
		[{ YJS_PROCESS: 'thread' }, 'YJS_PROCESS']
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

	it('reads the mail settings', () => {
		const config = loadConfig(
			{
				SMTP_URL: 'smtp://kd%40gemeente.nl:geheim@mail.gemeente.nl:587',
				MAIL_FROM: 'Gemeente Assen <kwaliteit@assen.nl>',
				MAIL_RETRY_SECONDS: '30',
				MAIL_MAX_ATTEMPTS: '5'
			},
			'/'
		);
		expect(config.smtpUrl).toBe('smtp://kd%40gemeente.nl:geheim@mail.gemeente.nl:587');
		expect(config.mailFrom).toBe('Gemeente Assen <kwaliteit@assen.nl>');
		expect(config.mailRetrySeconds).toBe(30);
		expect(config.mailMaxAttempts).toBe(5);
		expect(loadConfig({ SMTP_URL: 'smtps://mail.gemeente.nl:465', MAIL_FROM: 'noreply@assen.nl' }, '/')).toMatchObject({
			smtpUrl: 'smtps://mail.gemeente.nl:465',
			mailFrom: 'noreply@assen.nl'
		});
	});

	it.each([
		'smtp://kd:Zeer$Geheim1@',
		'http://kd:Zeer$Geheim1@mail.gemeente.nl',
		'smtp://kd:Zeer$Geheim1@mail.gemeente.nl:587/x',
		'smtp://kd:Zeer#$Geheim1@mail.gemeente.nl:587',
		'smtp://kd:Zeer$Geheim1@mail.gemeente.nl:poort',
		'kd:Zeer$Geheim1'
	])('refuses SMTP_URL %s without repeating the password', (value) => {
		try {
			loadConfig({ SMTP_URL: value }, '/');
			expect.unreachable('loadConfig accepted a wrong SMTP_URL');
		} catch (error) {
			expect(error).toBeInstanceOf(ConfigError);
			expect((error as ConfigError).variable).toBe('SMTP_URL');
			expect((error as Error).message).toMatch(/^SMTP_URL: /);
			expect((error as Error).message).not.toContain('Geheim');
		}
	});

	describe('single sign-on (OIDC_*)', () => {
		const base = {
			OIDC_ISSUER: 'https://login.gemeente.nl/realms/medewerkers',
			OIDC_CLIENT_ID: 'kwaliteitsdialoog',
			OIDC_CLIENT_SECRET: 'heel-geheim-123'
		};

		it('is off by default, and password login is on', () => {
			expect(loadConfig({}, '/')).toMatchObject({ oidc: null, passwordLogin: true });
		});

		it('reads issuer, client, secret, the roles claim and the group-to-role map', () => {
			const config = loadConfig(
				{
					...base,
					OIDC_ROLES_CLAIM: 'groups',
					OIDC_ROLE_MAP: 'kd-beheer=beheerder, kd-kwaliteit=kwaliteitsmanager,kd-gl=gespreksleider,kd-kwaliteit=facilitator',
					OIDC_LABEL: 'Gemeente-account',
					PASSWORD_LOGIN: 'off'
				},
				'/'
			);
			expect(config.passwordLogin).toBe(false);
			expect(config.oidc).toEqual({
				issuer: base.OIDC_ISSUER,
				clientId: 'kwaliteitsdialoog',
				clientAuth: { method: 'client_secret', secret: 'heel-geheim-123' },
				rolesClaim: 'groups',
				roleMap: { 'kd-beheer': ['admin'], 'kd-kwaliteit': ['quality_manager', 'facilitator'], 'kd-gl': ['facilitator'] },
				label: 'Gemeente-account'
			});
		});

		it('reads a private key for private_key_jwt', () => {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-oidc-'));
			const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
			fs.writeFileSync(path.join(dir, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
			const { OIDC_CLIENT_SECRET: _secret, ...withoutSecret } = base;
			const config = loadConfig({ ...withoutSecret, OIDC_PRIVATE_KEY_FILE: 'key.pem' }, dir);
			expect(config.oidc?.clientAuth).toMatchObject({ method: 'private_key_jwt', keyFile: path.join(dir, 'key.pem') });
		});

		it.each([
			[{ PASSWORD_LOGIN: 'off' }, 'PASSWORD_LOGIN'],
			[{ ...base, PASSWORD_LOGIN: 'nee' }, 'PASSWORD_LOGIN'],
			[{ OIDC_CLIENT_ID: 'x' }, 'OIDC_CLIENT_ID'],
			[{ ...base, OIDC_ISSUER: 'http://login.gemeente.nl' }, 'OIDC_ISSUER'],
			[{ ...base, OIDC_ISSUER: 'geen url' }, 'OIDC_ISSUER'],
			[{ ...base, OIDC_CLIENT_ID: '' }, 'OIDC_CLIENT_ID'],
			[{ ...base, OIDC_CLIENT_SECRET: '' }, 'OIDC_CLIENT_SECRET'],
			[{ ...base, OIDC_PRIVATE_KEY_FILE: '/bestaat/niet.pem' }, 'OIDC_PRIVATE_KEY_FILE'],
			[{ ...base, OIDC_CLIENT_SECRET: '', OIDC_PRIVATE_KEY_FILE: '/bestaat/niet.pem' }, 'OIDC_PRIVATE_KEY_FILE'],
			[{ ...base, OIDC_ROLES_CLAIM: 'groups' }, 'OIDC_ROLE_MAP'],
			[{ ...base, OIDC_ROLES_CLAIM: 'groups', OIDC_ROLE_MAP: 'kd-beheer=baas' }, 'OIDC_ROLE_MAP'],
			[{ ...base, OIDC_ROLES_CLAIM: 'groups', OIDC_ROLE_MAP: 'kd-beheer' }, 'OIDC_ROLE_MAP'],
			[{ ...base, OIDC_ROLE_MAP: 'kd-beheer=beheerder' }, 'OIDC_ROLES_CLAIM'],
			[{ ...base, OIDC_LABEL: 'x'.repeat(61) }, 'OIDC_LABEL']
		])('refuses %o, naming %s, without repeating the secret', (env, variable) => {
			try {
				loadConfig(env, '/');
				expect.unreachable('loadConfig accepted a wrong setting');
			} catch (error) {
				expect(error).toBeInstanceOf(ConfigError);
				expect((error as ConfigError).variable).toBe(variable);
				expect((error as Error).message).not.toContain('heel-geheim');
			}
		});
	});
});
