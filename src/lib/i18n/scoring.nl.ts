/** Dutch messages for providers and assessments (toetsing). Part of the catalogue in nl.ts. */
export const scoringNl = {
	'error.provider.exists': 'Er staat al een aanbieder met deze naam in het register.',
	'error.provider.conflict': 'Iemand anders heeft deze aanbieder net gewijzigd. Laad de pagina opnieuw en probeer het nog eens.',
	'error.assessment.draftVersion': 'Toetsen kan alleen tegen een gepubliceerde versie van het kader. Deze versie is nog een concept.',
	'error.assessment.final': 'Deze toetsing is afgerond. Wijzigen kan alleen met een gemotiveerde aanpassing.',
	'error.assessment.notFinal': 'Deze toetsing is nog niet afgerond. Pas de scores gewoon aan.',
	'error.assessment.conflict': 'Iemand anders heeft deze eis net gewijzigd. Laad de pagina opnieuw en probeer het nog eens.',
	'error.assessment.reasonRequired': 'Schrijf op waarom deze eis anders geldt dan het soort aanbieder doet verwachten.',
	'error.assessment.trustMotivation': 'Schrijf op waarop uw oordeel over dit gedrag berust.',
	'error.assessment.motivationRequired': 'Wie afwijkt van de beslisregel, schrijft op waarom.',
	'error.assessment.outcomeRequired': 'Kies de uitkomst waarvoor u kiest.',
	'error.assessment.deviationSame': 'Dit is de uitkomst van de beslisregel. Kies “overnemen” of een andere uitkomst.',
	'error.assessment.unscored': 'Nog {count} eisen zonder score: {list}. Geef eerst elke eis die geldt een score.',
	'error.assessment.nothingAssessed': 'Er is geen enkele eis getoetst. Zonder scores is er geen uitkomst.',
	'error.assessment.notApplicable': 'Deze eis geldt niet voor deze aanbieder en heeft geen score.',
	'error.assessment.levelRequired': 'Kies een score.',
	'error.promotion.reportNotFinal': 'Criteria overnemen kan pas als het verslag van het gesprek definitief is.',
	'error.promotion.decided': 'Over dit criterium is al besloten.',
	'error.promotion.notDraft': 'Kies een thema in een conceptversie. Een gepubliceerde versie verandert niet meer.',
	'error.assessment.noChange': 'Er is niets veranderd.'
} as const;
