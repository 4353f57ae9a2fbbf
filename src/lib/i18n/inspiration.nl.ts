/**
 * Issue 19, in the session: the example criteria shown on request in the criteria step, and
 * the facilitator's choice per theme to start from the framework's texts or blank. Part of nl.ts.
 */
export const inspirationNl = {
	'examples.toggle': 'Voorbeelden bekijken',
	'examples.intro':
		'Dit zijn voorbeeldcriteria uit het kwaliteitskader. Ze zijn bedoeld om op ideeën te komen. Ze staan niet in uw lijst. Wilt u er een gebruiken? Voeg het dan zelf toe, in uw eigen woorden.',
	'examples.source': 'Uit: {source}',
	'themeStart.title': 'Begin van de teksten per thema',
	'themeStart.intro':
		'Bij een thema uit het kader staan de betekenis en de toetsvraag uit het kader al in het gedeelde document. Zo heeft de groep een begin. Maar een tekst die er al staat, stuurt een groep vaak één kant op. Wilt u dat de groep zelf begint? Kies dan bij dat thema “Begin leeg”.',
	'themeStart.lockRule':
		'U kunt dit kiezen tot de groep met het thema begint. Daarna ziet de groep de begintekst al en verandert de keuze niet meer.',
	'themeStart.framework': 'Begin met de tekst uit het kader',
	'themeStart.blank': 'Begin leeg',
	'themeStart.chosen': 'gekozen',
	'themeStart.locked': 'Het document van dit thema is al geopend. De keuze kan niet meer veranderen, want de groep ziet de begintekst al.',
	'themeStart.submit': 'Keuze opslaan',
	'themeStart.saved': 'De keuze voor het begin van de teksten is opgeslagen.',
	'themeStart.nothingToChange': 'Er is niets veranderd.',
	'error.themeStart.unknownTheme': 'Dit thema hoort niet (meer) bij dit gesprek. Laad de pagina opnieuw.',
	'error.themeStart.noFrameworkText': 'Het thema “{name}” heeft geen tekst uit het kader. Het document begint daarom altijd leeg.',
	'error.themeStart.started':
		'De groep is met het thema “{name}” al begonnen. Daarom kan de keuze voor dat thema niet meer veranderen. Er is niets opgeslagen.'
};
