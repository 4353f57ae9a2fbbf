/** English messages for personal links: hidden in the outbox, sent again, ended and renewed. Part of the catalogue in en.ts. */
import type { linksNl } from './links.nl';

export const linksEn: Record<keyof typeof linksNl, string> = {
	'outbox.hiddenLink': '[personal link (hidden)]',
	'outbox.detail.linksHidden': 'The personal link in this message is hidden. With that link, anyone can take part as the recipient. That is why only the recipient sees it. Did the link reach the wrong person? Then make a new link on the participant’s page.'
};
