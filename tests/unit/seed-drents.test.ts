import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exchangeSchema, type ExchangeFile } from '../../src/lib/server/frameworks/model';

/**
 * The seed "Drents kwaliteitskader 2019" (Toetsingskader 2019 NMD Wmo en Jeugdzorg, hoofdstuk 2).
 * The expected strings below are copied from the source document, so that the transcription is
 * checked word for word (typos of the source included) without the source being present.
 */
const raw: unknown = JSON.parse(readFileSync(new URL('../../seeds/frameworks/drents-kwaliteitskader-2019.json', import.meta.url), 'utf8'));

function load(): ExchangeFile {
	return exchangeSchema.parse(raw);
}

function requirement(file: ExchangeFile, themeKey: string, number: string) {
	const theme = file.themes.find((t) => t.key === themeKey);
	const found = theme?.requirements.find((r) => r.number === number);
	if (!found) throw new Error(`no requirement ${themeKey} ${number}`);
	return found;
}

/** The raw file with `residentialOnly: false` added where a requirement does not state it. */
function withResidentialDefault(file: unknown): unknown {
	const copy = structuredClone(file) as { themes: { requirements: { applicability: Record<string, unknown> }[] }[] };
	for (const theme of copy.themes) {
		for (const r of theme.requirements) r.applicability = { ...r.applicability, residentialOnly: r.applicability.residentialOnly ?? false };
	}
	return copy;
}

const INSPECTIE = 'Inspectierapporten, Managementreview, Kwaliteitsjaarverslag, Incidentenrapportage';

describe('seed Drents kwaliteitskader 2019', () => {
	it('is a valid exchange file for a published version', () => {
		const file = load();
		expect(file.format).toBe('kwaliteitsdialoog/framework-version');
		expect(file.framework.slug).toBe('drents-kwaliteitskader');
		expect(file.framework.name).toBe('Drents kwaliteitskader');
		expect(file.version.label).toBe('2019');
		expect(file.version.status).toBe('published');
		// Nothing was dropped or changed by the schema's normalisation; the only default it adds
		// is residentialOnly: false, on the requirements that do not state it.
		expect(JSON.parse(JSON.stringify(file))).toEqual(withResidentialDefault(raw));
	});

	it('has the five themes in order with 18, 6, 5, 13 and 2 requirements (44 in all)', () => {
		const file = load();
		expect(file.themes.map((t) => t.name)).toEqual(['Veiligheid', 'Doelmatigheid', 'Doeltreffendheid', 'Clientgerichtheid', 'Leefklimaat']);
		expect(file.themes.map((t) => t.key)).toEqual(['veiligheid', 'doelmatigheid', 'doeltreffendheid', 'clientgerichtheid', 'leefklimaat']);
		expect(file.themes.map((t) => t.requirements.length)).toEqual([18, 6, 5, 13, 2]);
		expect(file.themes.reduce((sum, t) => sum + t.requirements.length, 0)).toBe(44);
	});

	it('numbers the requirements 1..n within each theme, with keys <theme>-<number>', () => {
		const file = load();
		for (const theme of file.themes) {
			const numbers = theme.requirements.map((r) => r.number);
			expect(numbers).toEqual(theme.requirements.map((_, i) => String(i + 1)));
			expect(new Set(numbers).size).toBe(numbers.length);
			expect(theme.requirements.map((r) => r.key)).toEqual(numbers.map((n) => `${theme.key}-${n}`));
			for (const r of theme.requirements) {
				expect(r.level).toBeNull();
				expect(r.addressees).toEqual(['provider']);
				expect(r.provenance).toEqual({
					kind: 'source_document',
					source: 'Drents kwaliteitskader 2019',
					location: `Hoofdstuk 2, ${theme.name}, operationele eis ${r.number}`
				});
			}
		}
	});

	it('describes the framework with the whole paragraph on proportionality', () => {
		const paragraphs = load().framework.description!.split('\n\n');
		// Not cut after its first sentence: what "proportioneel" means is the rest of it (source l.141-153).
		expect(paragraphs[1]).toBe(
			'De operationele eisen zijn voor alle aanbieders van toepassing, maar wel proportioneel. Voor een kleine zelfstandige zonder personeel betekent een kwaliteitsmanagementsysteem of cliëntparticipatie wat anders dan voor een grote organisatie. Het is belangrijk dat alle aanbieders kunnen uitleggen en aantonen welke inzet zij doen als het gaat om kwaliteitsmanagement en cliëntparticipatie. Per aanbieder kan dus op maat kan worden bepaald welke kwaliteitscriteria en bijbehorende operationele eisen het meest van toepassing zijn voor toetsingsmomenten op kwaliteit van zorg voor die betreffende aanbieder.'
		);
		expect(paragraphs).toHaveLength(2);
	});

	it('takes the theme descriptions from the summary of the quality criteria', () => {
		const file = load();
		expect(file.themes[0]?.description).toBe(
			[
				'Onder veiligheid wordt verstaan:',
				'- De cliënt wordt correct en respectvol bejegend',
				'- De veiligheid van de cliënt en zijn systeem wordt gewaarborgd, zowel fysiek als mentaal',
				"- De aanbieder beperkt veiligheidsrisico's voor de cliënt",
				'- De aanbieder houdt toezicht op de veiligheid van de cliënt',
				'- De aanbieder weet hoe op te treden bij acuut onveilige situaties voor een cliënt',
				'- De privacy van de cliënt is geborgd'
			].join('\n')
		);
		expect(file.themes[4]?.description).toBe(
			[
				'Onder leefklimaat wordt de ruimte of leefomgeving bij een aanbieder (dus het gaat meestal om dagbesteding of verblijf), waar de cliënt ondersteuning ontvangt:',
				'- De aanbieder beschikt over een fysieke leefomgeving die van goede kwaliteit is',
				'- De aanbieder zorgt voor een passend leefklimaat voor de cliënten'
			].join('\n')
		);
	});

	it('transcribes Veiligheid 1 word for word, applying to relatives except the parent with authority', () => {
		const r = requirement(load(), 'veiligheid', '1');
		expect(r.text).toBe(
			'De aanbieder heeft de Meldcode huiselijk geweld en kindermishandeling geïmplementeerd en deze wordt gebruikt door de organisatie'
		);
		expect(r.testMethod).toBe(
			'Gesprekken met de organisatie. Keurmerkcertificering indien aanwezig beleid/scholingsplan; Website/internet'
		);
		expect(r.evidence).toBe(
			'- Protocol aanwezig voor hanteren van de meldcode en er is een scholingsplan voor (nieuwe) medewerkers aanwezig.'
		);
		expect(r.applicability).toEqual({
			professional: 'yes',
			informal: 'yes',
			exceptions: 'behalve gezaghebbende ouder',
			conditions: null,
			residentialOnly: false,
			rules: [{ kind: 'not_for_guardian_parent' }]
		});
	});

	it('keeps the list structure and the sub-bullets of Veiligheid 3, which does not apply to relatives', () => {
		const r = requirement(load(), 'veiligheid', '3');
		expect(r.text).toBe(
			"De aanbieder gebruikt een veiligheidsmanagementsysteem om continue risico's te signaleren, verbeteringen door te voeren en beleid vast te leggen."
		);
		expect(r.testMethod).toBe(`Gesprek met de organisatie , keurmerk indien van toepassing; ${INSPECTIE}`);
		expect(r.evidence).toBe(
			[
				'- Er is een werkwijze (protocol/beleid) met daarin inzicht in risicovolle processen, aandacht voor cultuur, Veilig Incidenten Melden(VIM), blijvend verbeteren van cliëntveiligheid, het betrekken van cliënten bij veiligheidsbeleid en –strategie.',
				'- Veiligheidsmanagementsysteem (VMS): Met een VMS kunnen organisaties continu risico’s signaleren, verbeteringen doorvoeren en beleid vastleggen, evalueren en aanpassen. Een VMS bestaat uit 6 basiselementen:',
				'• Beleid: het formuleren van een veiligheidsbeleid en strategie',
				'• Cultuur: het creëren van een veilige cultuur',
				'• PRI (prospectieve risicoanalyse): inzichten in risicovolle processen',
				'• VIM: het veilig incidenten melden',
				'• Continu verbeteren: het blijvend verbeteren van de (patiënt-/cliënt)veiligheid',
				'• Patiënten-/cliëntenparticipatie: het betrekken van patiënten en cliënten bij veiligheidsbeleid en -strategie',
				'bron: http://www.veiligezorgiederszorg.nl/ (op deze website zijn ook de speerpunten op het gebied van veiligheid in de GGZ te vinden.'
			].join('\n')
		);
		expect(r.applicability).toEqual({
			professional: 'yes',
			informal: 'no',
			exceptions: null,
			conditions: null,
			residentialOnly: false,
			rules: []
		});
	});

	it("keeps the source's spelling in Veiligheid 5", () => {
		const r = requirement(load(), 'veiligheid', '5');
		expect(r.text).toBe('De zorgaanbieder meldt calamiteiten en (gewelds)incidenten en volgt deze op.');
		expect(r.testMethod).toBe(INSPECTIE);
		expect(r.evidence).toBe(
			[
				'- Incidentenmeldingensyteem aanwezig: taak verantwoording bij personeel belegd.',
				'- Interne procedure.',
				'- De meldplicht Wmo en IGJ.'
			].join('\n')
		);
		expect(r.applicability).toEqual({
			professional: 'yes',
			informal: 'yes',
			exceptions: null,
			conditions: null,
			residentialOnly: false,
			rules: []
		});
	});

	it('records the empty PGB naaste cell of Veiligheid 7 as unspecified, with a note', () => {
		const r = requirement(load(), 'veiligheid', '7');
		expect(r.applicability).toEqual({
			professional: 'yes',
			informal: 'unspecified',
			exceptions: null,
			conditions: null,
			residentialOnly: false,
			rules: []
		});
		expect(r.note).toMatch(/PGB naaste/);
	});

	it('makes Veiligheid 16 conditional ("Indien van toepassing")', () => {
		const r = requirement(load(), 'veiligheid', '16');
		expect(r.text).toBe('Aanbieder maakt gebruik van de Drentse Verwijsindex.');
		expect(r.testMethod).toBe('Gesprek aanbieder, kwaliteitsjaarverslag');
		expect(r.evidence).toBe('- Beleidsplan, werkinstructie.');
		expect(r.applicability).toEqual({
			professional: 'conditional',
			informal: 'no',
			exceptions: null,
			conditions: 'Indien van toepassing',
			residentialOnly: false,
			rules: [{ kind: 'where_relevant' }]
		});
		expect(r.note).not.toBeNull();
	});

	it('transcribes Doelmatigheid 1 with its Toelichting', () => {
		const r = requirement(load(), 'doelmatigheid', '1');
		expect(r.text).toBe(
			'De aanbieder beschikt over en maakt gebruik van een kwaliteitsmanagementsysteem, bijvoorbeeld ISO, HKZ, Kwaliteitswaarborg Zorgboerderijen of Keurmerk ZZP-ers Thuiszorg.'
		);
		expect(r.testMethod).toBe('Managementreview, Certificering');
		expect(r.evidence).toBe(
			[
				'- ISO/ HKZ certificaat, kwaliteitswaarborg zorgboerderijen.',
				'- Óf een eigen kwaliteitsmanagementsysteem door een externe onafhankelijke partij getoetst.',
				'Toelichting: een kwaliteitskeurmerk of certificering is een mogelijkheid waarmee, indien ook onderdeel van de bedrijfsvoering, het kwaliteitsmanagement vorm gegeven wordt. De gemeenten stellen een keurmerk of certificaat niet verplicht, maar eisen in dat geval dat de aanbieder een eigen deugdelijk en geïmplementeerd kwaliteitssysteem hanteert en dat kan aantonen.'
			].join('\n')
		);
		expect(r.applicability).toEqual({
			professional: 'yes',
			informal: 'no',
			exceptions: null,
			conditions: null,
			residentialOnly: false,
			rules: []
		});
	});

	it('transcribes Doelmatigheid 6 with the line break of the source', () => {
		const r = requirement(load(), 'doelmatigheid', '6');
		expect(r.text).toBe(
			'De aanbieder doet aan deskundigheidsbevordering van de medewerkers en zorgt voor een goede werksfeer, aanwezigheid ziekteverzuimbeleid en ontwikkelgesprekken.\n' +
				'De aanbieder hanteert verantwoorde werktoedeling (Jeugdhulp: conform het landelijke kwaliteitskader jeugd in de praktijk: de norm verantwoorde werktoedeling. Bij PGB financiering betekent dit onder andere een SKJ registratie van de jeugdhulpaanbieder).'
		);
		expect(r.testMethod).toBe('Inspectierapporten, Managementreview, Kwaliteitsjaarverslag');
		expect(r.evidence).toBe('- Personeelsplan, evaluaties, verslagen.');
	});

	it('transcribes Doeltreffendheid 4 with its bullets and NB paragraph', () => {
		const r = requirement(load(), 'doeltreffendheid', '4');
		expect(r.text).toBe(
			'De aanbieder werkt structureel en op verschillende niveaus (cliënt-, team- en organisatieniveau) aan kwaliteitsverbetering (PDCA-cyclus).'
		);
		expect(r.testMethod).toBe('Managementreview, Kwaliteitsjaarverslag');
		expect(r.evidence).toBe(
			[
				'- Ondersteuningsplannen, interne audits, jaarwerkplannen',
				'De organisatie toont aan dat de organisatie een bijdrage levert aan integrale werkwijze binnen de organisatie en aan een integrale aanpak in de keten ten behoeve van het bereiken van de doel(en) van de cliënt en de continuïteit van de ondersteuning, waarbij in ieder geval ingegaan wordt op:',
				'• (warme) Overdacht en gegevensuitwisseling',
				'• Regie en coördinatie op ondersteuning',
				'• Afstemming van activiteiten in de ondersteuning',
				'• Op- en afschalen van ondersteuning',
				'• Start van ondersteuning',
				'• Beëindiging van ondersteuning',
				'• Evalueren en verbeteren van ketensamenwerking',
				'NB. De keten van zorg en ondersteuning bestaat naast professionele organisaties en hulpverleners ook uit het informele netwerk van de cliënt. Bij een integrale aanpak speelt het netwerk van de cliënt een belangrijke rol!'
			].join('\n')
		);
		expect(r.applicability).toEqual({
			professional: 'yes',
			informal: 'no',
			exceptions: null,
			conditions: null,
			residentialOnly: false,
			rules: []
		});
	});

	it("excepts PGB's from Doeltreffendheid 5", () => {
		const r = requirement(load(), 'doeltreffendheid', '5');
		expect(r.text).toBe('De aanbieder werkt conform de resultaatafspraken uit het contract en legt hier verantwoording over af.');
		expect(r.testMethod).toBe('Verantwoording resultaatafspraken;');
		expect(r.evidence).toBe('- Beleidsplan, verantwoordingsprotocol.');
		expect(r.applicability).toEqual({
			professional: 'conditional',
			informal: 'no',
			exceptions: "niet van toepassing op PGB's",
			conditions: null,
			residentialOnly: false,
			rules: [{ kind: 'not_for_funding', fundings: ['pgb_professional', 'pgb_informal'] }]
		});
	});

	it('transcribes Clientgerichtheid 3, 5 and 9 word for word', () => {
		const file = load();
		const c3 = requirement(file, 'clientgerichtheid', '3');
		expect(c3.text).toBe(
			'De aanbieder kan een beroep doen op een professionele instantie / vangnet bij eventuele beëindiging van ondersteuning de cliënt, waarbij risico’s voor de cliënt ontstaan als er geen vervolg komt op de ondersteuning.'
		);
		expect(c3.testMethod).toBe('Inspectierapporten, Managementreview, Kwaliteitsjaarverslag , Themagerichte audit');
		expect(c3.evidence).toBe(
			[
				'- Netwerk afspraken, samenwerkingsverbanden.',
				'- (onafhankelijke) cliëntondersteuning.',
				'- Er is een procedure bij eenzijdige beëindiging van de zorg.'
			].join('\n')
		);

		const c5 = requirement(file, 'clientgerichtheid', '5');
		expect(c5.text).toBe('De aanbieder heeft visie op en een methode voor het meten en evalueren van cliënttevredenheid.');
		expect(c5.testMethod).toBeNull();
		expect(c5.evidence).toBe('- Cliënttevredenheidsonderzoek.');

		const c9 = requirement(file, 'clientgerichtheid', '9');
		expect(c9.text).toBe('De aanbieder beschikt over een klachtenprocedure en een onafhankelijke klachtencommissie.');
		expect(c9.testMethod).toBe(INSPECTIE);
		expect(c9.evidence).toBe(['- Registratie en opvolging van klachten.', '- Aanwezigheid cliëntvertrouwenspersoon.'].join('\n'));
		expect(c9.applicability).toEqual({
			professional: 'yes',
			informal: 'no',
			exceptions: null,
			conditions: null,
			residentialOnly: false,
			rules: []
		});

		expect(requirement(file, 'clientgerichtheid', '8').applicability).toEqual({
			professional: 'yes',
			informal: 'yes',
			exceptions: null,
			conditions: null,
			residentialOnly: false,
			rules: []
		});
	});

	it('applies Leefklimaat only where clients stay', () => {
		const file = load();
		for (const r of file.themes[4]?.requirements ?? []) {
			expect(r.applicability).toEqual({
				professional: 'yes',
				informal: 'yes',
				exceptions: 'behalve gezaghebbende ouder',
				conditions: 'bij verblijf',
				residentialOnly: true,
				rules: [{ kind: 'not_for_guardian_parent' }, { kind: 'setting', settings: ['residential', 'day_care'] }]
			});
			expect(r.note).toMatch(/residentialOnly.*afgeleid.*'bij verblijf'/);
		}
		const r = requirement(file, 'leefklimaat', '2');
		expect(r.text).toBe(
			'De aanbieder zorgt voor een leefklimaat dat geschikt, passend en veilig is voor de leeftijd en de ondersteuningsbehoefte van de cliënt.'
		);
		expect(r.testMethod).toBe('Cliëntervaringsonderzoek, Themagerichte audit, Inspectierapporten, Incidentenrapportage');
		expect(r.evidence).toBe(
			[
				'- De aangeboden activiteiten zijn passend voor de ondersteuningsbehoefte van cliënten.',
				'- De dagelijkse routine en regels zijn vastgelegd en bekend bij cliënten.',
				'- Cliënten voelen zich veilig in de groep.',
				'- Aanbod passend bij problematiek van cliënt.',
				'- Gevoel van veiligheid /bescherming, groep samenstelling, afwezigheid van geweld/intimidatie, ontwikkelingsgericht, structuur, continuïteit, leefregels, onderlinge interactie /sfeer, bejegening.'
			].join('\n')
		);
	});

	it('flags exactly the two Leefklimaat requirements as residential only, both stating "bij verblijf" in the file', () => {
		const file = load();
		const flagged = file.themes.flatMap((t) => t.requirements.filter((r) => r.applicability.residentialOnly).map((r) => r.key));
		expect(flagged).toEqual(['leefklimaat-1', 'leefklimaat-2']);
		const stated = (raw as { themes: { requirements: { key: string; applicability: { residentialOnly?: boolean } }[] }[] }).themes.flatMap(
			(t) => t.requirements.filter((r) => 'residentialOnly' in r.applicability).map((r) => [r.key, r.applicability.residentialOnly])
		);
		expect(stated).toEqual([
			['leefklimaat-1', true],
			['leefklimaat-2', true]
		]);
		// Every requirement with the condition "bij verblijf" has the flag, and no other.
		const byCondition = file.themes.flatMap((t) =>
			t.requirements.filter((r) => r.applicability.conditions === 'bij verblijf').map((r) => r.key)
		);
		expect(byCondition).toEqual(flagged);
	});

	it('records the 44 versus 45 count in the version note', () => {
		const note = load().version.note ?? '';
		expect(note).toMatch(/44/);
		expect(note).toMatch(/45/);
	});
});
