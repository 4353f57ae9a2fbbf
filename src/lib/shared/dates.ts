/**
 * Dates for people (browser-safe): a calendar day ("17 maart 2026"), a moment in Dutch local
 * time, and today's date in the Netherlands.
 */
import { LANGUAGE_TAG, type Locale } from '../i18n/core';
import { formatSessionDate } from './sessions/time';

/** A calendar date (YYYY-MM-DD) for people: "17 maart 2026". */
export function formatDay(value: string, locale: Locale): string {
	const d = new Date(`${value}T12:00:00Z`);
	if (Number.isNaN(d.getTime())) return value;
	return new Intl.DateTimeFormat(LANGUAGE_TAG[locale], {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(d);
}

/** The calendar day of a moment (a Date or ISO text) for people, in the Dutch time zone: "3 maart 2027". */
export function formatDayOf(date: Date | string, locale: Locale): string {
	return new Intl.DateTimeFormat(LANGUAGE_TAG[locale], {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'Europe/Amsterdam'
	}).format(new Date(date));
}

/** A date and time for people, in Dutch local time; null stays null. */
export function formatWhen(date: Date | null | undefined, locale: Locale): string | null {
	return date ? formatSessionDate(date, locale) : null;
}

/** Today in the Netherlands, as YYYY-MM-DD: the default date of a new assessment. */
export function today(now = new Date()): string {
	return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(now);
}
