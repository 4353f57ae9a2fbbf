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
	'error.merge.observerStickers': 'Deze persoon staat als toeschouwer op de lijst. Een toeschouwer heeft geen stickers. Er zijn al {count} sticker(s) geplakt. Haal die eerst weg. Probeer het daarna opnieuw.',
	'error.merge.budget': 'Samen zijn er {count} stickers geplakt. Eén persoon mag er {max} plakken. Haal eerst {over} sticker(s) weg. Probeer het daarna opnieuw.',
	'error.merge.budgetClosed': 'Samen zijn er {count} stickers geplakt. Eén persoon mag er {max} plakken. Het stemmen is voorbij, dus er kan geen sticker meer af. Daarom kunnen we deze twee niet samenvoegen.',
	'error.merge.themeBudget': 'Samen zijn er {over} sticker(s) te veel geplakt op {theme}. Op één thema mag één persoon hoogstens {max} sticker(s) plakken. Haal er eerst een weg. Probeer het daarna opnieuw.',
	'error.merge.themeBudgetClosed': 'Samen zijn er {over} sticker(s) te veel geplakt op {theme}. Op één thema mag één persoon hoogstens {max} sticker(s) plakken. Het stemmen is voorbij, dus er kan geen sticker meer af. Daarom kunnen we deze twee niet samenvoegen.',
	'error.device.joinedWithCode': 'Deze persoon heeft zich met de code aangemeld en heeft dus een apparaat. Koppel deze persoon eerst aan de lijst.',
	'error.device.addedWithout': 'Deze persoon is toegevoegd als iemand zonder apparaat. Dat blijft zo.',
	'error.device.observer': 'Een toeschouwer stemt niet. Zonder apparaat is daarom niet nodig.',
	'identity.live.merged': 'U staat op de deelnemerslijst als {name}. U doet nu verder mee onder die naam.'
};
