/**
 * A small iCalendar (RFC 5545) writer for the one thing the app needs: a single event, such
 * as a dialogue session, attached to an invitation mail so that participants can put it in
 * their own agenda. Times are written in UTC so no time-zone definitions are needed, and
 * lines are folded by UTF-8 octets so Dutch text with accents stays valid.
 */

export interface IcsEventInput {
	/** Globally unique and stable: the same event sent again (e.g. moved) keeps its UID. */
	uid: string;
	start: Date;
	end: Date;
	summary: string;
	description: string;
	location?: string;
	url?: string;
	/** Shown as the organiser's name (CN); only written together with organizerEmail. */
	organizerName?: string;
	/** The organiser's address; ORGANIZER needs an address, so without it none is written. */
	organizerEmail?: string;
	/** When this calendar object was created (DTSTAMP). */
	stamp: Date;
	/** Revision of the event; raise it when an event already sent changes. */
	sequence?: number;
	/** Add a reminder one day before the start (with the place, when there is one). */
	remindDayBefore?: boolean;
	/**
	 * PUBLISH (the default) for an event to import; REQUEST for an invitation the agenda
	 * keeps and replaces when a later one with the same UID and a higher SEQUENCE arrives.
	 * RFC 5546 asks ORGANIZER and ATTENDEE of a REQUEST: pass organizerEmail and attendeeEmail.
	 * CANCEL removes an event sent earlier: the same UID, a higher SEQUENCE, STATUS:CANCELLED
	 * and no reminder.
	 */
	method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
	/** The invitee's address (ATTENDEE, no answer asked: RSVP=FALSE). */
	attendeeEmail?: string;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** A UTC date-time in the basic format, e.g. 20250314T090000Z. */
export function icsDateTime(date: Date): string {
	if (Number.isNaN(date.getTime())) throw new RangeError('icsDateTime: invalid date');
	return date
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/[-:]/g, '');
}

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks; drops other control characters. */
export function icsText(value: string): string {
	return value
		.replace(/\r\n|\r|\n/g, '\n')
		.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
		.replace(/[\\;,]/g, (char) => `\\${char}`)
		.replace(/\n/g, '\\n');
}

/** A parameter value (e.g. CN): quoted, as double quotes and control characters may not occur in it. */
function icsParam(value: string): string {
	return `"${value.replace(/[\u0000-\u0008\u000a-\u001f\u007f"]/g, '')}"`;
}

/** A URI value: not escaped as TEXT, only control characters removed. */
function icsUri(value: string): string {
	return value.replace(/[\u0000-\u001f\u007f]/g, '');
}

/**
 * Folds one content line so that no line is longer than 75 octets of UTF-8; continuation
 * lines start with a space. A multi-byte character is never split.
 */
export function foldLine(line: string): string {
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	let limit = MAX_OCTETS;
	for (const char of line) {
		const size = Buffer.byteLength(char, 'utf8');
		if (octets + size > limit) {
			parts.push(current);
			current = '';
			octets = 0;
			// The leading space of a continuation line counts towards its 75 octets.
			limit = MAX_OCTETS - 1;
		}
		current += char;
		octets += size;
	}
	parts.push(current);
	return parts.join(`${CRLF} `);
}

/** A VCALENDAR with its METHOD (PUBLISH unless asked) and one VEVENT, with CRLF line endings. */
export function icsEvent(event: IcsEventInput): string {
	if (!(event.end.getTime() >= event.start.getTime())) {
		throw new RangeError('icsEvent: the end lies before the start');
	}
	const lines: string[] = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Kwaliteitsdialoog//Kwaliteitsdialoog//NL',
		'CALSCALE:GREGORIAN',
		`METHOD:${event.method ?? 'PUBLISH'}`,
		'BEGIN:VEVENT',
		`UID:${icsText(event.uid)}`,
		`DTSTAMP:${icsDateTime(event.stamp)}`,
		`DTSTART:${icsDateTime(event.start)}`,
		`DTEND:${icsDateTime(event.end)}`
	];
	if (event.sequence !== undefined) lines.push(`SEQUENCE:${Math.max(0, Math.floor(event.sequence))}`);
	lines.push(`SUMMARY:${icsText(event.summary)}`, `DESCRIPTION:${icsText(event.description)}`);
	if (event.location) lines.push(`LOCATION:${icsText(event.location)}`);
	if (event.url) lines.push(`URL:${icsUri(event.url)}`);
	if (event.organizerEmail) {
		const name = event.organizerName ? `;CN=${icsParam(event.organizerName)}` : '';
		lines.push(`ORGANIZER${name}:mailto:${icsUri(event.organizerEmail)}`);
	}
	if (event.attendeeEmail) {
		lines.push(`ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${icsUri(event.attendeeEmail)}`);
	}
	const cancelled = event.method === 'CANCEL';
	lines.push(cancelled ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED', 'TRANSP:OPAQUE');
	if (event.remindDayBefore && !cancelled) {
		// The reminder says where, too: it is what people read the day before.
		const reminder = event.location ? `${event.summary} – ${event.location}` : event.summary;
		lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${icsText(reminder)}`, 'TRIGGER:-P1D', 'END:VALARM');
	}
	lines.push('END:VEVENT', 'END:VCALENDAR');
	return lines.map(foldLine).join(CRLF) + CRLF;
}
