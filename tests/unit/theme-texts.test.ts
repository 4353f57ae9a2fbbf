import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exchangeSchema } from '../../src/lib/server/frameworks/model';
import { checkPlainLanguage, DEFAULT_JARGON } from '../../src/lib/server/reports/plain-language';
import { PLAIN_THEME_TEXTS, plainThemeText } from '../../src/lib/shared/theme-texts';

/**
 * The plain (B1) texts for participants, one per MOVISIE theme (issue 18): each passes the
 * plain-language check of the reports, with the standard jargon list and the hard words of
 * the source texts themselves, and short sentences for reading on a phone.
 */
const read = (file: string) =>
	exchangeSchema.parse(JSON.parse(fs.readFileSync(new URL(`../../seeds/frameworks/${file}`, import.meta.url), 'utf8')));
const movisie = read('movisie-kwaliteitsthemas-2013.json');
const drents = read('drents-kwaliteitskader-2019.json');

/** Words of the MOVISIE texts that participants found too hard. */
const SOURCE_WORDS = [
	'wederkerigheid',
	'zelfredzaamheid',
	'zorgbehoefstig',
	'zelfregie',
	'regie',
	'participeren',
	'participatie',
	'competenties',
	'bejegening',
	'bejegend',
	'diversiteit',
	'ervaringsdeskundigheid',
	'transparant',
	'collectief',
	'individueel',
	'volwaardig',
	'context',
	'gegarandeerd',
	'gecommuniceerd',
	'professional',
	'ondersteuning',
	'medezeggenschap',
	'cliënt'
].map((term) => ({ term, suggestion: null }));

describe('plain theme texts for participants', () => {
	it('has a text for every MOVISIE theme, matched to its source description', () => {
		expect(movisie.themes).toHaveLength(10);
		for (const theme of movisie.themes) {
			const key = theme.key ?? '';
			const plain = plainThemeText({ key, description: theme.description ?? null });
			expect(plain, key).toBe(PLAIN_THEME_TEXTS[key]?.plain);
			expect(plain).not.toBe(theme.description);
		}
		expect(Object.keys(PLAIN_THEME_TEXTS).sort()).toEqual(movisie.themes.map((t) => t.key).sort());
	});

	it.each(Object.entries(PLAIN_THEME_TEXTS))('%s passes the plain-language check', (_key, { plain }) => {
		expect(checkPlainLanguage(plain, [...DEFAULT_JARGON, ...SOURCE_WORDS], { maxWords: 15 })).toEqual([]);
		expect(plain).not.toMatch(/\b(je|jij|jou|jouw)\b/i);
		expect(plain.length).toBeLessThan(240);
	});

	it('the check would find the source texts too hard', () => {
		const hard = movisie.themes.filter((t) => checkPlainLanguage(t.description ?? '', [...DEFAULT_JARGON, ...SOURCE_WORDS]).length > 0);
		expect(hard.length).toBe(movisie.themes.length);
	});

	it('leaves another framework’s theme with the same key, and an edited description, alone', () => {
		const veiligheid = drents.themes.find((t) => t.key === 'veiligheid')!;
		expect(plainThemeText({ key: 'veiligheid', description: veiligheid.description ?? null })).toBeNull();
		expect(plainThemeText({ key: 'veiligheid', description: 'Een eigen beschrijving.' })).toBeNull();
		expect(plainThemeText({ key: 'veiligheid', description: null })).toBeNull();
		expect(plainThemeText({ key: 'toString', description: 'x' })).toBeNull();
	});
});
