/**
 * Applicability as data (issue 19): every exception of the Drents kwaliteitskader 2019 (seed
 * 004, Toetsingskader 2019 NMD) pinned for each kind of provider, written out by hand from the
 * source's table rather than computed; the facts of the provider register they need; the
 * addressee (requirements for the municipality alone are never part of a provider's
 * assessment); contradicting rules on import; and the reason to deviate.
 */
import { describe, expect, it } from 'vitest';
import { scoringWorld } from '../helpers/scoring';
import { DomainError } from '../../src/lib/server/errors';
import { ValidationError } from '../../src/lib/server/validation';
import { importVersion, parseExchange } from '../../src/lib/server/frameworks/exchange';
import { addRequirement, createDraft, getVersion, latestPublishedBySlug, updateRequirement } from '../../src/lib/server/frameworks/store';
import { createProvider, updateProvider } from '../../src/lib/server/scoring/providers';
import {
	assessmentDetail,
	missingFacts,
	presumeApplicable,
	startAssessment,
	updateItem,
	type ProviderFacts,
	type RequirementApplicability
} from '../../src/lib/server/scoring/assessments';
import { assessmentPage } from '../../src/lib/server/scoring/view';
import { assessmentReportView } from '../../src/lib/server/scoring/report-view';
import { translate } from '../../src/lib/i18n';
import { nl } from '../helpers/i18n';
import drents from '../../seeds/frameworks/drents-kwaliteitskader-2019.json';

/** The six kinds of provider of the issue. */
const PROVIDERS = {
	zin: { fundings: ['zin'], residential: false, dayCare: false, guardianParent: null },
	pgbProfessional: { fundings: ['pgb_professional'], residential: false, dayCare: false, guardianParent: null },
	pgbNaaste: { fundings: ['pgb_informal'], residential: false, dayCare: false, guardianParent: false },
	pgbOuder: { fundings: ['pgb_informal'], residential: false, dayCare: false, guardianParent: true },
	residential: { fundings: ['zin'], residential: true, dayCare: false, guardianParent: null },
	dagbesteding: { fundings: ['zin'], residential: false, dayCare: true, guardianParent: null }
} satisfies Record<string, ProviderFacts>;
type Kind = keyof typeof PROVIDERS;
const KINDS = Object.keys(PROVIDERS) as Kind[];

/**
 * Per requirement, per kind of provider (in the order of PROVIDERS): Y applies, Y? applies
 * "indien van toepassing" (the assessor checks), N- the source's "-", Nb the source's blank cell,
 * Nf "niet van toepassing op PGB's", Ng "behalve gezaghebbende ouder", Ns only with verblijf or
 * dagbesteding.
 *                              ZIN   PGBprof naaste ouder  verblijf dagbesteding */
const EXPECTED: Record<string, string> = {
	'veiligheid-1': '             Y     Y      Y      Ng     Y        Y',
	'veiligheid-2': '             Y     Y      Y      Ng     Y        Y',
	'veiligheid-3': '             Y     Y      N-     N-     Y        Y',
	'veiligheid-4': '             Y     Y      Y      Ng     Y        Y',
	'veiligheid-5': '             Y     Y      Y      Y      Y        Y',
	'veiligheid-6': '             Y     Y      Y      Y      Y        Y',
	'veiligheid-7': '             Y     Y      Nb     Nb     Y        Y',
	'veiligheid-8': '             Y     Y      Y      Ng     Y        Y',
	'veiligheid-9': '             Y     Y      Y      Ng     Y        Y',
	'veiligheid-10': '            Y     Y      Y      Ng     Y        Y',
	'veiligheid-11': '            Y     Y      N-     N-     Y        Y',
	'veiligheid-12': '            Y     Y      N-     N-     Y        Y',
	'veiligheid-13': '            Y     Y      N-     N-     Y        Y',
	'veiligheid-14': '            Y     Y      N-     N-     Y        Y',
	'veiligheid-15': '            Y     Y      N-     N-     Y        Y',
	'veiligheid-16': '            Y?    Y?     N-     N-     Y?       Y?',
	'veiligheid-17': '            Y?    Y?     N-     N-     Y?       Y?',
	'veiligheid-18': '            Y     Y      N-     N-     Y        Y',
	'doelmatigheid-1': '          Y     Y      N-     N-     Y        Y',
	'doelmatigheid-2': '          Y     Y      N-     N-     Y        Y',
	'doelmatigheid-3': '          Y     Y      N-     N-     Y        Y',
	'doelmatigheid-4': '          Y     Y      Y      Y      Y        Y',
	'doelmatigheid-5': '          Y     Y      N-     N-     Y        Y',
	'doelmatigheid-6': '          Y     Y      N-     N-     Y        Y',
	'doeltreffendheid-1': '       Y     Y      Y      Y      Y        Y',
	'doeltreffendheid-2': '       Y     Y      Y      Y      Y        Y',
	'doeltreffendheid-3': '       Y     Y      N-     N-     Y        Y',
	'doeltreffendheid-4': '       Y     Y      N-     N-     Y        Y',
	'doeltreffendheid-5': '       Y     Nf     N-     N-     Y        Y',
	'clientgerichtheid-1': '      Y     Y      Y      Y      Y        Y',
	'clientgerichtheid-2': '      Y     Y      N-     N-     Y        Y',
	'clientgerichtheid-3': '      Y     Y      N-     N-     Y        Y',
	'clientgerichtheid-4': '      Y     Y      Y      Y      Y        Y',
	'clientgerichtheid-5': '      Y     Y      N-     N-     Y        Y',
	'clientgerichtheid-6': '      Y     Y      N-     N-     Y        Y',
	'clientgerichtheid-7': '      Y     Y      N-     N-     Y        Y',
	'clientgerichtheid-8': '      Y     Y      Y      Y      Y        Y',
	'clientgerichtheid-9': '      Y     Y      N-     N-     Y        Y',
	'clientgerichtheid-10': '     Y     Y      N-     N-     Y        Y',
	'clientgerichtheid-11': '     Y     Y      Y      Y      Y        Y',
	'clientgerichtheid-12': '     Y     Y      Y      Y      Y        Y',
	'clientgerichtheid-13': '     Y     Y      Y      Y      Y        Y',
	'leefklimaat-1': '            Ns    Ns     Ns     Ns     Y        Y',
	'leefklimaat-2': '            Ns    Ns     Ns     Ns     Y        Y'
};

const CODE = {
	Y: { applicable: true, reason: null },
	'Y?': { applicable: true, reason: 'where_relevant' },
	'N-': { applicable: false, reason: 'column_no' },
	Nb: { applicable: false, reason: 'blank_cell' },
	Nf: { applicable: false, reason: 'funding' },
	Ng: { applicable: false, reason: 'guardian_parent' },
	Ns: { applicable: false, reason: 'setting' }
} as const;

const file = parseExchange(drents);
const requirements = file.themes.flatMap((t) =>
	t.requirements.map((r) => ({
		key: r.key!,
		appliesProfessional: r.applicability.professional,
		appliesInformal: r.applicability.informal,
		residentialOnly: r.applicability.residentialOnly,
		applicabilityRules: r.applicability.rules ?? []
	}))
);

function expected(key: string, kind: Kind) {
	const cells = EXPECTED[key]!.trim().split(/\s+/) as (keyof typeof CODE)[];
	return CODE[cells[KINDS.indexOf(kind)]!];
}

describe('pre-selection of the Drents kwaliteitskader 2019 per kind of provider', () => {
	it('has an expectation for each of the 44 requirements, six kinds each', () => {
		expect(requirements.map((r) => r.key)).toEqual(Object.keys(EXPECTED));
		for (const row of Object.values(EXPECTED)) expect(row.trim().split(/\s+/)).toHaveLength(KINDS.length);
	});

	for (const kind of KINDS) {
		it(`pre-selects each requirement for ${kind} as the source says, with the reason`, () => {
			for (const r of requirements) expect([r.key, presumeApplicable(r, PROVIDERS[kind])]).toEqual([r.key, expected(r.key, kind)]);
		});
	}

	it('counts 42, 41, 17, 11, 44 and 44 requirements for the six kinds', () => {
		const counts = KINDS.map((kind) => requirements.filter((r) => presumeApplicable(r, PROVIDERS[kind]).applicable).length);
		expect(Object.fromEntries(KINDS.map((k, i) => [k, counts[i]]))).toEqual({
			zin: 42,
			pgbProfessional: 41,
			pgbNaaste: 17,
			pgbOuder: 11,
			residential: 44,
			dagbesteding: 44
		});
	});

	it('combines fundings: a requirement applies when it applies for one of them', () => {
		const both = {
			fundings: ['zin', 'pgb_professional'],
			residential: false,
			dayCare: false,
			guardianParent: null
		} satisfies ProviderFacts;
		const d5 = requirements.find((r) => r.key === 'doeltreffendheid-5')!;
		expect(presumeApplicable(d5, both)).toEqual({ applicable: true, reason: null });
		const v3 = requirements.find((r) => r.key === 'veiligheid-3')!;
		const mixed = {
			fundings: ['pgb_professional', 'pgb_informal'],
			residential: false,
			dayCare: false,
			guardianParent: true
		} satisfies ProviderFacts;
		expect(presumeApplicable(v3, mixed).applicable).toBe(true);
	});

	it('applies Leefklimaat to a naaste with verblijf, but not when the naaste is the gezaghebbende ouder', () => {
		const l1 = requirements.find((r) => r.key === 'leefklimaat-1')!;
		expect(presumeApplicable(l1, { ...PROVIDERS.pgbNaaste, residential: true })).toEqual({ applicable: true, reason: null });
		expect(presumeApplicable(l1, { ...PROVIDERS.pgbOuder, residential: true })).toEqual({ applicable: false, reason: 'guardian_parent' });
	});

	it('keeps a framework without columns (MOVISIE) applicable: the source says nothing, the assessor decides', () => {
		const silent: RequirementApplicability = {
			appliesProfessional: 'unspecified',
			appliesInformal: 'unspecified',
			residentialOnly: false,
			applicabilityRules: []
		};
		for (const kind of KINDS) expect(presumeApplicable(silent, PROVIDERS[kind])).toEqual({ applicable: true, reason: null });
	});

	it('knows which facts a requirement needs that the provider has not recorded', () => {
		const v1 = requirements.find((r) => r.key === 'veiligheid-1')!;
		const v3 = requirements.find((r) => r.key === 'veiligheid-3')!;
		const l1 = requirements.find((r) => r.key === 'leefklimaat-1')!;
		const unknown = { fundings: ['pgb_informal'], residential: false, dayCare: null, guardianParent: null } satisfies ProviderFacts;
		expect(missingFacts(v1, unknown)).toEqual(['guardianParent']);
		expect(missingFacts(v3, unknown)).toEqual([]);
		// Leefklimaat: day care would make it apply, and then the gezaghebbende ouder matters too.
		expect(missingFacts(l1, unknown)).toEqual(['dayCare']);
		expect(missingFacts(l1, { ...unknown, residential: true })).toEqual(['guardianParent']);
		expect(missingFacts(l1, { ...PROVIDERS.zin, dayCare: null, residential: true })).toEqual([]);
	});
});

async function world() {
	const { db, actor, drents } = await scoringWorld();
	return { db, actor, drents, movisie: latestPublishedBySlug(db, 'movisie-kwaliteitsthemas')! };
}

function thrown(fn: () => unknown): { code: string; params: unknown } {
	try {
		fn();
	} catch (error) {
		if (error instanceof ValidationError)
			return { code: error.problems.map((p) => p.code).join(','), params: error.problems.map((p) => p.params) };
		if (error instanceof DomainError) return { code: error.code, params: error.params };
		throw error;
	}
	return { code: 'no error', params: null };
}

describe('the provider register and starting an assessment', () => {
	it('stores day care and the gezaghebbende ouder as facts of their own', async () => {
		const { db, actor } = await world();
		const naaste = createProvider(db, actor, { name: 'Naaste', careType: 'Begeleiding', fundings: ['pgb_informal'], guardianParent: true });
		expect([naaste.dayCare, naaste.guardianParent, naaste.residential]).toEqual([false, true, false]);
		const day = createProvider(db, actor, { name: 'De Schuur', careType: 'Dagbesteding', fundings: ['zin'], dayCare: true });
		expect([day.dayCare, day.residential, day.guardianParent]).toEqual([true, false, null]);
		// The question does not arise without a PGB for a naaste: not stored, and refused when said yes.
		expect(thrown(() => createProvider(db, actor, { name: 'Prof', careType: 'B', fundings: ['zin'], guardianParent: true })).code).toBe(
			'error.provider.guardianWithoutInformal'
		);
		const changed = updateProvider(db, actor, naaste.id, {
			revision: naaste.revision,
			name: 'Naaste',
			careType: 'B',
			fundings: ['zin'],
			guardianParent: false
		});
		expect(changed.guardianParent).toBeNull();
	});

	it('refuses to start when a fact a requirement needs is not recorded, naming the requirements, and stores nothing', async () => {
		const { db, actor, drents } = await world();
		const naaste = createProvider(db, actor, { name: 'Naaste', careType: 'Begeleiding', fundings: ['pgb_informal'] });
		expect(naaste.guardianParent).toBeNull();
		const refused = thrown(() =>
			startAssessment(db, actor, { providerId: naaste.id, frameworkVersionId: drents.id, assessedOn: '2027-01-15' })
		);
		expect(refused.code).toBe('error.assessment.guardianParentMissing');
		expect(refused.params).toEqual({
			provider: 'Naaste',
			list: 'Veiligheid 1, Veiligheid 2, Veiligheid 4, Veiligheid 8, Veiligheid 9, Veiligheid 10'
		});
		expect(translate('nl', 'error.assessment.guardianParentMissing', refused.params as Record<string, string>)).toBe(
			'Bij Naaste staat niet of de naaste de gezaghebbende ouder is. Dat is nodig voor Veiligheid 1, Veiligheid 2, Veiligheid 4, Veiligheid 8, Veiligheid 9, Veiligheid 10. Vul het eerst in bij de zorgaanbieder.'
		);
		// A provider from before day care was recorded (null): Leefklimaat depends on it.
		const old = createProvider(db, actor, { name: 'Oud', careType: 'Begeleiding', fundings: ['zin'] });
		db.$client.prepare('update providers set day_care = null where id = ?').run(old.id);
		const noDay = thrown(() => startAssessment(db, actor, { providerId: old.id, frameworkVersionId: drents.id, assessedOn: '2027-01-15' }));
		expect(noDay).toEqual({ code: 'error.assessment.dayCareMissing', params: { provider: 'Oud', list: 'Leefklimaat 1, Leefklimaat 2' } });
		expect(db.$client.prepare('select count(*) as n from assessments').get()).toEqual({ n: 0 });
		expect(db.$client.prepare('select count(*) as n from assessment_items').get()).toEqual({ n: 0 });
	});

	it('stores the reason of each pre-selection and shows it in words on the assessment page', async () => {
		const { db, actor, drents } = await world();
		const prof = createProvider(db, actor, { name: 'Prof', careType: 'Begeleiding', fundings: ['pgb_professional'] });
		const a = startAssessment(db, actor, { providerId: prof.id, frameworkVersionId: drents.id, assessedOn: '2027-01-15' });
		const items = assessmentDetail(db, a.id).items;
		const byKey = new Map(items.map((i) => [i.requirement.key, i.item]));
		expect(byKey.get('doeltreffendheid-5')).toMatchObject({ presumedApplicable: false, presumedReason: 'funding', applicable: false });
		expect(byKey.get('veiligheid-16')).toMatchObject({ presumedApplicable: true, presumedReason: 'where_relevant' });
		expect(byKey.get('leefklimaat-1')).toMatchObject({ presumedApplicable: false, presumedReason: 'setting' });
		const page = assessmentPage(db, a.id, 'nl');
		const view = new Map(page.themes.flatMap((t) => t.items.map((i) => [i.label, i])));
		expect(view.get('Doeltreffendheid, eis 5')!.presumedText).toBe('Geldt niet: niet van toepassing op PGB voor een professional.');
		expect(view.get('Leefklimaat, eis 1')!.presumedText).toBe(
			'Geldt niet: deze eis geldt alleen bij verblijf of dagbesteding. Dat biedt deze aanbieder niet.'
		);
		expect(view.get('Veiligheid, eis 1')!.presumedText).toBe('Verwacht voor dit soort aanbieder: deze eis geldt.');
		expect(view.get('Veiligheid, eis 1')!.addressees).toBe('Aanbieder');
		expect(view.get('Veiligheid, eis 1')!.title).toBe('Eis 1');
		// Leefklimaat does not apply at all to this provider: said so, not shown as a theme still to score.
		const themeOf = (key: string) => page.themes.find((t) => t.key === key)!;
		expect([themeOf('leefklimaat').notApplicable, themeOf('leefklimaat').share.assessed]).toEqual([true, 0]);
		expect(themeOf('veiligheid').notApplicable).toBe(false);
		const report = assessmentReportView(db, assessmentDetail(db, a.id), 'nl');
		expect(report.themes.find((t) => t.name === 'Leefklimaat')!.arithmetic).toBe(nl('assessments.calc.themeNotApplicable'));
		expect(report.themes.find((t) => t.name === 'Veiligheid')!.arithmetic).toBe(nl('assessments.report.nothingAssessed'));

		const ouder = createProvider(db, actor, { name: 'Ouder', careType: 'B', fundings: ['pgb_informal'], guardianParent: true });
		const b = assessmentPage(
			db,
			startAssessment(db, actor, { providerId: ouder.id, frameworkVersionId: drents.id, assessedOn: '2027-01-15' }).id,
			'nl'
		);
		const ov = new Map(b.themes.flatMap((t) => t.items.map((i) => [i.label, i])));
		expect(ov.get('Veiligheid, eis 1')!.presumedText).toBe(
			'Geldt niet: de naaste is de gezaghebbende ouder. Het kader zegt: behalve gezaghebbende ouder.'
		);
		expect(ov.get('Veiligheid, eis 7')!.presumedText).toBe(
			'Geldt niet: het kader laat dit vak leeg bij PGB, naaste (familie of bekende). Kies zelf als u denkt dat de eis toch geldt.'
		);
		expect(ov.get('Veiligheid, eis 3')!.presumedText).toBe(
			'Geldt niet: het kader vraagt deze eis niet bij PGB, naaste (familie of bekende).'
		);
	});

	it('lets the assessor deviate only with a written reason, naming the requirement, and saves nothing without one', async () => {
		const { db, actor, drents } = await world();
		const prof = createProvider(db, actor, { name: 'Prof', careType: 'Begeleiding', fundings: ['pgb_professional'] });
		const a = startAssessment(db, actor, { providerId: prof.id, frameworkVersionId: drents.id, assessedOn: '2027-01-15' });
		const d5 = assessmentDetail(db, a.id).items.find((i) => i.requirement.key === 'doeltreffendheid-5')!.item;
		const refused = thrown(() => updateItem(db, actor, a.id, d5.id, { revision: d5.revision, applicable: true, level: 'meets' }));
		expect(refused).toEqual({ code: 'error.assessment.reasonRequired', params: { requirement: 'Doeltreffendheid 5' } });
		expect(translate('nl', 'error.assessment.reasonRequired', { requirement: 'Doeltreffendheid 5' })).toBe(
			'Doeltreffendheid 5: schrijf op waarom deze eis anders geldt dan verwacht. Er is niets opgeslagen.'
		);
		const unchanged = assessmentDetail(db, a.id).items.find((i) => i.item.id === d5.id)!.item;
		expect(unchanged).toEqual(d5);
		const saved = updateItem(db, actor, a.id, d5.id, {
			revision: d5.revision,
			applicable: true,
			applicabilityReason: 'De aanbieder heeft ook een contract met de gemeente.',
			level: 'meets'
		});
		expect(saved).toMatchObject({ applicable: true, presumedApplicable: false, presumedReason: 'funding', level: 'meets' });
	});
});

describe('the addressee', () => {
	it('leaves requirements for the municipality alone out of a provider’s assessment', async () => {
		const { db, actor, movisie } = await world();
		const all = getVersion(db, movisie.id)!.themes.flatMap((t) => t.requirements);
		const municipalityOnly = all.filter((r) => r.addressees.length === 1 && r.addressees[0] === 'municipality');
		expect(municipalityOnly.length).toBe(6);
		expect(municipalityOnly.map((r) => r.text)).toContainEqual(expect.stringMatching(/^De gemeente voert integraal beleid/));
		const p = createProvider(db, actor, { name: 'Prof', careType: 'Begeleiding', fundings: ['zin'] });
		const a = startAssessment(db, actor, { providerId: p.id, frameworkVersionId: movisie.id, assessedOn: '2027-01-15' });
		const items = assessmentDetail(db, a.id).items;
		expect(items).toHaveLength(all.length - 6);
		expect(items.every((i) => i.requirement.addressees.includes('provider'))).toBe(true);
		const page = assessmentPage(db, a.id, 'nl');
		expect(page.themes.flatMap((t) => t.items.map((i) => i.addressees))).toContain('Gemeente, Aanbieder');
		// MOVISIE's criteria have no number: named by their place, as on the framework's pages.
		const titles = page.themes.flatMap((t) => t.items.map((i) => i.title));
		expect(titles.length).toBeGreaterThan(0);
		for (const title of titles) expect(title).toMatch(/^Eis op plek \d+ \(zonder eigen nummer\)$/);
	});

	it('refuses an assessment against a version with no requirement for providers', async () => {
		const { db, actor } = await world();
		const file = parseExchange({
			format: 'kwaliteitsdialoog/framework-version',
			formatVersion: 1,
			framework: { slug: 'gemeentekader', name: 'Gemeentekader' },
			version: { label: '1', status: 'published', publishedAt: '2026-01-01T00:00:00.000Z' },
			themes: [{ name: 'Beleid', requirements: [{ text: 'De gemeente voert integraal beleid.', addressees: ['municipality'] }] }]
		});
		const loaded = importVersion(db, actor, file, { keepPublication: true });
		const p = createProvider(db, actor, { name: 'Prof', careType: 'Begeleiding', fundings: ['zin'] });
		expect(
			thrown(() => startAssessment(db, actor, { providerId: p.id, frameworkVersionId: loaded.version.id, assessedOn: '2027-01-15' })).code
		).toBe('error.assessment.noProviderRequirements');
	});
});

describe('contradicting rules', () => {
	const base = {
		format: 'kwaliteitsdialoog/framework-version',
		formatVersion: 1,
		framework: { slug: 'tegenspraak', name: 'Tegenspraak' },
		version: { label: '1' }
	};
	const fileWith = (applicability: object) => ({
		...base,
		themes: [{ name: 'Veiligheid', requirements: [{ number: '1', text: 'Een eis.', addressees: ['provider'], applicability }] }]
	});

	it('are refused on import, naming the requirement, and nothing is loaded', async () => {
		const { db, actor } = await world();
		const cases: [object, string][] = [
			[
				{ professional: 'yes', informal: 'no', rules: [{ kind: 'not_for_funding', fundings: ['zin', 'pgb_professional'] }] },
				'error.rules.neverApplies'
			],
			[{ professional: 'yes', informal: 'yes', rules: [{ kind: 'where_relevant' }, { kind: 'where_relevant' }] }, 'error.rules.duplicate'],
			[
				{ professional: 'yes', informal: 'yes', residentialOnly: true, rules: [{ kind: 'setting', settings: ['day_care'] }] },
				'error.rules.residentialLeftOut'
			]
		];
		for (const [applicability, expectedCode] of cases) {
			const error = (() => {
				try {
					importVersion(db, actor, fileWith(applicability));
				} catch (e) {
					return e as ValidationError;
				}
				throw new Error('no error');
			})();
			expect(error).toBeInstanceOf(ValidationError);
			expect(error.problems).toEqual([
				{ path: ['themes', 0, 'requirements', 0, 'applicability', 'rules'], code: expectedCode, params: { requirement: 'Veiligheid 1' } }
			]);
			expect(translate('nl', error.problems[0]!.code, error.problems[0]!.params)).toMatch(/^Veiligheid 1: /);
		}
		expect(latestPublishedBySlug(db, 'tegenspraak')).toBeUndefined();
		expect(db.$client.prepare("select count(*) as n from frameworks where slug = 'tegenspraak'").get()).toEqual({ n: 0 });
	});

	it('refuses an unknown kind of rule or an empty list of fundings', async () => {
		expect(() => parseExchange(fileWith({ rules: [{ kind: 'only_on_sundays' }] }))).toThrow(ValidationError);
		expect(() => parseExchange(fileWith({ rules: [{ kind: 'not_for_funding', fundings: [] }] }))).toThrow(ValidationError);
	});

	it('are refused when editing a draft; an edit that leaves the rules out keeps them', async () => {
		const { db, actor, drents } = await world();
		const draft = createDraft(db, actor, drents.id, '2027');
		const v = getVersion(db, draft.id)!;
		const d5 = v.themes[2]!.requirements[4]!;
		expect(d5.applicability.rules).toEqual([{ kind: 'not_for_funding', fundings: ['pgb_professional', 'pgb_informal'] }]);
		const { rules: _rules, ...withoutRules } = d5.applicability;
		const kept = updateRequirement(db, actor, d5.id, d5.revision, { ...d5, applicability: withoutRules, note: 'Bewerkt zonder regels.' });
		expect(kept.applicability.rules).toEqual(d5.applicability.rules);
		const refused = thrown(() =>
			updateRequirement(db, actor, d5.id, kept.revision, {
				...kept,
				applicability: { ...kept.applicability, rules: [{ kind: 'not_for_funding', fundings: ['zin', 'pgb_professional'] }] }
			})
		);
		expect(refused).toEqual({ code: 'error.rules.neverApplies', params: [{ requirement: 'Doeltreffendheid 5' }] });
		expect(getVersion(db, draft.id)!.themes[2]!.requirements[4]!.applicability.rules).toEqual(d5.applicability.rules);
		const added = thrown(() =>
			addRequirement(db, actor, v.themes[0]!.id, {
				number: '19',
				text: 'Nieuw.',
				applicability: { rules: [{ kind: 'where_relevant' }, { kind: 'where_relevant' }] }
			})
		);
		expect(added.code).toBe('error.rules.duplicate');
	});
});
