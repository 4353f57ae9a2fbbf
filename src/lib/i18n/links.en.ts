import type { Translation } from './core';
/** English messages for personal links: hidden in the outbox, sent again, ended and renewed. Part of the catalogue in en.ts. */
import type { linksNl } from './links.nl';

export const linksEn: Translation<typeof linksNl> = {
	'outbox.kind.link': 'new link',
	'outbox.hiddenLink': '[personal link (hidden)]',
	'outbox.detail.linksHidden':
		'The personal link in this message is hidden. With that link, anyone can take part as the recipient. That is why only the recipient sees it. Did the link reach the wrong person? Then make a new link on the participant’s page.',

	'link.renew.subject': 'Your new link for the session "{titel}"',
	'link.renew.body':
		'Dear {naam},\n\nYou get a new personal link for the session "{titel}". Your previous link no longer works.\n\nWhen: {datum}\nWhere: {plaats}\n\nWith this link you take part. Do not share it with others:\n{link}\n\nKind regards,\n{gespreksleider}, facilitator',

	'links.title': 'Personal link',
	'links.intro':
		'With a personal link {name} takes part, without a password. Whoever has the link can take part as {name}. That is why the app shows the link to nobody else, not in the outbox either.',
	'links.invitedAt': '{name} was invited on {date}.',
	'links.notInvited': '{name} has not been invited yet.',
	'links.proxy': '{name} takes part without a phone or computer of their own. You place the stickers for {name}. No link is needed.',
	'links.again.title': 'Send the invitation again',
	'links.again.intro':
		'Did the invitation not arrive, or has {name} lost it? Then send it again to {email}. The new e-mail has a new link. The old link keeps working too.',
	'links.again.submit': 'Send again',
	'links.again.noEmail': '{name} has no e-mail address. Make a letter with a link instead.',
	'links.again.done': 'The invitation was sent again to {email}.',
	'links.again.outbox': 'See the message in the outbox',
	'links.renew.title': 'New link',
	'links.renew.intro':
		'Did someone else get or see the link of {name}? Then make a new link. All old links of {name} stop working at once. Anyone using an old link right now is stopped at once too.',
	'links.renew.how': '{name} gets the new link by e-mail or in a letter that you print.',
	'links.renew.howLetter': '{name} has no e-mail address. {name} gets the new link in a letter that you print.',
	'links.renew.confirm': 'Yes, all old links of {name} may stop.',
	'links.renew.byMail': 'New link by e-mail',
	'links.renew.byLetter': 'New link in a letter',
	'links.renew.done': '{name} has a new link. The old links no longer work. The new link goes by e-mail to {email}.',
	'links.letter.intro':
		'Print this letter and give or send it to {name}. The link in the letter is for {name} only. The old links of {name} no longer work.',
	'links.letter.once': 'You see this letter only once. The app does not keep the link. Print the letter now.',
	'links.backToPerson': 'Back to {name}',

	'error.link.confirm': 'First tick the box. That confirms that the old links may stop.',
	'error.link.noEmail': 'This participant has no valid e-mail address. Choose a letter, or fill in the e-mail address first.',
	'error.link.alreadyDone':
		'This was done already. Nothing was made or sent again. Do you want to do it once more? Then open the participant’s page again first.',
	'error.invite.proxy':
		'This participant takes part without a phone or computer of their own. You place the stickers for this person. An invitation with a link is therefore not needed.',

	'privacy.action.invitation.letter': 'letter with a personal link made',
	'privacy.action.invitation.again': 'invitation sent again, with a new link',
	'privacy.action.participant.link.renew': 'old links ended, new link made'
};
