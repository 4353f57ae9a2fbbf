/**
 * Issue 7 end to end over the real server: a session's final report → its agreed criterion
 * promoted into a new draft of the Drents framework through the promotion page (as a browser
 * posts the form) → the draft published through the JSON API → a provider assessed against
 * the new version through the JSON API, the promoted requirement among the items → scores,
 * the decision refused while unscored, then a deviation with its motivation → the assessment
 * report as PDF and the CSV export hold the promoted requirement and the decision.
 *
 * One server per file: adapter-node reads ORIGIN once per process, and form posts are checked
 * against it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestServer } from '../helpers/server';
import { heldWorld } from '../helpers/follow-up';
import { extractPdfTextFlat } from '../helpers/pdf-text';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { SYSTEM } from '../../src/lib/server/audit';
import { auditLog, frameworkRequirements, frameworkVersions } from '../../src/lib/server/db/schema';
import { createDraft, getVersion, latestPublishedBySlug } from '../../src/lib/server/frameworks/store';
import { promotableCriteria } from '../../src/lib/server/frameworks/promotion';
import { finalizeReport, sendReport, startReport } from '../../src/lib/server/reports/reports';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('from agreed criterion to assessment', () => {
	let server: Server;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(async () => {
		await server?.close();
	});

	it('promotes, publishes and scores', async () => {
		const db = server.runtime.db;
		const url = server.url;
		const world = await heldWorld(db, new Date('2026-03-03T16:00:00Z'));
		startReport(db, world.actor, world.session.id);
		sendReport(db, world.actor, world.session.id, url, new Date('2026-03-05T10:00:00Z'));
		finalizeReport(db, world.actor, world.session.id, url, new Date('2026-03-20T10:00:00Z'));
		const km = await createAccount(
			db,
			SYSTEM,
			{ email: 'km-e2e@gemeente.test', name: 'Karin Kwaliteit', roles: ['quality_manager'] },
			'een goed wachtwoord'
		);
		const cookie = `kd_session=${createSession(db, km.id, 7).token}`;
		const json = async (method: string, path: string, body?: unknown) => {
			const response = await fetch(`${url}${path}`, {
				method,
				headers: { cookie, origin: url, 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			return {
				status: response.status,
				body: response.headers.get('content-type')?.includes('json') ? await response.json() : await response.text()
			};
		};

		// Promotion, through the page's form.
		const drents = latestPublishedBySlug(db, 'drents-kwaliteitskader')!;
		const draft = createDraft(db, { type: 'user', id: km.id }, drents.id);
		const theme = getVersion(db, draft.id)!.themes.find((t) => t.key === 'clientgerichtheid')!;
		const criterion = promotableCriteria(db, world.session.id)[0]!;
		const form = new URLSearchParams({
			criterionKey: criterion.key,
			themeId: String(theme.id),
			number: '14',
			text: 'De cliënt ontvangt het ondersteuningsplan op papier, in begrijpelijke taal.',
			addressees: 'provider',
			professional: 'yes',
			informal: 'no',
			testMethod: 'Dossieronderzoek'
		});
		const posted = await fetch(`${url}/promotion/${world.session.id}?/promote`, {
			method: 'POST',
			headers: { cookie, origin: url, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' },
			body: form
		});
		expect(((await posted.json()) as { type: string }).type).toBe('redirect');
		const promoted = db
			.select()
			.from(frameworkRequirements)
			.where(eq(frameworkRequirements.versionId, draft.id))
			.all()
			.find((r) => r.provenance.kind === 'dialogue_session')!;
		expect(promoted.provenance).toMatchObject({
			kind: 'dialogue_session',
			sessionId: world.session.id,
			date: '2026-03-03',
			originalText: criterion.text
		});

		// Publish through the API.
		const revision = db.select().from(frameworkVersions).where(eq(frameworkVersions.id, draft.id)).get()!.revision;
		const published = await json('POST', `/api/versions/${draft.id}/publish`, {
			revision,
			changeSummary: 'Criterium uit het gesprek van 3 maart.'
		});
		expect(published.status).toBe(200);

		// Assess through the API: against a draft refused, against the new version accepted.
		const provider = await json('POST', '/api/providers', {
			name: 'Thuiszorg Noord',
			careType: 'Begeleiding',
			fundings: ['zin'],
			residential: false
		});
		expect(provider.status).toBe(201);
		const providerId = provider.body.id ?? provider.body.provider?.id;
		const other = createDraft(db, { type: 'user', id: km.id }, draft.id);
		expect((await json('POST', '/api/assessments', { providerId, frameworkVersionId: other.id, assessedOn: '2026-06-01' })).status).toBe(
			409
		);
		const started = await json('POST', '/api/assessments', { providerId, frameworkVersionId: draft.id, assessedOn: '2026-06-01' });
		expect(started.status).toBe(201);
		const id = started.body.assessment.id as number;
		type Item = {
			id: number;
			requirementKey: string;
			applicable: boolean;
			revision: number;
			number: string | null;
			theme: { key: string };
		};
		const items = started.body.items as Item[];
		const mine = items.find((i) => i.requirementKey === promoted.key)!;
		expect(mine).toMatchObject({ applicable: true, theme: { key: 'clientgerichtheid' } });
		expect(items.filter((i) => i.applicable)).toHaveLength(43);

		const unscored = await json('POST', `/api/assessments/${id}/finalize`, { decision: 'accept' });
		expect(unscored.status).toBe(409);
		let n = 0;
		for (const item of items.filter((i) => i.applicable)) {
			const level = item.id === mine.id ? 'largely_not' : n++ % 4 === 0 ? 'not' : 'meets';
			const saved = await json('PUT', `/api/assessments/${id}/items/${item.id}`, {
				revision: item.revision,
				applicable: true,
				level,
				evidence: 'Dossiers ingezien',
				explanation: item.id === mine.id ? 'Plannen zijn er, maar niet in begrijpelijke taal.' : null
			});
			expect(saved.status).toBe(200);
		}
		const detail = await json('GET', `/api/assessments/${id}`);
		expect(detail.body.result.overall).toMatchObject({ assessed: 43, outcome: 'sufficient' });
		expect(detail.body.result.overall.arithmetic).toMatch(/^31,25 \/ 43 = 72,7 %$/);
		expect((await json('POST', `/api/assessments/${id}/finalize`, { decision: 'deviate', decidedOutcome: 'insufficient' })).status).toBe(
			400
		);
		const final = await json('POST', `/api/assessments/${id}/finalize`, {
			decision: 'deviate',
			decidedOutcome: 'insufficient',
			motivation: 'De tekortkomingen raken de regie van cliënten.'
		});
		expect(final.status).toBe(200);

		const pdf = await fetch(`${url}/assessments/${id}/report.pdf`, { headers: { cookie } });
		expect(pdf.status).toBe(200);
		const text = extractPdfTextFlat(Buffer.from(await pdf.arrayBuffer()));
		expect(text).toContain('Thuiszorg Noord');
		expect(text).toContain('Plannen zijn er, maar niet in begrijpelijke taal.');
		expect(text).toContain('De tekortkomingen raken de regie van cliënten.');
		const csv = await fetch(`${url}/api/assessments/${id}/export.csv`, { headers: { cookie } });
		expect(await csv.text()).toContain('De cliënt ontvangt het ondersteuningsplan op papier, in begrijpelijke taal.');
		// Who exported the assessment is kept.
		const exports = db.select().from(auditLog).where(eq(auditLog.action, 'assessment.export')).all();
		expect(exports.map((a) => [a.actorId, a.subjectId, a.details])).toEqual([
			[km.id, id, { format: 'pdf' }],
			[km.id, id, { format: 'csv' }]
		]);
	});
});
