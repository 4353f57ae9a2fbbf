/**
 * Reads the accessibility structure back out of a PDF that pdfkit wrote (PDF/UA checks in
 * tests, without a PDF library): the objects, the catalog, the structure tree with each
 * element's type, alternative text and marked content, and whether anything is painted outside
 * marked content (untagged content, which PDF/UA forbids: content is either tagged or an
 * artifact). pdfkit writes dictionaries uncompressed, one object per `N 0 obj … endobj`.
 */
import { parseXml } from './odt';
import { pdfStreams } from './pdf-text';

export type PdfObjects = Map<string, string>;

export function pdfObjects(pdf: Buffer): PdfObjects {
	const text = pdf.toString('latin1');
	return new Map([...text.matchAll(/(?:^|\n)(\d+) 0 obj\n([\s\S]*?)\nendobj/g)].map((match) => [match[1]!, match[2]!]));
}

/** The object a key of a dictionary refers to (`/Key N 0 R`), or '' when there is none. */
export function referenced(objects: PdfObjects, dictionary: string, key: string): string {
	const id = new RegExp(`/${key} (\\d+) 0 R`).exec(dictionary)?.[1];
	return id ? (objects.get(id) ?? '') : '';
}

export function catalog(objects: PdfObjects): string {
	for (const body of objects.values()) if (/\/Type \/Catalog\b/.test(body)) return body;
	throw new Error('PDF without a catalog');
}

/** The XMP metadata packet the catalog points to (pdfkit writes it uncompressed). */
export function xmpMetadata(objects: PdfObjects): string {
	const stream = referenced(objects, catalog(objects), 'Metadata');
	// The objects are read as Latin-1 (one character per byte); XMP is UTF-8.
	return Buffer.from(/stream\n([\s\S]*?)\nendstream/.exec(stream)?.[1] ?? '', 'latin1').toString('utf8');
}

/** Decodes a PDF literal string's body (escapes; UTF-16BE with a byte order mark, or PDFDocEncoding as Latin-1). */
export function decodePdfString(raw: string): string {
	const bytes: number[] = [];
	for (let index = 0; index < raw.length; index++) {
		const char = raw[index]!;
		if (char !== '\\') {
			bytes.push(char.charCodeAt(0));
			continue;
		}
		const next = raw[++index] ?? '';
		const octal = /^[0-7]{1,3}/.exec(raw.slice(index))?.[0];
		if (octal) {
			bytes.push(parseInt(octal, 8));
			index += octal.length - 1;
		} else bytes.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[next] ?? next.charCodeAt(0));
	}
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.slice(2)).swap16().toString('utf16le');
	return Buffer.from(bytes).toString('latin1');
}

/** The literal string after `/Key (`, up to its balanced closing parenthesis; null when absent. */
function stringValue(dictionary: string, key: string): { value: string; rest: string } | null {
	const start = dictionary.indexOf(`/${key} (`);
	if (start < 0) return null;
	let depth = 0;
	let index = start + key.length + 2;
	for (; index < dictionary.length; index++) {
		const char = dictionary[index];
		if (char === '\\') index++;
		else if (char === '(') depth++;
		else if (char === ')' && --depth === 0) break;
	}
	const raw = dictionary.slice(start + key.length + 3, index);
	return { value: decodePdfString(raw), rest: dictionary.slice(0, start) + dictionary.slice(index + 1) };
}

export interface StructNode {
	type: string;
	alt: string | null;
	children: StructNode[];
	/** The marked content of this element itself, in order: page object id and MCID. */
	marks: { page: string; mcid: number }[];
}

function structNode(objects: PdfObjects, id: string, seen: Set<string>): StructNode {
	if (seen.has(id)) throw new Error(`structure element ${id} appears twice in the tree`);
	seen.add(id);
	const body = objects.get(id) ?? '';
	const alt = stringValue(body, 'Alt');
	const dictionary = alt ? alt.rest : body;
	const type = /\/S \/(\w+)/.exec(dictionary)?.[1] ?? '';
	const page = /\/Pg (\d+) 0 R/.exec(dictionary.replace(/<<[^<>]*\/MCR[^<>]*>>/g, ''))?.[1] ?? '';
	const kids = /\/K \[([^\]]*)\]/.exec(dictionary)?.[1] ?? '';
	const node: StructNode = { type, alt: alt?.value ?? null, children: [], marks: [] };
	for (const kid of kids.matchAll(/<<[^>]*\/Pg (\d+) 0 R[^>]*\/MCID (\d+)[^>]*>>|(\d+) 0 R|(\d+)/g)) {
		if (kid[1]) node.marks.push({ page: kid[1], mcid: Number(kid[2]) });
		else if (kid[3]) node.children.push(structNode(objects, kid[3], seen));
		else node.marks.push({ page, mcid: Number(kid[4]) });
	}
	return node;
}

/** The structure tree below StructTreeRoot: its top elements. */
export function structureTree(objects: PdfObjects): StructNode[] {
	const root = referenced(objects, catalog(objects), 'StructTreeRoot');
	const kids = /\/K \[([^\]]*)\]/.exec(root)?.[1] ?? '';
	const seen = new Set<string>();
	return [...kids.matchAll(/(\d+) 0 R/g)].map((match) => structNode(objects, match[1]!, seen));
}

/** Every element of the tree, depth first (the reading order). */
export function flatten(nodes: StructNode[]): StructNode[] {
	return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

/** The pages' object ids in page order. */
export function pageOrder(objects: PdfObjects): string[] {
	const pages = referenced(objects, catalog(objects), 'Pages');
	return [...(/\/Kids \[([^\]]*)\]/.exec(pages)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((match) => match[1]!);
}

/**
 * True when reading the tree depth first visits the marked content in the order it is drawn:
 * page after page, and on each page the MCIDs (numbered in drawing order) rising.
 */
export function readingOrderIsDrawingOrder(objects: PdfObjects): boolean {
	const order = pageOrder(objects);
	const marks = flatten(structureTree(objects)).flatMap((node) => node.marks);
	return marks.every((mark, index) => {
		const previous = marks[index - 1];
		if (!previous) return true;
		const [from, to] = [order.indexOf(previous.page), order.indexOf(mark.page)];
		return to > from || (to === from && mark.mcid > previous.mcid);
	});
}

const PAINTING = /^(?:S|s|f|F|f\*|B|B\*|b|b\*|sh)$|(?:^| )(?:Tj|TJ|'|"|Do)$/;

/** Painting operators (text, strokes, fills, images) outside any marked content, per content stream. */
export function untaggedPainting(pdf: Buffer): string[] {
	const found: string[] = [];
	for (const stream of pdfStreams(pdf)) {
		let depth = 0;
		for (const line of stream.toString('latin1').split('\n')) {
			const op = line.trim();
			if (/(?:^| )(?:BDC|BMC)$/.test(op)) depth++;
			else if (op === 'EMC') depth--;
			else if (depth === 0 && PAINTING.test(op)) found.push(op);
		}
	}
	return found;
}

/**
 * What PDF/UA-1 asks of every document, checked on the file: marked and tagged, the language,
 * the title in the Info dictionary, in the XMP packet and shown as the window title, the PDF/UA
 * identifier, nothing painted outside tags or artifacts, the reading order the drawing order,
 * every figure with alternative text, headings that do not skip a level, and every font
 * embedded (no standard-14 font referenced by name) with a ToUnicode map.
 * Returns the structure tree's elements in reading order for further checks.
 */
export function checkPdfUa(pdf: Buffer, expected: { title: string; lang: string }): StructNode[] {
	const raw = pdf.toString('latin1');
	const objects = pdfObjects(pdf);
	const root = catalog(objects);
	const problems: string[] = [];
	const check = (ok: boolean, problem: string) => {
		if (!ok) problems.push(problem);
	};
	check(raw.startsWith('%PDF-1.7'), 'not PDF 1.7');
	check(/\/Marked true/.test(referenced(objects, root, 'MarkInfo')), 'no /MarkInfo <</Marked true>>');
	check(root.includes(`/Lang (${expected.lang})`), `no /Lang (${expected.lang}) in the catalog`);
	check(root.includes('/StructTreeRoot '), 'no /StructTreeRoot');
	check(/\/DisplayDocTitle true/.test(referenced(objects, root, 'ViewerPreferences')), 'no /DisplayDocTitle true');
	const info = /\/Info (\d+) 0 R/.exec(raw)?.[1];
	const titleObject = referenced(objects, objects.get(info ?? '') ?? '', 'Title');
	check(decodePdfString(/^\((.*)\)$/s.exec(titleObject)?.[1] ?? '') === expected.title, `Info /Title is not "${expected.title}"`);
	const xmp = xmpMetadata(objects);
	check(/<pdfuaid:part>1<\/pdfuaid:part>/.test(xmp), 'no pdfuaid:part 1 in the XMP metadata');
	try {
		parseXml(xmp.trim());
	} catch (error) {
		problems.push(`the XMP metadata is not well-formed XML: ${String(error)}`);
	}
	const escaped = expected.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
	check(xmp.includes(`<rdf:li xml:lang="x-default">${escaped}</rdf:li>`), 'no (escaped) dc:title in the XMP metadata');
	const untagged = untaggedPainting(pdf);
	check(untagged.length === 0, `painted outside tags and artifacts: ${untagged.slice(0, 5).join(', ')}`);
	check(readingOrderIsDrawingOrder(objects), 'the structure order is not the drawing order');
	problems.push(...fontProblems(objects));
	check(pdfFonts(objects).length > 0, 'no fonts at all');
	const tree = structureTree(objects);
	check(tree.length === 1 && tree[0]!.type === 'Document', 'the tree has no single Document root');
	const elements = flatten(tree);
	for (const figure of elements.filter((node) => node.type === 'Figure')) check(!!figure.alt?.trim(), 'a Figure without /Alt');
	let level = 0;
	for (const node of elements.filter((element) => /^H\d$/.test(element.type))) {
		const next = Number(node.type.slice(1));
		check(next <= level + 1, `heading ${node.type} after H${level}`);
		level = next;
	}
	if (problems.length) throw new Error(`not PDF/UA:\n- ${problems.join('\n- ')}`);
	return elements;
}

/** A font of the file as a PDF reader sees it: its name and where its glyphs come from. */
export interface PdfFont {
	/** The object number of the font dictionary. */
	id: string;
	/** BaseFont, e.g. "BZZZZZ+LiberationSans" (a subset) or "Helvetica". */
	name: string;
	subtype: string;
	/** The font program is in the file (FontFile, FontFile2 or FontFile3 in its descriptor). */
	embedded: boolean;
	/** It has a ToUnicode map (or is a simple font whose encoding is enough). */
	toUnicode: boolean;
}

const STANDARD_14 = /^(?:Courier|Helvetica|Times|Symbol|ZapfDingbats)/;

/**
 * Every font dictionary in the file that text is shown in (Type0 fonts with their descendant
 * CIDFont, and simple fonts), with whether its font program is embedded. PDF/UA-1 (7.21.4.1)
 * asks for every font to be embedded, the standard 14 included.
 */
export function pdfFonts(objects: PdfObjects): PdfFont[] {
	const fonts: PdfFont[] = [];
	const descendants = new Set<string>();
	for (const body of objects.values()) {
		for (const match of (/\/DescendantFonts \[([^\]]*)\]/.exec(body)?.[1] ?? '').matchAll(/(\d+) 0 R/g)) descendants.add(match[1]!);
	}
	for (const [id, body] of objects) {
		if (!/\/Type \/Font\b/.test(body) || descendants.has(id)) continue;
		const subtype = /\/Subtype \/(\w+)/.exec(body)?.[1] ?? '';
		const name = /\/BaseFont \/([^\s/<>[\]]+)/.exec(body)?.[1] ?? '';
		const glyphSource =
			subtype === 'Type0'
				? referenced(objects, body.replace(/\/DescendantFonts \[(\d+) 0 R\]/, '/DescendantFonts $1 0 R'), 'DescendantFonts')
				: body;
		const descriptor = referenced(objects, glyphSource, 'FontDescriptor');
		fonts.push({
			id,
			name,
			subtype,
			embedded: /\/FontFile[23]? \d+ 0 R/.test(descriptor),
			toUnicode: subtype === 'Type0' ? /\/ToUnicode \d+ 0 R/.test(body) : true
		});
	}
	return fonts;
}

/** Problems with the fonts: any not embedded (a standard-14 font above all), a Type0 font without ToUnicode. */
export function fontProblems(objects: PdfObjects): string[] {
	const problems: string[] = [];
	for (const font of pdfFonts(objects)) {
		if (!font.embedded)
			problems.push(`font ${font.name || font.id} is not embedded${STANDARD_14.test(font.name) ? ' (a standard-14 font)' : ''}`);
		if (!font.toUnicode) problems.push(`font ${font.name || font.id} has no ToUnicode map`);
	}
	return problems;
}
