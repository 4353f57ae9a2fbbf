import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exchangeSchema } from '../../src/lib/server/frameworks/model';

/**
 * The seed "Kwaliteitsthema's vanuit cliëntperspectief (MOVISIE 2013)": a transcription of
 * MOVISIE (2013), 'Zo werkt u aan kwaliteit in de Wmo', chapter 5 (ten themes) and Bijlage 1
 * (definition, toetsvraag and example criteria for three themes). The samples below are copied
 * word for word from the source; the source itself is not available in CI.
 */
const raw = fs.readFileSync(new URL('../../seeds/frameworks/movisie-kwaliteitsthemas-2013.json', import.meta.url), 'utf8');
const seed = exchangeSchema.parse(JSON.parse(raw));

function theme(name: string) {
	const found = seed.themes.find((t) => t.name === name);
	if (!found) throw new Error(`theme not found: ${name}`);
	return found;
}

const WORKED = ['Regie van de cliënt', 'Integraal werken', 'Medezeggenschap van cliënten'];

describe("seed: MOVISIE kwaliteitsthema's 2013", () => {
	it('is a valid exchange file', () => {
		const result = exchangeSchema.safeParse(JSON.parse(raw));
		expect(result.success, result.success ? '' : JSON.stringify(result.error.issues)).toBe(true);
		expect(seed.framework.slug).toBe('movisie-kwaliteitsthemas');
		expect(seed.version).toMatchObject({ label: '2013', status: 'published', publishedBy: 'MOVISIE' });
	});

	it('has the ten themes of chapter 5 in the source order', () => {
		expect(seed.themes.map((t) => t.name)).toEqual([
			'Aandacht voor omstandigheden van de cliënt',
			'Sociaal netwerk en participatie',
			'Veiligheid',
			'Regie van de cliënt',
			'Bejegening',
			'Informatie',
			'Integraal werken',
			'Competenties en vaardigheden van de professional',
			'Locatie',
			'Medezeggenschap van cliënten'
		]);
		for (const t of seed.themes) expect(t.description).toBeTruthy();
		const keys = seed.themes.map((t) => t.key);
		expect(new Set(keys).size).toBe(10);
		for (const key of keys) expect(key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
	});

	it('has definition, toetsvraag and example criteria only for the three themes of Bijlage 1', () => {
		const withCriteria = seed.themes.filter((t) => t.requirements.length > 0);
		expect(withCriteria.map((t) => [t.name, t.requirements.length])).toEqual([
			['Regie van de cliënt', 4],
			['Integraal werken', 7],
			['Medezeggenschap van cliënten', 4]
		]);
		for (const t of seed.themes) {
			if (WORKED.includes(t.name)) {
				expect(t.definition).toBeTruthy();
				expect(t.testQuestion).toBeTruthy();
			} else {
				expect(t.definition).toBeNull();
				expect(t.testQuestion).toBeNull();
				expect(t.requirements).toEqual([]);
			}
		}
	});

	it('gives the example criteria without numbers, with keys, provenance and unspecified applicability', () => {
		for (const t of seed.themes) {
			t.requirements.forEach((r, i) => {
				expect(r.number).toBeNull();
				expect(r.key).toBe(`${t.key}-${i + 1}`);
				expect(r.applicability).toEqual({
					professional: 'unspecified',
					informal: 'unspecified',
					exceptions: null,
					conditions: null,
					residentialOnly: false
				});
				expect(r.provenance).toMatchObject({ kind: 'source_document', location: expect.stringMatching(/^Bijlage 1, Thema: /) });
			});
		}
	});

	it('transcribes theme descriptions word for word', () => {
		expect(theme('Aandacht voor omstandigheden van de cliënt').description).toBe(
			'In de kwaliteitsinstrumenten is aandacht voor het verbeteren van de kwaliteit van het leven van de cliënt, in plaats van het oplossen van alleen de kwaal. Zelfstandig functioneren en het flexibel inspelen op veranderende omstandigheden van de cliënt zijn hierbij van belang.'
		);
		// Footnote 14 interrupts this paragraph in the source: joined around it.
		expect(theme('Sociaal netwerk en participatie').description).toBe(
			'Het sociale netwerk van de cliënt wordt betrokken en ingezet waar kan. Er is ondersteuning bij het participeren in de maatschappij via ontmoeting, activiteiten in de wijk, maatjes en (vrijwilligers)werk. Wederkerigheid is hierbij een belangrijk uitgangspunt: degene die ondersteuning of hulp krijgt, kan zelf ook iets doen voor een ander.'
		);
		// The source's own typo "burens" is kept.
		expect(theme('Integraal werken').description).toBe(
			'De cliënt wordt gezien als één volwaardig persoon en ontvangt ondersteuning vanuit de volledige context van zijn situatie. Deze ondersteuning en begeleiding zijn op elkaar afgestemd en betreft zowel ondersteuning van professionals als van vrijwilligers, burens en familie.'
		);
		expect(theme('Medezeggenschap van cliënten').description).toBe(
			"Cliënten worden zowel individueel als collectief betrokken bij het beleid van de organisatie en hebben recht op medezeggenschap. Een cliënten-, Wmo-, bewoners-, of wijkraad zijn hiervan voorbeelden, maar ook panels, focusgroepen en themacafé's."
		);
	});

	it('transcribes the definitions and the three toetsvragen of Bijlage 1 word for word', () => {
		expect(theme('Regie van de cliënt').definition).toBe(
			'Zelfregie van de cliënt betekent het vermogen om zelf keuzes te maken en invulling te geven aan zijn leven. Het optimaal benutten van de eigen kracht ter versterking van de zelfredzaamheid zijn voorwaarden voor zelfregie. Iedere persoon, hoe ondersteunings- of zorgbehoefstig ook, heeft de mogelijkheid tot zelfregie, hoe gering soms ook.'
		);
		expect(theme('Regie van de cliënt').testQuestion).toBe('Draagt de zorg en ondersteuning bij aan het vergroten van de zelfregie?');
		expect(theme('Integraal werken').testQuestion).toBe(
			'Worden de vragen van de burger in samenhang en onderlinge afstemming aangepakt, ook al heeft hij vragen op verschillende leefgebieden?'
		);
		expect(theme('Medezeggenschap van cliënten').testQuestion).toBe(
			'Hebben burgers en cliënten daadwerkelijk inspraak in het beleid en de uitvoering van de aanbieder?'
		);
		// The variants (chapter 6 wording, Bijlage 1 theme name) are recorded in the notes.
		expect(theme('Regie van de cliënt').note).toContain('Draagt de zorg of ondersteuning bij aan het vergroten van de zelfregie?');
		expect(theme('Medezeggenschap van cliënten').note).toContain('Medezeggenschap van burgers en cliënten');
	});

	it('transcribes example criteria word for word, with whom they address', () => {
		const criteria = seed.themes.flatMap((t) => t.requirements);
		const byText = (text: string) => {
			const found = criteria.find((r) => r.text === text);
			if (!found) throw new Error(`criterion not found: ${text}`);
			return found;
		};
		expect(byText('De cliënt stelt zoveel mogelijk zelf zijn participatie- of hulpverleningsplan op.').addressees).toEqual(['provider']);
		expect(byText('Er is de mogelijkheid van een integraal participatiebudget.').addressees).toEqual(['municipality']);
		expect(
			byText(
				"De gemeente voert integraal beleid, dat wil zeggen dat er op z'n minst interne afstemming is tussen afdelingen van de gemeente en dat de burger één gemeente ziet."
			).addressees
		).toEqual(['municipality']);
		expect(byText('De vraag van de burger wordt integraal verhelderd vanuit de gemeentelijke loketten.').addressees).toEqual([
			'municipality'
		]);
		expect(byText('Het subsidiebeleid bevordert samenwerking tussen organisaties.').addressees).toEqual(['municipality']);
		expect(byText('De hulpverleners werken vanuit het principe 1gezin1plan.').addressees).toEqual(['provider']);
		expect(
			byText(
				'Burgers en cliënten worden zowel individueel als gezamenlijk door de aanbieder actief betrokken bij het ontwikkelen van beleid.'
			).addressees
		).toEqual(['provider']);
		expect(
			byText(
				'De organisatie zet ook andere vormen van participatie en inspraak in om een zo groot mogelijke groep te betrekken, ook die anders of moeilijk bereikbaar zijn.'
			).addressees
		).toEqual(['provider']);
	});
});
