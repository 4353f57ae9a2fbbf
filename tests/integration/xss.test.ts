/**
 * Issue 8, hostile input: XSS and injection through every text people can enter. One world
 * (tests/helpers/hostile.ts) puts payloads in names, proposals, keywords, meaning, toetsvraag,
 * criteria, comments, evaluation answers, agreements, report text, jargon, promotion notes,
 * providers and assessment explanations; then every view is fetched and parsed (no payload
 * may become markup, each must be there as text) and every export is checked in its own
 * format: PDF text, DOCX XML well-formed, CSV without formulas, JSON, .eml mails, iCalendar.
 *
 * One server per file: adapter-node reads ORIGIN once per process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSafeHtml } from '../helpers/html-safety';
import { ALL, hostileWorld, NAME_PAYLOADS, PAYLOADS, SEEN, type HostileWorld } from '../helpers/hostile';
import { replaceUnsafeChars } from '../../src/lib/shared/unsafe-text';
import { odtParts, parseXml } from '../helpers/odt';
import { checkPdfUa } from '../helpers/pdf-structure';
import { extractPdfTextFlat } from '../helpers/pdf-text';
import { plannedWorld } from '../helpers/follow-up';
import { eq } from 'drizzle-orm';
import { auditLog, dialogueSessions } from '../../src/lib/server/db/schema';
import { addListedParticipant } from '../../src/lib/server/sessions/participants';
import { startTestServer } from '../helpers/server';
import { parseCsv } from '../helpers/csv';

const require = createRequire(import.meta.url);
// sax (a dev dependency; docx uses it too): strict mode refuses XML that is not well-formed.
const sax = require('sax') as { parser(strict: boolean): { onerror: (e: Error) => void; write(s: string): { close(): void } } };

let server: Awaited<ReturnType<typeof startTestServer>>;
let url: string;
let w: HostileWorld;
beforeAll(async () => {
	server = await startTestServer();
	url = server.url;
	w = await hostileWorld(server.runtime.db, url);
	await server.runtime.mail!.deliverDue();
}, 60_000);
afterAll(() => server?.close());

async function page(pathname: string, cookie: string | null): Promise<string> {
	const response = await fetch(`${url}${pathname}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
	expect(response.status, pathname).toBe(200);
	expect(response.headers.get('content-type'), pathname).toContain('text/html');
	return response.text();
}

/**
 * The visible text must hold these payloads literally (they were rendered, as text), as input
 * keeps them: without control characters and direction overrides (src/lib/server/validation.ts).
 */
function expectShown(text: string, what: string, shown: string[]) {
	const flat = text.replace(/\s+/g, ' ');
	for (const s of shown) expect(flat, `${what} shows ${JSON.stringify(s)} as text`).toContain(replaceUnsafeChars(s).replace(/\s+/g, ' '));
}

describe('every view renders hostile text as text', () => {
	const views = (): { path: string; cookie: () => string | null; shows: string[] }[] => {
		const s = w.sessionId;
		const gl = () => w.facilitatorCookie;
		const km = () => w.managerCookie;
		const admin = () => w.adminCookie;
		const guest = () => `kd_participant=${w.participantTokens[1]}`;
		return [
			{ path: '/dashboard', cookie: gl, shows: [`Gesprek ${NAME_PAYLOADS[0]}`] },
			{ path: '/sessions', cookie: gl, shows: [`Gesprek ${NAME_PAYLOADS[0]}`] },
			{ path: `/sessions/${s}`, cookie: gl, shows: [NAME_PAYLOADS[0]!, NAME_PAYLOADS[1]!] },
			{ path: `/sessions/${s}/lead`, cookie: gl, shows: [`Gesprek ${NAME_PAYLOADS[0]}`] },
			{ path: `/sessions/${s}/screen`, cookie: gl, shows: [`Gesprek ${NAME_PAYLOADS[0]}`] },
			{ path: `/sessions/${s}/settings`, cookie: gl, shows: [`Gesprek ${NAME_PAYLOADS[0]}`] },
			{ path: `/sessions/${s}/participants`, cookie: gl, shows: NAME_PAYLOADS },
			{ path: `/sessions/${s}/participants/${w.participantIds[3]}`, cookie: gl, shows: [NAME_PAYLOADS[3]!, PAYLOADS[13]!] },
			{ path: `/sessions/${s}/follow-up`, cookie: gl, shows: [PAYLOADS[0]!, NAME_PAYLOADS[1]!] },
			{ path: `/sessions/${s}/report`, cookie: gl, shows: [PAYLOADS[0]!, PAYLOADS[1]!, PAYLOADS[3]!] },
			{ path: `/sessions/${s}/report/compare`, cookie: gl, shows: [PAYLOADS[0]!] },
			{ path: `/sessions/${s}/report/versions/1`, cookie: gl, shows: [PAYLOADS[0]!, PAYLOADS[1]!] },
			{ path: `/sessions/${s}/report/versions/2`, cookie: gl, shows: [PAYLOADS[0]!, PAYLOADS[1]!] },
			{ path: `/sessions/${s}/report/print/2`, cookie: gl, shows: [PAYLOADS[0]!, PAYLOADS[1]!, NAME_PAYLOADS[5]!] },
			{ path: `/sessions/${s}/report/print/working`, cookie: gl, shows: [PAYLOADS[0]!] },
			{ path: '/trajectories', cookie: gl, shows: [`Traject ${NAME_PAYLOADS[1]}`] },
			{ path: `/trajectories/${w.trajectoryId}`, cookie: gl, shows: [`Traject ${NAME_PAYLOADS[1]}`, PAYLOADS[0]!] },
			{ path: '/outbox', cookie: gl, shows: [NAME_PAYLOADS[0]!] },
			{ path: '/jargon', cookie: gl, shows: [NAME_PAYLOADS[1]!, NAME_PAYLOADS[0]!] },
			{ path: `/live/${s}`, cookie: guest, shows: [`Gesprek ${NAME_PAYLOADS[0]}`] },
			{ path: `/live/${s}/report`, cookie: guest, shows: [PAYLOADS[0]!, PAYLOADS[1]!] },
			{ path: `/live/${s}/evaluation`, cookie: () => `kd_participant=${w.participantTokens[6]}`, shows: [`Gesprek ${NAME_PAYLOADS[0]}`] },
			{ path: '/promotion', cookie: km, shows: [`Gesprek ${NAME_PAYLOADS[0]}`] },
			{ path: `/promotion/${s}`, cookie: km, shows: [NAME_PAYLOADS[1]!, PAYLOADS[0]!] },
			{ path: '/providers', cookie: km, shows: [`Zorg ${NAME_PAYLOADS[1]}`] },
			{ path: `/providers/${w.providerId}`, cookie: km, shows: [`Zorg ${NAME_PAYLOADS[1]}`, NAME_PAYLOADS[0]!] },
			{ path: '/assessments', cookie: km, shows: [`Zorg ${NAME_PAYLOADS[1]}`] },
			{ path: `/assessments/${w.assessmentId}`, cookie: km, shows: [`Zorg ${NAME_PAYLOADS[1]}`, NAME_PAYLOADS[1]!, PAYLOADS[0]!] },
			{ path: `/assessments/${w.assessmentId}/report`, cookie: km, shows: [`Zorg ${NAME_PAYLOADS[1]}`, PAYLOADS[0]!] },
			{ path: '/frameworks', cookie: km, shows: [] },
			{ path: `/frameworks/${w.draftFrameworkId}`, cookie: km, shows: [] },
			{ path: `/frameworks/${w.draftFrameworkId}/versions/${w.draftVersionId}`, cookie: km, shows: [NAME_PAYLOADS[5]!, PAYLOADS[0]!] },
			{ path: `/frameworks/${w.draftFrameworkId}/versions/${w.draftVersionId}/edit`, cookie: km, shows: [NAME_PAYLOADS[5]!] },
			{ path: `/frameworks/${w.draftFrameworkId}/versions/${w.draftVersionId}/overview`, cookie: km, shows: [] },
			{
				path: `/frameworks/${w.draftFrameworkId}/compare?from=${w.publishedVersionId}&to=${w.draftVersionId}`,
				cookie: km,
				shows: [NAME_PAYLOADS[5]!]
			},
			{ path: `/frameworks/search?q=${encodeURIComponent('HYPERLINK')}&scope=all`, cookie: km, shows: [] },
			{ path: `/frameworks/search?q=${encodeURIComponent(NAME_PAYLOADS[1]!)}`, cookie: km, shows: [NAME_PAYLOADS[1]!] },
			{ path: `/public/versions/${w.publishedVersionId}`, cookie: () => null, shows: [] },
			{ path: '/admin/accounts', cookie: admin, shows: [`Karin ${NAME_PAYLOADS[1]}`, `Beheer ${NAME_PAYLOADS[0]}`] },
			{ path: `/join?code=${encodeURIComponent(NAME_PAYLOADS[1]!)}`, cookie: () => null, shows: [] },
			{ path: `/login?next=${encodeURIComponent('javascript:window.__xss=1')}`, cookie: () => null, shows: [] }
		];
	};

	it('no payload becomes markup in any page, and each page shows the payloads it holds as text', async () => {
		let seen = 0;
		for (const view of views()) {
			const html = await page(view.path, view.cookie());
			const text = expectSafeHtml(html, view.path);
			expectShown(text, view.path, view.shows);
			if (text.includes(SEEN)) seen++;
		}
		// Nearly every view had payloads to show.
		expect(seen).toBeGreaterThanOrEqual(30);
	});

	it('escapes names on the printable invitation letter (a planned session)', async () => {
		const db = server.runtime.db;
		const planned = await plannedWorld(db);
		const guest = addListedParticipant(db, planned.actor, planned.session.id, { displayName: NAME_PAYLOADS[1]!, perspective: 'client' });
		db.update(dialogueSessions)
			.set({ title: `Gesprek ${NAME_PAYLOADS[0]}` })
			.where(eq(dialogueSessions.id, planned.session.id))
			.run();
		const response = await fetch(`${url}/sessions/${planned.session.id}/participants/letter`, {
			method: 'POST',
			headers: { cookie: planned.cookie, origin: url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ participantId: String(guest.id) })
		});
		expect(response.status).toBe(200);
		const text = expectSafeHtml(await response.text(), 'letter');
		expectShown(text, 'letter', [NAME_PAYLOADS[1]!, `Gesprek ${NAME_PAYLOADS[0]}`]);
	});

	it('the readable privacy download of the hostile participants', async () => {
		const response = await fetch(`${url}/admin/privacy/export?format=html`, {
			method: 'POST',
			headers: { cookie: w.adminCookie, origin: url, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(w.participantIds.map((id) => ['id', String(id)]))
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/html');
		const text = expectSafeHtml(await response.text(), 'privacy export (html)');
		expectShown(text, 'privacy export (html)', [...NAME_PAYLOADS, `Gesprek ${NAME_PAYLOADS[0]}`]);
	});

	it('the mail detail pages in the outbox', async () => {
		const outbox = await page('/outbox', w.facilitatorCookie);
		const ids = [...outbox.matchAll(/href="\/outbox\/(\d+)"/g)].map((m) => m[1]!);
		expect(ids.length).toBeGreaterThan(5);
		for (const id of ids.slice(0, 20)) expectSafeHtml(await page(`/outbox/${id}`, w.facilitatorCookie), `/outbox/${id}`);
	});
});

describe('the checker itself', () => {
	it('catches payloads that became markup', () => {
		const bad = [
			'<p>"><img src=x onerror="window.__xss=1"></p>',
			'<textarea></textarea><svg onload=window.__xss=1></textarea>',
			'<script>const data = {"a":"</script><script>window.__xss=1</script>"}</script>',
			'<a href=" javascript:window.__xss=1">x</a>',
			'<script>window.__xss=1</script>',
			'<div title=""onmouseover=alert(1)>x</div>'
		];
		for (const html of bad) expect(() => expectSafeHtml(html, 'sample'), html).toThrow(/hostile text became markup/);
		expect(
			expectSafeHtml(
				'<p>&lt;script&gt;window.__xss=1&lt;/script&gt;</p><script>const d = "\\u003Cscript>window.__xss=1"</script>',
				'escaped'
			)
		).toContain('<script>window.__xss=1</script>');
	});
});

describe('every export keeps hostile text as text', () => {
	const download = async (pathname: string, cookie: string) => {
		const response = await fetch(`${url}${pathname}`, { headers: { cookie } });
		expect(response.status, pathname).toBe(200);
		return Buffer.from(await response.arrayBuffer());
	};

	it('PDF: the report and the assessment hold the payloads as text', async () => {
		for (const [pathname, cookie, shown] of [
			[`/sessions/${w.sessionId}/report/export/2.pdf`, w.facilitatorCookie, [PAYLOADS[0]!, NAME_PAYLOADS[1]!, 'ctrl end'.slice(0, 4)]],
			[`/sessions/${w.sessionId}/report/export/working.pdf`, w.facilitatorCookie, [PAYLOADS[0]!]],
			[`/assessments/${w.assessmentId}/report.pdf`, w.managerCookie, [`Zorg ${NAME_PAYLOADS[1]}`, PAYLOADS[0]!]]
		] as const) {
			const text = extractPdfTextFlat(await download(pathname, cookie)).replace(/\s+/g, ' ');
			for (const s of shown) expect(text, `${pathname} holds ${s}`).toContain(s.replace(/\s+/g, ' '));
		}
	});

	it('DOCX: every XML part is well-formed and the payloads are text, not markup', async () => {
		for (const which of ['2', 'working']) {
			const zip = await JSZip.loadAsync(await download(`/sessions/${w.sessionId}/report/export/${which}.docx`, w.facilitatorCookie));
			const parts = Object.keys(zip.files).filter((name) => /\.(xml|rels)$/.test(name));
			expect(parts).toContain('word/document.xml');
			for (const name of parts) {
				const xml = await zip.file(name)!.async('string');
				const parser = sax.parser(true);
				let problem: Error | null = null;
				parser.onerror = (error) => {
					problem = error;
				};
				parser.write(xml).close();
				expect(problem, `${which}.docx ${name} is well-formed XML`).toBeNull();
				expect(xml, name).not.toMatch(/<script|<img|<svg|<iframe/i);
			}
			const document = await zip.file('word/document.xml')!.async('string');
			expect(document).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
			expect(document).toContain(']]&gt; &amp; &amp;amp; &lt;![CDATA[');
			// Control characters that XML forbids are dropped, the rest of the text stays.
			expect(document).toContain('ctrl end');
		}
	});

	it('ODT: every XML part is well-formed, the payloads are text, and the export is audited', async () => {
		for (const which of ['2', 'working']) {
			const parts = await odtParts(await download(`/sessions/${w.sessionId}/report/export/${which}.odt`, w.facilitatorCookie));
			for (const [name, xml] of Object.entries({
				content: parts.content,
				styles: parts.styles,
				meta: parts.meta,
				manifest: parts.manifest
			})) {
				expect(() => parseXml(xml), `${which}.odt ${name} is well-formed XML`).not.toThrow();
				expect(xml, name).not.toMatch(/<script|<img|<svg|<iframe/i);
			}
			const text = parseXml(parts.content)
				.filter((element) => element.name === 'text:p' || element.name === 'text:h')
				.map((element) => element.text)
				.join('\n');
			expect(text).toContain(PAYLOADS[0]!);
			expect(text).toContain('ctrl end');
		}
		const exports = server.runtime.db
			.select()
			.from(auditLog)
			.all()
			.filter((entry) => entry.action === 'report.export' && (entry.details as { format?: string } | null)?.format === 'odt');
		expect(exports.map((entry) => (entry.details as { version: unknown }).version)).toEqual([2, 'working']);
	});

	it('PDF/UA: hostile titles and names keep the metadata well-formed', async () => {
		for (const [pathname, cookie] of [
			[`/sessions/${w.sessionId}/report/export/2.pdf`, w.facilitatorCookie],
			[`/assessments/${w.assessmentId}/report.pdf`, w.managerCookie]
		] as const) {
			const pdf = await download(pathname, cookie);
			const title = /<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">([^<]*)</.exec(pdf.toString('utf8'))?.[1] ?? '';
			const decoded = title
				.replace(/&lt;/g, '<')
				.replace(/&gt;/g, '>')
				.replace(/&quot;/g, '"')
				.replace(/&amp;/g, '&');
			expect(() => checkPdfUa(pdf, { title: decoded, lang: 'nl-NL' }), pathname).not.toThrow();
		}
	});

	it('CSV: no cell starts a formula (OWASP), and the texts survive a round trip', async () => {
		const parse = (csv: string) => parseCsv(csv.charCodeAt(0) === 0xfeff ? csv.slice(1) : csv);
		const files = [
			(await download(`/api/assessments/${w.assessmentId}/export.csv`, w.managerCookie)).toString('utf8'),
			(await download(`/api/versions/${w.draftVersionId}/export?format=csv`, w.managerCookie)).toString('utf8')
		];
		for (const csv of files) {
			const cells = parse(csv).flat();
			const risky = cells.filter((c) => /^\s*[=+\-@\t\r]/.test(c));
			expect(risky, 'cells a spreadsheet would run as a formula').toEqual([]);
			// The neutralised payloads are there, behind the apostrophe.
			expect(cells.some((c) => c.startsWith('\'=HYPERLINK("http://evil")'))).toBe(true);
		}
		expect(
			parse(files[1]!)
				.flat()
				.some((c) => c === "'- een opsomming")
		).toBe(true);
		expect(
			parse(files[0]!)
				.flat()
				.some((c) => c === "'=cmd|' /C calc'!A0" || c.includes('=cmd|'))
		).toBe(true);
	});

	it('JSON: the framework export and the API hold the payloads exactly', async () => {
		const file = JSON.parse((await download(`/api/versions/${w.draftVersionId}/export?format=json`, w.managerCookie)).toString('utf8'));
		const texts = JSON.stringify(file);
		expect(texts).toContain(JSON.stringify(replaceUnsafeChars(NAME_PAYLOADS[5]!)).slice(1, -1));
		const api = await fetch(`${url}/api/assessments/${w.assessmentId}`, { headers: { cookie: w.managerCookie } });
		expect(api.headers.get('content-type')).toContain('application/json');
		const body = await api.json();
		expect(JSON.stringify(body)).toContain(JSON.stringify(replaceUnsafeChars(ALL)).slice(1, -1));
	});

	it('mails (.eml): no injected headers, names in the subject on one line, the calendar file escaped', async () => {
		const dir = path.join(server.dataDir, 'mail');
		const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
		expect(files.length).toBeGreaterThan(10);
		let withHostileName = 0;
		for (const file of files) {
			const raw = fs.readFileSync(path.join(dir, file), 'latin1');
			const [head] = raw.split(/\r\n\r\n/);
			const headers = head!.replace(/\r\n[ \t]/g, ' ').split('\r\n');
			expect(
				headers.filter((h) => /^(bcc|x-injected|cc):/i.test(h)),
				file
			).toEqual([]);
			for (const h of headers) expect(h, file).toMatch(/^[A-Za-z0-9-]+: /);
			if (/gast\d@example\.org/.test(head!)) withHostileName++;
			// An HTML part, if any, has no live markup from a payload.
			const html = /Content-Type: text\/html[\s\S]*?\r\n\r\n([\s\S]*?)\r\n--/i.exec(raw)?.[1];
			if (html) expectSafeHtml(html, file);
			// The invitation's calendar file: one property per line, none injected.
			const ics = /Content-Type: text\/calendar[^\r]*\r\n(?:[^\r]+\r\n)*\r\n([A-Za-z0-9+/=\r\n]+)/i.exec(raw)?.[1];
			if (ics) {
				const calendar = Buffer.from(ics.replace(/\s+/g, ''), 'base64')
					.toString('utf8')
					.replace(/\r\n[ \t]/g, '');
				const lines = calendar.split('\r\n').filter(Boolean);
				for (const line of lines) expect(line, `${file} calendar`).toMatch(/^[A-Z-]+[;:]/);
				expect(lines.filter((l) => l.startsWith('SUMMARY:')).length).toBeGreaterThan(0);
				expect(calendar).not.toMatch(/\r\n(ATTENDEE|ORGANIZER|URL)[:;][^\r]*evil/i);
			}
		}
		expect(withHostileName).toBeGreaterThan(0);
		// The name with a line break is in its invitation's subject, on the subject's own line.
		const decode = (value: string) =>
			value.replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
				kind.toUpperCase() === 'B'
					? Buffer.from(data, 'base64').toString('utf8')
					: Buffer.from(
							data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
							'latin1'
						).toString('utf8')
			);
		const subjects = files
			.map((f) => fs.readFileSync(path.join(dir, f), 'latin1'))
			.filter((raw) => raw.includes(`gast${NAME_PAYLOADS.length - 1}@example.org`))
			.map((raw) =>
				decode(
					raw
						.split(/\r\n\r\n/)[0]!
						.replace(/\r\n[ \t]/g, ' ')
						.split('\r\n')
						.find((h) => h.startsWith('Subject: '))!
				)
			);
		expect(
			subjects.some((subject) => /^Subject: Uitnodiging voor Bas\s+Bcc: evil@evil\.example: /.test(subject)),
			subjects.join('\n')
		).toBe(true);
	});
});
