/**
 * Where a dialogue session is held: an address and room, notes on accessibility, and/or an
 * https link for taking part online. Not personal data. One way to write it, shared by the
 * invitation, the letter, the calendar item and the pages. Browser-safe.
 */

export interface SessionLocation {
	locationAddress: string | null;
	locationNotes: string | null;
	locationUrl: string | null;
}

export const LOCATION_ADDRESS_MAX = 300;
export const LOCATION_NOTES_MAX = 500;
export const LOCATION_URL_MAX = 500;

/**
 * Whether `value` is a link people can open safely: https, a host name with a dot (or
 * localhost is refused too: nobody else can reach it), no user name or password in it.
 */
export function isOnlineLink(value: string): boolean {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return false;
	}
	return (
		url.protocol === 'https:' &&
		url.username === '' &&
		url.password === '' &&
		/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname) &&
		!/\s/.test(value)
	);
}

/** Whether anything of the place is known. */
export function hasLocation(location: SessionLocation): boolean {
	return !!(location.locationAddress || location.locationUrl);
}

/** The address on one line: its lines joined with commas (for a calendar item, a table cell). */
export function addressOnOneLine(address: string): string {
	return address
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean)
		.join(', ');
}

/**
 * The calendar item's LOCATION: the address on one line, or the online link when the
 * session is online only; null when the place is not known yet.
 */
export function calendarLocation(location: SessionLocation): string | null {
	if (location.locationAddress) return addressOnOneLine(location.locationAddress);
	return location.locationUrl ?? null;
}
