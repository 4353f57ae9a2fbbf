/**
 * Co-edited theme documents (issue 5 groundwork): served only for chosen themes, seeded from
 * the framework, and copied into relational tables when the facilitator closes the session.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { auditLog, dialogueSessions, sessionCriteria, themeResults } from '../../src/lib/server/db/schema';
import { SYSTEM } from '../../src/lib/server/audit';
import { sendReport, startReport } from '../../src/lib/server/reports/reports';
import { nl } from '../helpers/i18n';
import { YjsStore } from '../../src/lib/server/realtime/yjs/persistence';
import { addKeyword } from '../../src/lib/shared/theme-document';
import { startTestServer } from '../helpers/server';
import { eventually, rawUpgrade, yjsClient } from '../helpers/realtime';
import { liveWorld, member } from '../helpers/live';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup() {
	const server = await startTestServer();
	cleanup.push(() => server.close());
	const world = await liveWorld(server.runtime.db, { themeSelection: 'fixed', themesToTreat: 2 });
	const facilitator = await member(server.url, world.cookies.facilitator, world.session.id);
	cleanup.push(() => facilitator.socket.disconnect());
	const regie = facilitator.latest.themes.find((t) => t.name === 'Regie van de cliënt')!;
	const locatie = facilitator.latest.themes.find((t) => t.name === 'Locatie')!;
	expect(await facilitator.send('vote:choose', { themeIds: [regie.id] })).toMatchObject({ ok: true });
	const docOf = (key: string) => `session/${world.session.id}/theme/${key}`;
	const client = (cookie: string, name: string) => {
		const c = yjsClient(server.url, name, { cookie });
		cleanup.push(() => c.destroy());
		return c;
	};
	return { server, world, facilitator, regie, locatie, docOf, client };
}

const keyOf = (server: Awaited<ReturnType<typeof startTestServer>>, themeId: number) =>
	server.runtime.db.query.sessionThemes.findFirst({ where: (t, { eq }) => eq(t.id, themeId) }).sync()!.key;

describe('theme documents', () => {
	it('serves documents only for chosen themes of the session, seeded with the framework texts', async () => {
		const { server, world, regie, locatie, docOf, client } = await setup();
		const refused = await rawUpgrade(server.url, `/yjs/${docOf(keyOf(server, locatie.id))}`, {
			cookie: world.cookies.ans,
			origin: server.url
		});
		expect(refused).toEqual({ status: 404 });
		const a = client(world.cookies.ans, docOf(keyOf(server, regie.id)));
		await a.synced;
		expect(a.doc.getText('meaning').toString()).toMatch(/^Zelfregie van de cliënt betekent het vermogen om zelf keuzes te maken/);
		expect(a.doc.getText('testQuestion').toString()).toBe('Draagt de zorg en ondersteuning bij aan het vergroten van de zelfregie?');
		// A second client gets the same start, once: not seeded twice.
		const b = client(world.cookies.bas, docOf(keyOf(server, regie.id)));
		await b.synced;
		expect(b.doc.getText('testQuestion').toString()).toBe(a.doc.getText('testQuestion').toString());
	});

	it('copies the agreed content into tables when the session closes, and makes the documents read-only', async () => {
		const { server, world, facilitator, regie, docOf, client } = await setup();
		const name = docOf(keyOf(server, regie.id));
		// The criteria as a document written before the server checked updates holds them (a
		// status the layout does not know, an empty text): closing reads them defensively.
		const legacy = new Y.Doc();
		legacy.transact(() => {
			const criteria = legacy.getArray<Y.Map<unknown>>('criteria');
			for (const [text, status] of [
				['De cliënt stelt zelf het plan op.', 'agreed'],
				['Er is onafhankelijke cliëntondersteuning.', 'provisional'],
				['   ', 'agreed'],
				['Iets met een vreemde status.', 'hacked']
			]) {
				const c = new Y.Map<unknown>();
				c.set('id', text);
				c.set('text', new Y.Text(text));
				c.set('status', status);
				c.set('comment', new Y.Text(''));
				criteria.push([c]);
			}
		});
		new YjsStore(server.runtime.db).append(name, Y.encodeStateAsUpdate(legacy));
		const ans = client(world.cookies.ans, name);
		await ans.synced;
		// The keywords (each under its author's perspective) and the toetsvraag as the browser writes them.
		ans.doc.transact(() => {
			addKeyword(ans.doc, { text: 'zelf kiezen', perspective: 'client', author: world.ans.participant.id });
			const t = ans.doc.getText('testQuestion');
			t.delete(0, t.length);
			t.insert(0, 'Heeft de cliënt de regie over zijn ondersteuning?');
		});
		const serverDoc = () => server.runtime.realtime!.yjs.document(name);
		await eventually(async () => (await serverDoc()).getArray('keywords').length === 1, 3000, 'server has Ans’s edits');
		const bas = client(world.cookies.bas, name);
		await bas.synced;
		addKeyword(bas.doc, { text: 'eigen kracht', perspective: 'official', author: world.bas.participant.id });
		await eventually(async () => (await serverDoc()).getArray('keywords').length === 2, 3000, 'server has Bas’s keyword');
		await eventually(async () => (await serverDoc()).getArray('criteria').length === 4, 3000, 'server has the edits');
		expect(await facilitator.send('theme:mark', { themeId: regie.id, testQuestionAgreed: true })).toMatchObject({ ok: true });
		const ansSocket = await member(server.url, world.cookies.ans, world.session.id);
		cleanup.push(() => ansSocket.socket.disconnect());
		expect(await ansSocket.send('session:close')).toEqual({ ok: false, error: 'error.forbidden' });
		expect(await facilitator.send('session:close')).toMatchObject({ ok: true });

		const db = server.runtime.db;
		expect(db.select().from(themeResults).where(eq(themeResults.sessionThemeId, regie.id)).get()).toMatchObject({
			testQuestion: 'Heeft de cliënt de regie over zijn ondersteuning?',
			testQuestionAgreed: true,
			criteriaProvisional: false,
			keywords: [
				{ text: 'zelf kiezen', perspective: 'client', group: null },
				{ text: 'eigen kracht', perspective: 'official', group: null }
			]
		});
		expect(
			db
				.select({ text: sessionCriteria.text, status: sessionCriteria.status, position: sessionCriteria.position })
				.from(sessionCriteria)
				.where(eq(sessionCriteria.sessionThemeId, regie.id))
				.all()
		).toEqual([
			{ text: 'De cliënt stelt zelf het plan op.', status: 'agreed', position: 0 },
			{ text: 'Er is onafhankelijke cliëntondersteuning.', status: 'provisional', position: 1 },
			{ text: 'Iets met een vreemde status.', status: 'provisional', position: 2 }
		]);

		// Read-only now: an edit does not reach the server.
		await new Promise((r) => setTimeout(r, 200));
		ans.doc.getText('meaning').insert(0, 'NA SLUITEN ');
		await new Promise((r) => setTimeout(r, 300));
		expect((await serverDoc()).getText('meaning').toString()).not.toContain('NA SLUITEN');
		expect(await facilitator.send('session:close')).toMatchObject({ ok: false, error: 'error.session.closed' });

		// Reopening needs a reason and is audited.
		expect(await facilitator.send('session:reopen', {})).toEqual({ ok: false, error: 'error.badRequest' });
		expect(await facilitator.send('session:reopen', { reason: 'Een criterium vergeten.' })).toMatchObject({ ok: true });
		const reopened = db.select().from(auditLog).where(eq(auditLog.action, 'session.reopen')).get();
		expect(reopened?.details).toEqual({ reason: 'Een criterium vergeten.' });

		// With a draft report the session may still be reopened; meanwhile the results are not
		// there, which the download says (409 and why), instead of a server error.
		expect(await facilitator.send('session:close')).toMatchObject({ ok: true });
		startReport(db, SYSTEM, world.session.id);
		expect(await facilitator.send('session:reopen', { reason: 'Nog een criterium.' })).toMatchObject({ ok: true });
		const results = await fetch(`${server.url}/sessions/${world.session.id}/report/results.csv`, {
			headers: { cookie: world.cookies.facilitator }
		});
		expect(results.status).toBe(409);
		expect(await results.text()).toContain(nl('error.results.notClosed'));
		// Once the report went out to the participants, the session stays closed.
		expect(await facilitator.send('session:close')).toMatchObject({ ok: true });
		sendReport(db, SYSTEM, world.session.id, server.url);
		expect(await facilitator.send('session:reopen', { reason: 'Toch nog iets.' })).toEqual({
			ok: false,
			error: 'error.session.reportSent'
		});
		expect(db.select().from(dialogueSessions).where(eq(dialogueSessions.id, world.session.id)).get()?.status).toBe('closed');
	});

	it('merges edits made while briefly offline when the editor reconnects', async () => {
		const { server, world, regie, docOf, client } = await setup();
		const name = docOf(keyOf(server, regie.id));
		const ans = client(world.cookies.ans, name);
		const bas = client(world.cookies.bas, name);
		await Promise.all([ans.synced, bas.synced]);
		const meaningOf = (c: { doc: Y.Doc }) => c.doc.getText('meaning').toString();
		ans.provider.disconnect();
		ans.doc.getText('meaning').insert(0, 'OFFLINE-ANS ');
		const t = bas.doc.getText('meaning');
		t.insert(t.length, ' ONLINE-BAS');
		await new Promise((r) => setTimeout(r, 200));
		expect(meaningOf(bas)).not.toContain('OFFLINE-ANS');
		ans.provider.connect();
		await eventually(() => meaningOf(ans) === meaningOf(bas) && meaningOf(bas).includes('OFFLINE-ANS'), 5000, 'merge after reconnect');
		expect(meaningOf(ans)).toMatch(/^OFFLINE-ANS Zelfregie/);
		expect(meaningOf(ans).endsWith(' ONLINE-BAS')).toBe(true);
		expect((await server.runtime.realtime!.yjs.document(name)).getText('meaning').toString()).toBe(meaningOf(ans));
	});
});
