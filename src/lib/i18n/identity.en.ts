/** English messages for one person, one identity. Part of the catalogue in en.ts. */
import type { identityNl } from './identity.nl';

export const identityEn: Record<keyof typeof identityNl, string> = {
	'error.merge.same': 'You are linking someone to themselves. Choose someone else from the list.',
	'error.merge.notCode': 'Only someone who joined with the code can be linked to someone on the list.',
	'error.merge.notListed': 'Link to someone on the participant list. That cannot be someone who also joined with the code.',
	'error.merge.reportSent': 'The report has been sent. After that you cannot merge anyone.',
	'error.merge.observerStickers': 'This person is on the list as an observer. An observer has no stickers. {count} sticker(s) have been placed already. Take those off first, then try again.',
	'error.merge.budget': 'Together {count} stickers were placed. One person may place {max}. Take off {over} sticker(s) first, then try again.',
	'error.merge.budgetClosed': 'Together {count} stickers were placed. One person may place {max}. Voting is over, so no sticker can be taken off. That is why these two cannot be merged.',
	'error.merge.themeBudget': 'Together {over} sticker(s) too many were placed on {theme}. One person may place at most {max} sticker(s) on one theme. Take one off first, then try again.',
	'error.merge.themeBudgetClosed': 'Together {over} sticker(s) too many were placed on {theme}. One person may place at most {max} sticker(s) on one theme. Voting is over, so no sticker can be taken off. That is why these two cannot be merged.',
	'error.device.joinedWithCode': 'This person joined with the code, so they have a device. Link this person to the list first.',
	'error.device.addedWithout': 'This person was added as someone without a device. That stays so.',
	'error.device.observer': 'An observer does not vote, so without a device is not needed.',
	'identity.live.merged': 'You are on the participant list as {name}. You now go on under that name.'
};
