import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { foldLine, icsDateTime, icsEvent, icsText } from '../../src/lib/server/mail/ical';
import {
	classifySmtpError,
	createFileTransport,
	createMailTransport,
	createSmtpTransport,
	MailDeliveryError,
	type OutgoingMail
} from '../../src/lib/server/mail/transport';
import { parseMail, startTestSmtp, type TestSmtp } from '../helpers/smtp';

const LONG_DESCRIPTION =
	'Welkom bij de kwaliteitsdialoog over de Wmo-ondersteuning in de gemeente. We bespreken samen met ' +
	'cliënten, mantelzorgers en aanbieders wat goede hulp is; ideeën, zorgen en ervaringen zijn welkom. ' +
	'Neem gerust iemand mee, bijv. een naaste.\nTot ziens!';

function sampleEvent() {
	return icsEvent({
		uid: 'sessie-42@dialoog.gemeente.nl',
		start: new Date('2025-03-14T09:00:00+01:00'),
		end: new Date('2025-03-14T11:30:00+01:00'),
		summary: 'Kwaliteitsdialoog: thuisondersteuning, huishoudelijke hulp',
		description: LONG_DESCRIPTION,
		location: 'Raadhuis; zaal 2, Assen',
		url: 'https://dialoog.gemeente.nl/s/abc?x=1,2',
		organizerName: 'Gemeente Assen',
		organizerEmail: 'kwaliteit@assen.nl',
		stamp: new Date('2025-02-01T12:00:00.123Z'),
		remindDayBefore: true
	});
}

/** Unfolds an iCalendar text (RFC 5545 3.1) and returns its content lines. */
function unfold(ics: string): string[] {
	return ics
		.replace(/\r\n[ \t]/g, '')
		.split('\r\n')
		.slice(0, -1);
}

function sampleMail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
	return {
		messageId: 'uitnodiging-7f3a@dialoog.gemeente.nl',
		from: 'Kwaliteitsdialoog <noreply@dialoog.gemeente.nl>',
		to: 'Anneke de Vries <anneke@example.nl>',
		subject: 'Uitnodiging: gesprek over ondersteuning — één keer',
		text: 'Beste Anneke,\n\nU bent uitgenodigd voor de kwaliteitsdialoog. Tot ziens, geëerde gast!\n',
		html: '<p>Beste Anneke, u bent uitgenodigd.</p>',
		attachments: [{ filename: 'uitnodiging.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: sampleEvent() }],
		...overrides
	};
}

async function deliveryError(promise: Promise<unknown>): Promise<MailDeliveryError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(MailDeliveryError);
		return error as MailDeliveryError;
	}
	throw new Error('expected the delivery to fail');
}

function tempDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'kd-mail-'));
}

describe('iCalendar', () => {
	it('writes UTC times without milliseconds', () => {
		expect(icsDateTime(new Date('2025-03-14T09:00:00+01:00'))).toBe('20250314T080000Z');
		expect(icsDateTime(new Date('2025-02-01T12:00:00.999Z'))).toBe('20250201T120000Z');
		expect(() => icsDateTime(new Date('nonsense'))).toThrow(RangeError);
	});

	it('escapes backslash, semicolon, comma and line breaks', () => {
		expect(icsText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
		expect(icsText('tab\tblijft, bel\u0007 niet')).toBe('tab\tblijft\\, bel niet');
	});

	it('writes one VEVENT in a VCALENDAR with CRLF line endings', () => {
		const ics = sampleEvent();
		expect(ics.endsWith('\r\n')).toBe(true);
		expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const lines = unfold(ics);
		expect(lines.slice(0, 6)).toEqual([
			'BEGIN:VCALENDAR',
			'VERSION:2.0',
			'PRODID:-//Kwaliteitsdialoog//Kwaliteitsdialoog//NL',
			'CALSCALE:GREGORIAN',
			'METHOD:PUBLISH',
			'BEGIN:VEVENT'
		]);
		expect(lines).toContain('UID:sessie-42@dialoog.gemeente.nl');
		expect(lines).toContain('DTSTAMP:20250201T120000Z');
		expect(lines).toContain('DTSTART:20250314T080000Z');
		expect(lines).toContain('DTEND:20250314T103000Z');
		expect(lines).toContain('SUMMARY:Kwaliteitsdialoog: thuisondersteuning\\, huishoudelijke hulp');
		expect(lines).toContain('LOCATION:Raadhuis\\; zaal 2\\, Assen');
		expect(lines).toContain('URL:https://dialoog.gemeente.nl/s/abc?x=1,2');
		expect(lines).toContain('ORGANIZER;CN="Gemeente Assen":mailto:kwaliteit@assen.nl');
		expect(lines).toContain('TRIGGER:-P1D');
		expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
		expect(lines.slice(-2)).toEqual(['END:VEVENT', 'END:VCALENDAR']);
	});

	it('folds lines at 75 octets without splitting a character, and unfolds to the same text', () => {
		const ics = sampleEvent();
		for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
		// Folding must not cut a multi-byte character: each physical line is valid UTF-8 on its own.
		for (const line of ics.split('\r\n')) {
			const bytes = Buffer.from(line, 'utf8');
			expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(line);
		}
		const description = unfold(ics).find((line) => line.startsWith('DESCRIPTION:Welkom'));
		expect(description).toBe(`DESCRIPTION:${icsText(LONG_DESCRIPTION)}`);
		expect(ics.split('\r\n').filter((line) => line.startsWith(' ')).length).toBeGreaterThan(2);
	});

	it('folds a line of two-byte characters at a character boundary', () => {
		const folded = foldLine(`DESCRIPTION:${'ë'.repeat(80)}`);
		const lines = folded.split('\r\n');
		expect(Buffer.byteLength(lines[0]!, 'utf8')).toBe(74); // 12 + 31 × 2; one more would make 76
		for (const line of lines.slice(1)) expect(line.startsWith(' ')).toBe(true);
		expect(folded.replace(/\r\n /g, '')).toBe(`DESCRIPTION:${'ë'.repeat(80)}`);
		expect(foldLine('KORT:regel')).toBe('KORT:regel');
	});

	it('leaves out ORGANIZER without an address and refuses an end before the start', () => {
		const base = { uid: 'x', start: new Date(0), end: new Date(3600_000), summary: 's', description: 'd', stamp: new Date(0) };
		expect(icsEvent({ ...base, organizerName: 'Gemeente' })).not.toContain('ORGANIZER');
		expect(icsEvent(base)).not.toContain('VALARM');
		expect(() => icsEvent({ ...base, end: new Date(-1) })).toThrow(RangeError);
	});
});

describe('SMTP transport', () => {
	let smtp: TestSmtp;

	beforeAll(async () => {
		smtp = await startTestSmtp();
	});
	afterAll(async () => {
		await smtp.close();
	});
	beforeEach(async () => {
		await smtp.refuse('none');
		smtp.messages.length = 0;
	});

	it('delivers a message with subject, text, Message-ID and the .ics attachment intact', async () => {
		const transport = createSmtpTransport(smtp.url);
		expect(transport.kind).toBe('smtp');
		const mail = sampleMail();
		await transport.send(mail);
		transport.close();
		expect(smtp.messages).toHaveLength(1);
		const received = smtp.messages[0]!;
		expect(received.from).toBe('noreply@dialoog.gemeente.nl');
		expect(received.to).toEqual(['anneke@example.nl']);
		const parsed = parseMail(received.raw);
		expect(parsed.subject).toBe(mail.subject);
		expect(parsed.messageId).toBe('<uitnodiging-7f3a@dialoog.gemeente.nl>');
		expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
		expect(parsed.text).toBe(mail.text);
		expect(parsed.html).toBe(mail.html);
		expect(parsed.attachments).toEqual([
			{ filename: 'uitnodiging.ics', contentType: 'text/calendar', content: mail.attachments![0]!.content }
		]);
		// Only 7-bit text goes over the wire; the accents are transfer-encoded.
		expect(received.raw).not.toMatch(/[^\x00-\x7f]/);
	});

	it('keeps the same Message-ID when a message is sent again', async () => {
		const transport = createSmtpTransport(smtp.url);
		await transport.send(sampleMail({ messageId: '<zelfde@dialoog.gemeente.nl>' }));
		await transport.send(sampleMail({ messageId: 'zelfde@dialoog.gemeente.nl' }));
		transport.close();
		const ids = smtp.messages.map((message) => parseMail(message.raw).messageId);
		expect(ids).toEqual(['<zelfde@dialoog.gemeente.nl>', '<zelfde@dialoog.gemeente.nl>']);
	});

	it('reports a 451 reply as a temporary failure', async () => {
		const transport = createSmtpTransport(smtp.url);
		await smtp.refuse('temporary');
		const error = await deliveryError(transport.send(sampleMail()));
		expect(error.permanent).toBe(false);
		expect(error.reason).toContain('451');
		await smtp.refuse('temporary-data');
		expect((await deliveryError(transport.send(sampleMail()))).permanent).toBe(false);
		transport.close();
		expect(smtp.messages).toHaveLength(0);
	});

	it('reports a refused recipient (550) as a permanent failure, without the address', async () => {
		const transport = createSmtpTransport(smtp.url);
		await smtp.refuse('permanent');
		const error = await deliveryError(transport.send(sampleMail()));
		expect(error.permanent).toBe(true);
		expect(error.reason).toMatch(/RCPT TO.*550/);
		expect(error.reason).not.toContain('anneke@example.nl');
		await smtp.refuse('permanent-data');
		expect((await deliveryError(transport.send(sampleMail()))).permanent).toBe(true);
		transport.close();
	});

	it('reports a server that is down as a temporary failure, and delivers once it is back', async () => {
		const transport = createSmtpTransport(smtp.url);
		await smtp.refuse('down');
		const error = await deliveryError(transport.send(sampleMail()));
		expect(error.permanent).toBe(false);
		await smtp.refuse('none');
		await transport.send(sampleMail());
		transport.close();
		expect(smtp.messages).toHaveLength(1);
	});

	it('refuses an invalid recipient address as a permanent failure without connecting', async () => {
		const transport = createSmtpTransport(smtp.url);
		for (const to of ['geen adres', '', 'Anneke <anneke>']) {
			const error = await deliveryError(transport.send(sampleMail({ to })));
			expect(error.permanent).toBe(true);
		}
		transport.close();
		expect(smtp.messages).toHaveLength(0);
	});
});

describe('SMTP failures', () => {
	it('reports a closed port as a temporary failure', async () => {
		const port = await new Promise<number>((resolve) => {
			const server = net.createServer();
			server.listen(0, '127.0.0.1', () => {
				const address = server.address() as net.AddressInfo;
				server.close(() => resolve(address.port));
			});
		});
		const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
		const error = await deliveryError(transport.send(sampleMail()));
		transport.close();
		expect(error.permanent).toBe(false);
		expect(error.reason).toMatch(/ECONNREFUSED|ESOCKET/);
	});

	it('logs in with the credentials from the URL, and never shows them in a failure', async () => {
		const smtp = await startTestSmtp({ auth: { user: 'kd@gemeente.nl', pass: 'Zeer:Geheim/1' } });
		try {
			const good = createSmtpTransport(smtp.url);
			await good.send(sampleMail());
			good.close();
			expect(smtp.messages).toHaveLength(1);

			const wrong = createSmtpTransport(`smtp://kd%40gemeente.nl:${encodeURIComponent('Fout:Wachtwoord')}@127.0.0.1:${smtp.port}`);
			const error = await deliveryError(wrong.send(sampleMail()));
			wrong.close();
			// A wrong password is a setting to correct; the message itself can still be delivered later.
			expect(error.permanent).toBe(false);
			expect(error.reason).toContain('535');
			expect(error.reason).not.toMatch(/Wachtwoord|Geheim|kd@gemeente/);
			expect(error.message).not.toMatch(/Wachtwoord|Geheim/);
		} finally {
			await smtp.close();
		}
	});

	it('classifies nodemailer errors by code, reply code and command', () => {
		const classify = (error: object) => classifySmtpError(Object.assign(new Error('x'), error)).permanent;
		expect(classify({ code: 'EENVELOPE', responseCode: 550, response: '550 no such user', command: 'RCPT TO' })).toBe(true);
		expect(classify({ code: 'EENVELOPE', responseCode: 452, response: '452 mailbox full', command: 'RCPT TO' })).toBe(false);
		expect(classify({ code: 'EMESSAGE', responseCode: 552, response: '552 too big', command: 'DATA' })).toBe(true);
		expect(classify({ code: 'EENVELOPE', command: 'API' })).toBe(true);
		expect(classify({ code: 'EDNS', command: 'CONN' })).toBe(false);
		expect(classify({ code: 'ETIMEDOUT', command: 'CONN' })).toBe(false);
		expect(classify({ code: 'ESOCKET', command: 'CONN' })).toBe(false);
		expect(classify({ code: 'ECONNECTION', responseCode: 554, response: '554 no service', command: 'CONN' })).toBe(false);
		expect(classify({ code: 'EAUTH', responseCode: 535, response: '535 bad', command: 'AUTH PLAIN' })).toBe(false);
		const error = classifySmtpError(
			Object.assign(new Error('x'), {
				code: 'EENVELOPE',
				responseCode: 550,
				response: `550 <jan@x.nl> unknown ${'x'.repeat(400)}`,
				command: 'RCPT TO'
			}),
			['geheim-wachtwoord']
		);
		expect(error.reason.length).toBeLessThanOrEqual(200);
		expect(error.reason).toContain('<address>');
		expect(error.reason).not.toContain('jan@x.nl');
	});
});

describe('file transport', () => {
	it('writes one .eml with the same message and MIME structure as SMTP delivery', async () => {
		const dir = path.join(tempDir(), 'nieuw', 'mail');
		const transport = createFileTransport(dir);
		expect(transport.kind).toBe('file');
		const mail = sampleMail();
		await transport.send(mail);
		transport.close();
		expect(fs.readdirSync(dir)).toEqual(['uitnodiging-7f3a@dialoog.gemeente.nl.eml']);
		const raw = fs.readFileSync(path.join(dir, 'uitnodiging-7f3a@dialoog.gemeente.nl.eml'), 'utf8');
		expect(raw).toContain('\r\n');
		expect(raw.replace(/\r\n/g, '')).not.toContain('\n');
		const parsed = parseMail(raw);
		expect(parsed.subject).toBe(mail.subject);
		expect(parsed.messageId).toBe('<uitnodiging-7f3a@dialoog.gemeente.nl>');
		expect(parsed.text).toBe(mail.text);
		expect(parsed.attachments).toEqual([
			{ filename: 'uitnodiging.ics', contentType: 'text/calendar', content: mail.attachments![0]!.content }
		]);

		const smtp = await startTestSmtp();
		try {
			const viaSmtp = createSmtpTransport(smtp.url);
			await viaSmtp.send(mail);
			viaSmtp.close();
			const sent = parseMail(smtp.messages[0]!.raw);
			expect(parsed.structure).toEqual(sent.structure);
			expect(parsed.structure).toEqual([
				'multipart/mixed',
				'  multipart/alternative',
				'    text/plain',
				'    text/html',
				'  text/calendar'
			]);
		} finally {
			await smtp.close();
		}
	});

	it('replaces the file when the same message is written again, and keeps file names safe', async () => {
		const dir = tempDir();
		const transport = createFileTransport(dir);
		await transport.send(sampleMail({ subject: 'eerste' }));
		await transport.send(sampleMail({ subject: 'tweede' }));
		await transport.send(sampleMail({ messageId: '<../../etc/passwd@x>' }));
		transport.close();
		expect(fs.readdirSync(dir).sort()).toEqual(['__.._etc_passwd@x.eml', 'uitnodiging-7f3a@dialoog.gemeente.nl.eml']);
		const raw = fs.readFileSync(path.join(dir, 'uitnodiging-7f3a@dialoog.gemeente.nl.eml'), 'utf8');
		expect(parseMail(raw).subject).toBe('tweede');
	});

	it('refuses an invalid address like the SMTP transport does', async () => {
		const dir = tempDir();
		const error = await deliveryError(createFileTransport(dir).send(sampleMail({ to: 'niemand' })));
		expect(error.permanent).toBe(true);
		expect(fs.readdirSync(dir)).toEqual([]);
	});

	it('is the transport when no SMTP server is configured', () => {
		const dir = tempDir();
		const fileTransport = createMailTransport({ smtpUrl: null, dataDir: dir });
		expect(fileTransport.kind).toBe('file');
		fileTransport.close();
		const smtpTransport = createMailTransport({ smtpUrl: 'smtp://127.0.0.1:1', dataDir: dir });
		expect(smtpTransport.kind).toBe('smtp');
		smtpTransport.close();
	});
});
