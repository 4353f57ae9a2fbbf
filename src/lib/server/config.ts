/**
 * Configuration from environment variables. Every value has a documented default (see
 * docs/beheerder-guide.md); a wrong value stops start-up with a message that names the variable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROLES, type Role } from '../shared/vocabulary';

export interface Config {
	/** TCP port; 0 picks a free port (tests). */
	port: number;
	/** Interface to listen on. */
	host: string;
	/** Directory for the SQLite database and other runtime files. */
	dataDir: string;
	/** Public origin (scheme://host[:port]); derived from HOST and PORT when unset. */
	origin: string | null;
	/** Largest accepted request body in bytes. */
	bodySizeLimit: number;
	/** First administrator, created on first start when no account exists. */
	adminEmail: string | null;
	adminPassword: string | null;
	/** Days of inactivity after which a staff login expires. */
	sessionDays: number;
	logLevel: 'debug' | 'info' | 'warn' | 'error';
	/** Outgoing mail server (smtp:// or smtps://); null writes mail to files under dataDir. */
	smtpUrl: string | null;
	/** Sender of outgoing mail, e.g. "Kwaliteitsdialoog <noreply@gemeente.nl>". */
	mailFrom: string;
	/** Base delay in seconds of the backoff between delivery attempts. */
	mailRetrySeconds: number;
	/** Delivery attempts before a message is given up. */
	mailMaxAttempts: number;
	/** Months after the report became final (or the session was held) before participants' personal data is pseudonymised. */
	retentionMonths: number;
	/**
	 * `separate` (default): co-editing (Yjs) runs in a process of its own, so it and the live
	 * sessions each have a CPU core; `inline`: in the server's own process (one core, or the
	 * least memory).
	 */
	yjsProcess: 'separate' | 'inline';
	/**
	 * Where to report a security problem (RFC 9116 `Contact`): mailto:, https: or tel: URIs; a
	 * bare e-mail address becomes mailto:. Empty: no /.well-known/security.txt (404).
	 */
	securityContacts: string[];
	/**
	 * Where to report an accessibility problem (toegankelijkheidsverklaring): mailto:, https: or
	 * tel: URIs, as SECURITY_CONTACT. Empty: the statement refers to the municipality.
	 */
	accessibilityContacts: string[];
	/**
	 * The house style (HUISSTIJL_FILE): a municipality's NL Design System theme file, read at
	 * start-up and served at /huisstijl/tokens.css instead of the built-in one. Null: built-in.
	 */
	huisstijl: { file: string; css: string } | null;
	/** Single sign-on for staff with OpenID Connect; null without OIDC_ISSUER. */
	oidc: OidcConfig | null;
	/** False with PASSWORD_LOGIN=off: staff log in only with single sign-on. */
	passwordLogin: boolean;
	/** Who must use a second step (TOTP) at password login: `beheerder` (default) or `all` staff. */
	mfaRequired: 'all' | 'beheerder';
	/**
	 * Behind a reverse proxy: the request header with the visitor's address (ADDRESS_HEADER,
	 * lower case) and, for X-Forwarded-For, how many proxies add to it (XFF_DEPTH). adapter-node
	 * reads both itself; they are checked here so a wrong value stops start-up instead of
	 * failing every login.
	 */
	addressHeader: string | null;
	xffDepth: number;
}

export interface OidcConfig {
	/** The provider's Issuer Identifier (its discovery document is below it). */
	issuer: string;
	clientId: string;
	/** How the app proves itself to the provider: a client secret or a private key (private_key_jwt). */
	clientAuth: { method: 'client_secret'; secret: string } | { method: 'private_key_jwt'; keyPem: string; keyFile: string };
	/** The ID token claim with the user's groups; null: roles are kept in the app. */
	rolesClaim: string | null;
	/** Claim value (group) to the app's roles. */
	roleMap: Record<string, Role[]>;
	/** The provider's name on the login button ("Inloggen met …"); null: "uw organisatieaccount". */
	label: string | null;
}

export class ConfigError extends Error {
	constructor(
		readonly variable: string,
		message: string
	) {
		super(`${variable}: ${message}`);
		this.name = 'ConfigError';
	}
}

type Env = Record<string, string | undefined>;

function nonEmpty(env: Env, name: string): string | undefined {
	const value = env[name]?.trim();
	return value ? value : undefined;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
	const raw = nonEmpty(env, name);
	if (raw === undefined) return fallback;
	if (!/^\d+$/.test(raw)) {
		throw new ConfigError(name, `expected a whole number between ${min} and ${max}, got "${raw}"`);
	}
	const value = Number(raw);
	if (value < min || value > max) {
		throw new ConfigError(name, `expected a whole number between ${min} and ${max}, got ${value}`);
	}
	return value;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2 };

function byteSize(env: Env, name: string, fallback: number): number {
	const raw = nonEmpty(env, name);
	if (raw === undefined) return fallback;
	const match = /^(\d+)\s*([a-z]*)$/i.exec(raw);
	const unit = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
	if (!match || unit === undefined) {
		throw new ConfigError(name, `expected a size such as 512K or 1M, got "${raw}"`);
	}
	const value = Number(match[1]) * unit;
	if (value < 1024 || value > 64 * 1024 ** 2) {
		throw new ConfigError(name, `expected a size between 1K and 64M, got "${raw}"`);
	}
	return value;
}

function origin(env: Env): string | null {
	const raw = nonEmpty(env, 'ORIGIN');
	if (raw === undefined) return null;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new ConfigError('ORIGIN', `expected a URL such as https://dialoog.gemeente.nl, got "${raw}"`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new ConfigError('ORIGIN', `must start with http:// or https://, got "${raw}"`);
	}
	if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
		throw new ConfigError('ORIGIN', `must be only scheme, host and port (no path), got "${raw}"`);
	}
	return url.origin;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function smtpUrl(env: Env): string | null {
	const raw = nonEmpty(env, 'SMTP_URL');
	if (raw === undefined) return null;
	const example = 'smtp://user:password@mail.gemeente.nl:587 or smtps://mail.gemeente.nl:465';
	let url: URL;
	// The value may hold a password, so no message below repeats it.
	try {
		url = new URL(raw);
	} catch {
		throw new ConfigError('SMTP_URL', `expected a URL such as ${example}`);
	}
	if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
		throw new ConfigError('SMTP_URL', `must start with smtp:// or smtps://, got "${url.protocol}//"`);
	}
	if (!url.hostname) {
		throw new ConfigError('SMTP_URL', `has no host name, expected a URL such as ${example}`);
	}
	if ((url.pathname && url.pathname !== '/') || url.search || url.hash) {
		// Usually an unencoded / ? or # in the password.
		throw new ConfigError(
			'SMTP_URL',
			'must be only scheme, credentials, host and port; write / # ? @ : in the user name or password as %2F %23 %3F %40 %3A'
		);
	}
	return raw;
}

/** A mailbox: "address@domain" or "Display Name <address@domain>"; the domain may be a bare host name. */
const MAILBOX = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/;

function mailFrom(env: Env): string {
	const value = nonEmpty(env, 'MAIL_FROM') ?? 'Kwaliteitsdialoog <noreply@localhost>';
	if (!MAILBOX.test(value)) {
		throw new ConfigError('MAIL_FROM', `expected an address such as "Kwaliteitsdialoog <noreply@gemeente.nl>", got "${value}"`);
	}
	return value;
}

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * What is wrong with a password for an account with this e-mail address, or null: one rule for
 * passwords set in the app (auth/accounts.ts) and for ADMIN_PASSWORD at start-up.
 */
export function passwordProblem(password: string, email?: string | null): 'tooShort' | 'tooLong' | 'containsEmail' | null {
	if (password.length < MIN_PASSWORD_LENGTH) return 'tooShort';
	if (password.length > MAX_PASSWORD_LENGTH) return 'tooLong';
	const localPart = email?.split('@')[0]?.toLowerCase() ?? '';
	if (localPart.length >= 4 && password.toLowerCase().includes(localPart)) return 'containsEmail';
	return null;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
	const adminEmail = nonEmpty(env, 'ADMIN_EMAIL')?.toLowerCase() ?? null;
	const adminPassword = env.ADMIN_PASSWORD ? env.ADMIN_PASSWORD : null;
	if ((adminEmail === null) !== (adminPassword === null)) {
		throw new ConfigError(adminEmail ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL', 'ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
	}
	if (adminEmail !== null && !EMAIL.test(adminEmail)) {
		throw new ConfigError('ADMIN_EMAIL', `not an e-mail address: "${adminEmail}"`);
	}
	const problem = adminPassword === null ? null : passwordProblem(adminPassword, adminEmail);
	if (problem === 'tooShort') throw new ConfigError('ADMIN_PASSWORD', `must be at least ${MIN_PASSWORD_LENGTH} characters long`);
	if (problem === 'tooLong') throw new ConfigError('ADMIN_PASSWORD', `must be at most ${MAX_PASSWORD_LENGTH} characters long`);
	if (problem === 'containsEmail') {
		throw new ConfigError('ADMIN_PASSWORD', 'must not contain the part of ADMIN_EMAIL before the @; choose another password');
	}
	const logLevel = (nonEmpty(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
	if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
		throw new ConfigError('LOG_LEVEL', `expected debug, info, warn or error, got "${logLevel}"`);
	}
	const yjsProcess = (nonEmpty(env, 'YJS_PROCESS') ?? 'separate').toLowerCase();
	if (yjsProcess !== 'separate' && yjsProcess !== 'inline') {
		throw new ConfigError('YJS_PROCESS', `expected separate or inline, got "${yjsProcess}"`);
	}
	return {
		port: integer(env, 'PORT', 3000, 0, 65535),
		host: nonEmpty(env, 'HOST') ?? '0.0.0.0',
		dataDir: path.resolve(cwd, nonEmpty(env, 'DATA_DIR') ?? './data'),
		origin: origin(env),
		bodySizeLimit: byteSize(env, 'BODY_SIZE_LIMIT', 1024 ** 2),
		adminEmail,
		adminPassword,
		sessionDays: integer(env, 'SESSION_DAYS', 7, 1, 90),
		logLevel: logLevel as Config['logLevel'],
		smtpUrl: smtpUrl(env),
		mailFrom: mailFrom(env),
		mailRetrySeconds: integer(env, 'MAIL_RETRY_SECONDS', 60, 1, 3600),
		mailMaxAttempts: integer(env, 'MAIL_MAX_ATTEMPTS', 8, 1, 20),
		retentionMonths: integer(env, 'RETENTION_MONTHS', 12, 1, 120),
		yjsProcess,
		securityContacts: contacts(env, 'SECURITY_CONTACT'),
		accessibilityContacts: contacts(env, 'ACCESSIBILITY_CONTACT'),
		huisstijl: huisstijl(env, cwd),
		...oidcAndPasswordLogin(env, cwd),
		mfaRequired: mfaRequired(env),
		...addressHeader(env)
	};
}

/** A header name as HTTP allows it (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;

/** ADDRESS_HEADER and XFF_DEPTH (1 by default; adapter-node uses it only with X-Forwarded-For). */
function addressHeader(env: Env): Pick<Config, 'addressHeader' | 'xffDepth'> {
	const header = nonEmpty(env, 'ADDRESS_HEADER')?.toLowerCase() ?? null;
	if (header !== null && !HEADER_NAME.test(header)) {
		throw new ConfigError('ADDRESS_HEADER', `expected a header name such as X-Forwarded-For, got "${header}"`);
	}
	return { addressHeader: header, xffDepth: integer(env, 'XFF_DEPTH', 1, 1, 20) };
}

/** MFA_REQUIRED: `beheerder` (default) or `all`. */
function mfaRequired(env: Env): Config['mfaRequired'] {
	const value = (nonEmpty(env, 'MFA_REQUIRED') ?? 'beheerder').toLowerCase();
	if (value !== 'all' && value !== 'beheerder') throw new ConfigError('MFA_REQUIRED', `expected beheerder or all, got "${value}"`);
	return value;
}

const ROLE_NAMES: Record<string, Role> = {
	admin: 'admin',
	beheerder: 'admin',
	facilitator: 'facilitator',
	gespreksleider: 'facilitator',
	quality_manager: 'quality_manager',
	kwaliteitsmanager: 'quality_manager'
};

/** OIDC_ROLE_MAP: `group=role` pairs separated by commas; one group may give several roles. */
function roleMap(env: Env): Record<string, Role[]> {
	const raw = nonEmpty(env, 'OIDC_ROLE_MAP');
	const map: Record<string, Role[]> = {};
	if (!raw) return map;
	const known = [...new Set([...ROLES, ...Object.keys(ROLE_NAMES)])].join(', ');
	for (const pair of raw.split(',')) {
		if (!pair.trim()) continue;
		const at = pair.lastIndexOf('=');
		const group = at > 0 ? pair.slice(0, at).trim() : '';
		const roleName =
			at > 0
				? pair
						.slice(at + 1)
						.trim()
						.toLowerCase()
				: '';
		if (!group || !roleName) {
			throw new ConfigError(
				'OIDC_ROLE_MAP',
				`expected group=role pairs separated by commas, such as "kd-beheer=beheerder", got "${pair.trim()}"`
			);
		}
		const role = ROLE_NAMES[roleName];
		if (!role) throw new ConfigError('OIDC_ROLE_MAP', `unknown role "${roleName}" for group "${group}"; roles are ${known}`);
		map[group] = [...new Set([...(map[group] ?? []), role])];
	}
	return map;
}

function oidcAndPasswordLogin(env: Env, cwd: string): { oidc: OidcConfig | null; passwordLogin: boolean } {
	const passwordSetting = (nonEmpty(env, 'PASSWORD_LOGIN') ?? 'on').toLowerCase();
	if (passwordSetting !== 'on' && passwordSetting !== 'off') {
		throw new ConfigError('PASSWORD_LOGIN', `expected on or off, got "${passwordSetting}"`);
	}
	const passwordLogin = passwordSetting === 'on';
	const rawIssuer = nonEmpty(env, 'OIDC_ISSUER');
	if (rawIssuer === undefined) {
		const stray = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_PRIVATE_KEY_FILE', 'OIDC_ROLES_CLAIM', 'OIDC_ROLE_MAP'].find((name) =>
			nonEmpty(env, name)
		);
		if (stray) throw new ConfigError(stray, 'is set, but OIDC_ISSUER is not; set OIDC_ISSUER to use single sign-on');
		if (!passwordLogin) throw new ConfigError('PASSWORD_LOGIN', 'off is only allowed with single sign-on (OIDC_ISSUER)');
		return { oidc: null, passwordLogin };
	}
	let issuer: URL;
	try {
		issuer = new URL(rawIssuer);
	} catch {
		throw new ConfigError('OIDC_ISSUER', `expected a URL such as https://login.microsoftonline.com/<tenant>/v2.0, got "${rawIssuer}"`);
	}
	const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
	if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && loopback)) {
		throw new ConfigError('OIDC_ISSUER', `must start with https:// (http:// only on this machine), got "${rawIssuer}"`);
	}
	if (issuer.search || issuer.hash || issuer.username || issuer.password) {
		throw new ConfigError('OIDC_ISSUER', `must be the Issuer Identifier without query or fragment, got "${rawIssuer}"`);
	}
	const clientId = nonEmpty(env, 'OIDC_CLIENT_ID');
	if (!clientId) throw new ConfigError('OIDC_CLIENT_ID', 'must be set with OIDC_ISSUER (the client id the provider gave this app)');
	const secret = nonEmpty(env, 'OIDC_CLIENT_SECRET');
	const keyFile = nonEmpty(env, 'OIDC_PRIVATE_KEY_FILE');
	if (secret && keyFile) {
		throw new ConfigError('OIDC_PRIVATE_KEY_FILE', 'set either OIDC_CLIENT_SECRET or OIDC_PRIVATE_KEY_FILE, not both');
	}
	let clientAuth: OidcConfig['clientAuth'];
	if (secret) clientAuth = { method: 'client_secret', secret };
	else if (keyFile) {
		const file = path.resolve(cwd, keyFile);
		let keyPem: string;
		try {
			keyPem = fs.readFileSync(file, 'utf8');
		} catch {
			throw new ConfigError('OIDC_PRIVATE_KEY_FILE', `cannot read the file "${file}"`);
		}
		if (!/-----BEGIN PRIVATE KEY-----/.test(keyPem)) {
			throw new ConfigError('OIDC_PRIVATE_KEY_FILE', `"${file}" is not a private key in PKCS#8 PEM format (-----BEGIN PRIVATE KEY-----)`);
		}
		clientAuth = { method: 'private_key_jwt', keyPem, keyFile: file };
	} else {
		throw new ConfigError('OIDC_CLIENT_SECRET', 'set OIDC_CLIENT_SECRET or OIDC_PRIVATE_KEY_FILE with OIDC_ISSUER');
	}
	const rolesClaim = nonEmpty(env, 'OIDC_ROLES_CLAIM') ?? null;
	const map = roleMap(env);
	if (rolesClaim && Object.keys(map).length === 0) {
		throw new ConfigError('OIDC_ROLE_MAP', 'must map at least one group to a role when OIDC_ROLES_CLAIM is set');
	}
	if (!rolesClaim && Object.keys(map).length > 0) {
		throw new ConfigError('OIDC_ROLES_CLAIM', 'must name the claim with the groups when OIDC_ROLE_MAP is set (for example groups)');
	}
	const label = nonEmpty(env, 'OIDC_LABEL') ?? null;
	if (label !== null && (label.length > 60 || /\p{Cc}/u.test(label))) {
		throw new ConfigError('OIDC_LABEL', 'must be one line of at most 60 characters');
	}
	return { oidc: { issuer: rawIssuer, clientId, clientAuth, rolesClaim, roleMap: map, label }, passwordLogin };
}

/** Largest house style file: a theme package's CSS is some tens of kilobytes. */
export const MAX_HUISSTIJL_BYTES = 1024 ** 2;

/**
 * HUISSTIJL_FILE: the path of a theme package's CSS file (e.g. its dist/variables.css). Read
 * once at start-up; a file that is missing, too large, not text or has no NL Design System
 * tokens stops the start with a message, rather than a page without its colours.
 */
function huisstijl(env: Env, cwd: string): Config['huisstijl'] {
	const raw = nonEmpty(env, 'HUISSTIJL_FILE');
	if (raw === undefined) return null;
	const file = path.resolve(cwd, raw);
	let bytes: Buffer;
	try {
		const stat = fs.statSync(file);
		if (!stat.isFile()) throw new ConfigError('HUISSTIJL_FILE', `not a file: "${file}"`);
		if (stat.size > MAX_HUISSTIJL_BYTES) throw new ConfigError('HUISSTIJL_FILE', `larger than 1M: "${file}"`);
		bytes = fs.readFileSync(file);
	} catch (error) {
		if (error instanceof ConfigError) throw error;
		throw new ConfigError('HUISSTIJL_FILE', `cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
	}
	let css: string;
	try {
		css = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new ConfigError('HUISSTIJL_FILE', `not a UTF-8 text file: "${file}"`);
	}
	if (!/--(?:basis|utrecht|nl)-[\w-]+\s*:/.test(css)) {
		throw new ConfigError(
			'HUISSTIJL_FILE',
			`has no NL Design System tokens (--basis-*, --utrecht-* or --nl-*); use the CSS file of the theme package, e.g. dist/variables.css: "${file}"`
		);
	}
	if (!/(?:^|[\s,}])(?::root|\.utrecht-theme)[\s,{]/.test(css)) {
		// A package's dist/theme.css sets the tokens on its own class (.<name>-theme), which the pages do not have.
		throw new ConfigError(
			'HUISSTIJL_FILE',
			`sets no tokens on :root or .utrecht-theme; use the theme package's dist/variables.css (selector :root): "${file}"`
		);
	}
	return { file, css };
}

/** SECURITY_CONTACT, ACCESSIBILITY_CONTACT: one or more contacts, separated by commas or spaces. */
function contacts(env: Env, name: string): string[] {
	const raw = nonEmpty(env, name);
	if (!raw) return [];
	return raw
		.split(/[\s,]+/)
		.filter(Boolean)
		.map((value) => {
			if (/^mailto:/i.test(value)) {
				if (EMAIL.test(value.slice(7))) return value;
			} else if (EMAIL.test(value)) return `mailto:${value}`;
			if (/^tel:\+?[0-9-]+$/i.test(value)) return value;
			if (/^https:\/\//i.test(value)) {
				try {
					return new URL(value).href;
				} catch {
					// reported below
				}
			}
			throw new ConfigError(name, `not an e-mail address, mailto:, https: or tel: URI: "${value}"`);
		});
}

/** The origin the app is reached at, once the port is known. */
export function resolveOrigin(config: Config, port: number): string {
	if (config.origin) return config.origin;
	const host = ['0.0.0.0', '::', ''].includes(config.host) ? 'localhost' : config.host;
	const shown = host.includes(':') ? `[${host}]` : host;
	return `http://${shown}:${port}`;
}
