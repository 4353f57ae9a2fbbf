/**
 * Dutch messages for one person, one identity: matching someone who joined with the code to
 * their entry on the participant list, people without a device, attendance, and the personal
 * link that asks before it replaces who this browser is. Part of the catalogue in nl.ts.
 */
export const identityNl = {
	'error.merge.same': 'U koppelt iemand aan zichzelf. Kies iemand anders van de lijst.',
	'error.merge.notCode': 'Alleen iemand die zich met de code heeft aangemeld, kunt u koppelen aan iemand van de lijst.',
	'error.merge.notListed': 'Koppel aan iemand van de deelnemerslijst. Dat kan niet iemand zijn die zich ook met de code aanmeldde.',
	'error.merge.reportSent': 'Het verslag is al verstuurd. Daarna kunt u niemand meer samenvoegen.',
	'error.merge.observerStickers': {
		one: 'Deze persoon staat als toeschouwer op de lijst. Een toeschouwer heeft geen stickers. Er is al {count} sticker geplakt. Haal die eerst weg. Probeer het daarna opnieuw.',
		other:
			'Deze persoon staat als toeschouwer op de lijst. Een toeschouwer heeft geen stickers. Er zijn al {count} stickers geplakt. Haal die eerst weg. Probeer het daarna opnieuw.'
	},
	'error.merge.budget':
		'Samen zijn er {count} stickers geplakt. Eén persoon mag er {max} plakken. Haal eerst {over:counts.stickers} weg. Probeer het daarna opnieuw.',
	'error.merge.budgetClosed':
		'Samen zijn er {count} stickers geplakt. Eén persoon mag er {max} plakken. Het stemmen is voorbij, dus er kan geen sticker meer af. Daarom kunnen we deze twee niet samenvoegen.',
	'error.merge.themeBudget':
		'Samen {over:counts.stickersTooMany} geplakt op {theme}. Op één thema mag één persoon hoogstens {max:counts.stickers} plakken. Haal er eerst een weg. Probeer het daarna opnieuw.',
	'error.merge.themeBudgetClosed':
		'Samen {over:counts.stickersTooMany} geplakt op {theme}. Op één thema mag één persoon hoogstens {max:counts.stickers} plakken. Het stemmen is voorbij, dus er kan geen sticker meer af. Daarom kunnen we deze twee niet samenvoegen.',
	'error.device.joinedWithCode':
		'Deze persoon heeft zich met de code aangemeld en heeft dus een apparaat. Koppel deze persoon eerst aan de lijst.',
	'error.device.addedWithout': 'Deze persoon is toegevoegd als iemand zonder apparaat. Dat blijft zo.',
	'error.device.observer': 'Een toeschouwer stemt niet. Zonder apparaat is daarom niet nodig.',
	'identity.live.merged': 'U staat op de deelnemerslijst als {name}. U doet nu verder mee onder die naam.',
	'identity.people.withCode': 'met de code',
	'identity.people.presentViaYou': 'ja, via u',
	'identity.people.presentOffline': 'ja, nu zonder verbinding',
	'identity.lead.observers': 'Toeschouwers: {present} van {total} aanwezig. Zij tellen niet mee als deelnemer.',
	'identity.lead.link': 'Koppelen aan de lijst',
	'identity.lead.linkLabel': '{name} is … van de lijst',
	'identity.lead.linkChooseOption': 'Kies iemand van de lijst',
	'identity.lead.linkHint':
		'Kies alleen iemand als u zeker weet dat het dezelfde persoon is. Stickers en voorstellen gaan mee. U kunt dit niet terugdraaien.',
	'identity.lead.linkChoose': 'Kies eerst iemand van de lijst.',
	'identity.lead.linkSure': 'Zijn {from} en {into} dezelfde persoon? Dan telt deze persoon één keer mee, als {into}.',
	'identity.lead.linkYes': 'Ja, koppelen',
	'identity.lead.linkNo': 'Nee',
	'identity.lead.linkSubmit': 'Koppelen',
	'identity.lead.linkCancel': 'Annuleren',
	'identity.lead.linked': '{from} is gekoppeld aan {into} van de lijst. Deze persoon telt nu één keer mee.',
	'identity.lead.withoutDevice': 'Zonder apparaat',
	'identity.lead.deviceNone': '{name} doet mee zonder apparaat. U plakt de stickers voor {name}.',
	'identity.lead.deviceBack': '{name} doet weer mee met een eigen apparaat.',
	'identity.lead.isPresent': 'Is aanwezig',
	'identity.lead.markedPresent': '{name} is aanwezig.',
	'identity.lead.markedAbsent': '{name} is niet aanwezig.',
	'identity.lead.proxyNone': '{name} heeft nog geen stickers.',
	'identity.lead.proxyWhere': 'Stickers van {name}: {themes}.',
	'identity.lead.proxyTimes': '{theme} ({count} keer)',
	'identity.list.withCode': 'met de code aangemeld',
	'identity.list.addedWithout': 'toegevoegd zonder apparaat',
	'identity.list.withoutDevice': 'zonder apparaat',
	'identity.list.present': 'aanwezig',
	'identity.list.notPresent': 'niet aanwezig',
	'identity.list.markWithoutDevice': 'Markeer: zonder apparaat',
	'identity.list.markDevice': 'Markeer: met apparaat',
	'identity.list.markPresent': 'Markeer: aanwezig',
	'identity.list.markAbsent': 'Markeer: niet aanwezig',
	'identity.list.tookPart': '{count} van de {total} deelnemers op de lijst waren bij het gesprek. Dat aantal staat in het verslag.',
	'identity.link.title': 'Wie bent u?',
	'identity.link.already': 'U bent in deze browser al aangemeld als {current}, voor het gesprek "{session}".',
	'identity.link.question': 'Deze link is van {name}, voor het gesprek "{session}". Wilt u verder als {name}?',
	'identity.link.questionSame': 'Deze link is van {name}. Wilt u verder als {name}?',
	'identity.link.samePerson': 'Deze link is van {name}, die op de deelnemerslijst staat. Bent u {name}?',
	'identity.link.mergeExplain':
		'Dan voegen we {current} en {name} samen. U doet verder mee als {name}. Uw stickers en voorstellen gaan mee. Zo telt u één keer mee.',
	'identity.link.mergeYes': 'Ja, ik ben {name}',
	'identity.link.switchNoMerge': 'Nee, niet samenvoegen. Verder als {name}',
	'identity.link.switch': 'Ja, verder als {name}',
	'identity.link.stay': 'Nee, ik blijf {current}',
	'identity.link.expired': 'We weten niet meer welke link u opende. Open de link uit uw uitnodiging nog een keer.'
};
