/**
 * The JSON API against its OpenAPI document: every documented operation is called, every
 * answer's status must be documented for that operation and its body must validate against
 * the documented schema. Every API route file must be documented, and every documented
 * operation exercised, so the two cannot drift apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { SYSTEM } from '../../src/lib/server/audit';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer } from '../helpers/server';
import { holdSession, plannedWorld } from '../helpers/follow-up';

type Doc = {
	paths: Record<
		string,
		Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }>; 'x-access': string }>
	>;
};

let server: Awaited<ReturnType<typeof startTestServer>>;
let doc: Doc;
const cookies = { manager: '', facilitator: '', mustChange: '', admin: '', owner: '' };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const exercised = new Set<string>();

beforeAll(async () => {
	server = await startTestServer();
	const db = server.runtime.db;
	const manager = await createAccount(db, SYSTEM, { email: 'km@g.test', name: 'Karin', roles: ['quality_manager'] }, 'een goed wachtwoord');
	const facilitator = await createAccount(db, SYSTEM, { email: 'gl@g.test', name: 'Gert', roles: ['facilitator'] }, 'een goed wachtwoord');
	const fresh = await createAccount(
		db,
		SYSTEM,
		{ email: 'nieuw@g.test', name: 'Nieuw', roles: ['quality_manager'] },
		'een goed wachtwoord',
		{ mustChangePassword: true }
	);
	cookies.manager = `kd_session=${createSession(db, manager.id, 7).token}`;
	cookies.facilitator = `kd_session=${createSession(db, facilitator.id, 7).token}`;
	cookies.mustChange = `kd_session=${createSession(db, fresh.id, 7).token}`;
	const admin = await createAccount(db, SYSTEM, { email: 'ad@g.test', name: 'Anouk', roles: ['admin'] }, 'een goed wachtwoord');
	cookies.admin = `kd_session=${createSession(db, admin.id, 7).token}`;
	doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Doc;
});
afterAll(() => server?.close());

/** The documented operation for a concrete path: /api/versions/12 matches /api/versions/{versionId}. */
function operationFor(method: string, concrete: string): { template: string; op: Doc['paths'][string][string] } {
	const pathname = concrete.split('?')[0]!;
	for (const [template, ops] of Object.entries(doc.paths)) {
		const re = new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$');
		if (re.test(pathname) && ops[method]) return { template, op: ops[method] };
	}
	throw new Error(`undocumented operation ${method.toUpperCase()} ${pathname}`);
}

/** Calls the API and checks the answer against the document; returns status and body. */
async function call(
	method: string,
	url: string,
	options: { as?: keyof typeof cookies; body?: unknown; raw?: string; headers?: Record<string, string> } = {}
) {
	const { template, op } = operationFor(method, url);
	exercised.add(`${method} ${template}`);
	const headers: Record<string, string> = { origin: server.url, ...options.headers };
	if (options.as) headers.cookie = cookies[options.as];
	if (options.body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
	const response = await fetch(`${server.url}${url}`, {
		method: method.toUpperCase(),
		headers,
		body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
	});
	const documented = op.responses[String(response.status)];
	expect(documented, `${method.toUpperCase()} ${url} answered ${response.status}, which is not documented`).toBeDefined();
	const type = response.headers.get('content-type') ?? '';
	// Keep a byte-order mark visible: the CSV export starts with one on purpose.
	const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
	let body: unknown = text;
	if (type.includes('application/json')) {
		body = JSON.parse(text);
		const schema = documented!.content?.['application/json']?.schema;
		if (schema) {
			const valid = ajv.validate(schema, body);
			expect(valid, `${method.toUpperCase()} ${url} ${response.status}: ${ajv.errorsText(ajv.errors)}`).toBe(true);
		}
	} else if (response.status !== 204) {
		expect(type, `${method.toUpperCase()} ${url}`).toMatch(/text\/csv/);
	}
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of many shapes, checked against the OpenAPI schema above
	return { status: response.status, body: body as any, headers: response.headers };
}

describe('OpenAPI document', () => {
	it('is served publicly as OpenAPI 3.1 and documents every API route file', async () => {
		const response = await fetch(`${server.url}/api/openapi.json`);
		expect(response.status).toBe(200);
		expect(doc).toMatchObject({ openapi: '3.1.0', info: { title: 'Kwaliteitsdialoog API' } });
		const root = fileURLToPath(new URL('../../src/routes/api/', import.meta.url));
		const routeFiles: string[] = [];
		const walk = (dir: string) => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				if (entry.isDirectory()) walk(path.join(dir, entry.name));
				else if (entry.name === '+server.ts') routeFiles.push(path.relative(root, dir));
			}
		};
		walk(root);
		const documented = new Set(Object.keys(doc.paths));
		for (const file of routeFiles) {
			if (file === '[...path]') continue; // the JSON 404 for unknown API paths
			const template =
				'/api/' +
				file
					.split(path.sep)
					.map((part) => part.replace(/^\[(\w+)\]$/, '{$1}'))
					.join('/');
			expect(documented, `route ${file} is not in the OpenAPI document`).toContain(template);
		}
	});
});

describe('every documented operation', () => {
	it('answers as documented, with the documented access rules', async () => {
		// Session and identity.
		expect((await call('post', '/api/session', { body: { email: ADMIN_EMAIL, password: 'fout wachtwoord' } })).status).toBe(401);
		const login = await call('post', '/api/session', { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
		expect(login.body.user.roles).toContain('admin');
		expect((await call('get', '/api/me')).status).toBe(401);
		expect((await call('get', '/api/me', { as: 'facilitator' })).body).toMatchObject({ kind: 'staff', user: { name: 'Gert' } });
		expect((await call('delete', '/api/session')).status).toBe(204);

		// Reading: staff only.
		expect((await call('get', '/api/frameworks')).status).toBe(401);
		const list = await call('get', '/api/frameworks', { as: 'facilitator' });
		const drents = list.body.frameworks.find((f: { slug: string }) => f.slug === 'drents-kwaliteitskader');
		const published = drents.versions[0];
		expect(published).toMatchObject({ label: '2019', status: 'published', themeCount: 5, requirementCount: 44 });
		expect((await call('get', `/api/frameworks/${drents.id}`, { as: 'facilitator' })).body.slug).toBe('drents-kwaliteitskader');
		expect((await call('get', '/api/frameworks/999999', { as: 'facilitator' })).status).toBe(404);
		const version = await call('get', `/api/versions/${published.id}`, { as: 'facilitator' });
		expect(version.body.themes.map((t: { requirements: unknown[] }) => t.requirements.length)).toEqual([18, 6, 5, 13, 2]);
		type Req = { key: string; applicability: { residentialOnly: boolean } };
		const flagged = (detail: { themes: { requirements: Req[] }[] }) =>
			detail.themes.flatMap((t) => t.requirements.filter((r) => r.applicability.residentialOnly).map((r) => r.key));
		expect(flagged(version.body)).toEqual(['leefklimaat-1', 'leefklimaat-2']);
		expect((await call('get', `/api/versions/${published.id}`)).status).toBe(401);
		expect((await call('get', '/api/versions/abc', { as: 'facilitator' })).status).toBe(404);

		// Writing: quality managers only; a password that must be changed first blocks too.
		expect(
			(await call('post', `/api/frameworks/${drents.id}/drafts`, { as: 'facilitator', body: { fromVersionId: published.id } })).status
		).toBe(403);
		expect(
			(await call('post', `/api/frameworks/${drents.id}/drafts`, { as: 'mustChange', body: { fromVersionId: published.id } })).status
		).toBe(403);
		expect((await call('post', `/api/frameworks/${drents.id}/drafts`, { body: { fromVersionId: published.id } })).status).toBe(401);
		const draft = await call('post', `/api/frameworks/${drents.id}/drafts`, {
			as: 'manager',
			body: { fromVersionId: published.id, label: '2026' }
		});
		expect(draft.status).toBe(201);
		expect(
			(await call('post', `/api/frameworks/${drents.id}/drafts`, { as: 'manager', body: { fromVersionId: published.id } })).status
		).toBe(409);

		const renamed = await call('put', `/api/versions/${draft.body.id}`, {
			as: 'manager',
			body: { revision: draft.body.revision, label: '2026-concept', note: 'Werkversie' }
		});
		expect(renamed.body).toMatchObject({ label: '2026-concept', note: 'Werkversie' });
		expect(
			(await call('put', `/api/versions/${draft.body.id}`, { as: 'manager', body: { revision: draft.body.revision, label: 'x' } })).status
		).toBe(409);
		expect((await call('put', `/api/versions/${published.id}`, { as: 'manager', body: { revision: 1, label: 'x' } })).status).toBe(409);

		const theme = await call('post', `/api/versions/${draft.body.id}/themes`, {
			as: 'manager',
			body: { name: 'Regie van de cliënt', testQuestion: 'Heeft de cliënt de regie?' }
		});
		expect(theme.status).toBe(201);
		const bad = await call('post', `/api/versions/${draft.body.id}/themes`, { as: 'manager', body: { name: '' } });
		expect(bad.status).toBe(400);
		expect(bad.body.problems).toEqual([
			{ path: 'name', code: 'error.field.required', message: 'U moet dit nog invullen.', location: 'name' }
		]);
		// A value of the wrong kind is there, just not valid: not "still to fill in".
		const wrongType = await call('post', `/api/versions/${draft.body.id}/themes`, { as: 'manager', body: { name: 5 } });
		expect(wrongType.status).toBe(400);
		expect(wrongType.body.problems).toEqual([
			{ path: 'name', code: 'error.field.invalid', message: 'Deze waarde is niet geldig.', location: 'name' }
		]);
		expect((await call('post', `/api/versions/${draft.body.id}/themes`, { as: 'manager', raw: '{"name":' })).status).toBe(400);
		expect(
			(
				await call('post', `/api/versions/${draft.body.id}/themes`, {
					as: 'manager',
					raw: 'name=x',
					headers: { 'content-type': 'application/x-www-form-urlencoded' }
				})
			).status
		).toBe(415);

		const themeEdit = await call('put', `/api/themes/${theme.body.id}`, {
			as: 'manager',
			body: { revision: theme.body.revision, name: 'Regie', description: 'De cliënt beslist mee.' }
		});
		expect(themeEdit.body).toMatchObject({ name: 'Regie', description: 'De cliënt beslist mee.', testQuestion: null });
		expect(
			(await call('post', `/api/themes/${theme.body.id}/move`, { as: 'manager', body: { revision: themeEdit.body.revision, position: 0 } }))
				.status
		).toBe(204);

		const requirement = await call('post', `/api/themes/${theme.body.id}/requirements`, {
			as: 'manager',
			body: {
				number: '1',
				text: 'De cliënt stelt het plan mee op.',
				addressees: ['provider'],
				level: 'process',
				applicability: { professional: 'yes', informal: 'no', residentialOnly: true }
			}
		});
		expect(requirement.status).toBe(201);
		expect(requirement.body).toMatchObject({
			provenance: { kind: 'manual' },
			applicability: { professional: 'yes', informal: 'no', exceptions: null, residentialOnly: true }
		});
		const wrongFlag = await call('post', `/api/themes/${theme.body.id}/requirements`, {
			as: 'manager',
			body: { number: '2', text: 'Vlag als tekst', applicability: { residentialOnly: 'ja' } }
		});
		expect(wrongFlag.status).toBe(400);
		expect(wrongFlag.body.problems.map((p: { path: string }) => p.path)).toEqual(['applicability.residentialOnly']);
		const duplicate = await call('post', `/api/themes/${theme.body.id}/requirements`, {
			as: 'manager',
			body: { number: '1', text: 'Nog een' }
		});
		expect(duplicate.body.problems[0]).toMatchObject({ path: 'number', code: 'error.framework.duplicateNumber' });

		const edited = await call('put', `/api/requirements/${requirement.body.id}`, {
			as: 'manager',
			body: { ...requirement.body, number: '19', text: 'De cliënt stelt het plan zelf op.' }
		});
		expect(edited.body.text).toBe('De cliënt stelt het plan zelf op.');
		expect(edited.body.applicability.residentialOnly).toBe(true);
		// Left out of a change, the flag falls back to false (a PUT replaces all fields).
		const { residentialOnly: _flag, ...withoutFlag } = edited.body.applicability;
		const cleared = await call('put', `/api/requirements/${requirement.body.id}`, {
			as: 'manager',
			body: { ...edited.body, applicability: withoutFlag }
		});
		expect(cleared.body.applicability.residentialOnly).toBe(false);
		const flaggedAgain = await call('put', `/api/requirements/${requirement.body.id}`, {
			as: 'manager',
			body: { ...cleared.body, applicability: { ...cleared.body.applicability, residentialOnly: true } }
		});
		expect(flaggedAgain.body.applicability.residentialOnly).toBe(true);
		const stale = await call('put', `/api/requirements/${requirement.body.id}`, {
			as: 'manager',
			body: { ...requirement.body, text: 'Oud' }
		});
		expect(stale.status).toBe(409);
		expect(stale.body.error.code).toBe('error.framework.conflict');

		const veiligheid = version.body.themes[0];
		const draftDetail = await call('get', `/api/versions/${draft.body.id}`, { as: 'manager' });
		const draftVeiligheid = draftDetail.body.themes.find((t: { key: string }) => t.key === veiligheid.key);
		const moved = await call('post', `/api/requirements/${edited.body.id}/move`, {
			as: 'manager',
			body: { revision: flaggedAgain.body.revision, themeId: draftVeiligheid.id, position: 0 }
		});
		expect(moved.status).toBe(200);
		expect(moved.body.themeId).toBe(draftVeiligheid.id);

		const removable = draftVeiligheid.requirements[5];
		expect((await call('delete', `/api/requirements/${removable.id}`, { as: 'manager' })).status).toBe(400);
		expect((await call('delete', `/api/requirements/${removable.id}?revision=${removable.revision}`, { as: 'manager' })).status).toBe(204);
		expect((await call('delete', `/api/requirements/${removable.id}?revision=${removable.revision}`, { as: 'manager' })).status).toBe(404);
		const freshTheme = (await call('get', `/api/versions/${draft.body.id}`, { as: 'manager' })).body.themes.find(
			(t: { id: number }) => t.id === theme.body.id
		);
		const shown = freshTheme.requirements.map((r: { id: number }) => r.id);
		const staleList = await call(
			'delete',
			`/api/themes/${theme.body.id}?revision=${freshTheme.revision}&requirements=${[...shown, 999999].join(',')}`,
			{
				as: 'manager'
			}
		);
		expect([staleList.status, staleList.body.error.code]).toEqual([409, 'error.framework.themeRequirementsChanged']);
		expect(
			(await call('delete', `/api/themes/${theme.body.id}?revision=${freshTheme.revision}&requirements=x`, { as: 'manager' })).status
		).toBe(400);
		expect(
			(
				await call('delete', `/api/themes/${theme.body.id}?revision=${freshTheme.revision}&requirements=${shown.join(',')}`, {
					as: 'manager'
				})
			).status
		).toBe(204);

		const diff = await call('get', `/api/versions/${published.id}/compare/${draft.body.id}`, { as: 'facilitator' });
		expect(diff.body.counts).toEqual({ added: 1, removed: 1, changed: 0 });
		const movisie = list.body.frameworks.find((f: { slug: string }) => f.slug === 'movisie-kwaliteitsthemas').versions[0];
		expect((await call('get', `/api/versions/${published.id}/compare/${movisie.id}`, { as: 'facilitator' })).status).toBe(400);

		const search = await call('get', `/api/search?q=${encodeURIComponent('cliënt stelt')}`, { as: 'facilitator' });
		expect(search.body.hits.map((h: { requirement: { text: string } }) => h.requirement.text)).toContain(
			'De cliënt stelt het plan zelf op.'
		);
		expect((await call('get', '/api/search?q=x&scope=alles', { as: 'facilitator' })).status).toBe(400);

		// Export: JSON (lossless, importable) and CSV.
		const exported = await call('get', `/api/versions/${published.id}/export`, { as: 'facilitator' });
		expect(exported.headers.get('content-disposition')).toBe('attachment; filename="drents-kwaliteitskader-2019.json"');
		expect(exported.body.themes).toHaveLength(5);
		expect(flagged(exported.body)).toEqual(['leefklimaat-1', 'leefklimaat-2']);
		const csv = await call('get', `/api/versions/${published.id}/export?format=csv`, { as: 'facilitator' });
		expect(csv.body).toMatch(/^\uFEFFThema;Nummer;Eis;.*;Voorwaarden;Alleen bij verblijf;Herkomst;/);
		expect(csv.body).toContain(';bij verblijf;Ja;');
		expect((await call('get', `/api/versions/${published.id}/export?format=pdf`, { as: 'facilitator' })).status).toBe(400);

		// Import: a new framework from the export; problems are listed with their location.
		const copy = { ...exported.body, framework: { ...exported.body.framework, slug: 'drents-kopie' } };
		const imported = await call('post', '/api/frameworks/import', { as: 'manager', body: copy });
		expect(imported.status).toBe(201);
		expect(imported.body).toMatchObject({ createdFramework: true, version: { label: '2019', status: 'draft' } });
		expect(flagged((await call('get', `/api/versions/${imported.body.version.id}`, { as: 'facilitator' })).body)).toEqual([
			'leefklimaat-1',
			'leefklimaat-2'
		]);
		const broken = structuredClone(copy);
		broken.framework.slug = 'nog-een-kopie';
		broken.themes[1].requirements[0].text = '';
		const refused = await call('post', '/api/frameworks/import', { as: 'manager', body: broken });
		expect(refused.status).toBe(422);
		expect(refused.body.problems).toEqual([
			{
				path: 'themes.1.requirements.0.text',
				code: 'error.field.required',
				message: 'U moet dit nog invullen.',
				location: 'Thema 2 (Doelmatigheid), eis 1 (nummer 1), Eis'
			}
		]);
		expect((await call('post', '/api/frameworks/import', { as: 'manager', raw: '{kapot' })).body.error.code).toBe('error.import.notJson');
		expect((await call('post', '/api/frameworks/import', { as: 'facilitator', body: copy })).status).toBe(403);

		// Publish: stale revision refused, then published and immutable.
		const current = (await call('get', `/api/versions/${draft.body.id}`, { as: 'manager' })).body.version;
		expect(
			(
				await call('post', `/api/versions/${draft.body.id}/publish`, {
					as: 'manager',
					body: { revision: current.revision - 1, changeSummary: 'x' }
				})
			).status
		).toBe(409);
		const done = await call('post', `/api/versions/${draft.body.id}/publish`, {
			as: 'manager',
			body: { revision: current.revision, changeSummary: 'Eis over regie toegevoegd.' }
		});
		expect(done.body).toMatchObject({ status: 'published', publishedBy: 'Karin', changeSummary: 'Eis over regie toegevoegd.' });
		expect((await call('delete', `/api/versions/${draft.body.id}?revision=${done.body.revision}`, { as: 'manager' })).status).toBe(409);

		// A new framework starts with an empty draft, which can be deleted.
		const created = await call('post', '/api/frameworks', { as: 'manager', body: { name: 'Lokaal kwaliteitskader Wmo Assen' } });
		expect(created.body).toMatchObject({ framework: { slug: 'lokaal-kwaliteitskader-wmo-assen' }, draft: { label: '1', status: 'draft' } });
		expect(
			(
				await call('post', `/api/versions/${created.body.draft.id}/publish`, {
					as: 'manager',
					body: { revision: 1, changeSummary: 'Leeg' }
				})
			).body.error.code
		).toBe('error.framework.emptyDraft');
		expect((await call('delete', `/api/versions/${created.body.draft.id}?revision=1`, { as: 'manager' })).status).toBe(204);
	});

	it('providers and assessments: quality managers write, admins read, others are refused', async () => {
		// Providers.
		expect((await call('get', '/api/providers')).status).toBe(401);
		expect((await call('get', '/api/providers', { as: 'facilitator' })).status).toBe(403);
		const badProvider = await call('post', '/api/providers', { as: 'manager', body: { name: ' ', careType: 'Begeleiding', fundings: [] } });
		expect(badProvider.status).toBe(400);
		expect(badProvider.body.problems).toEqual([
			{ path: 'name', code: 'error.field.required', message: 'U moet dit nog invullen.', location: 'name' },
			{ path: 'fundings', code: 'error.field.chooseOne', message: expect.any(String), location: 'fundings' }
		]);
		const home = await call('post', '/api/providers', {
			as: 'manager',
			body: { name: 'Zorg Thuis BV', careType: 'Begeleiding individueel', fundings: ['zin'] }
		});
		expect(home.status).toBe(201);
		expect(home.body).toMatchObject({ name: 'Zorg Thuis BV', fundings: ['zin'], residential: false, note: null, revision: 1 });
		const house = await call('post', '/api/providers', {
			as: 'manager',
			body: { name: 'Het Erf', careType: 'Beschermd wonen', fundings: ['zin'], residential: true }
		});
		expect(
			(await call('post', '/api/providers', { as: 'manager', body: { name: 'zorg thuis bv', careType: 'x', fundings: ['zin'] } })).body
				.error.code
		).toBe('error.provider.exists');
		expect(
			(await call('post', '/api/providers', { as: 'admin', body: { name: 'Beheer BV', careType: 'x', fundings: ['zin'] } })).status
		).toBe(403);
		expect((await call('get', '/api/providers', { as: 'admin' })).body.providers.map((p: { name: string }) => p.name)).toEqual([
			'Het Erf',
			'Zorg Thuis BV'
		]);
		expect((await call('get', `/api/providers/${home.body.id}`, { as: 'admin' })).body.careType).toBe('Begeleiding individueel');
		expect((await call('get', '/api/providers/999999', { as: 'admin' })).status).toBe(404);
		expect((await call('get', `/api/providers/${home.body.id}`, { as: 'facilitator' })).status).toBe(403);
		const { id: _id, createdAt: _c, updatedAt: _u, ...homeFields } = home.body;
		const renamed = await call('put', `/api/providers/${home.body.id}`, {
			as: 'manager',
			body: { ...homeFields, note: 'Contract tot 2028.' }
		});
		expect(renamed.body).toMatchObject({ note: 'Contract tot 2028.', revision: 2 });
		expect((await call('put', `/api/providers/${home.body.id}`, { as: 'manager', body: homeFields })).body.error.code).toBe(
			'error.provider.conflict'
		);
		expect((await call('put', `/api/providers/${home.body.id}`, { as: 'admin', body: { ...homeFields, revision: 2 } })).status).toBe(403);

		// Starting: only against a published version.
		const frameworks = (await call('get', '/api/frameworks', { as: 'manager' })).body.frameworks;
		const drents2019 = frameworks
			.find((f: { slug: string }) => f.slug === 'drents-kwaliteitskader')
			.versions.find((v: { label: string }) => v.label === '2019');
		const empty = await call('post', '/api/frameworks', { as: 'manager', body: { name: 'Kader in wording' } });
		const onDraft = await call('post', '/api/assessments', {
			as: 'manager',
			body: { providerId: home.body.id, frameworkVersionId: empty.body.draft.id, assessedOn: '2027-01-15' }
		});
		expect(onDraft.status).toBe(409);
		expect(onDraft.body.error).toEqual({ code: 'error.assessment.draftVersion', message: expect.stringContaining('gepubliceerde versie') });
		const badStart = await call('post', '/api/assessments', {
			as: 'manager',
			body: { providerId: 'een', frameworkVersionId: drents2019.id, assessedOn: '15-01-2027' }
		});
		expect(badStart.status).toBe(400);
		expect(badStart.body.problems.map((p: { path: string }) => p.path)).toEqual(['providerId', 'assessedOn']);
		expect(
			(
				await call('post', '/api/assessments', {
					as: 'manager',
					body: { providerId: 999999, frameworkVersionId: drents2019.id, assessedOn: '2027-01-15' }
				})
			).status
		).toBe(404);
		expect(
			(
				await call('post', '/api/assessments', {
					as: 'admin',
					body: { providerId: home.body.id, frameworkVersionId: drents2019.id, assessedOn: '2027-01-15' }
				})
			).status
		).toBe(403);
		const started = await call('post', '/api/assessments', {
			as: 'manager',
			body: { providerId: home.body.id, frameworkVersionId: drents2019.id, assessedOn: '2027-01-15' }
		});
		expect(started.status).toBe(201);
		const id = started.body.assessment.id;
		type Item = { id: number; revision: number; applicable: boolean; theme: { key: string }; number: string };
		const items: Item[] = started.body.items;
		expect(items).toHaveLength(44);
		expect(items.filter((i) => i.applicable)).toHaveLength(42);
		expect(started.body).toMatchObject({
			assessment: { status: 'draft', thresholds: { good: 75, sufficient: 65, theme: 65 }, decision: null },
			framework: { name: expect.any(String) },
			version: { id: drents2019.id, label: '2019', status: 'published' },
			result: { overall: { assessed: 0, sum: 0, percent: null, outcome: null, arithmetic: '0 / 0 = –' }, unscored: 42 }
		});
		expect(started.body.trust.map((t: { behaviour: string }) => t.behaviour)).toEqual([
			'integrity',
			'learning',
			'accountability',
			'testability',
			'transparency'
		]);

		// Finalising with requirements unscored: refused, and they are listed.
		const early = await call('post', `/api/assessments/${id}/finalize`, { as: 'manager', body: { decision: 'accept' } });
		expect(early.status).toBe(409);
		expect(early.body.error.code).toBe('error.assessment.unscored');
		expect(early.body.error.message).toContain('Nog 42 eisen zonder score: Veiligheid 1, Veiligheid 2');

		// Scoring: validation, stale revisions and a reason to differ from the type.
		const first = items[0]!;
		const badLevel = await call('put', `/api/assessments/${id}/items/${first.id}`, {
			as: 'manager',
			body: { revision: first.revision, applicable: true, level: 'goed' }
		});
		expect(badLevel.status).toBe(400);
		expect(badLevel.body.problems).toEqual([
			{ path: 'level', code: 'error.field.invalidChoice', message: expect.any(String), location: 'level' }
		]);
		const noReason = await call('put', `/api/assessments/${id}/items/${first.id}`, {
			as: 'manager',
			body: { revision: first.revision, applicable: false, level: null }
		});
		expect(noReason.body.error.code).toBe('error.assessment.reasonRequired');
		expect(
			(await call('put', `/api/assessments/${id}/items/999999`, { as: 'manager', body: { revision: 1, applicable: true, level: 'meets' } }))
				.status
		).toBe(404);
		expect(
			(
				await call('put', `/api/assessments/${id}/items/${first.id}`, {
					as: 'admin',
					body: { revision: first.revision, applicable: true, level: 'meets' }
				})
			).status
		).toBe(403);
		// Veiligheid 1–8 not met, the rest met; Doelmatigheid 1 does not apply.
		let last!: Awaited<ReturnType<typeof call>>;
		for (const [n, item] of items.entries()) {
			if (!item.applicable) continue;
			const skip = item.theme.key === 'doelmatigheid' && item.number === '1';
			const body = skip
				? { revision: item.revision, applicable: false, applicabilityReason: 'Loopt via de gemeente.', level: null }
				: {
						revision: item.revision,
						applicable: true,
						level: n < 8 ? 'not' : 'meets',
						evidence: n < 2 ? '=1+1' : 'Dossier ingezien',
						explanation: 'Gesprek met de teamleider.'
					};
			last = await call('put', `/api/assessments/${id}/items/${item.id}`, { as: 'manager', body });
			expect(last.status).toBe(200);
		}
		expect(last.body.result.overall).toEqual({
			assessed: 41,
			sum: 33,
			percent: expect.closeTo(80.49, 2),
			outcome: 'good',
			arithmetic: '33 / 41 = 80,5 %'
		});
		expect(last.body.result.themes[0]).toEqual({
			themeKey: 'veiligheid',
			name: 'Veiligheid',
			assessed: 18,
			sum: 10,
			percent: expect.closeTo(55.56, 2),
			flagged: true,
			arithmetic: '10 / 18 = 55,6 %'
		});
		const stale = await call('put', `/api/assessments/${id}/items/${first.id}`, {
			as: 'manager',
			body: { revision: first.revision, applicable: true, level: 'meets' }
		});
		expect(stale.status).toBe(409);
		expect(stale.body.error.code).toBe('error.assessment.conflict');

		// Vertrouwen in words, and the weighing factors.
		const noMotivation = await call('put', `/api/assessments/${id}/trust/learning`, { as: 'manager', body: { judgement: 'harmed' } });
		expect(noMotivation.status).toBe(400);
		expect(noMotivation.body.problems).toEqual([
			{
				path: 'motivation',
				code: 'error.assessment.trustMotivation',
				message: 'Schrijf op waarop uw oordeel over dit gedrag berust.',
				location: 'motivation'
			}
		]);
		expect((await call('put', `/api/assessments/${id}/trust/charm`, { as: 'manager', body: { judgement: null } })).status).toBe(404);
		const judged = await call('put', `/api/assessments/${id}/trust/learning`, {
			as: 'manager',
			body: { judgement: 'strengthened', motivation: 'Leert aantoonbaar van klachten.' }
		});
		expect(judged.body).toEqual({
			behaviour: 'learning',
			name: expect.any(String),
			judgement: 'strengthened',
			motivation: 'Leert aantoonbaar van klachten.'
		});
		const weighed = await call('put', `/api/assessments/${id}/weighing`, {
			as: 'manager',
			body: { severity: 'Geen letsel.', groupSize: '', organisation: 'Kwaliteitssysteem met jaarlijkse interne audit.' }
		});
		expect(weighed.body).toEqual({
			severity: 'Geen letsel.',
			groupSize: null,
			organisation: 'Kwaliteitssysteem met jaarlijkse interne audit.'
		});
		expect(
			(await call('put', `/api/assessments/${id}/weighing`, { as: 'manager', body: { severity: 'x'.repeat(4001) } })).body.problems[0].path
		).toBe('severity');

		// Reading: detail and lists, for admins too.
		const detail = await call('get', `/api/assessments/${id}`, { as: 'admin' });
		expect(detail.body.assessment).toMatchObject({ severity: 'Geen letsel.', status: 'draft' });
		expect(detail.body.unscoredItems).toEqual([]);
		expect(
			detail.body.items.find((i: { theme: { key: string }; number: string }) => i.theme.key === 'doelmatigheid' && i.number === '1')
		).toMatchObject({
			presumedApplicable: true,
			applicable: false,
			applicabilityReason: 'Loopt via de gemeente.',
			level: null,
			score: null
		});
		expect((await call('get', `/api/assessments/${id}`, { as: 'facilitator' })).status).toBe(403);
		expect((await call('get', '/api/assessments/999999', { as: 'admin' })).status).toBe(404);
		const drafts = await call('get', `/api/assessments?status=draft&providerId=${home.body.id}&versionId=${drents2019.id}`, {
			as: 'admin'
		});
		expect(drafts.body.assessments).toEqual([
			expect.objectContaining({
				id,
				provider: { id: home.body.id, name: 'Zorg Thuis BV' },
				overall: expect.objectContaining({ outcome: 'good' }),
				flaggedThemes: ['veiligheid'],
				unscored: 0
			})
		]);
		expect((await call('get', '/api/assessments?status=final', { as: 'admin' })).body.assessments).toEqual([]);
		expect((await call('get', '/api/assessments?status=klaar', { as: 'admin' })).status).toBe(400);
		expect((await call('get', '/api/assessments')).status).toBe(401);

		// The decision: a deviation needs a motivation; then final.
		const noWhy = await call('post', `/api/assessments/${id}/finalize`, {
			as: 'manager',
			body: { decision: 'deviate', decidedOutcome: 'sufficient' }
		});
		expect(noWhy.status).toBe(400);
		expect(noWhy.body.problems.map((p: { path: string; code: string }) => [p.path, p.code])).toEqual([
			['motivation', 'error.assessment.motivationRequired']
		]);
		expect((await call('post', `/api/assessments/${id}/finalize`, { as: 'admin', body: { decision: 'accept' } })).status).toBe(403);
		const final = await call('post', `/api/assessments/${id}/finalize`, {
			as: 'manager',
			body: {
				decision: 'deviate',
				decidedOutcome: 'sufficient',
				motivation: 'Veiligheid weegt zwaar.',
				improvementPlanDue: '2027-03-01',
				retestDue: '2027-06-01'
			}
		});
		expect(final.status).toBe(200);
		expect(final.body.assessment).toMatchObject({
			status: 'final',
			decision: 'deviate',
			proposedOutcome: 'good',
			decidedOutcome: 'sufficient',
			improvementPlanDue: '2027-03-01',
			retestDue: '2027-06-01'
		});

		// A final assessment changes only through an amendment with a reason.
		const editFinal = await call('put', `/api/assessments/${id}/items/${first.id}`, {
			as: 'manager',
			body: { revision: first.revision + 1, applicable: true, level: 'meets' }
		});
		expect(editFinal.status).toBe(409);
		expect(editFinal.body.error).toEqual({
			code: 'error.assessment.final',
			message: 'Deze toetsing is afgerond. Wijzigen kan alleen met een gemotiveerde aanpassing.'
		});
		expect((await call('put', `/api/assessments/${id}/trust/integrity`, { as: 'manager', body: { judgement: null } })).status).toBe(409);
		expect((await call('put', `/api/assessments/${id}/weighing`, { as: 'manager', body: {} })).status).toBe(409);
		expect((await call('post', `/api/assessments/${id}/finalize`, { as: 'manager', body: { decision: 'accept' } })).status).toBe(409);
		const noReasonAmend = await call('post', `/api/assessments/${id}/amendments`, {
			as: 'manager',
			body: { reason: '', itemId: first.id, level: 'meets' }
		});
		expect(noReasonAmend.body.problems.map((p: { path: string }) => p.path)).toEqual(['reason']);
		const amended = await call('post', `/api/assessments/${id}/amendments`, {
			as: 'manager',
			body: { reason: 'Protocol alsnog getoond.', itemId: first.id, level: 'meets', evidence: 'Protocol 2026' }
		});
		expect(amended.status).toBe(201);
		expect(amended.body.amendments).toEqual([
			{
				id: expect.any(Number),
				at: expect.any(String),
				byId: expect.any(Number),
				reason: 'Protocol alsnog getoond.',
				changes: [
					{ field: 'level', itemId: first.id, before: 'not', after: 'meets' },
					{ field: 'evidence', itemId: first.id, before: '=1+1', after: 'Protocol 2026' }
				]
			}
		]);
		expect(amended.body.result.overall.arithmetic).toBe('34 / 41 = 82,9 %');
		expect(amended.body.assessment.decidedOutcome).toBe('sufficient');

		// An amendment needs a final assessment; the history of a provider lists its assessments.
		const other = await call('post', '/api/assessments', {
			as: 'manager',
			body: { providerId: house.body.id, frameworkVersionId: drents2019.id, assessedOn: '2027-02-01' }
		});
		expect(other.body.items.filter((i: Item) => i.applicable)).toHaveLength(44);
		const notFinal = await call('post', `/api/assessments/${other.body.assessment.id}/amendments`, {
			as: 'manager',
			body: { reason: 'x', itemId: other.body.items[0].id, level: 'meets' }
		});
		expect(notFinal.status).toBe(409);
		expect(notFinal.body.error.code).toBe('error.assessment.notFinal');
		const history = await call('get', `/api/providers/${home.body.id}/assessments`, { as: 'admin' });
		expect(history.body.provider.name).toBe('Zorg Thuis BV');
		expect(history.body.assessments.map((a: { id: number; status: string }) => [a.id, a.status])).toEqual([[id, 'final']]);
		expect((await call('get', '/api/providers/999999/assessments', { as: 'admin' })).status).toBe(404);

		// CSV export: UTF-8 with BOM, semicolons, the arithmetic; formulas are defused.
		const csv = await call('get', `/api/assessments/${id}/export.csv`, { as: 'admin' });
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-disposition')).toBe('attachment; filename="toetsing-zorg-thuis-bv-2027-01-15.csv"');
		expect(csv.body).toMatch(/^\uFEFFThema;Nummer;Eis;Geldt;Reden;Oordeel;Bandbreedte;Score;Gezien bewijs;Toelichting\r\n/);
		expect(csv.body).toContain(";Voldoet niet;45–0 %: minder dan 45 % van de indicatoren gehaald;0;'=1+1;Gesprek met de teamleider.\r\n");
		expect(csv.body).not.toContain(';=1+1');
		expect(csv.body).toContain('\r\nTotaal;41;34;82,9 %;34 / 41 = 82,9 %;Voorstel volgens de beslisregel: Goed;;;;\r\n');
		expect(csv.body).toContain('\r\nBesluit;Afgeweken van het voorstel: Voldoende. Motivering: Veiligheid weegt zwaar.;');
		const otherCsv = await call('get', `/api/assessments/${other.body.assessment.id}/export.csv`, { as: 'manager' });
		expect(otherCsv.body).toContain('\r\nNog zonder score;44;');
		expect((await call('get', `/api/assessments/${id}/export.csv`, { as: 'facilitator' })).status).toBe(403);
		expect((await call('get', `/api/assessments/${id}/export.csv`)).status).toBe(401);
		expect((await call('get', '/api/assessments/999999/export.csv', { as: 'admin' })).status).toBe(404);
	});

	it("a session's results: its facilitator reads them as JSON or CSV, nobody else", async () => {
		const db = server.runtime.db;
		const w = await plannedWorld(db, new Date(Date.now() - 3 * 3600_000));
		cookies.owner = w.cookie;
		const url = `/api/sessions/${w.session.id}/results`;
		// Not held yet: nothing to give.
		expect((await call('get', url, { as: 'owner' })).status).toBe(409);
		holdSession(db, w.session.id, w.people);

		const results = await call('get', url, { as: 'owner' });
		expect(results.status).toBe(200);
		expect(results.body.session).toMatchObject({ id: w.session.id, title: 'Eerste gesprek' });
		const chosen = results.body.themes.filter((t: { chosenRank: number | null }) => t.chosenRank !== null);
		expect(chosen.length).toBe(2);
		expect(chosen[0].criteria.length).toBeGreaterThan(0);
		expect(chosen[0].criteria[0].addressees).toEqual(['municipality', 'provider']);
		expect(JSON.stringify(results.body)).not.toMatch(/Ans|Carla|example\.org/);
		const csv = await call('get', `${url}?format=csv`, { as: 'owner' });
		expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="resultaten-eerste-gesprek-/);
		expect(csv.body.startsWith('\uFEFF')).toBe(true);
		expect(csv.body).toContain(chosen[0].name);
		expect(csv.body).toContain(';Gemeente, Aanbieder\r\n');
		expect((await call('get', `${url}?format=xml`, { as: 'owner' })).status).toBe(400);

		// Another facilitator is not told the session exists; other staff lack the role; nobody without a login.
		expect((await call('get', url, { as: 'facilitator' })).status).toBe(404);
		expect((await call('get', url, { as: 'manager' })).status).toBe(403);
		expect((await call('get', url, { as: 'admin' })).status).toBe(403);
		expect((await call('get', url)).status).toBe(401);
		expect((await call('get', '/api/sessions/999999/results', { as: 'owner' })).status).toBe(404);
	});

	it('exercised every documented operation', () => {
		const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
		const missing = documented.filter((op) => !exercised.has(op) && op !== 'get /api/openapi.json');
		expect(missing).toEqual([]);
	});

	it('refuses writes from another origin', async () => {
		const response = await fetch(`${server.url}/api/frameworks`, {
			method: 'POST',
			headers: { origin: 'https://kwaad.example', cookie: cookies.manager, 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Kwaad' })
		});
		expect(response.status).toBe(403);
	});
});
