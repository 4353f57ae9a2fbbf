import type { Translation } from './core';
import type { followthroughNl } from './followthrough.nl';

/** English messages for finishing the follow-up (see followthrough.nl.ts). */
export const followthroughEn: Translation<typeof followthroughNl> = {
	'error.phone.responded': 'This participant has already responded. Choose someone who has not responded yet.',
	'error.phone.calledOn': 'Choose the day of the call: not before the day the report was sent and not after today.',

	'reports.document.byPhone': '{perspective}, by phone',
	'reports.document.closedEarly': 'The time to respond was closed early, on {date}. Reason: {reason}',

	'reports.round.title': 'Finishing the responses',
	'reports.round.intro':
		'Has someone not responded? Call them and write down what they said. Has everyone responded or been called? Then you can close the time to respond early. After that you can make the report final.',
	'reports.round.windowOpen': 'Participants can respond until {date}.',
	'reports.round.windowClosed': 'The time to respond has been over since {date}.',
	'reports.round.closedEarly': 'You closed the time to respond early, on {date}.',
	'reports.round.closedReason': 'Reason: {reason}',
	'reports.round.toReport': 'To the report: answer responses and make it final',

	'reports.phone.title': 'Record a response by phone',
	'reports.phone.intro':
		'Write down what the participant said on the phone. It goes into the response overview as that participant’s response, marked ‘by phone’. Their name is not in it. Then answer the response on the report page.',
	'reports.phone.none': 'Everyone has responded. There is nobody left to call.',
	'reports.phone.participant': 'Whom did you call?',
	'reports.phone.choose': 'Choose a participant',
	'reports.phone.target': 'Which part of the report was it about?',
	'reports.phone.body': 'What did the participant say?',
	'reports.phone.bodyHint': 'Use the participant’s words. Do not include a phone number.',
	'reports.phone.calledOn': 'On which day did you call?',
	'reports.phone.calledOnHint': 'The day of the phone call. Pick a date in the calendar or type the date.',
	'reports.phone.submit': 'Save response by phone',
	'reports.phone.done': 'The response by phone has been saved. Answer it on the report page.',
	'reports.phone.mark': 'By phone, called on {date}',

	'reports.closeEarly.title': 'Close the time to respond early',
	'reports.closeEarly.intro':
		'Only do this when everyone has responded or been called. After this nobody can respond through the link. The reason goes into the response overview.',
	'reports.closeEarly.waiting': {
		one: 'Please note: {count} participant has not responded and has not been called. After closing, they can no longer respond through the link.',
		other:
			'Please note: {count} participants have not responded and have not been called. After closing, they can no longer respond through the link.'
	},
	'reports.closeEarly.everyone': 'Everyone has responded or been called.',
	'reports.closeEarly.reason': 'Why are you closing early?',
	'reports.closeEarly.reasonHint': 'For example: everyone has responded or been called.',
	'reports.closeEarly.submit': 'Close the time to respond now',
	'reports.closeEarly.done': 'The time to respond is closed. You can make the report final once every response has an answer.',
	'reports.finalize.closeEarlyHint': 'Do not want to wait? Close the time to respond early on the After the session page.',

	'nav.promotion': 'Take over criteria',
	'nav.promotionCount': 'Take over criteria ({count})',
	'dashboard.promotion.title': 'Take over criteria',
	'dashboard.promotion.intro': 'The report of these sessions is final. Take their criteria into the quality framework.',
	'dashboard.promotion.empty': 'No sessions with criteria are waiting for you.',
	'dashboard.promotion.item': { one: '{title}: {count} criterion still open', other: '{title}: {count} criteria still open' },
	'dashboard.promotion.link': 'All sessions with a final report'
};
