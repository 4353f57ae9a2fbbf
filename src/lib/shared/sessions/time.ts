/**
 * Dates and times of dialogue sessions. A session is planned in Dutch local time: the form's
 * `datetime-local` value (no zone) is read as Europe/Amsterdam wall-clock time, whatever the
 * zone of the server or browser. The offset is looked up with Intl, so summer and winter time
 * are right for every date. At the changes of the clock the rule is that of Temporal's
 * "compatible" choice: a time that does not exist (the hour skipped in spring, e.g. 02:30 on
 * the last Sunday of March) moves forward by that hour (03:30 summer time), and a time that
 * exists twice (the hour repeated in autumn) is the first of the two (summer time).
 */
import { LANGUAGE_TAG, type Locale } from '../../i18n/core';

export const SESSION_TIME_ZONE = 'Europe/Amsterdam';

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		formatters.set(timeZone, f);
	}
	return f;
}

interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

function wallClock(utcMs: number, timeZone: string): WallClock {
	const parts = partsFormatter(timeZone).formatToParts(new Date(utcMs));
	const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** The zone's offset from UTC at an instant, in milliseconds (Amsterdam: +1 h in winter, +2 h in summer). */
export function zoneOffsetMs(utcMs: number, timeZone = SESSION_TIME_ZONE): number {
	const c = wallClock(utcMs, timeZone);
	const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
	return asUtc - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 86_400_000;

/**
 * Reads a `datetime-local` value ("2025-05-14T19:30") as wall-clock time in `timeZone`.
 * Returns null for anything that is not a valid date and time.
 */
export function localInputToDate(value: string, timeZone = SESSION_TIME_ZONE): Date | null {
	const m = LOCAL_INPUT.exec(value.trim());
	if (!m) return null;
	const [year, month, day, hour, minute, second] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as [
		number,
		number,
		number,
		number,
		number,
		number
	];
	if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
	const wall = Date.UTC(year, month - 1, day, hour, minute, second);
	const check = new Date(wall);
	if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
	// The offsets in force a day before and a day after cover any change of the clock in between.
	const before = zoneOffsetMs(wall - DAY_MS, timeZone);
	const after = zoneOffsetMs(wall + DAY_MS, timeZone);
	const candidates = [...new Set([before, after])]
		.map((offset) => wall - offset)
		.filter((utc) => zoneOffsetMs(utc, timeZone) === wall - utc)
		.sort((a, b) => a - b);
	// Exists once or twice: the first. Does not exist (skipped hour): read with the offset before the change.
	return new Date(candidates[0] ?? wall - before);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The `datetime-local` value of an instant, as wall-clock time in `timeZone`. */
export function dateToLocalInput(date: Date | string | number, timeZone = SESSION_TIME_ZONE): string {
	const c = wallClock(new Date(date).getTime(), timeZone);
	return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
}

/** The parts of a date and time as people read them: "14 mei 2025, 19:30". */
export const DATE_AND_TIME = { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' } as const;

/** A date and time for people, in Dutch local time: "woensdag 14 mei 2025 om 19:30". */
export function formatSessionDate(date: Date | string | number, locale: Locale, timeZone = SESSION_TIME_ZONE): string {
	return new Intl.DateTimeFormat(LANGUAGE_TAG[locale], { timeZone, weekday: 'long', ...DATE_AND_TIME }).format(new Date(date));
}

/**
 * A deadline for people, in Dutch local time and without the year when it is this year:
 * "dinsdag 3 maart om 20:00" (or "dinsdag 3 maart 2027 om 20:00").
 */
export function formatDeadline(
	date: Date | string | number,
	locale: Locale,
	now: Date | number = Date.now(),
	timeZone = SESSION_TIME_ZONE
): string {
	const at = new Date(date);
	const sameYear = wallClock(at.getTime(), timeZone).year === wallClock(new Date(now).getTime(), timeZone).year;
	return new Intl.DateTimeFormat(LANGUAGE_TAG[locale], {
		timeZone,
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		...(sameYear ? {} : { year: 'numeric' }),
		hour: '2-digit',
		minute: '2-digit'
	}).format(at);
}

/**
 * The end of the day (23:59:59 wall-clock time in `timeZone`) `days` calendar days after the
 * day of `from`. Deadlines of the follow-up (send the draft report, respond to it) are days:
 * "uiterlijk dinsdag 17 maart om 23:59", the same on every page whenever it is read or sent.
 */
export function endOfDayAfter(from: Date | number, days: number, timeZone = SESSION_TIME_ZONE): Date {
	const c = wallClock(new Date(from).getTime(), timeZone);
	const day = new Date(Date.UTC(c.year, c.month - 1, c.day + days));
	const local = `${pad(day.getUTCFullYear(), 4)}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}T23:59:59`;
	return localInputToDate(local, timeZone)!;
}

/**
 * Whether phones show when and where the session is (and what to prepare) instead of its first
 * step: while it is planned and starts more than an hour from now. On the day, within the hour,
 * or without a date, they show the first step. The lead view says which.
 */
export function showsBeforeSession(session: { status: string; scheduledAt: Date | string | null }, now = Date.now()): boolean {
	return session.status === 'planned' && session.scheduledAt !== null && new Date(session.scheduledAt).getTime() - now > BEFORE_SESSION_MS;
}

const BEFORE_SESSION_MS = 60 * 60_000;
