/** Dutch messages for personal links: hidden in the outbox, sent again, ended and renewed. Part of the catalogue in nl.ts. */
export const linksNl = {
	'outbox.kind.link': 'nieuwe link',
	'outbox.hiddenLink': '[persoonlijke link (verborgen)]',
	'outbox.detail.linksHidden':
		'De persoonlijke link in dit bericht is verborgen. Met die link kan iemand meedoen als de ontvanger. Daarom ziet alleen de ontvanger hem. Is de link bij de verkeerde persoon terechtgekomen? Maak dan een nieuwe link op de pagina van de deelnemer.',

	'link.renew.subject': 'Uw nieuwe link voor het gesprek "{titel}"',
	'link.renew.body':
		'Beste {naam},\n\nU krijgt een nieuwe persoonlijke link voor het gesprek "{titel}". Uw vorige link werkt niet meer.\n\nWanneer: {datum}\nWaar: {plaats}\n\nMet deze link doet u mee. Deel de link niet met anderen:\n{link}\n\nMet vriendelijke groet,\n{gespreksleider}, gespreksleider',

	'links.title': 'Persoonlijke link',
	'links.intro':
		'Met een persoonlijke link doet {name} mee, zonder wachtwoord. Wie de link heeft, kan meedoen als {name}. Daarom laat de app de link aan niemand anders zien, ook niet in Postvak uit.',
	'links.invitedAt': '{name} is uitgenodigd op {date}.',
	'links.notInvited': '{name} is nog niet uitgenodigd.',
	'links.proxy': '{name} doet mee zonder eigen telefoon of computer. U zet de stickers voor {name}. Een link is niet nodig.',
	'links.again.title': 'Uitnodiging opnieuw sturen',
	'links.again.intro':
		'Is de uitnodiging niet aangekomen, of is {name} hem kwijt? Stuur hem dan opnieuw naar {email}. In de nieuwe e-mail staat een nieuwe link. De oude link blijft ook werken.',
	'links.again.submit': 'Opnieuw sturen',
	'links.again.noEmail': '{name} heeft geen e-mailadres. Maak dan een brief met een link.',
	'links.again.done': 'De uitnodiging is opnieuw verstuurd naar {email}.',
	'links.again.outbox': 'Bekijk het bericht in Postvak uit',
	'links.renew.title': 'Nieuwe link',
	'links.renew.intro':
		'Heeft iemand anders de link van {name} gekregen of gezien? Maak dan een nieuwe link. Alle oude links van {name} werken dan meteen niet meer. Gebruikt iemand nu een oude link, dan stopt dat ook meteen.',
	'links.renew.how': '{name} krijgt de nieuwe link per e-mail of in een brief die u afdrukt.',
	'links.renew.howLetter': '{name} heeft geen e-mailadres. {name} krijgt de nieuwe link in een brief die u afdrukt.',
	'links.renew.confirm': 'Ja, alle oude links van {name} mogen stoppen.',
	'links.renew.byMail': 'Nieuwe link per e-mail',
	'links.renew.byLetter': 'Nieuwe link in een brief',
	'links.renew.done': '{name} heeft een nieuwe link. De oude links werken niet meer. De nieuwe link gaat per e-mail naar {email}.',
	'links.letter.intro':
		'Druk deze brief af en geef of stuur hem aan {name}. De link in de brief is alleen voor {name}. De oude links van {name} werken niet meer.',
	'links.letter.once': 'U ziet deze brief maar één keer. De app bewaart de link niet. Druk de brief nu af.',
	'links.backToPerson': 'Terug naar {name}',

	'error.link.confirm': 'Zet eerst een vinkje. Daarmee bevestigt u dat de oude links mogen stoppen.',
	'error.link.noEmail': 'Deze deelnemer heeft geen geldig e-mailadres. Kies een brief, of vul eerst het e-mailadres in.',
	'error.link.alreadyDone':
		'Dit is al gedaan. Er is niets opnieuw gemaakt of verstuurd. Wilt u het nog een keer doen? Open dan eerst de pagina van de deelnemer opnieuw.',
	'error.invite.proxy':
		'Deze deelnemer doet mee zonder eigen telefoon of computer. U zet de stickers voor deze persoon. Een uitnodiging met een link is daarom niet nodig.',

	'privacy.action.invitation.letter': 'brief met persoonlijke link gemaakt',
	'privacy.action.invitation.again': 'uitnodiging opnieuw gestuurd, met een nieuwe link',
	'privacy.action.participant.link.renew': 'oude links gestopt, nieuwe link gemaakt'
};
