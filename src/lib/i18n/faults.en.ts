/** English messages for faults the app survives (issue 8). Part of en.ts. */
export const faultsEn = {
	'error.dbBusy': 'The database is busy for a moment. What you did was not saved. Try again in a few seconds.',
	'error.diskFull': 'The server disk is full. What you did was not saved. Ask the administrator to free up space, then try again.',
	'error.busyPlain': 'It is busy for a moment. What you did was not saved. Try again in a few seconds.',
	'error.saveLater': 'Saving does not work right now. What you did was not saved. Try again in a few minutes.'
};
