/**
 * The Dutch message catalogue: the source of every text in the interface. Plain language
 * (B1): short sentences, common words, say what to do next. Placeholders look like {name}.
 * Something counted is a plural, `{ one: '{count} eis', other: '{count} eisen' }`, never
 * "eis(en)"; a second number in a message counts with `{max:counts.stickers}` (see core.ts).
 */
import { frameworksNl } from './frameworks.nl';
import { sessionsNl } from './sessions.nl';
import { followupNl } from './followup.nl';
import { invitationsNl } from './invitations.nl';
import { reportsNl } from './reports.nl';
import { scoringNl } from './scoring.nl';
import { assessmentsNl } from './assessments.nl';
import { promotionNl } from './promotion.nl';
import { privacyNl } from './privacy.nl';
import { faultsNl } from './faults.nl';
import { linksNl } from './links.nl';
import { identityNl } from './identity.nl';
import { followthroughNl } from './followthrough.nl';
import { consoleNl } from './console.nl';
import { accessibilityNl } from './accessibility.nl';
import { mfaNl } from './mfa.nl';
import { inspirationNl } from './inspiration.nl';

export const nl = {
	...frameworksNl,
	...sessionsNl,
	...followupNl,
	...invitationsNl,
	...reportsNl,
	...scoringNl,
	...assessmentsNl,
	...promotionNl,
	...privacyNl,
	...faultsNl,
	...linksNl,
	...identityNl,
	...followthroughNl,
	...consoleNl,
	...accessibilityNl,
	...mfaNl,
	...inspirationNl,
	'app.name': 'Kwaliteitsdialoog',
	'app.tagline': 'Samen met cliënten kwaliteitscriteria voor de Wmo opstellen.',
	'layout.skip': 'Naar de inhoud',
	'layout.nav': 'Hoofdmenu',
	'layout.home': 'Start',
	'layout.dashboard': 'Overzicht',
	'layout.accounts': 'Accounts',
	'layout.account': 'Mijn account',
	'layout.login': 'Inloggen',
	'layout.logout': 'Uitloggen',
	'layout.loggedInAs': 'Ingelogd als {name}',
	'layout.language': 'Taal',
	'layout.switchLanguage': 'English',
	'layout.footer': 'Kwaliteitsdialoog is open source. Vragen? Neem contact op met uw gemeente.',
	'form.optional': 'niet verplicht',
	// Counted things, put into other messages as {max:counts.stickers}.
	'counts.stickers': { one: '{count} sticker', other: '{count} stickers' },
	'counts.stickersTooMany': { one: 'is er {count} sticker te veel', other: 'zijn er {count} stickers te veel' },
	'counts.participants': { one: '{count} deelnemer', other: '{count} deelnemers' },
	'counts.minutes': { one: '{count} minuut', other: '{count} minuten' },
	'counts.seconds': { one: '{count} seconde', other: '{count} seconden' },
	'counts.invitationsQueued': {
		one: 'We hebben {count} uitnodiging klaargezet om te versturen',
		other: 'We hebben {count} uitnodigingen klaargezet om te versturen'
	},
	'counts.alreadyInvited': { one: '{count} persoon had de uitnodiging al', other: '{count} mensen hadden de uitnodiging al' },
	'counts.reportMails': {
		one: 'We sturen het verslag nu per e-mail naar {count} persoon.',
		other: 'We sturen het verslag nu per e-mail naar {count} mensen.'
	},
	'counts.reportNoMail': {
		one: '{count} persoon heeft geen e-mailadres en krijgt geen e-mail.',
		other: '{count} mensen hebben geen e-mailadres en krijgen geen e-mail.'
	},
	'counts.comments': { one: 'is {count} reactie', other: 'zijn {count} reacties' },
	'counts.unanswered': { one: 'heeft {count} nog geen antwoord', other: 'hebben er {count} nog geen antwoord' },
	'counts.answered': {
		one: '{count} van de {invited} deelnemers heeft de vragen beantwoord.',
		other: '{count} van de {invited} deelnemers hebben de vragen beantwoord.'
	},
	'counts.filledIn': {
		one: '{count} van de {invited} deelnemers vulde de evaluatie in.',
		other: '{count} van de {invited} deelnemers vulden de evaluatie in.'
	},

	'home.title': 'Kwaliteitsdialoog',
	'home.intro':
		'Gemeenten maken samen met cliënten afspraken over de kwaliteit van ondersteuning uit de Wmo. Dat doen ze in een gesprek: de kwaliteitsdialoog.',
	'home.steps.title': 'Zo werkt het',
	'home.steps.1': 'De gespreksleider plant de gesprekken.',
	'home.steps.2': 'Een gevarieerde groep van 8 tot 15 mensen wordt uitgenodigd.',
	'home.steps.3': 'In een gesprek van twee uur kiest de groep thema’s en maakt criteria.',
	'home.steps.4': 'Iedereen krijgt een verslag en kan daar twee weken op reageren.',
	'home.participant.title': 'Doet u mee aan een gesprek?',
	'home.participant.text': 'Gebruik de link uit uw uitnodiging, of de code die de gespreksleider laat zien.',
	'home.code.label': 'Code van het gesprek',
	'home.code.hint': 'De gespreksleider laat de code zien. Die heeft 6 letters en cijfers, bijvoorbeeld K7MP2Q.',
	'home.code.submit': 'Meedoen',
	'home.code.qr': 'Heeft u een QR-code? Scan die met de camera van uw telefoon.',
	'home.staff.title': 'Werkt u voor de gemeente?',
	'home.staff.text': 'Log in om gesprekken te plannen en het kwaliteitskader te beheren.',
	'home.staff.signedIn': 'U bent ingelogd als {name}.',
	'home.staff.dashboard': 'Naar uw overzicht',

	'login.title': 'Inloggen',
	'login.intro': 'Dit is voor medewerkers. Deelnemers aan een gesprek hebben geen account nodig.',
	'login.email': 'E-mailadres',
	'login.password': 'Wachtwoord',
	'login.submit': 'Inloggen',
	'login.invalid': 'Het e-mailadres of wachtwoord klopt niet.',
	'login.throttled': 'Te veel mislukte pogingen. Probeer het over {minutes:counts.minutes} opnieuw.',
	'login.throttledSeconds': 'Te veel mislukte pogingen. Probeer het over {seconds:counts.seconds} opnieuw.',
	'login.missing': 'Vul uw e-mailadres en wachtwoord in.',
	'login.passwordOff': 'Inloggen met een wachtwoord staat uit. Log in via uw organisatie.',
	'login.oidc.button': 'Inloggen met {label}',
	'oidc.error.notLinked': 'Dit account is niet gekoppeld aan inloggen via de organisatie.',
	'oidc.admin.title': 'Inloggen via de organisatie',
	'oidc.admin.linked': 'Dit account is gekoppeld aan een account bij de organisatie ({issuer}).',
	'oidc.admin.notLinked':
		'Dit account is niet gekoppeld. Logt de medewerker in via de organisatie, dan koppelt de app het account als het e-mailadres klopt en bevestigd is.',
	'oidc.admin.unlinkHint':
		'Verbreek de koppeling als de verkeerde persoon is gekoppeld, of als de medewerker een nieuw account bij de organisatie heeft. De medewerker wordt overal uitgelogd. Bij de volgende keer inloggen via de organisatie koppelt de app opnieuw, als het e-mailadres klopt en bevestigd is.',
	'oidc.admin.unlink': 'Koppeling verbreken',
	'oidc.admin.unlinked': 'De koppeling is verbroken. De medewerker is overal uitgelogd.',
	'login.oidc.defaultLabel': 'uw organisatieaccount',
	'login.oidc.or': 'Of log in met uw e-mailadres en wachtwoord:',
	'login.oidc.unavailable': 'Inloggen via uw organisatie lukt nu niet. Probeer het later opnieuw of neem contact op met de beheerder.',
	'login.oidc.state': 'Het inloggen is verlopen of al gebruikt. Begin opnieuw met de knop hieronder.',
	'login.oidc.cancelled': 'Het inloggen bij uw organisatie is afgebroken. Probeer het opnieuw.',
	'login.oidc.token':
		'Het antwoord van uw organisatie kon niet worden gecontroleerd. U bent niet ingelogd. Probeer het opnieuw of neem contact op met de beheerder.',
	'login.oidc.noRole': 'U heeft (nog) geen toegang tot Kwaliteitsdialoog. Vraag de beheerder om u toegang te geven.',
	'login.oidc.disabled': 'Uw account staat uit. Neem contact op met de beheerder.',
	'login.oidc.noEmail':
		'Uw organisatie gaf geen e-mailadres door. Daarom kunnen wij geen account voor u maken. Neem contact op met de beheerder.',
	'login.oidc.emailTaken':
		'Er is al een account met uw e-mailadres, maar het is niet aan uw organisatieaccount gekoppeld. Neem contact op met de beheerder.',

	'account.title': 'Mijn account',
	'account.details': 'Uw gegevens',
	'account.name': 'Naam',
	'account.email': 'E-mailadres',
	'account.roles': 'Rollen',
	'account.ssoOnly': 'U logt in via uw organisatie (single sign-on). Uw wachtwoord en de tweede stap regelt u daar, niet in deze app.',
	'account.password.title': 'Wachtwoord wijzigen',
	'account.password.mustChange': 'Kies eerst een nieuw wachtwoord. Het wachtwoord dat u kreeg, is tijdelijk.',
	'account.password.current': 'Huidig wachtwoord',
	'account.password.new': 'Nieuw wachtwoord',
	'account.password.repeat': 'Nieuw wachtwoord nog een keer',
	'account.password.hint': 'Minstens {min} tekens. Een zin van een paar woorden is goed te onthouden.',
	'account.password.submit': 'Wachtwoord opslaan',
	'account.password.saved': 'Uw nieuwe wachtwoord is opgeslagen.',
	'account.password.mismatch': 'De twee nieuwe wachtwoorden zijn niet gelijk.',
	'account.password.currentMissing': 'Vul uw huidige wachtwoord in.',
	'account.password.continue': 'Ga verder naar het overzicht',

	'dashboard.title': 'Overzicht',
	'dashboard.welcome': 'Welkom, {name}.',
	'dashboard.roles': 'Uw rollen: {roles}.',
	'dashboard.sessions.title': 'Gesprekken',
	'dashboard.sessions.empty': 'Er zijn nog geen gesprekken.',
	'dashboard.framework.title': 'Kwaliteitskader',
	'dashboard.framework.empty': 'Er is nog geen kwaliteitskader.',
	'dashboard.framework.item': '{name}, versie {label}',
	'dashboard.framework.link': 'Naar de kwaliteitskaders',
	'dashboard.accounts.title': 'Accounts',
	'dashboard.accounts.text': 'Beheer wie met Kwaliteitsdialoog mag werken.',
	'dashboard.accounts.link': 'Naar de accounts',

	'role.admin': 'beheerder',
	'role.facilitator': 'gespreksleider',
	'role.quality_manager': 'kwaliteitsmanager',

	'accounts.title': 'Accounts',
	'accounts.intro': 'Hier beheert u de accounts van medewerkers. Deelnemers hebben geen account.',
	'accounts.table.caption': 'Alle accounts',
	'accounts.table.name': 'Naam',
	'accounts.table.email': 'E-mailadres',
	'accounts.table.roles': 'Rollen',
	'accounts.table.status': 'Status',
	'accounts.table.actions': 'Acties',
	'accounts.status.active': 'actief',
	'accounts.status.disabled': 'uitgeschakeld',
	'accounts.status.mustChange': 'moet nog een eigen wachtwoord kiezen',
	'accounts.edit': 'Wijzigen',
	'accounts.new.title': 'Nieuw account',
	'accounts.new.password': 'Tijdelijk wachtwoord',
	'accounts.new.passwordHint':
		'Geef dit wachtwoord persoonlijk door. Bij de eerste keer inloggen kiest de medewerker een eigen wachtwoord.',
	'accounts.new.submit': 'Account maken',
	'accounts.created': 'Het account voor {name} is gemaakt.',
	'accounts.edit.title': 'Account van {name}',
	'accounts.edit.submit': 'Wijzigingen opslaan',
	'accounts.edit.details': 'Gegevens',
	'accounts.status.title': 'Status',
	'accounts.status.current': 'Dit account is nu {status}.',
	'accounts.saved': 'De wijzigingen zijn opgeslagen.',
	'accounts.disable': 'Account uitschakelen',
	'accounts.disable.hint': 'Een uitgeschakeld account kan niet meer inloggen. U kunt het later weer aanzetten.',
	'accounts.enable': 'Account weer aanzetten',
	'accounts.disabled': 'Het account is uitgeschakeld.',
	'accounts.enabled': 'Het account staat weer aan.',
	'accounts.reset.title': 'Nieuw tijdelijk wachtwoord',
	'accounts.reset.submit': 'Wachtwoord instellen',
	'accounts.reset.done': 'Het tijdelijke wachtwoord is ingesteld. De medewerker moet het bij inloggen vervangen.',
	'accounts.back': 'Terug naar alle accounts',
	'accounts.rolesLegend': 'Rollen',
	'accounts.rolesHint': 'Kies een of meer rollen.',

	'setup.title': 'Kwaliteitsdialoog instellen',
	'setup.intro': 'Er is nog geen account. Maak het eerste account voor de beheerder.',
	'setup.name': 'Uw naam',
	'setup.email': 'Uw e-mailadres',
	'setup.password': 'Kies een wachtwoord',
	'setup.submit': 'Beheerder aanmaken',

	'form.required': 'Dit veld is verplicht.',
	'form.errorSummary': 'Niet alles is goed ingevuld. Kijk bij de vragen hieronder.',

	'error.title': 'Er ging iets mis',
	'error.notFound.title': 'Pagina niet gevonden',
	'error.notFound': 'Deze pagina bestaat niet (meer). Controleer het adres, of ga naar de startpagina.',
	'error.forbidden': 'U mag dit niet bekijken of doen.',
	'error.unauthorized': 'Log eerst in.',
	'error.internal': 'Er ging iets mis bij ons. Probeer het later opnieuw. Noem deze code als u hulp vraagt: {id}.',
	'error.badJson': 'De gegevens zijn geen geldige JSON.',
	'error.badRequest': 'Het verzoek is niet geldig.',
	'error.tooLarge': 'Wat u stuurde is te groot. Het mag hoogstens {max} zijn.',
	'error.tooLarge.title': 'Wat u stuurde is te groot',
	'error.tooLarge.nothingSaved': 'Er is niets bewaard.',
	'error.tooLarge.retry': 'Maak de tekst of het bestand kleiner en stuur het opnieuw.',
	'error.tooLarge.advice': 'Ga met de knop Terug van uw browser terug: meestal staat uw tekst er dan nog.',
	'error.tooLarge.back': 'De vorige pagina opnieuw openen',
	'error.tooLarge.max': 'Het mag hoogstens {max} zijn.',
	'error.addressMissing': 'De app kan niet zien van welk adres dit verzoek komt. Neem contact op met de beheerder van de app.',
	'error.methodNotAllowed': 'Dit adres kan geen {method}-verzoek verwerken.',
	'error.origin': 'Dit verzoek komt van een andere website en is geweigerd.',
	'error.starting': 'De app start nog op. Probeer het zo opnieuw.',
	'error.backHome': 'Naar de startpagina',
	'error.password.tooShort': 'Het wachtwoord moet minstens {min} tekens hebben.',
	'error.password.tooLong': 'Het wachtwoord mag hoogstens {max} tekens hebben.',
	'error.password.containsEmail': 'Het wachtwoord mag het e-mailadres niet bevatten, ook niet het deel vóór de @.',
	'error.password.currentWrong': 'Het huidige wachtwoord klopt niet.',
	'error.password.same': 'Kies een ander wachtwoord dan het huidige.',
	'error.account.email': 'Vul een geldig e-mailadres in.',
	'error.account.name': 'Vul een naam in van hoogstens 120 tekens.',
	'error.account.roles': 'Kies minstens één rol.',
	'error.account.emailTaken': 'Er is al een account met dit e-mailadres.',
	'error.account.lastAdmin': 'Dit is de laatste actieve beheerder. Maak eerst iemand anders beheerder.',
	'error.setup.done': 'Kwaliteitsdialoog is al ingesteld. Log in met uw account.',
	'error.session.title': 'Geef het gesprek een titel van hoogstens 200 tekens.',
	'error.participant.invalid': 'Vul een naam in (hoogstens 60 tekens) en kies een achtergrond.',
	'error.missing': 'Dit bestaat niet (meer).'
} as const;

export type { MessageKey } from './core';
