import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	TRUST_BEHAVIOUR_KEYS,
	TRUST_JUDGEMENTS,
	parseTrustSeed,
	trustBehaviours,
	trustGlossary,
	trustSource
} from '../../src/lib/server/scoring/trust';

/**
 * The seed "wegingsfactor vertrouwen" (Drents kwaliteitskader 2019, afwegingskader NMD,
 * bijlagen 1 en 2). The expected strings below are copied from the source document, so that the
 * transcription is checked word for word (typos of the source included) without the source.
 */
const raw: unknown = JSON.parse(readFileSync(new URL('../../seeds/trust-behaviours.json', import.meta.url), 'utf8'));

function behaviour(key: string) {
	const found = trustBehaviours().find((b) => b.key === key);
	if (!found) throw new Error(`no behaviour ${key}`);
	return found;
}

function definition(term: string): string {
	const found = trustGlossary().find((g) => g.term === term);
	if (!found) throw new Error(`no glossary term ${term}`);
	return found.definition;
}

describe('seed wegingsfactor vertrouwen', () => {
	it('is valid and nothing is dropped or changed by the schema', () => {
		const parsed = parseTrustSeed(raw);
		expect(JSON.parse(JSON.stringify(parsed))).toEqual(raw);
		// The appendices belong to the Toetsingskader 2019, of which the Drents kwaliteitskader is one part.
		expect(trustSource()).toBe('Toetsingskader 2019 NMD Wmo en Jeugdzorg, afwegingskader, bijlage 1 en 2');
	});

	it('exports the keys and judgements', () => {
		expect(TRUST_BEHAVIOUR_KEYS).toEqual(['integrity', 'learning', 'accountability', 'testability', 'transparency']);
		expect(TRUST_JUDGEMENTS).toEqual(['strengthened', 'unchanged', 'harmed', 'restored']);
	});

	it('has the five behaviours in the order and with the names of the numbered list', () => {
		expect(trustBehaviours().map((b) => b.key)).toEqual([...TRUST_BEHAVIOUR_KEYS]);
		expect(trustBehaviours().map((b) => b.name)).toEqual([
			'Integer handelen',
			'Lerend vermogen tonen',
			'Verantwoording afleggen',
			'Toetsbaar opstellen',
			'Open en transparant opstellen'
		]);
	});

	it('has 14, 13, 8, 12 and 9 indicators (56 in all)', () => {
		expect(trustBehaviours().map((b) => b.indicators.length)).toEqual([14, 13, 8, 12, 9]);
		expect(trustBehaviours().reduce((sum, b) => sum + b.indicators.length, 0)).toBe(56);
	});

	it('has the descriptions word for word', () => {
		expect(behaviour('integrity').description).toBe(
			'De zorgaanbieder handelt in het belang van de organisatie of de samenleving volgens de gangbare normen en waarden.'
		);
		expect(behaviour('transparency').description).toBe(
			'De zorgaanbieder heeft een open houding, waarbij hij laat zien gevraagd en ongevraagd informatie te delen en eerlijk te communiceren zowel intern alsook richting toezichthouder en samenleving.'
		);
		for (const b of trustBehaviours()) expect(b.description).toMatch(/^De zorgaanbieder .*\.$/);
	});

	it('has the first and last indicator of each behaviour word for word', () => {
		const expected: Record<string, [string, string]> = {
			integrity: [
				'is eerlijk en vertelt geen onwaarheden',
				'besluit op basis van een integere afweging van belangen van goede zorg, interne betrokkenen en het publieke belang'
			],
			learning: [
				'schept een klimaat waarin continu leren vanzelfsprekend is, bijvoorbeeld door het bieden van faciliteiten om kennis en ervaring te realiseren rondom het thema veiligheid',
				'stelt het leren voorop en niet het aanwijzen van een schuldige'
			],
			accountability: [
				'toont bereidheid om verantwoording af te leggen, daarbij rekening houdend met cliënten /medewerkers (verantwoord personeelsbeleid)',
				'legt uit wanneer niet voldaan wordt aan verwachtingen en normen'
			],
			testability: [
				'betrekt medewerkers in het veiligheidsproces, bijvoorbeeld bij het toetsen van de RI&E, bij de ontwikkeling van een interventie, via speciale trainingen of in bestaande overlegstructuren',
				'werkt mee aan intern en extern toezicht'
			],
			transparency: [
				'laat een intrinsieke motivatie zien ten aanzien van transparantie',
				'stimuleert op verschillende niveaus en lagen van de organisatie veiligheidsgedrag, ondersteunt medewerkers bij het bewust worden van de onderliggende overtuigingen en waarden en vertoont voorbeeldgedrag'
			]
		};
		for (const [key, [first, last]] of Object.entries(expected)) {
			const { indicators } = behaviour(key);
			expect(indicators[0]).toBe(first);
			expect(indicators.at(-1)).toBe(last);
		}
	});

	it('keeps the typo "0ndernemingsraad" of the source and says so in a note', () => {
		const b = behaviour('transparency');
		expect(b.indicators[4]).toBe(
			'gaat een open dialoog aan met een eventuele interne toezichthouder, cliëntenraad, 0ndernemingsraad en (andere) zorgverleners'
		);
		expect(b.note).toContain('0ndernemingsraad');
	});

	it('has indicators without bullet, final punctuation or stray whitespace', () => {
		for (const b of trustBehaviours()) {
			for (const indicator of b.indicators) {
				expect(indicator.startsWith('- ')).toBe(false);
				expect(indicator).not.toMatch(/[;.]$/);
				expect(indicator).toBe(indicator.trim());
				expect(indicator).not.toMatch(/\s{2}|\n/);
			}
		}
	});

	it('has the glossary terms in the order of the source', () => {
		expect(trustGlossary().map((g) => g.term)).toEqual([
			'Aanspreekcultuur',
			'Consistentie in gedrag',
			'Defensieve houding',
			'Deskundigheid',
			'Disfunctioneren',
			'Fraude',
			'Frauduleus handelen',
			'Intrinsieke motivatie',
			'Zelfreflectie'
		]);
	});

	it('has the glossary definitions word for word', () => {
		expect(definition('Fraude')).toBe(
			'Fraude is opzettelijke misleiding door het verstrekken van onjuiste en/of onvolledige gegevens dan wel het verzwijgen of niet (tijdig) verstrekken van relevante gegevens om onrechtmatig voordeel te verkrijgen.'
		);
		expect(definition('Aanspreekcultuur')).toMatch(/^De aanspreekcultuur is de cultuur in een organisatie waarbij iedereen gewend is/);
		expect(definition('Aanspreekcultuur')).toMatch(/enorm helpt om feedback om te zetten in een leerervaring\.$/);
		// Paragraphs are kept, separated by an empty line; the page break in Disfunctioneren too.
		expect(definition('Disfunctioneren').split('\n\n')).toHaveLength(2);
		expect(definition('Disfunctioneren').split('\n\n')[1]).toMatch(
			/^Gekoppeld aan het begrip disfunctioneren is het begrip Verminderd functioneren: /
		);
		expect(definition('Defensieve houding').split('\n\n')).toHaveLength(2);
		expect(definition('Zelfreflectie')).toContain('voor het dragen van verantwoordelijkheid.');
	});
});
