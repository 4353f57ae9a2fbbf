/**
 * Dutch messages for taking criteria into the framework (promotion) and the overview of a
 * framework version across providers. Part of the catalogue in nl.ts.
 */
export const promotionNl = {
	'promotion.pageTitle': 'Criteria overnemen in het kader',
	'promotion.list.intro':
		'Hier staan de gesprekken met een definitief verslag. Kies een gesprek. Per criterium beslist u: overnemen als nieuwe eis, samenvoegen met een eis die er al is, of niet overnemen.',
	'promotion.mergeNote': 'Aangevuld met een criterium uit het gesprek “{title}” ({date}): “{text}”',
	'promotion.list.empty': 'Er is nog geen gesprek met een definitief verslag.',
	'promotion.list.caption': 'Gesprekken met een definitief verslag',
	'promotion.list.session': 'Gesprek',
	'promotion.list.held': 'Gehouden op',
	'promotion.list.final': 'Verslag definitief op',
	'promotion.list.open': 'Criteria',
	'promotion.list.allDone': 'Alle {total} criteria zijn bekeken',
	'promotion.list.openCount': 'Nog {open} van {total} criteria open',

	'promotion.session.title': 'Criteria uit “{title}”',
	'promotion.session.back': 'Terug naar alle gesprekken',
	'promotion.session.intro':
		'Dit zijn de criteria uit het definitieve verslag, per thema. Beslis per criterium wat ermee gebeurt. Een nieuwe of aangepaste eis komt in een concept van een kader. Daarna publiceert u dat concept.',

	'promotion.provenance.title': 'Wat bewaard blijft',
	'promotion.provenance.intro': 'Bij elke eis die u overneemt, bewaren we waar die vandaan komt:',
	'promotion.provenance.session': 'Gesprek',
	'promotion.provenance.date': 'Datum',
	'promotion.provenance.perspectives': 'Wie waren er',
	'promotion.provenance.original': 'Oorspronkelijke tekst',
	'promotion.provenance.originalValue': 'De tekst van het criterium, zoals in het definitieve verslag.',

	'promotion.drafts.title': 'Concepten om te publiceren',
	'promotion.drafts.intro': 'Criteria uit dit gesprek staan in deze concepten. Pas na publiceren kunt u aanbieders ermee toetsen.',
	'promotion.drafts.view': 'Concept bekijken',
	'promotion.drafts.publish': 'Publiceren',
	'promotion.draftGroup': '{framework}, concept {label}',

	'promotion.criterion.title': 'Criterium {n}',
	'promotion.criterion.status': 'In het verslag',
	'promotion.criterion.agreed': 'Afgesproken',
	'promotion.criterion.provisional': 'Voorlopig',
	'promotion.criterion.state': 'Wat ermee gebeurt',
	'promotion.criterion.where': '{requirement} in {theme} ({framework}, versie {label})',
	'promotion.criterion.reason': 'Reden',
	'promotion.state.open': 'Nog niet besloten',
	'promotion.state.promoted': 'Overgenomen als nieuwe eis',
	'promotion.state.merged': 'Samengevoegd met een eis',
	'promotion.state.not_promoted': 'Niet overgenomen',

	'promotion.action.promote': 'Overnemen als nieuwe eis',
	'promotion.action.merge': 'Samenvoegen met een eis',
	'promotion.action.decline': 'Niet overnemen',
	'promotion.cancel': 'Annuleren',
	'promotion.reopen': 'Opnieuw bekijken',

	'promotion.promote.title': 'Overnemen als nieuwe eis',
	'promotion.promote.intro':
		'Kies het thema waar de eis bij hoort. Dat mag een thema van een ander kader zijn. Schrijf het criterium daarna om tot een eis.',
	'promotion.promote.theme': 'Thema in een concept',
	'promotion.promote.themeHint': 'U ziet alleen thema’s van concepten. Een gepubliceerde versie verandert niet meer.',
	'promotion.promote.chooseTheme': 'Kies een thema',
	'promotion.promote.noDraft': '{framework} heeft nog geen concept. U kunt een concept maken van versie {label}.',
	'promotion.promote.createDraft': 'Concept maken',
	'promotion.promote.noDrafts': 'Er is nog geen concept. Maak eerst een concept.',
	'promotion.promote.submit': 'Eis toevoegen aan het concept',

	'promotion.merge.title': 'Samenvoegen met een eis',
	'promotion.merge.intro':
		'Kies een eis uit een concept. Pas daarna de tekst van die eis aan. De eis houdt haar eigen herkomst. In de opmerking komt te staan dat dit criterium erbij kwam.',
	'promotion.merge.requirement': 'Eis in een concept',
	'promotion.merge.requirementHint': 'De eisen staan per thema.',
	'promotion.merge.chooseRequirement': 'Kies een eis',
	'promotion.merge.group': '{framework}, concept {label}: {theme}',
	'promotion.merge.choose': 'Deze eis kiezen',
	'promotion.merge.chosen': 'Gekozen eis',
	'promotion.merge.submit': 'Samenvoegen opslaan',

	'promotion.decline.title': 'Niet overnemen',
	'promotion.decline.reason': 'Waarom neemt u dit criterium niet over?',
	'promotion.decline.reasonHint': 'De reden staat onderaan deze pagina. Zo blijft zichtbaar wat er met elk criterium is gebeurd.',
	'promotion.decline.submit': 'Reden opslaan',

	'promotion.declined.title': 'Criteria niet overgenomen',
	'promotion.declined.empty': 'Er zijn (nog) geen criteria die u niet overneemt.',

	'promotion.done.promoted': 'Het criterium staat nu als eis in het concept.',
	'promotion.done.merged': 'Het criterium is samengevoegd met de eis.',
	'promotion.done.declined': 'Opgeslagen: dit criterium neemt u niet over.',
	'promotion.done.reopened': 'U kunt dit criterium opnieuw bekijken.',
	'promotion.done.draftCreated': 'Het concept is gemaakt. Kies nu het thema.',
	'promotion.done.viewDraft': 'Bekijk en publiceer het concept ({framework}, {label})',

	'versionOverview.link': 'Overzicht van de aanbieders',
	'versionOverview.title': 'Aanbieders getoetst met {framework}, versie {label}',
	'versionOverview.breadcrumb': 'Overzicht van de aanbieders',
	'versionOverview.draft': 'Dit is een concept. Een overzicht is er alleen voor een gepubliceerde versie.',
	'versionOverview.empty': 'Er is nog geen afgeronde toetsing met deze versie.',
	'versionOverview.intro':
		'Per aanbieder de laatste afgeronde toetsing met deze versie. U ziet de score per thema, het totaal en de uitkomst. Klik op een aanbieder voor het hele verslag, met de uitleg bij elk getal.',
	'versionOverview.caption': 'Scores per aanbieder, versie {label}',
	'versionOverview.provider': 'Aanbieder',
	'versionOverview.date': 'getoetst op {date}',
	'versionOverview.overall': 'Totaal',
	'versionOverview.outcome': 'Uitkomst',
	'versionOverview.notAssessed': 'niet getoetst',
	'versionOverview.flagged': 'onder de grens',
	'versionOverview.deviated': 'afgeweken van het voorstel ({proposed})',
	'versionOverview.legend':
		'“Onder de grens” betekent: dit thema scoort lager dan de grens voor een thema. Dat kan tot een maatregel leiden. Een streepje betekent: niet getoetst.'
} as const;
