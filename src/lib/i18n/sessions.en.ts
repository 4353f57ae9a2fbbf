import type { sessionsNl } from './sessions.nl';

/** English messages for live dialogue sessions. Same keys as sessions.nl.ts. */
export const sessionsEn: Record<keyof typeof sessionsNl, string> = {
	'error.session.frameworkVersion': 'Choose a published version of a quality framework.',
	'error.session.started': 'The session has already started. Its settings can no longer change.',
	'session.warning.duration': 'By the method, a session lasts at most two hours. Longer is allowed, but it is tiring for the participants.',
	'error.session.closed': 'This session is closed. Nothing can change any more.',
	'error.agenda.noSuchStep': 'That step is not on the agenda.',
	'error.agenda.chooseThemesFirst': 'First choose which themes the session treats.',
	'error.timer.notRunning': 'The timer is not running.',
	'error.timer.notPaused': 'The timer is not paused.',
	'error.vote.observer': 'As an observer you cannot vote.',
	'error.vote.notOpen': 'Voting is not open now.',
	'error.vote.unknownTheme': 'This theme is not part of this session.',
	'error.vote.budget': 'You have placed all your {max} stickers. Remove one first.',
	'error.vote.themeBudget': 'You may place at most {max} sticker(s) on one theme.',
	'error.vote.noSticker': 'You have no sticker on this theme.',
	'error.vote.fixedThemes': 'In this session the themes are fixed beforehand. There is no vote.',
	'error.vote.notVotingPhase': 'Go to the voting step first.',
	'error.vote.tooManyChosen': 'Choose at most {max} themes.',
	'error.vote.alreadyTreating': 'The themes are already being discussed. The choice can no longer change.',
	'error.vote.closeFirst': 'Close the vote first.',
	'error.vote.reasonRequired': 'Write down why you choose these themes. This is needed when there is a tie or when you depart from the result.',
	'error.proposal.notNow': 'Themes can only be proposed during the theme overview.',
	'error.proposal.tooMany': 'You already have {max} proposals waiting. Wait until the facilitator has looked at them.',
	'error.proposal.decided': 'This proposal has already been decided.',
	'error.proposal.voteClosed': 'Voting is already closed. A new theme can no longer be added.',
	'error.join.unknownCode': 'We do not know this code. Look at the code on the screen again.',
	'error.join.locked': 'Joining this session is closed. Ask the facilitator for help.',
	'error.vote.notProxy': 'You can only vote for a participant without a device whom you added yourself.',
	'error.rateLimited': 'You are sending too much at once. Wait a moment and try again.',
	'error.internalShort': 'Something went wrong on our side. Try again.'
};
