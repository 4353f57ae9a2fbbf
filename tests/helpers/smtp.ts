/**
 * A loopback SMTP server for tests (smtp-server on 127.0.0.1, no TLS) that keeps every
 * message it accepts and can be told to refuse mail the way real servers do, plus a small
 * MIME reader for the messages nodemailer writes, so tests can check what was delivered
 * without a mail-parsing dependency.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { safeFileName } from '../../src/lib/server/mail/transport';

export interface ReceivedMail {
	from: string;
	to: string[];
	raw: string;
}

/**
 * How the server treats the next messages: 'temporary' replies 451 to RCPT TO, 'permanent'
 * 550 to RCPT TO (recipient refused), the '-data' variants reply so to the message itself,
 * 'down' stops listening so connections are refused, 'none' accepts everything.
 */
export type RefuseMode = 'none' | 'temporary' | 'permanent' | 'temporary-data' | 'permanent-data' | 'down';

export interface TestSmtpOptions {
	/** Require this user name and password (AUTH PLAIN/LOGIN over the plain connection). */
	auth?: { user: string; pass: string };
}

export interface TestSmtp {
	port: number;
	/** smtp://127.0.0.1:port, with the credentials when `auth` was given. */
	url: string;
	messages: ReceivedMail[];
	refuse(mode: RefuseMode): Promise<void>;
	close(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
	return Object.assign(new Error(message), { responseCode: code });
}

export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
	const messages: ReceivedMail[] = [];
	let mode: RefuseMode = 'none';
	const serverOptions: SMTPServerOptions = {
		disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
		authOptional: !options.auth,
		allowInsecureAuth: true,
		logger: false,
		closeTimeout: 500,
		onAuth(auth, _session, callback) {
			if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
				callback(null, { user: auth.username });
			} else {
				callback(smtpError(535, 'Authentication credentials invalid'));
			}
		},
		onRcptTo(_address, _session, callback) {
			if (mode === 'temporary') return callback(smtpError(451, '4.3.0 Try again later'));
			if (mode === 'permanent') return callback(smtpError(550, '5.1.1 Recipient address rejected: no such user'));
			callback();
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				if (mode === 'temporary-data') return callback(smtpError(451, '4.7.1 Greylisted, try again later'));
				if (mode === 'permanent-data') return callback(smtpError(554, '5.7.1 Message refused'));
				const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
				messages.push({
					from,
					to: session.envelope.rcptTo.map((recipient) => recipient.address),
					raw: Buffer.concat(chunks).toString('utf8')
				});
				callback();
			});
		}
	};
	const server = new SMTPServer(serverOptions);
	server.on('error', () => undefined);

	const listen = (port: number) =>
		new Promise<number>((resolve, reject) => {
			server.server.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				server.server.off('error', reject);
				const address = server.server.address();
				resolve(typeof address === 'object' && address ? address.port : port);
			});
		});
	const stopListening = () => new Promise<void>((resolve) => server.server.close(() => resolve()));

	const port = await listen(0);
	const credentials = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@` : '';
	let closed = false;
	return {
		port,
		url: `smtp://${credentials}127.0.0.1:${port}`,
		messages,
		async refuse(next) {
			if (next === 'down' && mode !== 'down') await stopListening();
			if (next !== 'down' && mode === 'down') await listen(port);
			mode = next;
		},
		async close() {
			if (closed) return;
			closed = true;
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

// ---------------------------------------------------------------------------------------
// Reading messages

export interface ParsedAttachment {
	filename: string;
	contentType: string;
	content: string;
}

export interface ParsedMail {
	/** Header values by lower-case name (first occurrence), unfolded and with encoded words decoded. */
	headers: Map<string, string>;
	subject: string;
	messageId: string;
	/** The first text/plain part that is not an attachment, with LF line endings. */
	text: string;
	html: string | null;
	attachments: ParsedAttachment[];
	/** The content types of all parts, depth first, indented by two spaces a level. */
	structure: string[];
}

interface Entity {
	headers: [string, string][];
	body: string[];
}

function splitEntity(lines: string[]): Entity {
	const headers: [string, string][] = [];
	let index = 0;
	for (; index < lines.length; index++) {
		const line = lines[index]!;
		if (line === '') {
			index++;
			break;
		}
		const last = headers[headers.length - 1];
		if (/^[ \t]/.test(line) && last) last[1] += line;
		else {
			const colon = line.indexOf(':');
			if (colon > 0) headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
		}
	}
	return { headers, body: lines.slice(index) };
}

function decodeBytes(bytes: Uint8Array, charset = 'utf-8'): string {
	return new TextDecoder(charset.toLowerCase()).decode(bytes);
}

/** Quoted-printable to bytes; a hard line break is CRLF, a trailing "=" joins lines. */
function decodeQuotedPrintable(lines: string[]): Buffer {
	const bytes: number[] = [];
	lines.forEach((rawLine, index) => {
		let line = rawLine.replace(/[ \t]+$/, '');
		const soft = line.endsWith('=');
		if (soft) line = line.slice(0, -1);
		for (let i = 0; i < line.length; i++) {
			const hex = line.slice(i + 1, i + 3);
			if (line[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
				bytes.push(parseInt(hex, 16));
				i += 2;
			} else {
				bytes.push(...Buffer.from(line[i]!, 'utf8'));
			}
		}
		if (!soft && index < lines.length - 1) bytes.push(13, 10);
	});
	return Buffer.from(bytes);
}

/** RFC 2047 encoded words (=?charset?B|Q?…?=); whitespace between two of them is dropped. */
export function decodeHeader(value: string): string {
	return value
		.replace(/(\?=)\s+(=\?)/g, '$1$2')
		.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_match, charset: string, encoding: string, text: string) => {
			const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQuotedPrintable([text.replace(/_/g, ' ')]);
			return decodeBytes(bytes, charset.replace(/\*.*$/, ''));
		});
}

/** "type/subtype; a=1; b=\"x\"" with RFC 2231 continuations and charset'lang'%XX values. */
function parseParameters(value: string): { value: string; params: Map<string, string> } {
	const parts = value.match(/(?:[^;"]|"(?:[^"\\]|\\.)*")+/g) ?? [];
	const main = (parts.shift() ?? '').trim().toLowerCase();
	const pieces = new Map<string, { index: number; encoded: boolean; text: string }[]>();
	for (const part of parts) {
		const equals = part.indexOf('=');
		if (equals < 0) continue;
		const key = part.slice(0, equals).trim().toLowerCase();
		let text = part.slice(equals + 1).trim();
		if (text.startsWith('"')) text = text.slice(1, -1).replace(/\\(.)/g, '$1');
		const match = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(key);
		if (!match) continue;
		const list = pieces.get(match[1]!) ?? [];
		list.push({ index: Number(match[2] ?? 0), encoded: match[3] === '*', text });
		pieces.set(match[1]!, list);
	}
	const params = new Map<string, string>();
	for (const [name, list] of pieces) {
		list.sort((a, b) => a.index - b.index);
		let charset = 'utf-8';
		const bytes: number[] = [];
		list.forEach((piece, position) => {
			let text = piece.text;
			if (piece.encoded && position === 0) {
				const quote = text.indexOf("'");
				const second = text.indexOf("'", quote + 1);
				if (quote >= 0 && second > quote) {
					charset = text.slice(0, quote) || charset;
					text = text.slice(second + 1);
				}
			}
			if (piece.encoded) {
				text.replace(/%([0-9A-Fa-f]{2})|[^%]/g, (match, hex: string | undefined) => {
					bytes.push(...(hex ? [parseInt(hex, 16)] : Buffer.from(match, 'utf8')));
					return '';
				});
			} else {
				bytes.push(...Buffer.from(decodeHeader(text), 'utf8'));
			}
		});
		params.set(name, decodeBytes(Buffer.from(bytes), charset));
	}
	return { value: main, params };
}

function decodeBody(entity: Entity): Buffer {
	const encoding = (entity.headers.find(([name]) => name === 'content-transfer-encoding')?.[1] ?? '7bit').toLowerCase();
	if (encoding === 'base64') return Buffer.from(entity.body.join(''), 'base64');
	if (encoding === 'quoted-printable') return decodeQuotedPrintable(entity.body);
	// 7bit or 8bit: the raw message was read as UTF-8 already.
	return Buffer.from(entity.body.join('\r\n'), 'utf8');
}

/** Reads a message as nodemailer writes it: nested multiparts, base64 and quoted-printable. */
export function parseMail(raw: string): ParsedMail {
	const lines = raw.split(/\r?\n/);
	if (lines[lines.length - 1] === '') lines.pop();
	const top = splitEntity(lines);
	const headers = new Map<string, string>();
	for (const [name, value] of top.headers) if (!headers.has(name)) headers.set(name, decodeHeader(value));
	const result: ParsedMail = {
		headers,
		subject: headers.get('subject') ?? '',
		messageId: headers.get('message-id') ?? '',
		text: '',
		html: null,
		attachments: [],
		structure: []
	};
	let textFound = false;

	const walk = (entity: Entity, depth: number) => {
		const header = (name: string) => entity.headers.find(([key]) => key === name)?.[1];
		const type = parseParameters(header('content-type') ?? 'text/plain; charset=us-ascii');
		result.structure.push(`${'  '.repeat(depth)}${type.value}`);
		if (type.value.startsWith('multipart/')) {
			const boundary = type.params.get('boundary');
			if (!boundary) throw new Error('multipart without boundary');
			let current: string[] | null = null;
			for (const line of entity.body) {
				if (line === `--${boundary}` || line === `--${boundary}--`) {
					if (current) walk(splitEntity(current), depth + 1);
					if (line === `--${boundary}--`) break;
					current = [];
				} else if (current) current.push(line);
			}
			return;
		}
		const charset = type.params.get('charset') ?? 'utf-8';
		const disposition = parseParameters(header('content-disposition') ?? 'inline');
		const filename = disposition.params.get('filename') ?? type.params.get('name');
		const body = decodeBody(entity);
		const content = type.value.startsWith('text/') ? decodeBytes(body, charset) : body.toString('latin1');
		if (disposition.value === 'attachment' || filename) {
			result.attachments.push({ filename: filename ?? '', contentType: type.value, content });
		} else if (type.value === 'text/plain' && !textFound) {
			result.text = content.replace(/\r\n/g, '\n');
			textFound = true;
		} else if (type.value === 'text/html' && result.html === null) {
			result.html = content;
		}
	};
	walk(top, 0);
	return result;
}

/**
 * The text of a mail as it was delivered by the file transport (DATA_DIR/mail/<id>.eml): where
 * the personal link lives once a mail is sent (the stored copy keeps links hidden).
 */
export function deliveredText(dataDir: string, mail: { messageId: string }): string {
	const file = path.join(dataDir, 'mail', `${safeFileName(mail.messageId)}.eml`);
	return parseMail(fs.readFileSync(file, 'utf8')).text;
}

/** A mail's text with its personal link: as delivered once sent, else as stored (still queued). */
export function mailText(dataDir: string, mail: { status: string; messageId: string; textBody: string }): string {
	return mail.status === 'sent' ? deliveredText(dataDir, mail) : mail.textBody;
}
