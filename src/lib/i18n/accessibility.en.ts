import type { Translation } from './core';
import type { accessibilityNl } from './accessibility.nl';

/** English messages of the accessibility statement (/toegankelijkheid). Part of the catalogue in en.ts. */
export const accessibilityEn: Translation<typeof accessibilityNl> = {
	'layout.accessibility': 'Accessibility',
	'accessibility.title': 'Accessibility statement',
	'accessibility.intro':
		'Everyone should be able to use Kwaliteitsdialoog, including people who see poorly, use a screen reader or only use a keyboard. This page tells you how accessible the app is and how we test it.',
	'accessibility.responsible':
		'The municipality that uses this app is responsible for its accessibility. The municipality publishes its official statement in the register at toegankelijkheidsverklaring.nl.',
	'accessibility.standard.title': 'Which requirements must the app meet?',
	'accessibility.standard.text':
		'Government bodies must meet the European standard EN 301 549. For websites and apps these are the WCAG 2.1 guidelines, levels A and AA. Those are the requirements we work to.',
	'accessibility.status.title': 'How far are we?',
	'accessibility.status.text':
		'No independent expert has examined the app yet. So we do not say that the app fully complies. We do test the app ourselves, with every change. Below you can read how, and what the outcome is.',
	'accessibility.tested.title': 'How do we test?',
	'accessibility.tested.axe':
		'A program (axe-core) checks every page against the requirements of WCAG 2.1 levels A and AA, and against the good practices that go with them (for example that each part of the page has a name of its own). This happens in a real browser (Chromium).',
	'accessibility.tested.keyboard':
		'We test that you can use the pages with only a keyboard. The "Skip to content" link comes first, and you can always see where you are.',
	'accessibility.tested.other':
		'The pages of the session itself, the report, the quality frameworks and the invitations are checked the same way, in the tests of those parts.',
	'accessibility.results.title': 'Outcome of our tests',
	'accessibility.results.text':
		'When a test finds a problem, the test fails, and the problem has to be fixed first. So this outcome holds as long as the tests pass.',
	'accessibility.results.caption': {
		one: 'The page we check with every change ({count})',
		other: 'The pages we check with every change ({count})'
	},
	'accessibility.results.page': 'Page',
	'accessibility.results.axe': 'Check with axe-core',
	'accessibility.results.keyboard': 'Keyboard',
	'accessibility.results.noProblems': 'No problems found',
	'accessibility.results.anonymous': 'without logging in',
	'accessibility.results.admin': 'as administrator',
	'accessibility.limits.title': 'What do we not know yet?',
	'accessibility.limits.people':
		'A program does not find every problem. Whether texts are clear and whether everything works well with a screen reader must be judged by a person. That study has not been done yet.',
	'accessibility.limits.files': 'Files to download, such as PDF and Word, are not checked with axe-core.',
	'accessibility.limits.live':
		'Parts that change by themselves during a session, such as writing together and the stickers, have not been tested with a screen reader yet.',
	'accessibility.contact.title': 'Does something not work?',
	'accessibility.contact.text': 'Can you not read or use something? Let us know. Tell us on which page it was and what went wrong.',
	'accessibility.contact.via': 'You can get in touch through:',
	'accessibility.contact.none': 'Please contact the municipality that invited you or that you work for.'
};
