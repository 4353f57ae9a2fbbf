import type { Translation } from './core';
/** English messages for one person, one identity. Part of the catalogue in en.ts. */
import type { identityNl } from './identity.nl';

export const identityEn: Translation<typeof identityNl> = {
	'error.merge.same': 'You are linking someone to themselves. Choose someone else from the list.',
	'error.merge.notCode': 'Only someone who joined with the code can be linked to someone on the list.',
	'error.merge.notListed': 'Link to someone on the participant list. That cannot be someone who also joined with the code.',
	'error.merge.reportSent': 'The report has been sent. After that you cannot merge anyone.',
	'error.merge.observerStickers': {
		one: 'This person is on the list as an observer. An observer has no stickers. {count} sticker has been placed already. Take it off first, then try again.',
		other:
			'This person is on the list as an observer. An observer has no stickers. {count} stickers have been placed already. Take those off first, then try again.'
	},
	'error.merge.budget':
		'Together {count} stickers were placed. One person may place {max}. Take off {over:counts.stickers} first, then try again.',
	'error.merge.budgetClosed':
		'Together {count} stickers were placed. One person may place {max}. Voting is over, so no sticker can be taken off. That is why these two cannot be merged.',
	'error.merge.themeBudget':
		'Together {over:counts.stickersTooMany} placed on {theme}. One person may place at most {max:counts.stickers} on one theme. Take one off first, then try again.',
	'error.merge.themeBudgetClosed':
		'Together {over:counts.stickersTooMany} placed on {theme}. One person may place at most {max:counts.stickers} on one theme. Voting is over, so no sticker can be taken off. That is why these two cannot be merged.',
	'error.device.joinedWithCode': 'This person joined with the code, so they have a device. Link this person to the list first.',
	'error.device.addedWithout': 'This person was added as someone without a device. That stays so.',
	'error.device.observer': 'An observer does not vote, so without a device is not needed.',
	'identity.live.merged': 'You are on the participant list as {name}. You now go on under that name.',
	'identity.people.withCode': 'with the code',
	'identity.people.presentViaYou': 'yes, through you',
	'identity.people.presentOffline': 'yes, not connected now',
	'identity.lead.observers': 'Observers: {present} of {total} present. They do not count as participants.',
	'identity.lead.link': 'Link to the list',
	'identity.lead.linkLabel': '{name} is … on the list',
	'identity.lead.linkChooseOption': 'Choose someone from the list',
	'identity.lead.linkHint':
		'Only choose someone if you are sure it is the same person. Stickers and proposals go along. You cannot undo this.',
	'identity.lead.linkChoose': 'Choose someone from the list first.',
	'identity.lead.linkSure': 'Are {from} and {into} the same person? Then this person counts once, as {into}.',
	'identity.lead.linkYes': 'Yes, link',
	'identity.lead.linkNo': 'No',
	'identity.lead.linkSubmit': 'Link',
	'identity.lead.linkCancel': 'Cancel',
	'identity.lead.linked': '{from} is linked to {into} on the list. This person now counts once.',
	'identity.lead.withoutDevice': 'Without a device',
	'identity.lead.deviceNone': '{name} takes part without a device. You place the stickers for {name}.',
	'identity.lead.deviceBack': '{name} takes part with their own device again.',
	'identity.lead.isPresent': 'Is present',
	'identity.lead.markedPresent': '{name} is present.',
	'identity.lead.markedAbsent': '{name} is not present.',
	'identity.lead.proxyNone': '{name} has no stickers yet.',
	'identity.lead.proxyWhere': 'Stickers of {name}: {themes}.',
	'identity.lead.proxyTimes': '{theme} ({count} times)',
	'identity.list.withCode': 'joined with the code',
	'identity.list.addedWithout': 'added without a device',
	'identity.list.withoutDevice': 'without a device',
	'identity.list.present': 'present',
	'identity.list.notPresent': 'not present',
	'identity.list.markWithoutDevice': 'Mark: without a device',
	'identity.list.markDevice': 'Mark: with a device',
	'identity.list.markPresent': 'Mark: present',
	'identity.list.markAbsent': 'Mark: not present',
	'identity.list.tookPart': '{count} of the {total} participants on the list were at the session. That number is in the report.',
	'identity.link.title': 'Who are you?',
	'identity.link.already': 'In this browser you are signed in as {current}, for the session "{session}".',
	'identity.link.question': 'This link is for {name}, for the session "{session}". Do you want to go on as {name}?',
	'identity.link.questionSame': 'This link is for {name}. Do you want to go on as {name}?',
	'identity.link.samePerson': 'This link is for {name}, who is on the participant list. Are you {name}?',
	'identity.link.mergeExplain':
		'Then we merge {current} and {name}. You go on as {name}. Your stickers and proposals go along. That way you count once.',
	'identity.link.mergeYes': 'Yes, I am {name}',
	'identity.link.switchNoMerge': 'No, do not merge. Go on as {name}',
	'identity.link.switch': 'Yes, go on as {name}',
	'identity.link.stay': 'No, stay as {current}',
	'identity.link.expired': 'We no longer know which link you opened. Open the link in your invitation once more.'
};
