/**
 * Escaping for every XML and HTML the server writes itself (SVG charts, ODF, the PDF's XMP packet,
 * the readable privacy overview): one place, so a fix reaches all of them.
 */

/** Characters that XML 1.0 does not allow at all (control characters, lone surrogates, U+FFFE/FFFF). */
const XML_INVALID =
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops the characters that may not appear in XML at all; for libraries that escape the rest. */
export function xmlChars(text: string): string {
	return text.replace(XML_INVALID, '');
}

/** Makes any text safe as XML (or HTML) character data or as a quoted attribute value. */
export function escapeXml(text: string): string {
	return xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
