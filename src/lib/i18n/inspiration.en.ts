/** English messages for the example criteria and the start of a theme's texts; see inspiration.nl.ts. Part of en.ts. */
export const inspirationEn = {
	'examples.toggle': 'View examples',
	'examples.intro':
		'These are example criteria from the quality framework. They are meant to give you ideas. They are not in your list. Do you want to use one? Then add it yourself, in your own words.',
	'examples.source': 'From: {source}',
	'themeStart.title': 'How the texts of each theme start',
	'themeStart.intro':
		'For a theme from the framework, the meaning and the test question from the framework are already in the shared document. That gives the group a start. But a text that is already there often steers a group one way. Do you want the group to start on its own? Then choose “Start blank” for that theme.',
	'themeStart.lockRule':
		'You can choose this until the group starts on the theme. After that the group already sees the starting text and the choice no longer changes.',
	'themeStart.framework': 'Start with the text from the framework',
	'themeStart.blank': 'Start blank',
	'themeStart.chosen': 'chosen',
	'themeStart.locked':
		'The group has already started on this theme. The choice can no longer change, because the group already sees the starting text.',
	'themeStart.submit': 'Save choice',
	'themeStart.saved': 'The choice for how the texts start has been saved.',
	'themeStart.nothingToChange': 'Nothing changed.',
	'error.themeStart.unknownTheme': 'This theme is not (or no longer) part of this session. Reload the page.',
	'error.themeStart.noFrameworkText': 'The theme “{name}” has no text from the framework. Its document therefore always starts blank.',
	'error.themeStart.started':
		'The group has already started on the theme “{name}”. Therefore the choice for that theme can no longer change. Nothing was saved.'
};
