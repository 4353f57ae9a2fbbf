/**
 * Who counts, once. Every figure that counts the people of a dialogue session uses these
 * definitions: the report ("Er deden N mensen mee"), the lead view ("N van M aanwezig"), the
 * people the report goes to and the call list, the evaluation ratio and the group advice.
 * Pure functions over records, used by the server (../server/sessions/headcount.ts loads the
 * records) and by the lead view in the browser (over the live state).
 *
 * - A *person* is a record that was not removed. A record joined with the code that was
 *   merged into its list entry is removed (and `merged_into_id` says where it went): it is
 *   part of that person, never counted apart. A removed record does not count at all.
 * - *On the list*: persons in the role of participant. Observers (toeschouwers) are counted
 *   apart and are in none of the figures below. People without a device count like everyone
 *   else: they are on the list and take part through the facilitator.
 * - *Took part*: persons on the list whose attendance was recorded: they were connected to
 *   the live session while it ran, a sticker was placed for them, or the facilitator marked
 *   them present. A session without any recorded attendance (held before this was recorded,
 *   or without the live view) counts everyone on the list.
 * - *Present now* (lead view, during the session): persons on the list connected at this
 *   moment, or without a device and marked present.
 */

export interface CountedRecord {
	role: 'participant' | 'observer';
	removedAt: Date | number | null;
	attendedAt: Date | number | null;
}

/** Whether a record is a person of the session (not removed, not merged into another). */
export function isPerson(record: Pick<CountedRecord, 'removedAt'>): boolean {
	return !record.removedAt;
}

/** Persons on the list in the role of participant. */
export function onList<R extends Pick<CountedRecord, 'role' | 'removedAt'>>(records: readonly R[]): R[] {
	return records.filter((r) => isPerson(r) && r.role === 'participant');
}

/** Whether any person of the session has attendance recorded. */
export function attendanceRecorded(records: readonly CountedRecord[]): boolean {
	return records.some((r) => isPerson(r) && !!r.attendedAt);
}

/** The participants who took part (see above), and whether that came from recorded attendance. */
export function tookPart<R extends CountedRecord>(records: readonly R[]): { people: R[]; recorded: boolean } {
	const recorded = attendanceRecorded(records);
	const listed = onList(records);
	return { people: recorded ? listed.filter((r) => !!r.attendedAt) : listed, recorded };
}

/** The observers who were there, by the same rule. */
export function observersThere<R extends CountedRecord>(records: readonly R[]): R[] {
	const recorded = attendanceRecorded(records);
	return records.filter((r) => isPerson(r) && r.role === 'observer' && (!recorded || !!r.attendedAt));
}

/** A person as the lead view has them (the facilitator's live state). */
export interface LivePerson {
	role: 'participant' | 'observer';
	/** Connected now. */
	present?: boolean;
	/** Without a device: the facilitator acts for them. */
	proxy: boolean;
	/** Attendance recorded. */
	attended?: boolean;
}

/**
 * Whether a person in the live view is there: connected now, or there earlier in this session
 * (a phone whose screen went off loses its connection; its owner is still in the room), or
 * without a device and marked present.
 */
export function isPresent(person: LivePerson): boolean {
	return !!person.present || !!person.attended;
}

/** "N van M aanwezig": participants on the list, how many of them are there (isPresent), and the observers apart. */
export function liveCounts(people: readonly LivePerson[]): { present: number; total: number; observers: number; observersPresent: number } {
	const listed = people.filter((p) => p.role === 'participant');
	const observers = people.filter((p) => p.role === 'observer');
	return {
		present: listed.filter(isPresent).length,
		total: listed.length,
		observers: observers.length,
		observersPresent: observers.filter(isPresent).length
	};
}
