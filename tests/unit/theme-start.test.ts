/** Issue 19: a theme the facilitator chose to start blank starts without the framework's texts, and the hints do not claim them. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prefilledOf, rootsOf, seedThemeDoc, startingTexts } from '../../src/lib/shared/theme-document';

const theme = {
	key: 'regie-van-de-client',
	origin: 'framework',
	definition: 'Zelfregie van de cliënt betekent het vermogen om zelf keuzes te maken.',
	description: 'De cliënt heeft regie.',
	testQuestion: 'Draagt de zorg en ondersteuning bij aan het vergroten van de zelfregie?'
};

describe('starting blank', () => {
	it('starts from the framework’s texts by default and from nothing when chosen', () => {
		expect(startingTexts(theme)).toEqual({ meaning: theme.definition, testQuestion: theme.testQuestion });
		expect(startingTexts({ ...theme, startBlank: false })).toEqual({ meaning: theme.definition, testQuestion: theme.testQuestion });
		expect(startingTexts({ ...theme, startBlank: true })).toEqual({ meaning: '', testQuestion: '' });
	});

	it('leaves a blank theme’s new document empty', () => {
		const blank = new Y.Doc();
		seedThemeDoc(blank, { ...theme, startBlank: true });
		expect(rootsOf(blank).meaning.toString()).toBe('');
		expect(rootsOf(blank).testQuestion.toString()).toBe('');
		const framework = new Y.Doc();
		seedThemeDoc(framework, { ...theme, startBlank: false });
		expect(rootsOf(framework).testQuestion.toString()).toBe(theme.testQuestion);
	});

	it('tells the page there is no framework text, so the hints do not say there is', () => {
		const facts = { ...theme, hasDefinition: true, hasTestQuestion: true };
		expect(prefilledOf(facts)).toEqual({ meaning: true, testQuestion: true });
		expect(prefilledOf({ ...facts, startBlank: true })).toEqual({ meaning: false, testQuestion: false });
	});
});
