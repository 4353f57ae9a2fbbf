/**
 * The message catalogue. Dutch is the interface language, English the second locale.
 * Server and browser code translate with the same function.
 */
import { nl, type MessageKey } from './nl';
import { en } from './en';

export type { MessageKey };
export type Messages = Record<MessageKey, string>;
export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';
export const LOCALE_COOKIE = 'kd_lang';

const catalogues: Record<Locale, Messages> = { nl, en };

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
	return typeof value === 'string' && Object.hasOwn(nl, value);
}

export type Params = Record<string, string | number>;

/** The message for `key`; an unknown key (a bug) shows the key itself rather than failing. */
export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
	const template = catalogues[locale][key] ?? nl[key] ?? key;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type Translator = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translator {
	return (key, params) => translate(locale, key, params);
}
