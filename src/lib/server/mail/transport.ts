/**
 * Delivery transports for outgoing mail, built on nodemailer. The SMTP transport hands a
 * message to the municipality's mail server and says whether a failure is worth retrying;
 * the file transport writes the very same MIME message as an .eml file, so the app runs
 * (and can be tried out) without any mail server. Both use the caller's Message-ID, so a
 * message sent again after a failure is recognisable as the same message.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import addressparser from 'nodemailer/lib/addressparser/index.js';

export interface OutgoingMail {
	/** Message-ID without or with angle brackets, e.g. "3f2a…@dialoog.gemeente.nl". */
	messageId: string;
	from: string;
	to: string;
	subject: string;
	text: string;
	html?: string;
	/** Text attachments, e.g. an iCalendar file. */
	attachments?: { filename: string; contentType: string; content: string }[];
}

export interface MailTransport {
	kind: 'smtp' | 'file';
	/** Resolves once the message was accepted; throws a MailDeliveryError otherwise. */
	send(mail: OutgoingMail): Promise<void>;
	close(): void;
}

/**
 * A failed delivery. `permanent` means sending the message again will not help (the
 * recipient was refused, the address is invalid); otherwise it should be retried later.
 * `reason` is short, on one line, and holds neither credentials nor e-mail addresses, so it
 * can be logged and stored.
 */
export class MailDeliveryError extends Error {
	constructor(
		readonly permanent: boolean,
		readonly reason: string,
		/**
		 * The failure concerns the way out, not this message: the mail server cannot be reached,
		 * does not answer or refuses us, or the mail folder cannot be written. Other queued
		 * mail would fail the same way, so the queue waits before trying the next one.
		 */
		readonly unavailable = false
	) {
		super(`${permanent ? 'permanent' : 'temporary'} delivery failure: ${reason}`);
		this.name = 'MailDeliveryError';
	}
}

const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;
const DNS_TIMEOUT_MS = 10_000;
const MAX_REASON_LENGTH = 200;

/** The Message-ID as written in the header, always with angle brackets and an "@". */
function messageIdHeader(messageId: string): string {
	const bare = messageId
		.trim()
		.replace(/^<+|>+$/g, '')
		.replace(/[\s<>]/g, '');
	if (!bare) throw new MailDeliveryError(true, 'empty Message-ID');
	return `<${bare.includes('@') ? bare : `${bare}@kwaliteitsdialoog.invalid`}>`;
}

/** A file name for a Message-ID: only safe characters, never a path or a hidden file. */
export function safeFileName(messageId: string): string {
	const name = messageIdHeader(messageId)
		.slice(1, -1)
		.replace(/[^A-Za-z0-9._@+-]/g, '_')
		.replace(/^\.+/, '_')
		.slice(0, 200);
	return name || 'message';
}

function hasAddress(field: string): boolean {
	const parsed = addressparser(field, { flatten: true });
	return parsed.length > 0 && parsed.every((entry) => /^[^\s@]+@[^\s@]+$/.test(entry.address));
}

/** Checks the addresses and builds nodemailer's message options, the same for every transport. */
function messageOptions(mail: OutgoingMail): Mail.Options {
	if (!hasAddress(mail.from)) throw new MailDeliveryError(true, 'invalid sender address');
	if (!hasAddress(mail.to)) throw new MailDeliveryError(true, 'invalid recipient address');
	return {
		messageId: messageIdHeader(mail.messageId),
		from: mail.from,
		to: mail.to,
		subject: mail.subject,
		text: mail.text,
		html: mail.html,
		// Tells mail servers and out-of-office replies that no person sent this message.
		headers: { 'Auto-Submitted': 'auto-generated' },
		attachments: mail.attachments?.map((attachment) => ({
			filename: attachment.filename,
			contentType: attachment.contentType,
			content: attachment.content
		}))
	};
}

/** Removes credentials and e-mail addresses from a text, and keeps it short and on one line. */
function cleanReason(text: string, secrets: string[]): string {
	let reason = text.replace(/\s+/g, ' ').trim();
	for (const secret of secrets) {
		if (secret.length >= 4) reason = reason.split(secret).join('***');
	}
	reason = reason.replace(/[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+/g, '<address>');
	return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason;
}

interface NodemailerError {
	code?: string;
	responseCode?: number;
	response?: string;
	command?: string;
	message?: string;
}

/** Commands whose 5xx replies concern the server or our account, not this message. */
const SESSION_COMMANDS = /^(CONN|EHLO|HELO|LHLO|STARTTLS|AUTH\b)/;

/**
 * Classifies a nodemailer error. Permanent: a 5xx reply to MAIL FROM, RCPT TO or DATA (the
 * recipient or the message was refused), and an envelope or message the client itself
 * refuses (invalid address, too large). Temporary: 4xx replies, connection and DNS errors,
 * timeouts, TLS errors, and failed authentication, which is a setting to fix, after which
 * the queued messages should still go out.
 */
export function classifySmtpError(error: unknown, secrets: string[] = []): MailDeliveryError {
	const err = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
	const code = typeof err.code === 'string' ? err.code : undefined;
	const responseCode = typeof err.responseCode === 'number' ? err.responseCode : undefined;
	const command = typeof err.command === 'string' ? err.command : undefined;
	let permanent: boolean;
	let unavailable: boolean;
	if (code === 'EAUTH') {
		permanent = false;
		unavailable = true;
	} else if (responseCode !== undefined) {
		const session = SESSION_COMMANDS.test(command ?? '');
		permanent = responseCode >= 500 && responseCode < 600 && !session;
		unavailable = session;
	} else {
		permanent = code === 'EENVELOPE' || code === 'EMESSAGE' || code === 'ESTREAM';
		// Connection, DNS, TLS errors and timeouts.
		unavailable = !permanent;
	}
	const detail = responseCode !== undefined && typeof err.response === 'string' ? err.response : (err.message ?? String(error));
	const prefix = [command && command !== 'API' ? command : undefined, code].filter(Boolean).join(' ');
	return new MailDeliveryError(permanent, cleanReason(prefix ? `${prefix}: ${detail}` : detail, secrets), unavailable);
}

/** Password and user name in the forms they might show up in a server's reply. */
function secretsOf(user: string, pass: string): string[] {
	const base64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');
	const secrets = [pass, user, encodeURIComponent(pass), base64(pass), base64(user)];
	if (user || pass) secrets.push(base64(`\u0000${user}\u0000${pass}`));
	return secrets.filter((secret) => secret.length > 0);
}

/** A percent-encoded user name or password; a stray "%" is taken literally. */
function decodeUserInfo(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

/** Delivers through an SMTP server; `url` is smtp://[user:pass@]host[:port] or smtps://…. */
export function createSmtpTransport(url: string): MailTransport {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new Error('createSmtpTransport: not a URL');
	}
	if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
		throw new Error('createSmtpTransport: expected smtp:// or smtps://');
	}
	const secure = parsed.protocol === 'smtps:';
	const user = decodeUserInfo(parsed.username);
	const pass = decodeUserInfo(parsed.password);
	const secrets = secretsOf(user, pass);
	const options: SMTPTransport.Options = {
		host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
		port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
		secure,
		auth: user ? { user, pass } : undefined,
		connectionTimeout: CONNECTION_TIMEOUT_MS,
		greetingTimeout: GREETING_TIMEOUT_MS,
		socketTimeout: SOCKET_TIMEOUT_MS,
		dnsTimeout: DNS_TIMEOUT_MS,
		logger: false
	};
	const transporter = nodemailer.createTransport(options);
	return {
		kind: 'smtp',
		async send(mail) {
			const message = messageOptions(mail);
			try {
				await transporter.sendMail(message);
			} catch (error) {
				throw classifySmtpError(error, secrets);
			}
		},
		close() {
			transporter.close();
		}
	};
}

/**
 * Writes each message as `<dir>/<Message-ID>.eml` (CRLF line endings, as sent over SMTP).
 * The file is written under a temporary name and then renamed, so a crash never leaves half
 * a message; sending the same Message-ID again replaces the file.
 */
export function createFileTransport(dir: string): MailTransport {
	const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true });
	return {
		kind: 'file',
		async send(mail) {
			const message = messageOptions(mail);
			const target = path.join(dir, `${safeFileName(mail.messageId)}.eml`);
			const temporary = path.join(dir, `.${randomBytes(8).toString('hex')}.eml.tmp`);
			try {
				const info = await transporter.sendMail(message);
				// Line breaks as on the wire: nodemailer leaves bare LFs in bodies, which its SMTP
				// connection turns into CRLF when sending; the file gets the same bytes.
				const bytes = Buffer.from((info.message as Buffer).toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
				await mkdir(dir, { recursive: true });
				await writeFile(temporary, bytes, { flag: 'wx' });
				await rename(temporary, target);
			} catch (error) {
				await rm(temporary, { force: true }).catch(() => undefined);
				const detail = error instanceof Error ? error.message : String(error);
				throw new MailDeliveryError(false, cleanReason(`file: ${detail}`, []), true);
			}
		},
		close() {
			transporter.close();
		}
	};
}

/** The transport for a configuration: SMTP when SMTP_URL is set, otherwise .eml files in `<dataDir>/mail`. */
export function createMailTransport(config: { smtpUrl: string | null; dataDir: string }): MailTransport {
	return config.smtpUrl ? createSmtpTransport(config.smtpUrl) : createFileTransport(path.join(config.dataDir, 'mail'));
}
