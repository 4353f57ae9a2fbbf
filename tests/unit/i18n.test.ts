import { describe, expect, it } from 'vitest';
import { en } from '../../src/lib/i18n/en';
import { nl } from '../../src/lib/i18n/nl';
import { translate } from '../../src/lib/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
	it('has the same keys in Dutch and English, none empty', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
		for (const [key, text] of Object.entries(nl)) expect(text.trim(), key).not.toBe('');
		for (const [key, text] of Object.entries(en)) expect(text.trim(), key).not.toBe('');
	});

	it('uses the same placeholders in both languages', () => {
		for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
			expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
		}
	});

	it('fills placeholders and leaves unknown ones visible', () => {
		expect(translate('nl', 'login.throttled', { minutes: 15 })).toBe('Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.');
		expect(translate('en', 'dashboard.welcome', { name: 'Aysel' })).toBe('Welcome, Aysel.');
		expect(translate('nl', 'dashboard.welcome')).toBe('Welkom, {name}.');
	});
});
