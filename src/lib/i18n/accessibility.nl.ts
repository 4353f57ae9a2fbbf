/** Dutch messages of the toegankelijkheidsverklaring (/toegankelijkheid). Part of the catalogue in nl.ts. */
export const accessibilityNl = {
	'layout.accessibility': 'Toegankelijkheid',
	'accessibility.title': 'Toegankelijkheidsverklaring',
	'accessibility.intro':
		'Iedereen moet Kwaliteitsdialoog kunnen gebruiken. Ook mensen die slecht zien, een schermlezer gebruiken of alleen met een toetsenbord werken. Op deze pagina leest u hoe toegankelijk de app is en hoe wij dat testen.',
	'accessibility.responsible':
		'De gemeente die deze app gebruikt, is verantwoordelijk voor de toegankelijkheid. De gemeente zet haar officiële verklaring in het register op toegankelijkheidsverklaring.nl.',
	'accessibility.standard.title': 'Aan welke eisen moet de app voldoen?',
	'accessibility.standard.text':
		'De overheid moet voldoen aan de Europese norm EN 301 549. Voor websites en apps zijn dat de richtlijnen WCAG 2.1, niveau A en AA. Aan die eisen werken wij.',
	'accessibility.status.title': 'Hoe ver zijn wij?',
	'accessibility.status.text':
		'Een onafhankelijke deskundige heeft de app nog niet onderzocht. Daarom zeggen wij niet dat de app helemaal voldoet. Wel testen wij de app zelf, bij elke wijziging. Hieronder leest u hoe, en wat de uitkomst is.',
	'accessibility.tested.title': 'Hoe testen wij?',
	'accessibility.tested.axe':
		'Een computerprogramma (axe-core) controleert elke pagina op de eisen van WCAG 2.1 niveau A en AA, en op de goede gewoonten daarbij (bijvoorbeeld dat elk deel van de pagina een eigen naam heeft). Dat gebeurt in een echte browser (Chromium).',
	'accessibility.tested.keyboard':
		'Wij testen of u de pagina’s met alleen een toetsenbord kunt gebruiken. De link "Naar de inhoud" komt als eerste, en u ziet altijd waar u bent.',
	'accessibility.tested.other':
		'Ook de pagina’s van het gesprek zelf, het verslag, de kwaliteitskaders en de uitnodigingen controleren wij zo, in de tests van die onderdelen.',
	'accessibility.results.title': 'Uitkomst van onze tests',
	'accessibility.results.text':
		'Vindt een test een probleem, dan mislukt de test. Het probleem moet dan eerst worden opgelost. Deze uitkomst geldt dus zolang de tests slagen.',
	'accessibility.results.caption': {
		one: 'De pagina die wij bij elke wijziging controleren ({count})',
		other: 'De pagina’s die wij bij elke wijziging controleren ({count})'
	},
	'accessibility.results.page': 'Pagina',
	'accessibility.results.axe': 'Controle met axe-core',
	'accessibility.results.keyboard': 'Toetsenbord',
	'accessibility.results.noProblems': 'Geen problemen gevonden',
	'accessibility.results.anonymous': 'zonder in te loggen',
	'accessibility.results.admin': 'als beheerder',
	'accessibility.limits.title': 'Wat weten wij nog niet?',
	'accessibility.limits.people':
		'Een computerprogramma vindt niet alle problemen. Of teksten duidelijk zijn en of alles goed werkt met een schermlezer, moet een mens beoordelen. Dat onderzoek is nog niet gedaan.',
	'accessibility.limits.files': 'Bestanden om te downloaden, zoals PDF en Word, controleren wij niet met axe-core.',
	'accessibility.limits.live':
		'Onderdelen die tijdens het gesprek vanzelf veranderen, zoals samen schrijven en de stickers, zijn nog niet met een schermlezer getest.',
	'accessibility.contact.title': 'Werkt iets niet?',
	'accessibility.contact.text':
		'Kunt u iets niet lezen of niet gebruiken? Laat het ons weten. Zeg op welke pagina het was en wat er misging.',
	'accessibility.contact.via': 'U kunt contact opnemen via:',
	'accessibility.contact.none': 'Neem contact op met de gemeente die u heeft uitgenodigd of waarvoor u werkt.'
} as const;
