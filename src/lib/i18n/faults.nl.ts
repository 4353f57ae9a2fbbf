/**
 * Dutch messages for faults the app survives (issue 8): the database briefly busy, the disk
 * full. What was asked is not saved; people are told to try again. Part of nl.ts.
 */
export const faultsNl = {
	'error.dbBusy': 'De database is even bezet. Wat u deed, is niet opgeslagen. Probeer het over een paar seconden opnieuw.',
	'error.diskFull':
		'De schijf van de server is vol. Wat u deed, is niet opgeslagen. Vraag de beheerder om ruimte vrij te maken. Probeer het daarna opnieuw.',
	'error.busyPlain': 'Het is even te druk. Wat u deed, is niet opgeslagen. Probeer het over een paar seconden opnieuw.',
	'error.saveLater': 'Opslaan lukt nu even niet. Wat u deed, is niet opgeslagen. Probeer het over een paar minuten opnieuw.'
};
