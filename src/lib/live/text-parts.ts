/**
 * A text cut into parts for paging: sentences and lines, and a part longer than `max`
 * characters at the spaces before that. Joined together the parts are the text again.
 */
export function textParts(text: string, max = 200): string[] {
	const parts: string[] = [];
	for (const sentence of text.split(/(?<=[.!?]\s+|\n)/)) {
		let rest = sentence;
		while (rest.length > max) {
			const space = rest.lastIndexOf(' ', max - 1);
			const at = space > 0 ? space + 1 : max;
			parts.push(rest.slice(0, at));
			rest = rest.slice(at);
		}
		if (rest) parts.push(rest);
	}
	return parts;
}
