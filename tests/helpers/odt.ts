/**
 * Reads an .odt back for tests: the zip's entries in order (with how the first one is stored),
 * the parts as text, and content.xml parsed with sax into its headings, paragraphs, lists and
 * tables, so a test checks what a reader of the document gets, not the XML's spelling.
 */
import JSZip from 'jszip';
import sax from 'sax';

export interface OdtFirstEntry {
	name: string;
	/** 0: stored (no compression). */
	method: number;
	extraLength: number;
	data: string;
}

/** The first local file header of the zip, read from the bytes (ODF: mimetype, stored, no extra field). */
export function firstEntry(file: Buffer): OdtFirstEntry {
	if (file.readUInt32LE(0) !== 0x04034b50) throw new Error('not a zip file');
	const method = file.readUInt16LE(8);
	const size = file.readUInt32LE(18);
	const nameLength = file.readUInt16LE(26);
	const extraLength = file.readUInt16LE(28);
	const name = file.subarray(30, 30 + nameLength).toString('utf8');
	const start = 30 + nameLength + extraLength;
	return { name, method, extraLength, data: file.subarray(start, start + size).toString('latin1') };
}

export interface OdtParts {
	names: string[];
	manifest: string;
	meta: string;
	styles: string;
	content: string;
}

export async function odtParts(file: Buffer): Promise<OdtParts> {
	const zip = await JSZip.loadAsync(file);
	const read = async (path: string) => {
		const part = await zip.file(path)?.async('string');
		if (part === undefined) throw new Error(`ODT misses ${path}`);
		return part;
	};
	return {
		names: Object.keys(zip.files),
		manifest: await read('META-INF/manifest.xml'),
		meta: await read('meta.xml'),
		styles: await read('styles.xml'),
		content: await read('content.xml')
	};
}

export interface OdtElement {
	name: string;
	attributes: Record<string, string>;
	text: string;
}

/**
 * Parses XML strictly (throws on anything malformed) and returns every element with its text,
 * in document order. Line breaks, tabs and text:s spaces count as text, the way a reader sees it.
 */
export function parseXml(xml: string): OdtElement[] {
	const parser = sax.parser(true);
	const elements: OdtElement[] = [];
	const open: OdtElement[] = [];
	const append = (text: string) => {
		for (const element of open) element.text += text;
	};
	parser.onerror = (error) => {
		throw error;
	};
	parser.onopentag = (tag) => {
		if (tag.name === 'text:line-break') append('\n');
		else if (tag.name === 'text:tab') append('\t');
		else if (tag.name === 'text:s') append(' '.repeat(Number(tag.attributes['text:c'] ?? '1')));
		const element = { name: tag.name, attributes: tag.attributes, text: '' };
		elements.push(element);
		open.push(element);
	};
	parser.onclosetag = () => {
		open.pop();
	};
	parser.ontext = (text) => append(text);
	parser.write(xml).close();
	return elements;
}
