/**
 * Applicability through the JSON API (issue 19): assessments of a PGB professional, a PGB
 * naaste who is the gezaghebbende ouder and a dagbesteding provider against the Drents
 * kwaliteitskader 2019, scored in full, with the denominators (requirements assessed) of the
 * whole and of each theme checked against the source's table; a deviation with a reason
 * changes the denominator, one without a reason is refused and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { SYSTEM } from '../../src/lib/server/audit';
import { startTestServer } from '../helpers/server';

let server: Awaited<ReturnType<typeof startTestServer>>;
let cookie = '';
let versionId = 0;

beforeAll(async () => {
	server = await startTestServer();
	const manager = await createAccount(
		server.runtime.db,
		SYSTEM,
		{ email: 'km@g.test', name: 'Karin', roles: ['quality_manager'] },
		'een goed wachtwoord'
	);
	cookie = `kd_session=${createSession(server.runtime.db, manager.id, 7).token}`;
	const frameworks = (await api('get', '/api/frameworks')).body.frameworks;
	versionId = frameworks
		.find((f: { slug: string }) => f.slug === 'drents-kwaliteitskader')
		.versions.find((v: { label: string }) => v.label === '2019').id;
});
afterAll(() => server?.close());

async function api(method: string, url: string, body?: unknown) {
	const response = await fetch(`${server.url}${url}`, {
		method: method.toUpperCase(),
		headers: { origin: server.url, cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return { status: response.status, body: (await response.json()) as any };
}

type Item = {
	id: number;
	revision: number;
	requirementKey: string;
	addressees: string[];
	applicable: boolean;
	presumedApplicable: boolean;
	presumedReason: string | null;
	theme: { key: string };
};
type Result = { overall: { assessed: number; percent: number | null }; themes: { themeKey: string; assessed: number }[] };

/** Starts an assessment and scores every applicable requirement "voldoet"; returns the items and the last result. */
async function assessFully(providerId: number): Promise<{ id: number; items: Item[]; result: Result }> {
	const started = await api('post', '/api/assessments', { providerId, frameworkVersionId: versionId, assessedOn: '2027-03-01' });
	expect(started.status).toBe(201);
	const id = started.body.assessment.id as number;
	const items = started.body.items as Item[];
	let result = started.body.result as Result;
	for (const item of items.filter((i) => i.applicable)) {
		const saved = await api('put', `/api/assessments/${id}/items/${item.id}`, {
			revision: item.revision,
			applicable: true,
			level: 'meets'
		});
		expect(saved.status).toBe(200);
		result = saved.body.result;
	}
	return { id, items, result };
}

const denominators = (result: Result) => Object.fromEntries(result.themes.map((t) => [t.themeKey, t.assessed]));

describe('an assessment through the JSON API, with the source’s exceptions', () => {
	it('a PGB professional: everything but Leefklimaat and Doeltreffendheid 5 ("niet van toepassing op PGB\'s")', async () => {
		const provider = await api('post', '/api/providers', {
			name: 'Begeleiding Prof',
			careType: 'Begeleiding',
			fundings: ['pgb_professional']
		});
		expect(provider.status).toBe(201);
		expect(provider.body).toMatchObject({ dayCare: false, guardianParent: null });
		const { items, result } = await assessFully(provider.body.id);
		expect(items).toHaveLength(44);
		expect(items.every((i) => i.addressees.includes('provider'))).toBe(true);
		expect(items.find((i) => i.requirementKey === 'doeltreffendheid-5')).toMatchObject({ applicable: false, presumedReason: 'funding' });
		expect(result.overall).toMatchObject({ assessed: 41, percent: 100 });
		expect(denominators(result)).toEqual({ veiligheid: 18, doelmatigheid: 6, doeltreffendheid: 4, clientgerichtheid: 13, leefklimaat: 0 });
	});

	it('a PGB naaste who is the gezaghebbende ouder: 11 requirements; a deviation needs a reason and then counts', async () => {
		const unknown = await api('post', '/api/providers', { name: 'Naaste onbekend', careType: 'Begeleiding', fundings: ['pgb_informal'] });
		const refused = await api('post', '/api/assessments', {
			providerId: unknown.body.id,
			frameworkVersionId: versionId,
			assessedOn: '2027-03-01'
		});
		expect(refused.status).toBe(409);
		expect(refused.body.error).toEqual({
			code: 'error.assessment.guardianParentMissing',
			message:
				'Bij Naaste onbekend staat niet of de naaste de gezaghebbende ouder is. Dat is nodig voor Veiligheid 1, Veiligheid 2, Veiligheid 4, Veiligheid 8, Veiligheid 9, Veiligheid 10. Vul het eerst in bij de zorgaanbieder.'
		});
		const wrong = await api('post', '/api/providers', { name: 'Ouder zonder PGB', careType: 'B', fundings: ['zin'], guardianParent: true });
		expect(wrong.status).toBe(400);
		expect(wrong.body.problems.map((p: { path: string; code: string }) => [p.path, p.code])).toEqual([
			['guardianParent', 'error.provider.guardianWithoutInformal']
		]);

		const provider = await api('post', '/api/providers', {
			name: 'Moeder van cliënt',
			careType: 'Begeleiding door naaste',
			fundings: ['pgb_informal'],
			guardianParent: true
		});
		expect(provider.body).toMatchObject({ guardianParent: true, dayCare: false });
		const { id, items, result } = await assessFully(provider.body.id);
		expect(result.overall.assessed).toBe(11);
		expect(denominators(result)).toEqual({ veiligheid: 2, doelmatigheid: 1, doeltreffendheid: 2, clientgerichtheid: 6, leefklimaat: 0 });
		const reasons = Object.fromEntries(items.filter((i) => i.theme.key === 'veiligheid').map((i) => [i.requirementKey, i.presumedReason]));
		expect(reasons).toMatchObject({ 'veiligheid-1': 'guardian_parent', 'veiligheid-3': 'column_no', 'veiligheid-7': 'blank_cell' });

		// The assessor finds the meldcode does matter here: without a reason refused, nothing saved.
		const v1 = items.find((i) => i.requirementKey === 'veiligheid-1')!;
		const noReason = await api('put', `/api/assessments/${id}/items/${v1.id}`, { revision: v1.revision, applicable: true, level: 'not' });
		expect(noReason.status).toBe(400);
		expect(noReason.body.error).toEqual({
			code: 'error.assessment.reasonRequired',
			message: 'Veiligheid 1: schrijf op waarom deze eis anders geldt dan verwacht. Er is niets opgeslagen.'
		});
		const unchanged = (await api('get', `/api/assessments/${id}`)).body;
		expect(unchanged.items.find((i: Item) => i.id === v1.id)).toMatchObject({ applicable: false, revision: v1.revision });
		expect(unchanged.result.overall.assessed).toBe(11);
		const deviated = await api('put', `/api/assessments/${id}/items/${v1.id}`, {
			revision: v1.revision,
			applicable: true,
			applicabilityReason: 'De moeder werkt ook voor een zorgaanbieder en kent de meldcode.',
			level: 'not'
		});
		expect(deviated.status).toBe(200);
		expect(deviated.body.item).toMatchObject({ applicable: true, presumedApplicable: false, presumedReason: 'guardian_parent' });
		expect(deviated.body.result.overall.assessed).toBe(12);
		expect(denominators(deviated.body.result).veiligheid).toBe(3);
	});

	it('a dagbesteding provider without verblijf: all 44, Leefklimaat included', async () => {
		const provider = await api('post', '/api/providers', {
			name: 'De Zorgboerderij',
			careType: 'Dagbesteding',
			fundings: ['zin'],
			residential: false,
			dayCare: true
		});
		expect(provider.body).toMatchObject({ residential: false, dayCare: true, guardianParent: null });
		const { items, result } = await assessFully(provider.body.id);
		expect(items.filter((i) => i.theme.key === 'leefklimaat').map((i) => [i.applicable, i.presumedReason])).toEqual([
			[true, null],
			[true, null]
		]);
		expect(result.overall).toMatchObject({ assessed: 44, percent: 100 });
		expect(denominators(result)).toEqual({ veiligheid: 18, doelmatigheid: 6, doeltreffendheid: 5, clientgerichtheid: 13, leefklimaat: 2 });
	});
});
