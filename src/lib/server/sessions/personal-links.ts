/**
 * Personal links are credentials: whoever has one takes part as that participant, without a
 * password. So a working link is shown to nobody but its owner: the outbox and every other
 * staff page show that a link was sent, never the link (hidePersonalLinks); only the mail
 * itself and a printed letter, made on purpose for the person and shown once, carry it.
 */
import { translate, type Locale } from '../../i18n';

/** A personal link in a text: `/j/<token>`, with the address of the app before it if there. */
const PERSONAL_LINK = /(?:https?:\/\/[^\s/"'<>]+)?\/j\/[^\s"'<>)\]]+/g;

/** The text with every personal link replaced by "[persoonlijke link (verborgen)]" (in `locale`). */
export function hidePersonalLinks(text: string, locale: Locale = 'nl'): string {
	return text.replace(PERSONAL_LINK, translate(locale, 'outbox.hiddenLink'));
}

export function hasPersonalLink(text: string): boolean {
	return new RegExp(PERSONAL_LINK.source).test(text);
}
