import type { Translation } from './core';
import type { consoleNl } from './console.nl';

/** English messages for the facilitator's console. Part of the catalogue in en.ts. */
export const consoleEn: Translation<typeof consoleNl> = {
	'console.do.intro': 'Welcome everyone. Show the code so that everyone can join. Tell them what you will do today.',
	'console.intro.checklist': 'At the start, tell people:',
	'console.intro.meaning': 'What quality criteria in the Wmo are and why they matter.',
	'console.intro.plans': 'What the municipality, the Wmo council and the client council want to do with the criteria.',
	'console.intro.asked': 'What you ask of the participants today: bring ideas, choose together and listen to each other’s view.',
	'console.intro.after': 'What happens after today: the report, responding within two weeks, and what happens with the criteria.',
	'console.intro.names': 'If needed: a short round in which everyone introduces themselves.',
	'console.do.overview': 'Look at the themes together. Ask whether anyone misses a theme.',
	'console.do.proposals': 'Look at the proposals. Add a proposal as a theme, merge it into a theme that looks alike, or keep it for later.',
	'console.do.voting.not_started': 'Open the vote. Then everyone can place stickers.',
	'console.do.voting.open':
		'Everyone is placing stickers now. You place the stickers for those without a device. Is everyone done? Then close the vote.',
	'console.do.voting.closed': 'The vote is closed. Go to the next step: the result.',
	'console.do.result': 'Choose the themes you treat today. If you choose differently from the result, or there is a tie, write down why.',
	'console.do.meaning': 'Ask what the theme means to everyone. Participants write down keywords. Merge keywords that look alike.',
	'console.do.test_question': 'Write the test question together. Does everyone agree? Then mark the test question as agreed.',
	'console.do.criteria': 'Write down the criteria together. Done? Then mark the criteria as provisional.',
	'console.do.closing': 'Look together at what was agreed. Then close the session.',
	'console.do.closed': 'The session is closed. You can reopen it if needed.',
	'console.do.closedSent':
		'The session is closed and the report has been sent, so it cannot be opened again. Want to change something? Do it in the report.',
	'console.early.question': 'The session is planned for {date}. Do you want to start now?',
	'console.early.what': 'The session then starts now for everyone. The phones show the first step, no longer when and where it is.',
	'console.early.yes': 'Yes, start now',
	'console.early.no': 'No, not yet',
	'console.planned':
		'The session has not started yet. The phones still show when and where it is. With Next step the session starts for everyone.',
	'console.plannedSoon':
		'The session has not started yet. The phones already show the first step. With Next step the session starts for everyone.',
	'console.shortcut': 'Shortcut: {keys}',
	'console.keys.next': 'Alt+Shift+Page Down',
	'console.keys.previous': 'Alt+Shift+Page Up',
	'console.side': 'Participants, time and more',
	'console.mark.agreed': 'Test question is agreed',
	'console.mark.provisional': 'Criteria are provisional',
	'console.agenda.show': 'All steps',
	'console.proxy.added': '{name} has been added and is now on the list of participants. When voting, you place the stickers for {name}.',
	'console.proxy.noneLeft': '{name} has no stickers left.',
	'console.proxy.theme': { one: '{theme}: {count} sticker', other: '{theme}: {count} stickers' }
};
