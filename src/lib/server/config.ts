/**
 * Configuration from environment variables. Every value has a documented default (see
 * docs/beheerder-guide.md); a wrong value stops start-up with a message that names the variable.
 */
import path from 'node:path';

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
	/** Who must use a second step (TOTP) at password login: `beheerder` (default) or `all` staff. */
	mfaRequired: 'all' | 'beheerder';
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
		securityContacts: securityContacts(env),
		mfaRequired: mfaRequired(env)
	};
}

/** MFA_REQUIRED: `beheerder` (default) or `all`. */
function mfaRequired(env: Env): Config['mfaRequired'] {
	const value = (nonEmpty(env, 'MFA_REQUIRED') ?? 'beheerder').toLowerCase();
	if (value !== 'all' && value !== 'beheerder') throw new ConfigError('MFA_REQUIRED', `expected beheerder or all, got "${value}"`);
	return value;
}

/** SECURITY_CONTACT: one or more contacts, separated by commas or spaces. */
function securityContacts(env: Env): string[] {
	const raw = nonEmpty(env, 'SECURITY_CONTACT');
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
			throw new ConfigError('SECURITY_CONTACT', `not an e-mail address, mailto:, https: or tel: URI: "${value}"`);
		});
}

/** The origin the app is reached at, once the port is known. */
export function resolveOrigin(config: Config, port: number): string {
	if (config.origin) return config.origin;
	const host = ['0.0.0.0', '::', ''].includes(config.host) ? 'localhost' : config.host;
	const shown = host.includes(':') ? `[${host}]` : host;
	return `http://${shown}:${port}`;
}
