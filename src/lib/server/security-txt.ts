/**
 * /.well-known/security.txt (RFC 9116): whom to tell about a security problem, for the
 * municipality's IT and for researchers. The contacts come from the configuration
 * (SECURITY_CONTACT); without them there is no file, rather than one that points nowhere.
 */

/** How long a served file stays valid: RFC 9116 advises less than a year. */
export const SECURITY_TXT_DAYS = 180;

export function securityTxt(contacts: readonly string[], origin: string, now = new Date()): string | null {
	if (contacts.length === 0) return null;
	const expires = new Date(now.getTime() + SECURITY_TXT_DAYS * 24 * 60 * 60 * 1000);
	expires.setUTCMilliseconds(0);
	return [
		...contacts.map((contact) => `Contact: ${contact}`),
		`Expires: ${expires.toISOString().replace('.000Z', 'Z')}`,
		'Preferred-Languages: nl, en',
		`Canonical: ${origin}/.well-known/security.txt`,
		''
	].join('\n');
}
