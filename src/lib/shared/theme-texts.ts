/**
 * Short texts in plain Dutch (taalniveau B1) for participants, one per theme of a framework
 * whose own descriptions are too hard to read in a session ("Wederkerigheid",
 * "zelfredzaamheid"). The source text stays in the framework and the session; pages show
 * this text first and the source text one tap away.
 *
 * Keyed by the theme's key. A session theme gets the text only when its description is
 * still the source text it was written for (`sourceStart`): another framework with the same
 * key ("veiligheid" in the Drents kader) or an edited description keeps its own text.
 * tests/unit/theme-texts.test.ts checks every text with the plain-language check.
 */

export interface PlainThemeText {
	/** The first words of the source description this text was written for. */
	sourceStart: string;
	/** The text for participants, in Dutch, with "u". */
	plain: string;
}

/** MOVISIE, "Tien thema's vanuit cliëntenperspectief" (2013): seeds/frameworks/movisie-kwaliteitsthemas-2013.json. */
export const PLAIN_THEME_TEXTS: Readonly<Record<string, PlainThemeText>> = {
	'aandacht-voor-omstandigheden': {
		sourceStart: 'In de kwaliteitsinstrumenten is aandacht voor het verbeteren',
		plain:
			'De hulp kijkt naar uw hele leven, niet alleen naar uw klacht. Verandert uw situatie? Dan verandert de hulp mee. Zo kunt u zo veel mogelijk zelf blijven doen.'
	},
	'sociaal-netwerk-en-participatie': {
		sourceStart: 'Het sociale netwerk van de cliënt wordt betrokken',
		plain:
			'De mensen om u heen doen mee, zoals familie, buren en vrienden. U krijgt hulp om mee te doen in de buurt, bijvoorbeeld met activiteiten of vrijwilligerswerk. Wie hulp krijgt, kan ook zelf iets voor een ander doen.'
	},
	veiligheid: {
		sourceStart: 'Er is sprake van de bescherming van de cliënt',
		plain:
			'U bent veilig en wordt beschermd. U komt niet in een situatie waarin u zich onveilig voelt of zich moet schamen. Uw gegevens blijven geheim.'
	},
	'regie-van-de-client': {
		sourceStart: 'De cliënt heeft regie over de ondersteuning',
		plain:
			'U beslist zelf over uw hulp. Bij belangrijke keuzes praat u mee, als gelijke. De hulpverlener legt u uit wat hij of zij doet, en waarom.'
	},
	bejegening: {
		sourceStart: 'Er is aandacht en respect voor de mening',
		plain:
			'Dit gaat over hoe mensen met u omgaan. Zij hebben respect voor uw mening en voor wie u bent. Zij kijken vooral naar wat u wél kunt. Mensen die zelf hetzelfde hebben meegemaakt, mogen ook helpen.'
	},
	informatie: {
		sourceStart: 'Er wordt informatie gegeven over de ondersteuning',
		plain:
			'U krijgt duidelijke uitleg over uw hulp en uw plan. U kunt lezen wat er over u is opgeschreven. Uw gegevens zijn veilig. U weet wat de hulp kost. U weet hoe u kunt klagen, en met uw klacht wordt goed omgegaan.'
	},
	'integraal-werken': {
		sourceStart: 'De cliënt wordt gezien als één volwaardig persoon',
		plain:
			'De hulp kijkt naar u als hele persoon, met alles wat in uw leven speelt. Alle hulp past bij elkaar. Hulpverleners, vrijwilligers, buren en familie werken samen.'
	},
	'competenties-en-vaardigheden': {
		sourceStart: 'De professional beschikt over de juiste competenties',
		plain:
			'De hulpverlener kan het werk goed doen. Hij of zij gaat met respect met u om en laat u zelf beslissen. De hulpverlener kijkt naar wat u kunt en waar u goed in bent.'
	},
	locatie: {
		sourceStart: 'Het gebouw van waaruit de activiteiten',
		plain:
			'Het gebouw waar u hulp krijgt, is goed te bereiken en makkelijk binnen te komen. Ook voor bezoek en familie. U voelt zich er veilig en thuis. Dat kan een instelling zijn, maar ook een buurthuis.'
	},
	medezeggenschap: {
		sourceStart: 'Cliënten worden zowel individueel als collectief betrokken',
		plain:
			'Cliënten mogen meepraten over de plannen van de organisatie. Dat kan ieder voor zich, of samen met anderen. Bijvoorbeeld in een cliëntenraad of een Wmo-raad, of in een gesprek zoals dit.'
	}
};

/** The plain text for a session theme, or null when there is none for its current description. */
export function plainThemeText(theme: { key: string; description: string | null }): string | null {
	const entry = Object.hasOwn(PLAIN_THEME_TEXTS, theme.key) ? PLAIN_THEME_TEXTS[theme.key] : undefined;
	if (!entry || !theme.description) return null;
	return theme.description.trimStart().startsWith(entry.sourceStart) ? entry.plain : null;
}
