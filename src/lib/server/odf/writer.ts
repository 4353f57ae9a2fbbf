/**
 * A small writer for OpenDocument Text (.odt, ODF 1.3), the open standard for editable documents
 * that the Dutch government asks for next to Word (Forum Standaardisatie, "pas toe of leg uit").
 *
 * It knows only what the app's documents use: headings with outline levels, paragraphs (bold or
 * italic, line breaks kept), bullet and numbered lists, and tables whose header row repeats on
 * each page. The caller hands in plain blocks; this module does the XML (every text is escaped
 * here, so untrusted input cannot add markup) and the package:
 *
 * - `mimetype` is the first entry of the zip, stored without compression and without an extra
 *   field, as ODF 1.3 part 2 (packages) §3.3 requires, so tools can recognise the file by its
 *   first bytes;
 * - `META-INF/manifest.xml` lists every part with its media type;
 * - `meta.xml` holds the title, the subject and the language; `styles.xml` the styles (with the
 *   language as the default, so spelling checks use Dutch); `content.xml` the text.
 *
 * LibreOffice, Word and the municipality's own ODF tools open the result.
 */
import { zipSync, strToU8 } from 'fflate';
import { escapeXml } from '../xml';

export const ODT_MEDIA_TYPE = 'application/vnd.oasis.opendocument.text';

export type OdtBlock =
	| { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
	| { kind: 'paragraph'; text: string; bold?: boolean; italic?: boolean }
	| { kind: 'list'; items: OdtListItem[]; numbered?: boolean; /** A numbered list's first number (default 1). */ start?: number }
	| { kind: 'table'; head: string[]; rows: string[][]; widths?: number[] };

/** A list item: plain text, or text followed by a part in italics (e.g. a criterion's status). */
export type OdtListItem = string | { text: string; italic: string };

export interface OdtDocument {
	title: string;
	subject?: string;
	/** A BCP 47 language tag, e.g. "nl-NL" (the default). */
	lang?: string;
	blocks: OdtBlock[];
	/** For tests: the creation date in meta.xml; now by default. */
	created?: Date;
}

const OFFICE_VERSION = '1.3';

/**
 * Text as ODF inline content: XML-escaped, line breaks as text:line-break, tabs as text:tab and
 * runs of spaces as text:s (ODF collapses white space otherwise).
 */
export function odfText(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((line) =>
			line
				.split('\t')
				.map((part) => escapeXml(part).replace(/ {2,}/g, (spaces) => ` <text:s text:c="${spaces.length - 1}"/>`))
				.join('<text:tab/>')
		)
		.join('<text:line-break/>');
}

function languageParts(lang: string): { language: string; country: string | null } {
	const [language = 'nl', country] = lang.split('-');
	return { language: language.toLowerCase(), country: country ? country.toUpperCase() : null };
}

// ---------------------------------------------------------------------------------------------
// content.xml

const NS = [
	'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
	'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
	'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
	'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
	'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
	'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
	'xmlns:dc="http://purl.org/dc/elements/1.1/"',
	'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
].join(' ');

function listItem(item: OdtListItem, start?: number): string {
	const inner =
		typeof item === 'string'
			? odfText(item)
			: `${odfText(item.text)} <text:span text:style-name="Emphasis">${odfText(item.italic)}</text:span>`;
	const from = start !== undefined && start !== 1 ? ` text:start-value="${Math.trunc(start)}"` : '';
	return `<text:list-item${from}><text:p text:style-name="List_20_Paragraph">${inner}</text:p></text:list-item>`;
}

function cell(text: string, header: boolean): string {
	const style = header ? 'TableHeaderCell' : 'TableCell';
	const paragraph = header ? 'Table_20_Heading' : 'Table_20_Contents';
	return `<table:table-cell table:style-name="${style}" office:value-type="string"><text:p text:style-name="${paragraph}">${odfText(text)}</text:p></table:table-cell>`;
}

function row(cells: string[], columns: number, header: boolean): string {
	const filled = Array.from({ length: columns }, (_, index) => cells[index] ?? '');
	return `<table:table-row>${filled.map((text) => cell(text, header)).join('')}</table:table-row>`;
}

interface Counters {
	tables: number;
}

function tableStyles(block: Extract<OdtBlock, { kind: 'table' }>, name: string): string {
	const columns = block.head.length;
	const shares = block.widths && block.widths.length === columns ? block.widths : block.head.map(() => 1);
	const total = shares.reduce((sum, share) => sum + share, 0) || 1;
	const columnStyles = shares
		.map(
			(share, index) =>
				`<style:style style:name="${name}.C${index + 1}" style:family="table-column"><style:table-column-properties style:rel-column-width="${Math.max(1, Math.round((share / total) * 65535))}*"/></style:style>`
		)
		.join('');
	return `<style:style style:name="${name}" style:family="table"><style:table-properties style:width="16cm" table:align="left" fo:margin-bottom="0.25cm"/></style:style>${columnStyles}`;
}

function blockXml(block: OdtBlock, counters: Counters, automatic: string[]): string {
	switch (block.kind) {
		case 'heading':
			return `<text:h text:style-name="Heading_20_${block.level}" text:outline-level="${block.level}">${odfText(block.text)}</text:h>`;
		case 'paragraph': {
			const style = block.bold ? 'Strong_20_Paragraph' : block.italic ? 'Emphasis_20_Paragraph' : 'Text_20_body';
			return `<text:p text:style-name="${style}">${odfText(block.text)}</text:p>`;
		}
		case 'list': {
			const style = block.numbered ? 'Numbering_20_123' : 'List_20_Bullet';
			// Each numbered list starts at 1 on its own (ODF does not continue numbering by default), or at `start`.
			const items = block.items.map((item, i) => listItem(item, i === 0 && block.numbered ? block.start : undefined));
			return `<text:list text:style-name="${style}">${items.join('')}</text:list>`;
		}
		case 'table': {
			counters.tables++;
			const name = `Table${counters.tables}`;
			automatic.push(tableStyles(block, name));
			const columns = block.head.length;
			const columnXml = Array.from(
				{ length: columns },
				(_, index) => `<table:table-column table:style-name="${name}.C${index + 1}"/>`
			).join('');
			return (
				`<table:table table:name="${name}" table:style-name="${name}">${columnXml}` +
				`<table:table-header-rows>${row(block.head, columns, true)}</table:table-header-rows>` +
				`${block.rows.map((cells) => row(cells, columns, false)).join('')}</table:table>`
			);
		}
	}
}

function contentXml(document: OdtDocument): string {
	const automatic: string[] = [];
	const counters: Counters = { tables: 0 };
	const body = document.blocks.map((block) => blockXml(block, counters, automatic)).join('\n');
	return (
		`<?xml version="1.0" encoding="UTF-8"?>\n` +
		`<office:document-content ${NS} office:version="${OFFICE_VERSION}">` +
		`<office:automatic-styles>${automatic.join('')}</office:automatic-styles>` +
		`<office:body><office:text>\n${body}\n</office:text></office:body></office:document-content>\n`
	);
}

// ---------------------------------------------------------------------------------------------
// styles.xml

function paragraphStyle(name: string, display: string, props: string, text: string, extra = ''): string {
	return `<style:style style:name="${name}" style:display-name="${display}" style:family="paragraph" style:parent-style-name="Standard"${extra}><style:paragraph-properties ${props}/><style:text-properties ${text}/></style:style>`;
}

function headingStyle(level: number, size: string, before: string): string {
	return `<style:style style:name="Heading_20_${level}" style:display-name="Heading ${level}" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:default-outline-level="${level}" style:class="text"><style:paragraph-properties fo:margin-top="${before}" fo:margin-bottom="0.21cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="${size}" fo:font-weight="bold" style:font-weight-complex="bold"/></style:style>`;
}

function listLevel(numbered: boolean): string {
	const position = `<style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="1.27cm" fo:text-indent="-0.635cm" fo:margin-left="1.27cm"/></style:list-level-properties>`;
	return numbered
		? `<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1">${position}</text:list-level-style-number>`
		: `<text:list-level-style-bullet text:level="1" text:bullet-char="•">${position}</text:list-level-style-bullet>`;
}

function stylesXml(lang: string): string {
	const { language, country } = languageParts(lang);
	const locale = `fo:language="${escapeXml(language)}"${country ? ` fo:country="${escapeXml(country)}"` : ''}`;
	const font = 'style:font-name="Liberation Sans"';
	return (
		`<?xml version="1.0" encoding="UTF-8"?>\n` +
		`<office:document-styles ${NS} office:version="${OFFICE_VERSION}">` +
		`<office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans', Arial, Helvetica" style:font-family-generic="swiss" style:font-pitch="variable"/></office:font-face-decls>` +
		`<office:styles>` +
		`<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.21cm" fo:line-height="115%"/><style:text-properties ${font} fo:font-size="11pt" ${locale}/></style:default-style>` +
		`<style:style style:name="Standard" style:family="paragraph" style:class="text"><style:text-properties ${font} fo:font-size="11pt" ${locale}/></style:style>` +
		paragraphStyle('Text_20_body', 'Text body', 'fo:margin-bottom="0.21cm"', '') +
		paragraphStyle('Strong_20_Paragraph', 'Strong paragraph', 'fo:margin-bottom="0.21cm"', 'fo:font-weight="bold"') +
		paragraphStyle('Emphasis_20_Paragraph', 'Emphasis paragraph', 'fo:margin-bottom="0.21cm"', 'fo:font-style="italic"') +
		paragraphStyle('List_20_Paragraph', 'List paragraph', 'fo:margin-bottom="0.1cm"', '') +
		paragraphStyle('Table_20_Contents', 'Table Contents', 'fo:margin-bottom="0cm"', '') +
		paragraphStyle('Table_20_Heading', 'Table Heading', 'fo:margin-bottom="0cm"', 'fo:font-weight="bold"') +
		headingStyle(1, '18pt', '0cm') +
		headingStyle(2, '14pt', '0.64cm') +
		headingStyle(3, '12pt', '0.42cm') +
		headingStyle(4, '11pt', '0.32cm') +
		`<style:style style:name="Emphasis" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>` +
		`<style:style style:name="TableHeaderCell" style:family="table-cell"><style:table-cell-properties fo:background-color="#e7e6e6" fo:padding="0.1cm" fo:border="0.5pt solid #808080"/></style:style>` +
		`<style:style style:name="TableCell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #808080"/></style:style>` +
		`<text:list-style style:name="List_20_Bullet" style:display-name="List Bullet">${listLevel(false)}</text:list-style>` +
		`<text:list-style style:name="Numbering_20_123" style:display-name="Numbering 123">${listLevel(true)}</text:list-style>` +
		`<text:outline-style style:name="Outline">${[1, 2, 3, 4].map((level) => `<text:outline-level-style text:level="${level}" style:num-format=""/>`).join('')}</text:outline-style>` +
		`</office:styles>` +
		`<office:automatic-styles>` +
		`<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>` +
		`<style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="10pt"/></style:style>` +
		`</office:automatic-styles>` +
		`<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"><style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current"/> / <text:page-count/></text:p></style:footer></style:master-page></office:master-styles>` +
		`</office:document-styles>\n`
	);
}

// ---------------------------------------------------------------------------------------------
// meta.xml and the manifest

function metaXml(document: OdtDocument, lang: string): string {
	const created = (document.created ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
	return (
		`<?xml version="1.0" encoding="UTF-8"?>\n` +
		`<office:document-meta ${NS} office:version="${OFFICE_VERSION}"><office:meta>` +
		`<meta:generator>Kwaliteitsdialoog</meta:generator>` +
		`<dc:title>${escapeXml(document.title)}</dc:title>` +
		(document.subject ? `<dc:subject>${escapeXml(document.subject)}</dc:subject>` : '') +
		`<dc:language>${escapeXml(lang)}</dc:language>` +
		`<meta:creation-date>${created}</meta:creation-date>` +
		`</office:meta></office:document-meta>\n`
	);
}

const PARTS = ['content.xml', 'styles.xml', 'meta.xml'] as const;

function manifestXml(): string {
	const entries = PARTS.map((part) => `<manifest:file-entry manifest:full-path="${part}" manifest:media-type="text/xml"/>`).join('');
	return (
		`<?xml version="1.0" encoding="UTF-8"?>\n` +
		`<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="${OFFICE_VERSION}">` +
		`<manifest:file-entry manifest:full-path="/" manifest:version="${OFFICE_VERSION}" manifest:media-type="${ODT_MEDIA_TYPE}"/>` +
		`${entries}</manifest:manifest>\n`
	);
}

/** Builds the .odt package. */
export function renderOdt(document: OdtDocument): Buffer {
	const lang = document.lang ?? 'nl-NL';
	const mtime = document.created ?? new Date();
	const zip = zipSync(
		{
			// First and stored: the key order is the entry order.
			mimetype: [strToU8(ODT_MEDIA_TYPE), { level: 0 }],
			'content.xml': strToU8(contentXml(document)),
			'styles.xml': strToU8(stylesXml(lang)),
			'meta.xml': strToU8(metaXml(document, lang)),
			'META-INF/manifest.xml': strToU8(manifestXml())
		},
		{ level: 6, mtime }
	);
	return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}
