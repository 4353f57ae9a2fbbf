/**
 * Personal links in the text of a mail: `/j/<token>`, a credential. Pages show them hidden
 * (hidePersonalLinks); once a mail has been delivered, the stored copy keeps them hidden too
 * (./outbox.ts), so the database and its backups hold no working link of a delivered mail.
 */
import { DEFAULT_LOCALE, translate, type Locale } from '../../i18n';

/** A personal link in a text: `/j/<token>`, with the address of the app before it if there. */
const PERSONAL_LINK = /(?:https?:\/\/[^\s/"'<>]+)?\/j\/[^\s"'<>)\]]+/g;

/** The text with every personal link replaced by "[persoonlijke link (verborgen)]" (in `locale`). */
export function hidePersonalLinks(text: string, locale: Locale = DEFAULT_LOCALE): string {
	return text.replace(PERSONAL_LINK, translate(locale, 'outbox.hiddenLink'));
}

/** Whether a mail's text carries a personal link, working (queued) or hidden already (delivered). */
export function hasPersonalLink(text: string): boolean {
	return new RegExp(PERSONAL_LINK.source).test(text) || text.includes(translate(DEFAULT_LOCALE, 'outbox.hiddenLink'));
}

/** An iCalendar text unfolded (RFC 5545 folds long lines), so a link split over lines is found. */
export function unfold(text: string): string {
	return text.replace(/\r?\n[ \t]/g, '');
}
