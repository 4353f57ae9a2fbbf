import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { en } from '../../src/lib/i18n/en';
import { nl } from '../../src/lib/i18n/nl';
import { translate, type Message } from '../../src/lib/i18n';

/** The texts of a message: one, or one per plural form. */
const texts = (message: Message) => (typeof message === 'string' ? [message] : Object.values(message));
/** Its placeholders, `{name}` and `{name:counts.key}`, over all plural forms. */
const placeholders = (message: Message) =>
	[...new Set(texts(message).flatMap((text) => [...text.matchAll(/\{(\w+(?::[\w.]+)?)\}/g)].map((m) => m[1])))].sort();

describe('message catalogue', () => {
	it('has the same keys in Dutch and English, none empty', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
		for (const [key, message] of Object.entries(nl)) for (const text of texts(message)) expect(text.trim(), key).not.toBe('');
		for (const [key, message] of Object.entries(en)) for (const text of texts(message)) expect(text.trim(), key).not.toBe('');
	});

	it('uses the same placeholders in both languages', () => {
		for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
			expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
		}
	});

	it('fills placeholders and leaves unknown ones visible', () => {
		expect(translate('nl', 'login.throttled', { minutes: 15 })).toBe('Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.');
		// One minute is "1 minuut", not "1 minuten".
		expect(translate('nl', 'login.throttled', { minutes: 1 })).toBe('Te veel mislukte pogingen. Probeer het over 1 minuut opnieuw.');
		expect(translate('en', 'join.throttled', { seconds: 1 })).toBe(
			'Many wrong codes were entered from this network. Wait 1 second and then try again. Please check the code on the screen.'
		);
		expect(translate('en', 'dashboard.welcome', { name: 'Aysel' })).toBe('Welcome, Aysel.');
		expect(translate('nl', 'dashboard.welcome')).toBe('Welkom, {name}.');
	});

	it('writes dates as people read them: a moment and a calendar day, in the message’s language', () => {
		// A calendar day travels as its ISO text (form failures, JSON); people never see that form.
		expect(translate('nl', 'error.agreement.beforeSession', { date: '2026-03-17' })).toBe(
			'Deze datum ligt vóór het gesprek (17 maart 2026). Kies een latere datum.'
		);
		expect(translate('en', 'reports.phone.mark', { date: '2026-03-17' })).toContain('17 March 2026');
		expect(translate('nl', 'reports.phone.mark', { date: new Date('2026-03-17T18:30:00Z') })).toContain('dinsdag 17 maart 2026 om 19:30');
		// Other text is left as it is, also when it merely contains a date.
		expect(translate('nl', 'dashboard.welcome', { name: 'Verslag 2026-03-17' })).toBe('Welkom, Verslag 2026-03-17.');
	});

	it('has the same plural forms in both languages, and counts refer to plural messages', () => {
		for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
			expect(typeof en[key], key).toBe(typeof nl[key]);
			for (const text of [...texts(nl[key]), ...texts(en[key])]) {
				for (const [, counted] of text.matchAll(/\{\w+:([\w.]+)\}/g))
					expect(typeof nl[counted as keyof typeof nl], `${key} → ${counted}`).toBe('object');
			}
		}
	});

	it('has no "sticker(s)" or "trefwoord(en)": counted texts are plurals', () => {
		for (const catalogue of [nl, en]) {
			for (const [key, message] of Object.entries(catalogue))
				for (const text of texts(message)) expect(text, key).not.toMatch(/\p{L}\((s|en)\)/u);
		}
	});

	it('chooses the plural form by the language’s rules', () => {
		expect(translate('nl', 'coedit.keyword.count', { count: 1 })).toBe('1 trefwoord');
		expect(translate('nl', 'coedit.keyword.count', { count: 2 })).toBe('2 trefwoorden');
		expect(translate('nl', 'coedit.keyword.count', { count: 0 })).toBe('0 trefwoorden');
		expect(translate('en', 'coedit.keyword.count', { count: 1 })).toBe('1 keyword');
		expect(translate('en', 'live.lead.proxyLeft', { name: 'Aysel', count: 1 })).toBe('Aysel has 1 sticker left.');
		expect(translate('nl', 'live.lead.proxyLeft', { name: 'Aysel', count: 3 })).toBe('Aysel heeft nog 3 stickers.');
		expect(translate('nl', 'invitations.advice.tooSmall', { count: 1 })).toBe('Dat is te weinig. Nodig nog minstens 1 persoon uit.');
		expect(translate('nl', 'invitations.advice.tooSmall', { count: 3 })).toBe('Dat is te weinig. Nodig nog minstens 3 mensen uit.');
		expect(translate('nl', 'live.vote.progress', { count: 1, of: 12 })).toBe('1 van 12 is klaar met plakken.');
		expect(translate('nl', 'live.vote.progress', { count: 9, of: 12 })).toBe('9 van 12 zijn klaar met plakken.');
		expect(translate('nl', 'live.vote.started', { count: 1 })).toBe('1 heeft er minstens één geplakt.');
	});

	it('counts a second number inside a message', () => {
		expect(translate('nl', 'error.vote.themeBudget', { max: 1 })).toBe('Op één thema mag u hoogstens 1 sticker plakken.');
		expect(translate('nl', 'error.vote.themeBudget', { max: 2 })).toBe('Op één thema mag u hoogstens 2 stickers plakken.');
		expect(translate('nl', 'error.merge.themeBudget', { theme: 'Wachttijd', over: 1, max: 2 })).toContain(
			'Samen is er 1 sticker te veel geplakt op Wachttijd. Op één thema mag één persoon hoogstens 2 stickers plakken.'
		);
		expect(translate('en', 'error.merge.themeBudget', { theme: 'Waiting', over: 2, max: 1 })).toContain(
			'Together 2 stickers too many were placed on Waiting. One person may place at most 1 sticker on one theme.'
		);
		expect(translate('nl', 'error.merge.budget', { count: 4, max: 3 })).toContain('Haal eerst {over:counts.stickers} weg');
		// Two numbers, each with its own verb: "Er is 1 reactie", "1 van de 4 deelnemers heeft".
		expect(translate('nl', 'reports.comments.count', { total: 1, open: 1 })).toBe('Er is 1 reactie. Daarvan heeft 1 nog geen antwoord.');
		expect(translate('nl', 'reports.comments.count', { total: 3, open: 2 })).toBe(
			'Er zijn 3 reacties. Daarvan hebben er 2 nog geen antwoord.'
		);
		expect(translate('nl', 'invitations.send.doneAlready', { queued: 1, already: 1 })).toBe(
			'We hebben 1 uitnodiging klaargezet om te versturen. 1 persoon had de uitnodiging al.'
		);
		expect(translate('nl', 'invitations.send.done', { queued: 6, already: 0 })).toBe(
			'We hebben 6 uitnodigingen klaargezet om te versturen.'
		);
		expect(translate('nl', 'reports.evaluation.count', { responses: 1, invited: 4 })).toBe(
			'1 van de 4 deelnemers heeft de vragen beantwoord.'
		);
		expect(translate('nl', 'reports.evaluation.count', { responses: 2, invited: 4 })).toBe(
			'2 van de 4 deelnemers hebben de vragen beantwoord.'
		);
		expect(translate('nl', 'reports.document.evaluation.count', { responses: 1, invited: 4 })).toBe(
			'1 van de 4 deelnemers vulde de evaluatie in.'
		);
		expect(translate('en', 'reports.comments.count', { total: 1, open: 2 })).toBe('There is 1 comment. Of them, 2 have no answer yet.');
		// None open: said in words, not "0 nog geen antwoord" (the page picks this key then).
		expect(translate('nl', 'reports.comments.countAllAnswered', { total: 3 })).toBe('Er zijn 3 reacties. Elke reactie heeft een antwoord.');
		expect(translate('en', 'reports.comments.countAllAnswered', { total: 1 })).toBe('There is 1 comment. Every comment has an answer.');
	});
});

describe('catalogues in the browser', () => {
	/** Files that end up in the browser: components, pages and shared modules (not server code). */
	function browserFiles(dir: string): string[] {
		return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) return path.endsWith(join('lib', 'server')) ? [] : browserFiles(path);
			if (!/\.(svelte|ts)$/.test(entry.name) || /(\.server\.ts|\+server\.ts|\.d\.ts)$/.test(entry.name)) return [];
			return [path];
		});
	}

	it('are never imported whole by browser code: it gets t from $lib/i18n/t, the active language only', () => {
		const root = fileURLToPath(new URL('../../src', import.meta.url));
		const offenders = browserFiles(root).filter((file) => {
			if (file.includes(join('lib', 'i18n'))) return false;
			const code = readFileSync(file, 'utf8');
			return [...code.matchAll(/^\s*import\s+(?!type\b)([^;]*?)from\s+'([^']+)'/gm)].some(
				([, , from]) => /(\$lib|\.)\/i18n(\/index|\/nl|\/en)?$|\/i18n\/(nl|en)$/.test(from!) || /^(\.\.?\/)+i18n$/.test(from!)
			);
		});
		expect(offenders.map((file) => relative(root, file))).toEqual([]);
	});
});
