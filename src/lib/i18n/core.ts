/**
 * The translation engine, without any catalogue: safe for the browser. A page loads only the
 * catalogue of its language (see ./load.ts); the server loads both (see ./index.ts).
 *
 * A message is a text with placeholders like {name}, or a plural: one text per plural form
 * (`{ one: '{count} sticker', other: '{count} stickers' }`), chosen by the number `count`
 * with the language's own rules (Intl.PluralRules). A placeholder `{max:counts.stickers}`
 * puts in the plural message `counts.stickers` for the number `max`, for a message that
 * counts two things.
 */
import type { nl } from './nl';
import { formatSessionDate } from '../shared/sessions/time';
import { formatDay } from '../shared/dates';

export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';
export const LOCALE_COOKIE = 'kd_lang';

/** The language tag for Intl formatting (dates, numbers, plural rules). */
export const LANGUAGE_TAG: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };

/** A number for people in this language: "72,5" in Dutch, "72.5" in English. */
export function formatNumber(n: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
	return n.toLocaleString(LANGUAGE_TAG[locale], options);
}

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export type MessageKey = keyof typeof nl;

/** One text per plural form; `other` is always there. Dutch and English use `one` and `other`. */
export type Plural = { readonly other: string } & { readonly [form in Exclude<Intl.LDMLPluralRule, 'other'>]?: string };
export type Message = string | Plural;

/** A translation of a Dutch catalogue part: the same keys, a plural where Dutch has one. */
export type Translation<Source> = { [K in keyof Source]: Source[K] extends string ? string : Plural };
export type Messages = Translation<typeof nl>;

/**
 * Values for placeholders. A Date is written as people read it in the message's language
 * ("woensdag 14 mei 2025 om 19:30"), and so is a calendar day given as its ISO text
 * (YYYY-MM-DD: "14 mei 2025"), so domain code passes dates, never Dutch text. A calendar day
 * stays text on its way (form failures, JSON), so it reaches the page that shows it intact.
 */
export type Params = Record<string, string | number | Date>;
/** Params as JSON carries them (socket.io acks): no Date. */
export type PlainParams = Record<string, string | number>;

/** Params for JSON: a Date as its ISO text. */
export function plainParams(params: Params): PlainParams {
	return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, value instanceof Date ? value.toISOString() : value]));
}

const catalogues: Partial<Record<Locale, Messages>> = {};

/** Makes a catalogue available to `translate` (./index.ts on the server, ./load.ts in the browser). */
export function registerMessages(locale: Locale, messages: Messages): void {
	catalogues[locale] = messages;
}

export function hasMessages(locale: Locale): boolean {
	return catalogues[locale] !== undefined;
}

function messageOf(locale: Locale, key: string): Message | undefined {
	const own = catalogues[locale] as Record<string, Message> | undefined;
	const fallback = catalogues[DEFAULT_LOCALE] as Record<string, Message> | undefined;
	if (own && Object.hasOwn(own, key)) return own[key];
	if (fallback && Object.hasOwn(fallback, key)) return fallback[key];
	return undefined;
}

export function isMessageKey(value: unknown): value is MessageKey {
	if (typeof value !== 'string') return false;
	return Object.values(catalogues).some((messages) => Object.hasOwn(messages, value));
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The form of `message` for `count` in `locale`: "1 sticker", "2 stickers", "0 stickers". */
export function pluralForm(locale: Locale, message: Plural, count: number): string {
	let rules = pluralRules.get(locale);
	if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(LANGUAGE_TAG[locale])));
	return (Number.isFinite(count) ? message[rules.select(count)] : undefined) ?? message.other;
}

/** A calendar day as text, the form dates have in the database and in forms. */
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;
const PLACEHOLDER = /\{(\w+)(?::([\w.]+))?\}/g;

/** The message for `key`; an unknown key (a bug) shows the key itself rather than failing. */
export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
	const message = messageOf(locale, key) ?? key;
	const template = typeof message === 'string' ? message : pluralForm(locale, message, Number(params.count));
	return template.replace(PLACEHOLDER, (whole, name: string, counted?: string) => {
		if (!(name in params)) return whole;
		const value = params[name]!;
		if (counted) return translate(locale, counted as MessageKey, { ...params, count: Number(value) });
		if (value instanceof Date) return formatSessionDate(value, locale);
		return typeof value === 'string' && CALENDAR_DAY.test(value) ? formatDay(value, locale) : String(value);
	});
}

export type Translator = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translator {
	return (key, params) => translate(locale, key, params);
}
