/** Dutch messages for the facilitator's console (the lead view): what to do now, shortcuts, voting progress. Part of the catalogue in nl.ts. */
export const consoleNl = {
	'console.do.intro': 'Heet iedereen welkom. Laat de code zien, zodat iedereen kan meedoen. Vertel wat u vandaag gaat doen.',
	'console.intro.checklist': 'Vertel bij het begin:',
	'console.intro.meaning': 'Wat kwaliteitscriteria in de Wmo zijn en waarom ze belangrijk zijn.',
	'console.intro.plans': 'Wat de gemeente, de Wmo-raad en de cliëntenraad met de criteria willen doen.',
	'console.intro.asked': 'Wat u vandaag van de deelnemers vraagt: ideeën geven, samen kiezen en luisteren naar elkaars kijk.',
	'console.intro.after': 'Wat er na vandaag gebeurt: het verslag, reageren binnen twee weken, en wat er met de criteria gebeurt.',
	'console.intro.names': 'Als het nodig is: een korte ronde waarin iedereen zich voorstelt.',
	'console.do.overview': 'Bekijk samen de thema’s. Vraag of iemand een thema mist.',
	'console.do.proposals':
		'Bekijk de voorstellen. Voeg een voorstel toe als thema, voeg het samen met een thema dat erop lijkt, of bewaar het voor later.',
	'console.do.voting.not_started': 'Open het stemmen. Dan kan iedereen stickers plakken.',
	'console.do.voting.open':
		'Iedereen plakt nu stickers. U plakt de stickers voor wie geen apparaat heeft. Is iedereen klaar? Sluit dan het stemmen.',
	'console.do.voting.closed': 'Het stemmen is gesloten. Ga naar de volgende stap: de uitslag.',
	'console.do.result':
		'Kies de thema’s die u vandaag bespreekt. Kiest u iets anders dan de uitslag, of is het gelijk? Schrijf dan op waarom.',
	'console.do.meaning':
		'Vraag wat het thema voor iedereen betekent. Deelnemers schrijven trefwoorden op. Voeg trefwoorden samen die op elkaar lijken.',
	'console.do.test_question': 'Maak samen de toetsvraag. Is iedereen het eens? Zet dan vast dat de toetsvraag is afgesproken.',
	'console.do.criteria': 'Schrijf samen de criteria op. Bent u klaar? Zet dan vast dat de criteria voorlopig zijn.',
	'console.do.closing': 'Bekijk samen wat er is afgesproken. Sluit daarna het gesprek.',
	'console.do.closed': 'Het gesprek is gesloten. U kunt het weer openen als dat nodig is.',
	'console.do.closedSent':
		'Het gesprek is gesloten en het verslag is verstuurd. Daarom kan het gesprek niet meer open. Wilt u iets veranderen? Doe dat in het verslag.',
	'console.early.question': 'Het gesprek staat gepland op {date}. Wilt u nu al beginnen?',
	'console.early.what':
		'Dan begint het gesprek nu voor iedereen. Op de telefoons staat dan de eerste stap, niet meer wanneer en waar het is.',
	'console.early.yes': 'Ja, nu beginnen',
	'console.early.no': 'Nee, nog niet',
	'console.planned':
		'Het gesprek is nog niet begonnen. Op de telefoons staat nog wanneer en waar het is. Met Volgende stap begint het gesprek voor iedereen.',
	'console.plannedSoon':
		'Het gesprek is nog niet begonnen. Op de telefoons staat de eerste stap al. Met Volgende stap begint het gesprek voor iedereen.',
	'console.shortcut': 'Sneltoets: {keys}',
	'console.keys.next': 'Alt+Shift+Page Down',
	'console.keys.previous': 'Alt+Shift+Page Up',
	'console.side': 'Deelnemers, tijd en meer',
	'console.mark.agreed': 'Toetsvraag is afgesproken',
	'console.mark.provisional': 'Criteria zijn voorlopig',
	'console.agenda.show': 'Alle stappen',
	'console.proxy.added': '{name} is toegevoegd en staat nu in de lijst met deelnemers. Bij het stemmen plakt u de stickers voor {name}.',
	'console.proxy.noneLeft': '{name} heeft geen stickers meer.',
	'console.proxy.theme': { one: '{theme}: {count} sticker', other: '{theme}: {count} stickers' }
};
