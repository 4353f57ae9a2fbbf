/** Dutch messages for the steps before and after a session: trajectory, invitations, agreements and evaluation (the report's own texts are in reports.nl.ts). Part of the catalogue in nl.ts. */
export const followupNl = {
	'error.trajectory.facilitator': 'Kies een gespreksleider met een account als gespreksleider.',
	'error.trajectory.fixedThemes': 'Kies de thema’s die vooraf vastliggen, uit de gekozen versie van het kwaliteitskader.',
	'error.trajectory.conflict': 'Iemand anders heeft dit traject net gewijzigd. Laad de pagina opnieuw en probeer het nog eens.',
	'error.trajectory.versionLocked': 'Er zijn al gesprekken in dit traject. De versie van het kader kan niet meer veranderen.',
	'error.trajectory.nothingLeft': 'Alle thema’s van dit traject zijn al besproken.',
	'error.participant.email': 'Dit is geen geldig e-mailadres. Een e-mailadres ziet eruit als naam@voorbeeld.nl.',
	'error.participant.phone': 'Dit is geen geldig telefoonnummer. Gebruik alleen cijfers, spaties, + of -.',
	'error.invite.linkMissing': 'Zet {link} in de tekst. Daar komt de persoonlijke link van elke deelnemer.',
	'error.invite.unknownPlaceholder':
		'De tekst bevat een woord tussen { } dat we niet kennen. U kunt gebruiken: {naam}, {titel}, {datum}, {plaats}, {link}, {huiswerk}, {gespreksleider}.',
	'error.invite.alreadySent': {
		one: 'De uitnodiging is al verstuurd aan iedereen met een e-mailadres ({count} persoon). Er is niets opnieuw verstuurd.',
		other: 'De uitnodiging is al verstuurd aan iedereen met een e-mailadres ({count} personen). Er is niets opnieuw verstuurd.'
	},
	'error.invite.nobody': 'Er staat niemand met een e-mailadres op de lijst. Voeg e-mailadressen toe of druk een brief af.',
	'error.mail.notFailed': 'Dit bericht is niet mislukt. Opnieuw versturen is niet nodig.',
	'invite.template.subject': 'Uitnodiging: gesprek over kwaliteit van de Wmo, {datum}',
	'invite.template.body':
		'Beste {naam},\n\nWe nodigen u uit voor het gesprek "{titel}". In dit gesprek bedenken cliënten, ambtenaren en raadsleden samen waar goede ondersteuning aan moet voldoen.\n\nWanneer: {datum}\nWaar: {plaats}\n\nWat vragen we van u?\n- Neem ideeën mee: wat is voor u goede ondersteuning?\n- Help mee kiezen wat het belangrijkst is.\n- Luister ook naar de mensen die er anders naar kijken.\n- Geef na afloop uw reactie op het verslag.\n\nLees vooraf de thema’s waar we over praten:\n{huiswerk}\n\nMet deze persoonlijke link doet u mee. Deel de link niet met anderen:\n{link}\n\nMet vriendelijke groet,\n{gespreksleider}, gespreksleider',
	'invite.dateUnknown': 'een datum die we nog laten weten',
	'invite.noHomework': '(de thema’s sturen we later)',
	'invite.calendarDescription': 'Gesprek over kwaliteit van de Wmo. Uw persoonlijke link: {link}',
	'invite.placeUnknown': 'dat laten we u nog weten',
	'invite.placeNotes': 'Toegankelijkheid: {notes}',
	'invite.placeOnline': 'Online meedoen: {url}',
	'invite.placeBlock': 'Waar: {place}',
	'invite.calendarAttached': 'In de bijlage staat de afspraak voor uw agenda.',
	'invite.letter.body':
		'Beste {naam},\n\nWe nodigen u uit voor het gesprek "{titel}". In dit gesprek bedenken cliënten, ambtenaren en raadsleden samen waar goede ondersteuning aan moet voldoen.\n\nWanneer: {datum}\nWaar: {plaats}\n\nWat vragen we van u?\n- Neem ideeën mee: wat is voor u goede ondersteuning?\n- Help mee kiezen wat het belangrijkst is.\n- Luister ook naar de mensen die er anders naar kijken.\n- Geef na afloop uw reactie op het verslag.\n\nOnderaan deze brief staat hoe u meedoet.\n\nMet vriendelijke groet,\n{gespreksleider}, gespreksleider',
	'invite.letter.linkOnPaper': 'zie onderaan deze brief (QR-code of code)',
	'calendar.cancel.description': 'Dit gesprek gaat niet door.',
	'calendar.cancel.session.subject': 'Gaat niet door: gesprek "{titel}", {datum}',
	'calendar.cancel.session.body':
		'Beste {naam},\n\nHet gesprek "{titel}" op {datum} gaat niet door. Het spijt ons.\n\nIn de bijlage staat de afzegging voor uw agenda. Die haalt de afspraak weg. Uw persoonlijke link werkt niet meer.\n\nAls er een nieuw gesprek komt, krijgt u een nieuwe uitnodiging.\n\nMet vriendelijke groet,\n{gespreksleider}, gespreksleider',
	'calendar.cancel.removed.subject': 'Afgemeld: gesprek "{titel}", {datum}',
	'calendar.cancel.removed.body':
		'Beste {naam},\n\nU staat niet meer op de lijst voor het gesprek "{titel}" op {datum}. Uw persoonlijke link werkt niet meer.\n\nIn de bijlage staat de afzegging voor uw agenda. Die haalt de afspraak weg.\n\nIs dit een vergissing? Neem dan contact op met de gespreksleider.\n\nMet vriendelijke groet,\n{gespreksleider}, gespreksleider',
	'invite.update.subject': 'Gewijzigd: gesprek "{titel}", {datum}',
	'invite.update.body':
		'Beste {naam},\n\nHet gesprek "{titel}" is veranderd. Dit is de nieuwe afspraak:\n\nWanneer: {datum}\nWaar: {plaats}\n\nIn de bijlage staat de gewijzigde afspraak voor uw agenda. Die vervangt de oude.\n\nMet deze persoonlijke link doet u mee. Deel de link niet met anderen:\n{link}\n\nMet vriendelijke groet,\n{gespreksleider}, gespreksleider',
	'error.field.date': 'Vul een datum in, bijvoorbeeld 17-03-2026.',
	'error.field.dateNotReal': 'De datum {day}-{month}-{year} bestaat niet. Kijk de dag en de maand na.',
	'error.agreement.beforeSession': 'Deze datum ligt vóór het gesprek ({date}). Kies een latere datum.',
	'error.comment.target': 'Dit deel van het verslag bestaat niet (meer). Kies een ander deel.',
	'error.comment.windowClosed':
		'Reageren kon tot {date}. Die tijd is voorbij. Neem contact op met de gespreksleider als u nog iets kwijt wilt.',
	'error.comment.reasonRequired': 'Schrijf op waarom de reactie niet is overgenomen.',
	'error.comment.answerRequired': 'Schrijf uw antwoord op de vraag of opmerking op.',
	'error.comment.phoneNumber':
		'Er lijkt een telefoonnummer in de tekst te staan. Haal het weg: iedereen die het verslag krijgt, kan de reacties lezen.',
	'error.comment.notAsked': 'Reageren op dit verslag kan alleen als u aan het gesprek heeft meegedaan. Lezen kan wel.',
	'error.comment.alreadyCommented':
		'U heeft al gereageerd op het verslag. Wilt u nog iets kwijt? Schrijf dan nog een reactie bij het deel waar het over gaat.',
	'error.agreement.tooFar': 'Deze datum ligt meer dan vijf jaar na het gesprek. Kijk of het jaar klopt.',
	'error.evaluation.already': 'U heeft de evaluatie al ingevuld. Dank u wel!',
	'error.evaluation.notYet': 'De evaluatie kan pas als het gesprek begonnen is.',
	'error.report.alreadySent': 'Het verslag is al verstuurd op {date}. Er is niets opnieuw verstuurd.',
	'error.report.conflict':
		'Het verslag is net ergens anders opgeslagen. Uw tekst staat hieronder; laad de pagina opnieuw en zet uw wijziging er weer in.',
	'error.report.final': 'Het verslag is definitief. Het kan niet meer veranderen.',
	'error.report.missing': 'Er is nog geen verslag van dit gesprek.',
	'error.report.notSent': 'Het verslag is nog niet verstuurd.',
	'error.report.openComments': {
		one: 'Er is nog {count} reactie zonder antwoord. Beantwoord eerst alle reacties.',
		other: 'Er zijn nog {count} reacties zonder antwoord. Beantwoord eerst alle reacties.'
	},
	'error.report.sections': 'De delen van het verslag kloppen niet. Laad de pagina opnieuw.',
	'error.report.sessionNotClosed': 'Sluit eerst het gesprek af. Daarna kunt u het verslag maken.',
	'error.report.windowOpen': 'Deelnemers kunnen nog reageren tot {date}. Maak het verslag daarna definitief.',
	'comment.decision.open': 'Nog niet beantwoord',
	'comment.decision.adopted': 'Overgenomen',
	'comment.decision.not_adopted': 'Niet overgenomen',
	'comment.decision.answered': 'Beantwoord',
	'agreement.topic.next_session': 'Volgend gesprek of thema’s die nog moeten',
	'agreement.topic.council': 'Voorleggen aan de raad of het college',
	'agreement.topic.implementation': 'Uitvoering en communicatie',
	'agreement.topic.planning_cycle': 'Opnemen in de planning- en controlcyclus',
	'agreement.topic.involvement': 'Wie wordt wanneer betrokken',
	'evaluation.q.sharedAll': 'Heeft u alles kunnen zeggen wat u wilde zeggen?',
	'evaluation.q.heard': 'Voelde u zich gehoord door de anderen?',
	'evaluation.q.clear': 'Was het duidelijk wat er van u werd gevraagd?',
	'evaluation.q.worthwhile': 'Was het gesprek de moeite waard?',
	'session.steps.label': 'Voor en na het gesprek',
	'session.steps.participants': 'Deelnemers en uitnodigingen',
	'session.steps.followUp': 'Na het gesprek: afspraken, evaluatie en verslag',
	'session.steps.trajectory': 'Onderdeel van het traject {title}',
	'error.jargon.exists': 'Dit woord staat al op de lijst.'
} as const;
