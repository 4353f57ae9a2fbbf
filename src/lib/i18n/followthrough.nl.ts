/** Dutch messages for finishing the follow-up: closing the comment window early, phone responses, criteria ready to take over. Part of the catalogue in nl.ts. */
export const followthroughNl = {
	'error.phone.responded': 'Deze deelnemer heeft zelf al gereageerd. Kies iemand die nog niet heeft gereageerd.',
	'error.phone.calledOn': 'Kies de dag dat u belde: niet vóór de dag dat het verslag is verstuurd en niet later dan vandaag.',

	'reports.document.byPhone': '{perspective}, telefonisch',
	'reports.document.closedEarly': 'De tijd om te reageren is eerder gestopt, op {date}. Reden: {reason}',

	'reports.round.title': 'Reacties afronden',
	'reports.round.intro':
		'Heeft iemand niet gereageerd? Bel diegene en schrijf hier op wat hij of zij zei. Heeft iedereen gereageerd of is iedereen gebeld? Dan kunt u de tijd om te reageren eerder stoppen. Daarna kunt u het verslag definitief maken.',
	'reports.round.windowOpen': 'Deelnemers kunnen reageren tot {date}.',
	'reports.round.windowClosed': 'De tijd om te reageren is voorbij sinds {date}.',
	'reports.round.closedEarly': 'U heeft de tijd om te reageren eerder gestopt, op {date}.',
	'reports.round.closedReason': 'Reden: {reason}',
	'reports.round.toReport': 'Naar het verslag: reacties beantwoorden en definitief maken',

	'reports.phone.title': 'Telefonische reactie vastleggen',
	'reports.phone.intro':
		'Schrijf op wat de deelnemer aan de telefoon zei. Het komt in de reactienota als reactie van die deelnemer, met de vermelding ‘telefonisch’. Zijn of haar naam komt er niet in. Geef daarna op de pagina van het verslag antwoord op de reactie.',
	'reports.phone.none': 'Iedereen heeft gereageerd. Er is niemand meer om te bellen.',
	'reports.phone.participant': 'Wie heeft u gebeld?',
	'reports.phone.choose': 'Kies een deelnemer',
	'reports.phone.target': 'Over welk deel van het verslag ging het?',
	'reports.phone.body': 'Wat zei de deelnemer?',
	'reports.phone.bodyHint': 'Schrijf het in de woorden van de deelnemer. Zet er geen telefoonnummer in.',
	'reports.phone.calledOn': 'Op welke dag heeft u gebeld?',
	'reports.phone.calledOnHint': 'De dag van het telefoongesprek. Kies een datum in de kalender of typ de datum.',
	'reports.phone.submit': 'Telefonische reactie opslaan',
	'reports.phone.done': 'De telefonische reactie is opgeslagen. Geef er op de pagina van het verslag antwoord op.',
	'reports.phone.mark': 'Telefonisch, gebeld op {date}',

	'reports.closeEarly.title': 'Tijd om te reageren eerder stoppen',
	'reports.closeEarly.intro':
		'Doe dit alleen als iedereen heeft gereageerd of is gebeld. Daarna kan niemand meer reageren via de link. De reden komt in de reactienota.',
	'reports.closeEarly.waiting': {
		one: 'Let op: {count} deelnemer heeft nog niet gereageerd en is niet gebeld. Na het stoppen kan die niet meer reageren via de link.',
		other:
			'Let op: {count} deelnemers hebben nog niet gereageerd en zijn niet gebeld. Na het stoppen kunnen zij niet meer reageren via de link.'
	},
	'reports.closeEarly.everyone': 'Iedereen heeft gereageerd of is gebeld.',
	'reports.closeEarly.reason': 'Waarom stopt u eerder?',
	'reports.closeEarly.reasonHint': 'Bijvoorbeeld: iedereen heeft gereageerd of is gebeld.',
	'reports.closeEarly.submit': 'Nu stoppen met reageren',
	'reports.closeEarly.done':
		'De tijd om te reageren is gestopt. U kunt het verslag nu definitief maken als elke reactie een antwoord heeft.',
	'reports.finalize.closeEarlyHint': 'Wilt u niet wachten? Stop de tijd om te reageren eerder op de pagina Na het gesprek.',

	'nav.promotion': 'Criteria overnemen',
	'nav.promotionCount': 'Criteria overnemen ({count})',
	'dashboard.promotion.title': 'Criteria overnemen',
	'dashboard.promotion.intro': 'Van deze gesprekken is het verslag definitief. Neem de criteria over in het kwaliteitskader.',
	'dashboard.promotion.empty': 'Er zijn geen gesprekken met criteria die op u wachten.',
	'dashboard.promotion.item': { one: '{title}: nog {count} criterium open', other: '{title}: nog {count} criteria open' },
	'dashboard.promotion.link': 'Alle gesprekken met een definitief verslag'
} as const;
