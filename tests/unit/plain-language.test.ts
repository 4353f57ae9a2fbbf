import { describe, expect, it } from 'vitest';
import { checkPlainLanguage, DEFAULT_JARGON, splitSentences, type PlainLanguageFinding } from '../../src/lib/server/reports/plain-language';

/** A sentence of `count` words (without the final stop), starting with a capital. */
const words = (count: number) =>
	Array.from({ length: count }, (_, index) => ['De', 'cliënt', 'krijgt', 'hulp', 'thuis'][index % 5])
		.join(' ')
		.replace(/^De/, 'Soms');

function sentences(text: string): string[] {
	return splitSentences(text).map((range) => text.slice(range.start, range.end));
}

function expectOffsetsMatch(text: string, findings: PlainLanguageFinding[]) {
	for (const finding of findings) expect(text.slice(finding.start, finding.end)).toBe(finding.excerpt);
}

describe('long sentences', () => {
	it('flags a 25-word sentence with its offsets and leaves a 12-word one alone', () => {
		const short = `${words(12)}.`;
		const long = `${words(25)}.`;
		const text = `${short} ${long} ${short}`;
		const findings = checkPlainLanguage(text, []);
		expect(findings).toEqual([
			{ kind: 'long_sentence', start: short.length + 1, end: short.length + 1 + long.length, excerpt: long, words: 25 }
		]);
		expectOffsetsMatch(text, findings);
	});

	it('flags at more than maxWords, not at exactly maxWords', () => {
		expect(checkPlainLanguage(`${words(20)}.`, [])).toEqual([]);
		expect(checkPlainLanguage(`${words(21)}.`, [])).toHaveLength(1);
		expect(checkPlainLanguage(`${words(12)}.`, [], { maxWords: 10 })).toMatchObject([{ words: 12 }]);
	});

	it('does not end a sentence at a full stop followed by a lower-case word', () => {
		expect(sentences('Zie de bijlage van de gem. voor meer. Daarna.')).toEqual(['Zie de bijlage van de gem. voor meer.', 'Daarna.']);
		expect(sentences('Wacht max. tien minuten. Max. Twintig.')).toEqual(['Wacht max. tien minuten.', 'Max.', 'Twintig.']);
		expect(sentences('Op 3 jan. 2025 sprak ik Jan. Hij was blij.')).toEqual(['Op 3 jan. 2025 sprak ik Jan.', 'Hij was blij.']);
	});

	it('splits on . ! ? and line breaks, and keeps a sentence without a final stop', () => {
		expect(sentences('Eerst dit. Dan dat! Klopt het? Ja\nNieuwe regel zonder punt\n\nLaatste')).toEqual([
			'Eerst dit.',
			'Dan dat!',
			'Klopt het?',
			'Ja',
			'Nieuwe regel zonder punt',
			'Laatste'
		]);
	});

	it('does not split on abbreviations, initials or decimal numbers', () => {
		const text =
			'Wij bespreken bijv. de wachttijd en o.a. de bereikbaarheid, d.w.z. telefoon en mail. ' +
			'Het rapportcijfer was 7,5 en vorig jaar 7.5 gemiddeld. Dhr. J. de Vries van blz. 4 was er ook.';
		expect(sentences(text)).toEqual([
			'Wij bespreken bijv. de wachttijd en o.a. de bereikbaarheid, d.w.z. telefoon en mail.',
			'Het rapportcijfer was 7,5 en vorig jaar 7.5 gemiddeld.',
			'Dhr. J. de Vries van blz. 4 was er ook.'
		]);
	});

	it('ends a sentence after "enz." when a capital follows, but not otherwise', () => {
		expect(sentences('Hulp bij koken, wassen enz. De gemeente betaalt.')).toEqual(['Hulp bij koken, wassen enz.', 'De gemeente betaalt.']);
		expect(sentences('Hulp bij koken, wassen enz. en ook vervoer.')).toEqual(['Hulp bij koken, wassen enz. en ook vervoer.']);
	});

	it('treats each bullet as its own sentence, without the bullet marker', () => {
		const text = 'Wat ging goed:\n- de bereikbaarheid\n* de wachttijd\n1. het keukentafelgesprek';
		expect(sentences(text)).toEqual(['Wat ging goed:', 'de bereikbaarheid', 'de wachttijd', 'het keukentafelgesprek']);
		const long = `- ${words(22)}`;
		const [finding] = checkPlainLanguage(`Intro.\n${long}\n- kort`, []);
		expect(finding).toMatchObject({ kind: 'long_sentence', start: 9, words: 22, excerpt: words(22) });
	});

	it('counts a number with a decimal comma as one word', () => {
		const text = `${words(19)} 7,5.`;
		expect(checkPlainLanguage(text, [])).toEqual([]);
	});
});

describe('jargon', () => {
	it('finds terms regardless of case and accents, with offsets that slice back to the excerpt', () => {
		const text = 'We gaan dit IMPLEMENTEREN. De Clientondersteuning en de cliëntondersteuning helpen.';
		const findings = checkPlainLanguage(text, DEFAULT_JARGON);
		expect(findings.map((finding) => [finding.excerpt, finding.term, finding.suggestion])).toEqual([
			['IMPLEMENTEREN', 'implementeren', 'invoeren'],
			['Clientondersteuning', 'cliëntondersteuning', expect.any(String)],
			['cliëntondersteuning', 'cliëntondersteuning', expect.any(String)]
		]);
		expectOffsetsMatch(text, findings);
		expect(findings[0]).toMatchObject({ kind: 'jargon', start: 12, end: 25 });
	});

	it('matches a decomposed accent in the text and includes it in the excerpt', () => {
		const text = 'De clie\u0308ntondersteuning.';
		const [finding] = checkPlainLanguage(text, [{ term: 'Cliëntondersteuning', suggestion: null }]);
		expect(finding).toMatchObject({ start: 3, end: text.length - 1, suggestion: null });
		expectOffsetsMatch(text, [finding!]);
	});

	it('matches whole words only: not inside a longer word', () => {
		const jargon = [{ term: 'integraal', suggestion: 'samenhangend' }];
		expect(checkPlainLanguage('De integraalheid van het plan.', jargon)).toEqual([]);
		expect(checkPlainLanguage('Een niet-integraal plan.', jargon)).toMatchObject([{ excerpt: 'integraal' }]);
		expect(checkPlainLanguage('Integraal, samen.', jargon)).toMatchObject([{ start: 0, end: 9 }]);
		// Inflected forms are not recognised.
		expect(checkPlainLanguage('Een integrale aanpak.', jargon)).toEqual([]);
	});

	it('finds multi-word terms across any white space, and terms with symbols', () => {
		const text = 'De Planning  &\ncontrol volgt de P&C-cyclus ten behoeve van de raad.';
		const findings = checkPlainLanguage(text, DEFAULT_JARGON, { maxWords: 100 });
		expect(findings.map((finding) => finding.excerpt)).toEqual(['Planning  &\ncontrol', 'P&C-cyclus', 'ten behoeve van']);
		expectOffsetsMatch(text, findings);
		expect(checkPlainLanguage('De P&C-cyclusplanning.', DEFAULT_JARGON)).toEqual([]);
	});

	it('prefers the longer term where two overlap', () => {
		const jargon = [
			{ term: 'domein', suggestion: 'gebied' },
			{ term: 'sociaal domein', suggestion: 'zorg, werk en jeugd' }
		];
		expect(checkPlainLanguage('Het sociaal domein.', jargon)).toMatchObject([{ term: 'sociaal domein', excerpt: 'sociaal domein' }]);
		expect(checkPlainLanguage('Het domein.', jargon)).toMatchObject([{ term: 'domein' }]);
	});

	it('ignores empty and duplicate terms', () => {
		const jargon = [
			{ term: ' ', suggestion: null },
			{ term: 'borgen', suggestion: 'vastleggen' },
			{ term: 'Borgen', suggestion: 'anders' }
		];
		expect(checkPlainLanguage('We borgen dit.', jargon)).toMatchObject([{ term: 'borgen', suggestion: 'vastleggen' }]);
	});

	it('sorts long sentences and jargon by position', () => {
		const text = `Kort en goed. ${words(22)} en wij monitoren dat.`;
		const findings = checkPlainLanguage(text, DEFAULT_JARGON);
		expect(findings.map((finding) => finding.kind)).toEqual(['long_sentence', 'jargon']);
		expectOffsetsMatch(text, findings);
	});

	it('has a default list of about 25 distinct terms, each with a suggestion', () => {
		expect(DEFAULT_JARGON.length).toBeGreaterThanOrEqual(25);
		const terms = DEFAULT_JARGON.map((entry) => entry.term.toLowerCase());
		expect(new Set(terms).size).toBe(terms.length);
		for (const entry of DEFAULT_JARGON) expect(entry.suggestion.length).toBeGreaterThan(0);
	});
});

describe('names the writer cannot change', () => {
	it('does not point at jargon inside a theme name, but still does outside it', () => {
		const jargon = [{ term: 'integraal', suggestion: 'samenhangend' }];
		const text = 'We bespraken deze thema’s:\n- Integraal werken\n- Bejegening\n\nWe werken integraal.';
		const findings = checkPlainLanguage(text, jargon, { names: ['Integraal werken'] });
		expect(findings).toMatchObject([{ kind: 'jargon', excerpt: 'integraal', term: 'integraal' }]);
		expect(findings[0]!.start).toBe(text.lastIndexOf('integraal'));
		// Without the names, both are pointed out.
		expect(checkPlainLanguage(text, jargon)).toHaveLength(2);
		// Case and accents as the check itself: "INTEGRAAL WERKEN" is the same name.
		expect(checkPlainLanguage('INTEGRAAL WERKEN', jargon, { names: ['Integraal werken'] })).toEqual([]);
	});
});
