/**
 * Pure helpers of the session pages: Dutch local time for the planning form (summer and
 * winter time, the hour skipped in spring and repeated in autumn), the countdown, reading
 * the settings form, and reading a live state for display.
 */
import { describe, expect, it } from 'vitest';
import {
	dateToLocalInput,
	endOfDayAfter,
	formatDeadline,
	formatSessionDate,
	localInputToDate,
	zoneOffsetMs
} from '../../src/lib/shared/sessions/time';
import { clockOffset, formatClock, minutesLeft, timeLeft } from '../../src/lib/live/clock';
import { readSettingsForm, settingsField, valuesOfSession } from '../../src/lib/shared/sessions/settings-form';
import { sessionSettingsSchema } from '../../src/lib/server/sessions/setup';
import {
	agendaLabel,
	chosenThemes,
	prevoteColumn,
	prevoteOpenNow,
	prevoteTally,
	rankedThemes,
	showJoinCode,
	showLateJoin,
	tallyPerspectives
} from '../../src/lib/live/view';
import type { SessionState, ThemeState } from '../../src/lib/shared/live-state';
import { nl } from '../helpers/i18n';

describe('Dutch local time', () => {
	it('reads winter and summer times with the right offset', () => {
		expect(localInputToDate('2025-01-15T19:30')!.toISOString()).toBe('2025-01-15T18:30:00.000Z');
		expect(localInputToDate('2025-07-01T09:00')!.toISOString()).toBe('2025-07-01T07:00:00.000Z');
		expect(zoneOffsetMs(Date.UTC(2025, 0, 1))).toBe(3_600_000);
		expect(zoneOffsetMs(Date.UTC(2025, 6, 1))).toBe(7_200_000);
	});

	it('moves a time in the skipped spring hour forward, and takes the first of a repeated autumn hour', () => {
		// 30 March 2025: 02:00 becomes 03:00. 02:30 does not exist: read as 03:30 summer time.
		expect(localInputToDate('2025-03-30T02:30')!.toISOString()).toBe('2025-03-30T01:30:00.000Z');
		expect(localInputToDate('2025-03-30T01:59')!.toISOString()).toBe('2025-03-30T00:59:00.000Z');
		expect(localInputToDate('2025-03-30T03:00')!.toISOString()).toBe('2025-03-30T01:00:00.000Z');
		// 26 October 2025: 03:00 becomes 02:00 again. 02:30 happens twice: the first (summer time).
		expect(localInputToDate('2025-10-26T02:30')!.toISOString()).toBe('2025-10-26T00:30:00.000Z');
		expect(localInputToDate('2025-10-26T03:00')!.toISOString()).toBe('2025-10-26T02:00:00.000Z');
	});

	it('refuses what is not a date and time', () => {
		for (const bad of ['', 'morgen', '2025-02-30T10:00', '2025-13-01T10:00', '2025-01-01T24:00', '2025-01-01 10:00', '2025-01-01T10:60']) {
			expect(localInputToDate(bad), bad).toBeNull();
		}
		expect(localInputToDate('2024-02-29T10:00')).not.toBeNull();
	});

	it('writes an instant back as the form value, whatever the zone of this machine', () => {
		for (const value of ['2025-01-15T19:30', '2025-07-01T09:00', '2025-10-26T02:30', '2025-12-31T23:59']) {
			expect(dateToLocalInput(localInputToDate(value)!)).toBe(value);
		}
		expect(dateToLocalInput('2025-03-30T01:30:00.000Z')).toBe('2025-03-30T03:30');
	});

	it('shows dates for people in Dutch time', () => {
		expect(formatSessionDate('2025-05-14T17:30:00.000Z', 'nl')).toBe('woensdag 14 mei 2025 om 19:30');
		expect(formatSessionDate('2025-05-14T17:30:00.000Z', 'en')).toContain('14 May 2025');
	});
});

describe('a deadline for people', () => {
	it('names the day and the Dutch time, with the year only when it is not this year', () => {
		const deadline = localInputToDate('2026-03-03T20:00')!;
		expect(formatDeadline(deadline, 'nl', Date.UTC(2026, 0, 1))).toBe('dinsdag 3 maart om 20:00');
		expect(formatDeadline(deadline, 'en', Date.UTC(2026, 0, 1))).toBe('Tuesday 3 March at 20:00');
		expect(formatDeadline(deadline, 'nl', Date.UTC(2025, 11, 1))).toBe('dinsdag 3 maart 2026 om 20:00');
	});

	it('ends a follow-up deadline at the end of a Dutch day, whatever the time it starts from', () => {
		// 17:00 and 23:30 on 3 March are the same day; 00:30 on 4 March (still 3 March in UTC) is the next.
		expect(endOfDayAfter(localInputToDate('2026-03-03T17:00')!, 14).toISOString()).toBe('2026-03-17T22:59:59.000Z');
		expect(endOfDayAfter(localInputToDate('2026-03-03T23:30')!, 14).toISOString()).toBe('2026-03-17T22:59:59.000Z');
		expect(endOfDayAfter(localInputToDate('2026-03-04T00:30')!, 14).toISOString()).toBe('2026-03-18T22:59:59.000Z');
		// Across the change to summer time (29 March 2026) and over the end of a year.
		expect(endOfDayAfter(localInputToDate('2026-03-20T10:00')!, 14).toISOString()).toBe('2026-04-03T21:59:59.000Z');
		expect(endOfDayAfter(localInputToDate('2026-12-20T10:00')!, 14).toISOString()).toBe('2027-01-03T22:59:59.000Z');
		expect(formatDeadline(endOfDayAfter(localInputToDate('2026-03-03T17:00')!, 14), 'nl', Date.UTC(2026, 0, 1))).toBe(
			'dinsdag 17 maart om 23:59'
		);
	});
});

describe('the countdown', () => {
	it('counts down to the deadline on the server clock', () => {
		const offset = clockOffset(1_000_000, 1_005_000); // this device is 5 s ahead
		expect(offset).toBe(-5000);
		expect(timeLeft({ deadline: 1_060_000, remainingMs: null }, offset, 1_005_000)).toBe(60_000);
		expect(timeLeft({ deadline: 1_060_000, remainingMs: null }, offset, 1_100_000)).toBe(0);
		expect(timeLeft({ deadline: null, remainingMs: 42_000 }, offset, 0)).toBe(42_000);
		expect(timeLeft({ deadline: null, remainingMs: null }, offset, 0)).toBeNull();
	});

	it('shows minutes and seconds, rounded up', () => {
		expect(formatClock(600_000)).toBe('10:00');
		expect(formatClock(59_001)).toBe('1:00');
		expect(formatClock(59_000)).toBe('0:59');
		expect(formatClock(1)).toBe('0:01');
		expect(formatClock(0)).toBe('0:00');
		expect(formatClock(-5)).toBe('0:00');
		expect(minutesLeft(61_000)).toBe(2);
	});
});

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	return data;
}

describe('the settings form', () => {
	const complete = {
		title: ' Gesprek over vervoer ',
		scheduledAt: '2025-05-14T19:30',
		durationMinutes: '150',
		locationAddress: 'Raadhuis, zaal 2',
		locationNotes: '',
		locationUrl: 'https://meet.gemeente.nl/vervoer',
		frameworkVersionId: '4',
		themesToTreat: '2',
		stickersPerParticipant: '2',
		maxStickersPerTheme: '1',
		themeSelection: 'fixed'
	};

	it('reads every field into the input of the domain schema', () => {
		const read = readSettingsForm(form(complete));
		expect(read.errors).toEqual({});
		const parsed = sessionSettingsSchema.parse(read.input);
		expect(parsed).toEqual({
			title: 'Gesprek over vervoer',
			scheduledAt: new Date('2025-05-14T17:30:00.000Z'),
			durationMinutes: 150,
			locationAddress: 'Raadhuis, zaal 2',
			locationNotes: null,
			locationUrl: 'https://meet.gemeente.nl/vervoer',
			frameworkVersionId: 4,
			themesToTreat: 2,
			stickersPerParticipant: 2,
			maxStickersPerTheme: 1,
			themeSelection: 'fixed',
			hideTallies: false
		});
		expect(readSettingsForm(form({ ...complete, hideTallies: 'on' })).input.hideTallies).toBe(true);
	});

	it('finds a missing date and framework, and leaves wrong numbers for the schema to refuse', () => {
		const read = readSettingsForm(
			form({ ...complete, scheduledAt: '', frameworkVersionId: '', durationMinutes: 'twee uur', themesToTreat: '' })
		);
		expect(read.errors).toEqual({
			scheduledAt: { code: 'error.field.required' },
			frameworkVersionId: { code: 'error.session.frameworkVersion' }
		});
		expect(readSettingsForm(form({ ...complete, scheduledAt: '31-02-2025' })).errors.scheduledAt).toEqual({
			code: 'session.form.dateInvalid'
		});
		const parsed = sessionSettingsSchema.safeParse(read.input);
		expect(parsed.success).toBe(false);
		const fields = parsed.error!.issues.map((i) => settingsField(i.path as string[]));
		expect(fields).toEqual(expect.arrayContaining(['durationMinutes', 'themesToTreat']));
		expect(read.values.durationMinutes).toBe('twee uur');
	});

	it('shows a saved session in the form as it was entered', () => {
		const values = valuesOfSession({
			title: 'X',
			scheduledAt: new Date('2025-05-14T17:30:00.000Z'),
			durationMinutes: 120,
			frameworkVersionId: null,
			themesToTreat: 3,
			stickersPerParticipant: 3,
			maxStickersPerTheme: 1,
			themeSelection: 'vote',
			hideTallies: true
		});
		expect(values).toMatchObject({ scheduledAt: '2025-05-14T19:30', frameworkVersionId: '', durationMinutes: '120', hideTallies: true });
	});
});

describe('reading a live state', () => {
	const theme = (id: number, name: string, extra: Partial<ThemeState> = {}): ThemeState => ({
		id,
		key: `theme-${id}`,
		name,
		description: null,
		origin: 'framework',
		chosenRank: null,
		testQuestionAgreed: false,
		criteriaProvisional: false,
		merged: [],
		...extra
	});
	const base = {
		themes: [
			theme(1, 'Veiligheid', { count: 2 }),
			theme(2, 'Bejegening', { count: 3, chosenRank: 2 }),
			theme(3, 'Informatie', { count: 3, chosenRank: 1 })
		],
		result: null
	} as Pick<SessionState, 'themes' | 'result'>;

	it('orders chosen themes by rank and all themes by stickers, ties in offering order', () => {
		expect(chosenThemes(base).map((t) => t.name)).toEqual(['Informatie', 'Bejegening']);
		expect(rankedThemes(base).map((t) => t.name)).toEqual(['Bejegening', 'Informatie', 'Veiligheid']);
	});

	it('names agenda steps, with the chosen theme once there is one', () => {
		expect(agendaLabel(base, { phase: 'voting' }, nl)).toBe('Stickers plakken');
		expect(agendaLabel(base, { phase: 'theme', theme: 0, step: 'test_question' }, nl)).toBe('Thema 1: Informatie – De toetsvraag');
		expect(agendaLabel({ themes: [] }, { phase: 'theme', theme: 2, step: 'criteria' }, nl)).toBe('Thema 3 – De criteria');
	});

	it('shows the perspectives that voted as columns, all before anyone did', () => {
		expect(tallyPerspectives(base)).toHaveLength(6);
		const voted = {
			...base,
			themes: [
				theme(1, 'A', { count: 1, byPerspective: { client: 1, official: 0, council_member: 0, wmo_council: 0, provider: 0, other: 0 } })
			]
		};
		expect(tallyPerspectives(voted)).toEqual(['client']);
	});

	it('shows the join code early in the session while joining is open', () => {
		const s = { phase: 'intro', joinLocked: false, joinCode: 'ABCDEF', status: 'open' } as const;
		expect(showJoinCode(s)).toBe(true);
		expect(showJoinCode({ ...s, joinLocked: true })).toBe(false);
		expect(showJoinCode({ ...s, phase: 'voting' })).toBe(false);
		expect(showJoinCode({ ...s, joinCode: null })).toBe(false);
	});

	it('gives those who come in late one line with the code during the vote', () => {
		const s = { phase: 'voting', joinLocked: false, joinCode: 'ABCDEF', status: 'open' } as const;
		expect(showLateJoin(s)).toBe(true);
		// The joining steps show the code large instead; the result and a theme's work need the whole screen.
		for (const phase of ['intro', 'overview', 'proposals', 'result', 'theme', 'closing'] as const)
			expect(showLateJoin({ ...s, phase })).toBe(false);
		expect(showLateJoin({ ...s, joinLocked: true })).toBe(false);
		expect(showLateJoin({ ...s, status: 'closed' })).toBe(false);
		expect(showLateJoin({ ...s, joinCode: null })).toBe(false);
	});

	it('reads the vote before the session: its tallies, a column beside the session’s own, and whether it is still open', () => {
		const zero = { client: 0, official: 0, council_member: 0, wmo_council: 0, provider: 0, other: 0 };
		const closed = {
			...base,
			prevote: {
				deadline: 1000,
				open: false,
				mine: null,
				themes: [
					{ themeId: 2, count: 2, byPerspective: { ...zero, wmo_council: 2 } },
					{ themeId: 1, count: 1, byPerspective: { ...zero, wmo_council: 1 } }
				]
			}
		};
		expect(prevoteTally(closed)!.themes.map((t) => [t.name, t.count])).toEqual([
			['Veiligheid', 1],
			['Bejegening', 2],
			['Informatie', 0]
		]);
		expect(prevoteColumn(closed, nl)).toEqual({ label: 'Vooraf (Wmo-raad)', counts: { 2: 2, 1: 1 } });
		const mixed = {
			prevote: { ...closed.prevote, themes: [...closed.prevote.themes, { themeId: 3, count: 1, byPerspective: { ...zero, client: 1 } }] }
		};
		expect(prevoteColumn(mixed, nl)!.label).toBe('Vooraf');
		const running = { prevote: { deadline: 10_000, open: true, mine: null } };
		expect(prevoteTally({ themes: base.themes, ...running })).toBeNull();
		expect(prevoteColumn(running, nl)).toBeNull();
		// The server's clock decides: 2 s ahead of this device.
		expect(prevoteOpenNow(running, 2000, 7000)).toBe(true);
		expect(prevoteOpenNow(running, 2000, 8000)).toBe(false);
		expect(prevoteOpenNow(closed, 0, 0)).toBe(false);
	});
});
