import type { Translation } from './core';
import type { followupNl } from './followup.nl';

/** English messages for trajectories, invitations, agreements and evaluation. Same keys as followup.nl.ts. */
export const followupEn: Translation<typeof followupNl> = {
	'error.trajectory.facilitator': 'Choose a facilitator who has a facilitator account.',
	'error.trajectory.fixedThemes': 'Choose the themes fixed beforehand from the chosen framework version.',
	'error.trajectory.conflict': 'Someone else has just changed this trajectory. Reload the page and try again.',
	'error.trajectory.versionLocked': 'This trajectory already has sessions. Its framework version can no longer change.',
	'error.trajectory.nothingLeft': 'Every theme of this trajectory has been discussed.',
	'error.participant.email': 'This is not a valid e-mail address. An e-mail address looks like name@example.org.',
	'error.participant.phone': 'This is not a valid phone number. Use only digits, spaces, + or -.',
	'error.invite.linkMissing': 'Put {link} in the text. That is where each participant’s personal link goes.',
	'error.invite.unknownPlaceholder':
		'The text has a word between { } that we do not know. You can use: {naam}, {titel}, {datum}, {plaats}, {link}, {huiswerk}, {gespreksleider}.',
	'error.invite.alreadySent': {
		one: 'The invitation has already been sent to everyone with an e-mail address ({count} person). Nothing was sent again.',
		other: 'The invitation has already been sent to everyone with an e-mail address ({count} people). Nothing was sent again.'
	},
	'error.invite.nobody': 'Nobody on the list has an e-mail address. Add e-mail addresses or print a letter.',
	'error.mail.notFailed': 'This message has not failed. There is no need to send it again.',
	'invite.template.subject': 'Invitation: conversation about the quality of social support, {datum}',
	'invite.template.body':
		'Dear {naam},\n\nWe invite you to the conversation "{titel}". Clients, officials and council members will work out together what good support must meet.\n\nWhen: {datum}\nWhere: {plaats}\n\nWhat do we ask of you?\n- Bring ideas: what is good support to you?\n- Help choose what matters most.\n- Listen to people who see it differently.\n- Afterwards, give your response to the report.\n\nRead about the themes beforehand:\n{huiswerk}\n\nThis personal link lets you take part. Do not share it:\n{link}\n\nKind regards,\n{gespreksleider}, facilitator',
	'invite.dateUnknown': 'a date we will let you know',
	'invite.noHomework': '(we will send the themes later)',
	'invite.calendarDescription': 'Conversation about the quality of social support. Your personal link: {link}',
	'invite.placeUnknown': 'we will let you know',
	'invite.placeNotes': 'Accessibility: {notes}',
	'invite.placeOnline': 'Take part online: {url}',
	'invite.placeBlock': 'Where: {place}',
	'invite.calendarAttached': 'The appointment for your calendar is attached.',
	'invite.letter.body':
		'Dear {naam},\n\nWe invite you to the conversation "{titel}". Clients, officials and council members will work out together what good support must meet.\n\nWhen: {datum}\nWhere: {plaats}\n\nWhat do we ask of you?\n- Bring ideas: what is good support to you?\n- Help choose what matters most.\n- Listen to people who see it differently.\n- Afterwards, give your response to the report.\n\nAt the bottom of this letter you can read how to take part.\n\nKind regards,\n{gespreksleider}, facilitator',
	'invite.letter.linkOnPaper': 'see the bottom of this letter (QR code or code)',
	'calendar.cancel.description': 'This session will not take place.',
	'calendar.cancel.session.subject': 'Cancelled: conversation "{titel}", {datum}',
	'calendar.cancel.session.body':
		'Dear {naam},\n\nThe conversation "{titel}" on {datum} will not take place. We are sorry.\n\nThe cancellation for your calendar is attached. It removes the appointment. Your personal link no longer works.\n\nIf there is a new conversation, you will get a new invitation.\n\nKind regards,\n{gespreksleider}, facilitator',
	'calendar.cancel.removed.subject': 'Taken off the list: conversation "{titel}", {datum}',
	'calendar.cancel.removed.body':
		'Dear {naam},\n\nYou are no longer on the list for the conversation "{titel}" on {datum}. Your personal link no longer works.\n\nThe cancellation for your calendar is attached. It removes the appointment.\n\nIs this a mistake? Then contact the facilitator.\n\nKind regards,\n{gespreksleider}, facilitator',
	'invite.update.subject': 'Changed: conversation "{titel}", {datum}',
	'invite.update.body':
		'Dear {naam},\n\nThe conversation "{titel}" has changed. This is the new appointment:\n\nWhen: {datum}\nWhere: {plaats}\n\nThe changed appointment for your calendar is attached. It replaces the old one.\n\nThis personal link lets you take part. Do not share it:\n{link}\n\nKind regards,\n{gespreksleider}, facilitator',
	'error.field.date': 'Enter a date, for example 17/03/2026.',
	'error.field.dateNotReal': 'The date {day}/{month}/{year} does not exist. Check the day and the month.',
	'error.agreement.beforeSession': 'This date is before the session ({date}). Choose a later date.',
	'error.comment.target': 'This part of the report does not exist (any more). Choose another part.',
	'error.comment.windowClosed':
		'Responses were possible until {date}. That time has passed. Contact the facilitator if you still want to say something.',
	'error.comment.reasonRequired': 'Write down why the response was not adopted.',
	'error.comment.answerRequired': 'Write down your answer to the question or remark.',
	'error.comment.phoneNumber':
		'The text seems to contain a phone number. Please remove it: everyone who receives the report can read the responses.',
	'error.comment.notAsked': 'Only people who took part in the session can respond to this report. You can read it.',
	'error.comment.alreadyCommented':
		'You have already responded to the report. Anything else to say? Write another response at the part it is about.',
	'error.agreement.tooFar': 'This date is more than five years after the session. Check the year.',
	'error.evaluation.already': 'You have already filled in the evaluation. Thank you!',
	'error.evaluation.notYet': 'The evaluation is possible once the session has started.',
	'error.report.alreadySent': 'The report was already sent on {date}. Nothing was sent again.',
	'error.report.conflict': 'The report was just saved elsewhere. Your text is below; reload the page and add your change again.',
	'error.report.final': 'The report is final. It can no longer change.',
	'error.report.missing': 'There is no report of this session yet.',
	'error.report.notSent': 'The report has not been sent yet.',
	'error.report.openComments': {
		one: '{count} response has no answer yet. Answer every response first.',
		other: '{count} responses have no answer yet. Answer every response first.'
	},
	'error.report.sections': 'The parts of the report do not match. Reload the page.',
	'error.report.sessionNotClosed': 'Close the session first. Then you can make the report.',
	'error.report.windowOpen': 'Participants can respond until {date}. Make the report final after that.',
	'comment.decision.open': 'Not answered yet',
	'comment.decision.adopted': 'Adopted',
	'comment.decision.not_adopted': 'Not adopted',
	'comment.decision.answered': 'Answered',
	'agreement.topic.next_session': 'Next session or themes still to do',
	'agreement.topic.council': 'Presentation to the council or college',
	'agreement.topic.implementation': 'Implementation and communication',
	'agreement.topic.planning_cycle': 'Inclusion in the planning & control cycle',
	'agreement.topic.involvement': 'Who is involved when',
	'evaluation.q.sharedAll': 'Could you share everything you wanted to share?',
	'evaluation.q.heard': 'Did you feel heard by the others?',
	'evaluation.q.clear': 'Was it clear what was asked of you?',
	'evaluation.q.worthwhile': 'Was the session worth your time?',
	'session.steps.label': 'Before and after the session',
	'session.steps.participants': 'Participants and invitations',
	'session.steps.followUp': 'After the session: agreements, evaluation and report',
	'session.steps.trajectory': 'Part of the trajectory {title}',
	'error.jargon.exists': 'This word is already on the list.'
};
