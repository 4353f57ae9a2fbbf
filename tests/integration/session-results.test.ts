/**
 * A session's results as files (issue 20): CSV for a spreadsheet and JSON for other software,
 * downloaded by the facilitator from the report page. Checked by reading the files back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server';
import { heldWorld } from '../helpers/follow-up';
import { createSession } from '../../src/lib/server/auth/sessions';
import { startReport } from '../../src/lib/server/reports/reports';
import { addAgreement } from '../../src/lib/server/reports/agreements';
import type { SessionResults } from '../../src/lib/server/reports/results';
import { saveThemeContent } from '../../src/lib/server/sessions/theme-docs';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server?.close());

async function world() {
	const db = server.runtime.db;
	const w = await heldWorld(db);
	// A keyword and a criterion that a spreadsheet would run as a formula.
	db.transaction((tx) =>
		saveThemeContent(
			tx,
			{ ...w.themes.veiligheid, chosenRank: 2 },
			{
				meaning: 'Veilig thuis.',
				testQuestion: 'Voelt de cliënt zich veilig?',
				keywords: [{ text: '=HYPERLINK("http://x")', perspective: 'client', group: 'Thuis' }],
				criteria: [
					{
						text: '+31 is het landnummer; "bel terug"',
						status: 'agreed',
						comment: 'Nagaan; bij de uitvoering',
						addressees: ['municipality']
					}
				]
			}
		)
	);
	startReport(db, w.actor, w.session.id);
	addAgreement(db, w.actor, w.session.id, {
		topic: 'council',
		what: 'Criteria voorleggen aan de raad',
		owner: 'Wethouder',
		dueDate: '2027-01-15'
	});
	const cookie = `kd_session=${createSession(db, w.facilitator.id, 7).token}`;
	return { ...w, cookie, base: `${server.url}/sessions/${w.session.id}/report` };
}

describe('session results', () => {
	it('as JSON: every theme with stickers per perspective, the treated themes’ work, the agreements, no names', async () => {
		const w = await world();
		const response = await fetch(`${w.base}/results.json`, { headers: { cookie: w.cookie } });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="resultaten-.+\.json"$/);
		const text = await response.text();
		const results = JSON.parse(text) as SessionResults;
		expect(results.session.id).toBe(w.session.id);
		// The vote of holdSession: regie 4 (clients 3), veiligheid 3, bejegening 1; first by stickers.
		const [first, second, third] = results.themes;
		expect(first).toMatchObject({ key: 'regie-van-de-client', chosenRank: 1, stickers: { total: 4 } });
		expect(second).toMatchObject({ key: 'veiligheid', chosenRank: 2, stickers: { total: 3 } });
		expect(third).toMatchObject({ key: 'bejegening', chosenRank: null, stickers: { total: 1 } });
		expect(third!.criteria).toBeUndefined();
		const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
		for (const theme of results.themes) expect(sum(theme.stickers.byPerspective)).toBe(theme.stickers.total);
		expect(first!.testQuestion).toEqual({ text: 'Heeft de cliënt de regie over zijn eigen ondersteuning?', agreed: true });
		expect(first!.keywords).toContainEqual({ text: 'keukentafelgesprek', perspective: 'official', group: null });
		expect(first!.criteria!.map((c) => c.status)).toEqual(['agreed', 'provisional', 'parked']);
		// Whom each criterion addresses; an empty list: not recorded.
		expect(first!.criteria!.map((c) => c.addressees)).toEqual([['municipality', 'provider'], [], []]);
		expect(second!.criteria).toEqual([
			{
				number: 1,
				text: '+31 is het landnummer; "bel terug"',
				status: 'agreed',
				comment: 'Nagaan; bij de uitvoering',
				addressees: ['municipality']
			}
		]);
		expect(results.agreements).toEqual([
			{ topic: 'council', what: 'Criteria voorleggen aan de raad', owner: 'Wethouder', dueDate: '2027-01-15' }
		]);
		for (const person of w.people) expect(text).not.toContain(person.displayName);
	});

	it('as CSV: semicolons, a BOM, one row per item, formulas made harmless', async () => {
		const w = await world();
		const response = await fetch(`${w.base}/results.csv`, { headers: { cookie: w.cookie } });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
		expect(lines[0]).toBe('Soort;Thema of onderwerp;Tekst;Achtergrond;Aantal of nummer;Status of groep;Wie;Wanneer;Gericht aan');
		expect(lines).toContain('Stickers;Regie van de cliënt;;;4;Gekozen als thema 1');
		expect(lines).toContain('Stickers;Regie van de cliënt;;cliënt;3;');
		expect(lines).toContain('Trefwoord;Veiligheid;"\'=HYPERLINK(""http://x"")";cliënt;;Thuis');
		expect(lines).toContain(
			'Criterium;Veiligheid;"\'+31 is het landnummer; ""bel terug""";;1;"Afgesproken: Nagaan; bij de uitvoering";;;Gemeente'
		);
		expect(lines).toContain(
			'Criterium;Regie van de cliënt;De cliënt krijgt het ondersteuningsplan op papier en begrijpt het.;;1;Afgesproken;;;Gemeente, Aanbieder'
		);
		expect(lines).toContain('Criterium;Regie van de cliënt;De cliënt kiest zelf een cliëntondersteuner.;;2;Voorlopig;;;niet vastgelegd');
		expect(lines).toContain('Toetsvraag;Regie van de cliënt;Heeft de cliënt de regie over zijn eigen ondersteuning?;;;Afgesproken');
		expect(lines).toContain('Afspraak;Voorleggen aan de raad of het college;Criteria voorleggen aan de raad;;;;Wethouder;2027-01-15');
		for (const person of w.people) expect(lines.join('\n')).not.toContain(person.displayName);
	});

	it('is for the facilitator of the session only, and only once there is a report', async () => {
		const w = await world();
		expect((await fetch(`${w.base}/results.csv`, { redirect: 'manual' })).status).toBe(303);
		const db = server.runtime.db;
		const other = await heldWorld(db);
		// Another facilitator's session: not told it exists.
		expect((await fetch(`${server.url}/sessions/${other.session.id}/report/results.json`, { headers: { cookie: w.cookie } })).status).toBe(
			404
		);
		// Their own session, held, without a report yet.
		const own = `kd_session=${createSession(db, other.facilitator.id, 7).token}`;
		expect((await fetch(`${server.url}/sessions/${other.session.id}/report/results.json`, { headers: { cookie: own } })).status).toBe(404);
	});
});
