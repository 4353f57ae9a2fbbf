/** Short dates for tables, in Dutch local time (the zone sessions are planned in). Browser-safe. */
import { DATE_AND_TIME, SESSION_TIME_ZONE } from '$lib/shared/sessions/time';
import { formatDayOf } from '$lib/shared/dates';
import { LANGUAGE_TAG, type Locale } from '$lib/i18n/core';

/** "14 mei 2025" */
export function shortDay(date: string | Date, locale: Locale): string {
	return formatDayOf(date, locale);
}

/** "14 mei 2025, 19:30" */
export function shortDateTime(date: string | Date, locale: Locale): string {
	return new Intl.DateTimeFormat(LANGUAGE_TAG[locale], { timeZone: SESSION_TIME_ZONE, ...DATE_AND_TIME }).format(new Date(date));
}
