/**
 * No personal data in logs: the real server at LOG_LEVEL=debug, with everything it writes to
 * stdout and stderr captured, goes through the flows that handle personal data (a failed
 * login for a known address, the participant list with bad input, invitations through the
 * file transport, joining by the personal link, voting with a bad payload, the report with a
 * comment, not-found pages with a token in the address). Not one distinctive name, address,
 * phone number, text, token or cookie may appear in any log line.
 *
 * One server per file: adapter-node reads ORIGIN once per process.
 */
import { deliveredText } from '../helpers/smtp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mailMessages, sessionThemes } from '../../src/lib/server/db/schema';
import { plannedWorld, heldWorld } from '../helpers/follow-up';
import { member } from '../helpers/live';
import { eventually, rawUpgrade, yjsClient } from '../helpers/realtime';
import { startTestServer } from '../helpers/server';
import { sessionWorld } from '../helpers/world';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const NAME = 'Wilhelmina Quaak';
const EMAIL = 'wilhelmina.quaak@example.org';
const PHONE = '06 98765432';
const NOTE = 'Komt met rolstoel-bus 7731';
const COMMENT = 'Mijn buurvrouw Truus Kwakkelstein hielp mij thuis';
const BAD_EMAIL = 'quaak-zonder-apenstaartje';
const PASSWORD = 'verkeerd-wachtwoord-Quaak';

const captured: string[] = [];
const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

function capture(stream: NodeJS.WriteStream) {
	stream.write = ((chunk: unknown, ...rest: unknown[]) => {
		captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
		const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
		done?.();
		return true;
	}) as typeof stream.write;
}

async function act(url: string, path: string, action: string, fields: Record<string, string>, cookie: string) {
	const response = await fetch(`${url}${path}?/${action}`, {
		method: 'POST',
		headers: { cookie, origin: url, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' },
		body: new URLSearchParams(fields)
	});
	return (await response.json()) as { type: string; status: number };
}

const linkIn = (text: string) => /\/j\/([a-z2-7]+\.[a-z2-7]+)/.exec(text)![1]!;

describe('log lines', () => {
	let server: Server;
	beforeAll(async () => {
		capture(process.stdout);
		capture(process.stderr);
		server = await startTestServer({ env: { LOG_LEVEL: 'debug' } });
	});
	afterAll(async () => {
		await server?.close();
		process.stdout.write = originals.out;
		process.stderr.write = originals.err;
	});

	it('hold no personal data, tokens or cookies through the flows that handle them', async () => {
		const url = server.url;
		const db = server.runtime.db;
		const secrets: string[] = [NAME, EMAIL, PHONE, PHONE.replace(/ /g, ''), NOTE, COMMENT, 'Kwakkelstein', BAD_EMAIL, PASSWORD];

		// A failed login for a known address.
		const planned = await plannedWorld(db, new Date(Date.now() + 3600_000));
		const staffEmail = 'gl-f1@gemeente.test';
		secrets.push(staffEmail, planned.cookie.slice('kd_session='.length));
		const login = await fetch(`${url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: url },
			body: JSON.stringify({ email: staffEmail, password: PASSWORD })
		});
		expect(login.status).toBe(401);

		// The participant list: bad input, then the person.
		const path = `/sessions/${planned.session.id}/participants`;
		expect(
			(
				await act(
					url,
					path,
					'add',
					{ displayName: NAME, perspective: 'client', email: BAD_EMAIL, phone: 'bel mij: 06-98765432', notes: NOTE },
					planned.cookie
				)
			).type
		).toBe('failure');
		expect(
			(await act(url, path, 'add', { displayName: NAME, perspective: 'client', email: EMAIL, phone: PHONE, notes: NOTE }, planned.cookie))
				.type
		).toBe('success');
		// Invitations through the file transport, and the personal link.
		expect((await act(url, path, 'send', {}, planned.cookie)).type).toBe('success');
		await server.runtime.mail!.deliverDue();
		const invitation = db.select().from(mailMessages).where(eq(mailMessages.toAddress, EMAIL)).get()!;
		const token = linkIn(deliveredText(server.dataDir, invitation));
		secrets.push(token, token.split('.')[1]!);
		const joined = await fetch(`${url}/j/${token}`, { redirect: 'manual' });
		const participantCookie = joined.headers
			.getSetCookie()
			.find((c) => c.startsWith('kd_participant='))!
			.split(';')[0]!;
		expect(participantCookie).toBe(`kd_participant=${token}`);

		// Voting over socket.io, with a bad payload carrying a name.
		const facilitator = await member(url, planned.cookie, planned.session.id);
		const person = await member(url, participantCookie, planned.session.id);
		try {
			for (let i = 0; i < 3; i++) expect((await facilitator.send('agenda:goto', { to: 'next' })).ok).toBe(true);
			expect((await facilitator.send('vote:open')).ok).toBe(true);
			const theme = db.select().from(sessionThemes).where(eq(sessionThemes.dialogueSessionId, planned.session.id)).all()[0]!;
			expect((await person.send('sticker:place', { themeId: theme.id })).ok).toBe(true);
			expect((await person.send('sticker:place', { themeId: NAME })).ok).toBe(false);
			expect((await person.send('proposal:create', { title: NAME, explanation: COMMENT })).ok).toBeDefined();
		} finally {
			facilitator.socket.disconnect();
			person.socket.disconnect();
		}

		// The report: sent by mail, a comment through the personal link.
		const held = await heldWorld(db);
		secrets.push(held.cookie.slice('kd_session='.length));
		expect((await act(url, `/sessions/${held.session.id}/follow-up`, 'startReport', {}, held.cookie)).type).toBe('redirect');
		expect((await act(url, `/sessions/${held.session.id}/report`, 'send', { confirm: 'yes' }, held.cookie)).type).toBe('success');
		await server.runtime.mail!.deliverDue();
		const reportMail = db
			.select()
			.from(mailMessages)
			.where(eq(mailMessages.dialogueSessionId, held.session.id))
			.all()
			.find((m) => m.toAddress === 'carla@example.org')!;
		const reportToken = linkIn(deliveredText(server.dataDir, reportMail));
		secrets.push(reportToken);
		const viaLink = await fetch(`${url}/j/${reportToken}`, { redirect: 'manual' });
		const carla = viaLink.headers
			.getSetCookie()
			.find((c) => c.startsWith('kd_participant='))!
			.split(';')[0]!;
		const page = await (await fetch(`${url}/live/${held.session.id}/report`, { headers: { cookie: carla } })).text();
		const clientKey = /name="clientKey" value="([A-Za-z0-9_-]+)"/.exec(page)![1]!;
		const target = /name="target" value="([^"]+)"/.exec(page)![1]!;
		expect((await act(url, `/live/${held.session.id}/report`, 'comment', { target, body: COMMENT, clientKey }, carla)).type).toBe(
			'success'
		);
		expect(
			(
				await act(
					url,
					`/live/${held.session.id}/report`,
					'comment',
					{ target: 'section:bestaat-niet', body: COMMENT, clientKey: 'nog-een-sleutel' },
					carla
				)
			).type
		).toBe('failure');

		// Not found, with a token in the address.
		expect((await fetch(`${url}/live/999999/report?token=${token}`, { headers: { cookie: participantCookie } })).status).toBe(404);
		expect((await fetch(`${url}/bestaat-niet/${token}?email=${encodeURIComponent(EMAIL)}`)).status).toBe(404);
		expect((await fetch(`${url}/j/${token.replace(/.$/, 'a')}`)).status).toBe(200);
		// A JSON API call with bad input carrying personal data.
		const bad = await fetch(`${url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: url },
			body: JSON.stringify({ email: [EMAIL], password: { x: NAME } })
		});
		expect(bad.status).toBeGreaterThanOrEqual(400);

		// Co-editing (served by its own process, whose lines come out through the server's):
		// the person types, then sends a message the server rejects.
		const live = await sessionWorld(db);
		const doc = `session/${live.session.id}/theme/regie`;
		const editor = yjsClient(url, doc, { cookie: live.cookies.ans });
		try {
			await editor.synced;
			editor.doc.getText('meaning').insert(0, COMMENT);
			await eventually(
				async () => (await server.runtime.realtime!.yjs.document(doc)).getText('meaning').toString().includes(COMMENT),
				5000,
				'the edit to arrive'
			);
			const rejected = await rawUpgrade(url, `/yjs/${doc}`, { cookie: live.cookies.ans, origin: url });
			if (!('open' in rejected)) throw new Error(`upgrade refused: ${rejected.status}`);
			await new Promise<void>((resolve) => {
				rejected.open.once('close', () => resolve());
				rejected.open.send(`${NAME} ${COMMENT}`);
			});
		} finally {
			editor.destroy();
		}

		await new Promise((resolve) => setTimeout(resolve, 200));
		const output = captured.join('');
		// The capture works: the flows above left their (id-only) lines.
		for (const event of ['"event":"mail.sent"', '"event":"server.listening"', '"event":"yjs.message-rejected"'])
			expect(output).toContain(event);
		for (const secret of secrets) expect(output, `log output contains "${secret}"`).not.toContain(secret);
		expect(output).not.toMatch(/kd_session=|kd_participant=/);
		expect(output).not.toMatch(/[a-z2-7]{24}\.[a-z2-7]{39}/);
	});
});
