import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { bodyBlocks, keywordChartSvg, voteChartAlt, voteChartSvg, voteChartTable } from '../../src/lib/server/reports/charts';
import { escapeXml } from '../../src/lib/server/xml';
import { renderReportDocx } from '../../src/lib/server/reports/export-docx';
import { renderReportOdt } from '../../src/lib/server/reports/export-odt';
import { renderReportPdf } from '../../src/lib/server/reports/export-pdf';
import { ODT_MEDIA_TYPE } from '../../src/lib/server/odf/writer';
import PDFDocument from 'pdfkit';
import { collect, findFontsDir, toWinAnsi } from '../../src/lib/server/pdf/layout';
import type { ReportView } from '../../src/lib/server/reports/types';
import { contentView } from '../../src/lib/server/reports/view';
import { firstEntry, odtParts, parseXml } from '../helpers/odt';
import { checkPdfUa, fontProblems, pdfFonts, pdfObjects } from '../helpers/pdf-structure';
import { contentStreamText, extractPdfText, extractPdfTextFlat, parseToUnicode, pdfFontDecoders, pdfStreams } from '../helpers/pdf-text';

const UNTRUSTED = '<script>alert(1)</script> & co';

function reportView(): ReportView {
	return {
		content: {
			title: 'Verslag kwaliteitsdialoog Wmo Zuidveen',
			sections: [
				{
					key: 'intro',
					heading: 'Inleiding',
					body: 'Op dinsdag spraken cliënten, mantelzorgers en de gemeente over de kwaliteit van de Wmo.\n\nWe bespraken ideeën voor de toekomst.'
				},
				{ key: 'vote', heading: 'Keuze van de thema’s', body: 'Iedereen plakte drie stickers.' },
				{
					key: 'theme-regie',
					heading: 'Thema: Regie over eigen leven',
					body: 'Wat we hoorden:\n- Zelf beslissen is belangrijk\n- Het café in de wijk helpt',
					criteria: [
						{
							key: 'regie-1',
							text: 'De cliënt beslist zelf over de ondersteuning',
							status: 'agreed',
							addressees: ['municipality', 'provider']
						},
						{ key: 'regie-2', text: 'De consulent belt binnen één week terug', status: 'provisional' }
					]
				},
				{ key: 'agreements', heading: 'Afspraken', body: '- De gemeente stuurt het verslag rond' },
				{ key: 'next', heading: 'Vervolg', body: 'Over een jaar kijken we samen terug.' }
			]
		},
		figures: {
			vote: {
				perspectives: ['Cliënten', 'Mantelzorgers'],
				themes: [
					{ name: 'Regie over eigen leven', chosen: true, counts: [7, 4], total: 11 },
					{ name: 'Bereikbaarheid', chosen: false, counts: [2, 3], total: 5 }
				]
			},
			keywords: [
				{
					theme: 'Regie over eigen leven',
					perspectives: ['Cliënten', 'Mantelzorgers'],
					counts: [6, 9],
					words: ['zelfstandig', UNTRUSTED, 'keuzevrijheid']
				}
			]
		},
		meta: {
			sessionTitle: 'Kwaliteitsdialoog voorjaar',
			sessionDate: 'dinsdag 3 maart 2026, 14:00',
			versionLabel: 'Concept, versie 1',
			commentNote: 'Reacties graag vóór 17 maart 2026',
			closedEarly: null,
			facilitator: 'Gespreksleider: Anna de Vries',
			facilitatorName: 'Anna de Vries'
		},
		responses: [
			{
				target: 'Criterium: De consulent belt binnen één week terug',
				comment: 'Liever binnen drie werkdagen',
				perspective: 'Mantelzorger',
				phone: false,
				decision: 'not_adopted',
				decisionLabel: 'Niet overgenomen',
				reason: 'Dat haalt het team nu niet; we bespreken het bij de evaluatie'
			}
		],
		labels: {
			reportFor: 'Verslag van het gesprek “Kwaliteitsdialoog voorjaar”',
			figuresHeading: 'Beeldverslag',
			voteFigureTitle: 'Stickers per thema',
			voteFigureAlt: 'Staafdiagram van het aantal stickers per thema, verdeeld over de groepen',
			keywordsFigureTitle: 'Trefwoorden per achtergrond',
			criteriaHeading: 'Kwaliteitscriteria',
			agreedLabel: 'Afgesproken',
			provisionalLabel: 'Voorlopig',
			addresseesLabel: 'Gericht aan',
			addresseeNames: { municipality: 'Gemeente', provider: 'Aanbieder', other: 'Anders' },
			addresseesUnknown: 'niet vastgelegd',
			responsesHeading: 'Reactienota',
			responsesEmpty: 'Er zijn (nog) geen reacties.',
			columnTarget: 'Onderdeel',
			columnComment: 'Reactie',
			columnPerspective: 'Achtergrond',
			columnDecision: 'Besluit',
			columnReason: 'Toelichting',
			themeColumn: 'Thema',
			totalColumn: 'Totaal',
			chosenLabel: 'besproken'
		}
	};
}

const HEADINGS = ['Inleiding', 'Keuze van de thema’s', 'Thema: Regie over eigen leven', 'Afspraken', 'Vervolg'];

function pageCount(pdf: Buffer): number {
	return pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
}

async function docxParts(view: ReportView): Promise<{ document: string; core: string; styles: string }> {
	const zip = await JSZip.loadAsync(await renderReportDocx(view));
	const read = async (path: string) => {
		const part = await zip.file(path)?.async('string');
		if (!part) throw new Error(`DOCX misses ${path}`);
		return part;
	};
	return { document: await read('word/document.xml'), core: await read('docProps/core.xml'), styles: await read('word/styles.xml') };
}

/** The text of a DOCX body: one line per paragraph (table cells too), entities decoded. */
function docxText(xml: string): string {
	const decode = (text: string) =>
		text
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&quot;/g, '"')
			.replace(/&apos;/g, "'")
			.replace(/&amp;/g, '&');
	return xml
		.split('</w:p>')
		.map((part) =>
			[...part.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
				.map((match) => (match[1] === undefined ? '\n' : decode(match[1])))
				.join('')
		)
		.filter(Boolean)
		.join('\n');
}

describe('pdf-text helper', () => {
	it('decodes the glyph ids that pdfkit writes for the embedded font through its ToUnicode map', async () => {
		const pdf = await renderReportPdf(reportView());
		const raw = pdfStreams(pdf)
			.map((stream) => stream.toString('latin1'))
			.join('\n');
		// What pdfkit really emits: hex strings of two-byte glyph ids with kerning numbers inside a TJ array.
		expect(raw).toMatch(/\[<(?:[0-9a-f]{4})+> -?[\d.]+ <(?:[0-9a-f]{4})+>.*\] TJ/);
		// The text is not in the content as characters ("ë" is not the WinAnsi byte eb any more) …
		expect(raw).not.toContain('436c69eb6e74656e');
		// … but the ToUnicode map of each font gives it back, as a PDF reader's search and copy do.
		const decoders = pdfFontDecoders(pdf);
		expect(decoders.size).toBeGreaterThanOrEqual(2);
		expect(extractPdfText(pdf)).toContain('Cliënten');
		// Without the maps the same streams read as nonsense: the maps are what makes the text readable.
		expect(
			pdfStreams(pdf)
				.flatMap((stream) => contentStreamText(stream))
				.join('\n')
		).not.toContain('Cliënten');
	});

	it('parses both forms of bfrange and bfchar in a ToUnicode map', () => {
		const map = parseToUnicode(
			'2 beginbfchar\n<0001> <00eb>\n<0002> <0066 0069>\nendbfchar\n2 beginbfrange\n<0010> <0012> <0041>\n<0020> <0021> [<20ac> <201c>]\nendbfrange'
		);
		expect([1, 2, 0x10, 0x11, 0x12, 0x20, 0x21].map((code) => map.get(code))).toEqual(['ë', 'fi', 'A', 'B', 'C', '€', '“']);
	});

	it('reads literal strings, escapes and Tj as well', () => {
		const content = Buffer.from('BT /F1 11 Tf (Caf\\351 \\(test\\)) Tj ET BT [(A) 120 <9320e9> -50 (B)] TJ ET', 'latin1');
		expect(contentStreamText(content)).toEqual(['Café (test)', 'A“ éB']);
	});
});

describe('the PDF fonts', () => {
	const root = fileURLToPath(new URL('../../', import.meta.url));

	it('are found from the sources and from the built server, and are the files in fonts/', () => {
		const fonts = path.join(root, 'fonts');
		expect(findFontsDir(path.join(root, 'src/lib/server/pdf'))).toBe(fonts);
		// Where Vite puts layout.ts in the production build (build/server/chunks/chunks/layout.js-*.js).
		expect(findFontsDir(path.join(root, 'build/server/chunks/chunks'))).toBe(fonts);
		for (const file of ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf', 'LiberationSans-Italic.ttf', 'LICENSE'])
			expect(fs.existsSync(path.join(fonts, file))).toBe(true);
		expect(fs.readFileSync(path.join(fonts, 'LICENSE'), 'utf8')).toContain('SIL OPEN FONT LICENSE Version 1.1');
	});

	it('say clearly when they are missing', () => {
		expect(() => findFontsDir(path.join(os.tmpdir(), 'no-fonts-here', 'build'))).toThrow(/PDF fonts not found/);
	});
});

describe('renderReportPdf', () => {
	it('writes a PDF with the meta, every section, the criteria, the figures and the reactienota', async () => {
		const view = reportView();
		const pdf = await renderReportPdf(view);
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const text = extractPdfTextFlat(pdf);
		expect(text).toContain(view.content.title);
		expect(text).toContain('Verslag van het gesprek “Kwaliteitsdialoog voorjaar”');
		expect(text).toContain('Reacties graag vóór 17 maart 2026');
		for (const heading of HEADINGS) expect(text).toContain(heading);
		expect(text).toContain('We bespraken ideeën voor de toekomst.');
		expect(text).toContain('Zelf beslissen is belangrijk');
		expect(text).toContain('De cliënt beslist zelf over de ondersteuning (Afgesproken). Gericht aan: Gemeente, Aanbieder');
		expect(text).toContain('De consulent belt binnen één week terug (Voorlopig). Gericht aan: niet vastgelegd');
		// Beeldverslag: the numbers as text and the text alternative under the chart.
		expect(text).toContain('Beeldverslag');
		expect(text).toContain(voteChartAlt(view.figures.vote!, view.labels));
		expect(text).toContain('Regie over eigen leven: Cliënten 6, Mantelzorgers 9.');
		const lines = extractPdfText(pdf).split('\n');
		for (const count of ['7', '4', '2', '3', '6', '9']) expect(lines).toContain(count);
		expect(text).toContain(UNTRUSTED);
		// Reactienota.
		expect(text).toContain('Reactienota');
		expect(text).toContain('Liever binnen drie werkdagen');
		expect(text).toContain('Dat haalt het team nu niet; we bespreken het bij de evaluatie');
		expect(text).toContain('Niet overgenomen');
		expect(text).not.toContain(view.labels.responsesEmpty);
		// Page numbers in the footer.
		expect(lines).toContain(`1 / ${pageCount(pdf)}`);
	});

	it('sets the title, the language and tags in the PDF', async () => {
		const pdf = (await renderReportPdf(reportView())).toString('latin1');
		expect(pdf).toContain('/Lang (nl-NL)');
		const object = (id: string | undefined) => new RegExp(`(?:^|\\n)${id} 0 obj\\n([\\s\\S]*?)\\nendobj`).exec(pdf)?.[1] ?? '';
		const info = object(/\/Info (\d+) 0 R/.exec(pdf)?.[1]);
		expect(object(/\/Title (\d+) 0 R/.exec(info)?.[1])).toBe('(Verslag kwaliteitsdialoog Wmo Zuidveen)');
		expect(pdf).toContain('/DisplayDocTitle true');
		expect(pdf).toContain('/StructTreeRoot');
		expect(pdf).toContain('/S /Figure');
	});

	it('meets PDF/UA: tagged, language, title, XMP identifier, reading order, figures with alt text', async () => {
		const view = reportView();
		view.content.title = 'Verslag <Zuidveen> & "co"';
		const elements = checkPdfUa(await renderReportPdf(view), { title: view.content.title, lang: 'nl-NL' });
		const types = elements.map((node) => node.type);
		for (const type of ['H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Figure', 'Table', 'TR', 'TH', 'TD'])
			expect(types).toContain(type);
		// The headings in reading order: title, sections, figures, reactienota.
		expect(types.filter((type) => type === 'H1')).toHaveLength(1);
		expect(types.filter((type) => type === 'H2')).toHaveLength(HEADINGS.length + 2);
		// Each chart is a Figure whose alternative text says what it shows, followed by its table.
		const figures = elements.filter((node) => node.type === 'Figure');
		expect(figures.map((node) => node.alt)).toEqual([
			voteChartAlt(view.figures.vote!, view.labels),
			'Regie over eigen leven: Cliënten 6, Mantelzorgers 9.'
		]);
		expect(types.filter((type) => type === 'Table')).toHaveLength(2);
		expect(types.indexOf('Table')).toBeGreaterThan(types.indexOf('Figure'));
		// Rules and footers are artifacts.
		const raw = pdfStreams(await renderReportPdf(view))
			.map((stream) => stream.toString('latin1'))
			.join('\n');
		expect(raw).toMatch(/\/Artifact <<\n\/Type \/Layout\n>> BDC/);
		expect(raw).toMatch(/\/Artifact <<\n\/Type \/Pagination\n>> BDC/);
	});

	it('stays PDF/UA over several pages, with a chart split over a page break', async () => {
		const view = reportView();
		view.content.sections[0]!.body = Array.from({ length: 60 }, (_, index) => `Alinea ${index + 1}: ${'een zin '.repeat(20)}`).join('\n\n');
		view.figures.vote!.themes = Array.from({ length: 14 }, (_, index) => ({
			name: `Thema ${index + 1}`,
			chosen: index === 0,
			counts: [index, 2],
			total: index + 2
		}));
		const pdf = await renderReportPdf(view);
		expect(pageCount(pdf)).toBeGreaterThan(4);
		checkPdfUa(pdf, { title: view.content.title, lang: 'nl-NL' });
	});

	it('flows a long body over several pages with page numbers on each', async () => {
		const view = reportView();
		const paragraphs = Array.from({ length: 200 }, (_, index) => `Alinea ${index + 1}: ${'een zin over de ondersteuning '.repeat(6)}`);
		view.content.sections[0]!.body = paragraphs.join('\n\n');
		const pdf = await renderReportPdf(view);
		const pages = pageCount(pdf);
		expect(pages).toBeGreaterThan(5);
		const text = extractPdfTextFlat(pdf);
		expect(text).toContain('Alinea 1:');
		expect(text).toContain('Alinea 200:');
		const lines = extractPdfText(pdf).split('\n');
		for (let page = 1; page <= pages; page++) expect(lines).toContain(`${page} / ${pages}`);
		expect(text).toContain('Liever binnen drie werkdagen');
	});

	it('embeds every font it uses: subsets of Liberation Sans, no standard-14 font, Dutch text readable', async () => {
		const view = reportView();
		view.content.sections[1]!.body = 'Ideeën van cliënten: naïef? Café € 12,50 – ‘zo’ en “zo”.';
		view.content.sections[2]!.criteria![0]!.text = 'Criterium met ë ï é';
		const pdf = await renderReportPdf(view);
		const objects = pdfObjects(pdf);
		const fonts = pdfFonts(objects);
		expect(fontProblems(objects)).toEqual([]);
		// Regular, bold and (for the figure descriptions) italic, each a subset (a "ABCDEF+" tag).
		expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
			'LiberationSans',
			'LiberationSans-Bold',
			'LiberationSans-Italic'
		]);
		for (const font of fonts) {
			expect(font).toMatchObject({ subtype: 'Type0', embedded: true, toUnicode: true });
			expect(font.name).toMatch(/^[A-Z]{6}\+/);
		}
		expect(pdf.toString('latin1')).not.toMatch(/\/BaseFont \/(?:Helvetica|Times|Courier|Symbol|ZapfDingbats)/);
		const text = extractPdfTextFlat(pdf);
		expect(text).toContain('Ideeën van cliënten: naïef? Café € 12,50 – ‘zo’ en “zo”.');
		expect(text).toContain('Criterium met ë ï é');
	});

	it('the font check catches a standard-14 font that is not embedded', async () => {
		const doc = new PDFDocument({ size: 'A4' });
		const done = collect(doc);
		doc.font('Helvetica').text('Ideeën');
		doc.end();
		const objects = pdfObjects(await done);
		expect(pdfFonts(objects)).toEqual([expect.objectContaining({ name: 'Helvetica', embedded: false })]);
		expect(fontProblems(objects)).toEqual(['font Helvetica is not embedded (a standard-14 font)']);
	});

	it('shows the empty note without responses and survives characters outside WinAnsi', async () => {
		const view = reportView();
		view.responses = [];
		view.content.sections[1]!.body = 'Stap 1 → stap 2 👍🏽 klaar\u0007 ≥ 3 Dvořák';
		const pdf = await renderReportPdf(view);
		const text = extractPdfTextFlat(pdf);
		expect(text).toContain(view.labels.responsesEmpty);
		expect(text).toContain('Stap 1 -> stap 2 klaar >= 3 Dvorák');
	});

	it('maps text to what the standard fonts can draw', () => {
		expect(toWinAnsi('Ideeën café € “x” – ’s')).toBe('Ideeën café € “x” – ’s');
		expect(toWinAnsi('a→b\tc 😀 ł')).toBe('a->b    c  ?');
	});
});

describe('renderReportDocx', () => {
	it('writes a Word document with headings, lists, tables and the title', async () => {
		const view = reportView();
		const { document, core, styles } = await docxParts(view);
		const text = docxText(document);
		expect(text).toContain(view.content.title);
		for (const heading of HEADINGS) expect(text).toContain(heading);
		expect(document).toMatch(/<w:pStyle w:val="Heading1"\/>/);
		expect(document).toMatch(/<w:pStyle w:val="Heading2"\/>/);
		expect(text).toContain('De cliënt beslist zelf over de ondersteuning (Afgesproken). Gericht aan: Gemeente, Aanbieder');
		expect(text).toContain('De consulent belt binnen één week terug (Voorlopig). Gericht aan: niet vastgelegd');
		expect(text).toContain('Zelf beslissen is belangrijk');
		expect(document).toContain('<w:numPr>');
		expect(styles).toMatch(/<w:docDefaults>(?:(?!<\/w:docDefaults>).)*<w:lang w:val="nl-NL"/s);
		// The reactienota as a table, with a header row.
		expect(document).toContain('<w:tbl>');
		expect(document).toContain('<w:tblHeader/>');
		for (const cell of [
			'Onderdeel',
			'Reactie',
			'Toelichting',
			'Liever binnen drie werkdagen',
			'Niet overgenomen',
			'Dat haalt het team nu niet; we bespreken het bij de evaluatie'
		]) {
			expect(document).toMatch(new RegExp(`<w:tc>(?:(?!</w:tc>).)*>${escapeXml(cell).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}<`, 's'));
		}
		// The vote figures as a table with the numbers.
		const vote = voteChartTable(view.figures.vote!, view.labels);
		for (const row of [vote.head, ...vote.rows]) expect(text).toContain(row.join('\n'));
		expect(core).toContain('<dc:title>Verslag kwaliteitsdialoog Wmo Zuidveen</dc:title>');
	});

	it('escapes untrusted keywords in the XML', async () => {
		const { document } = await docxParts(reportView());
		expect(document).not.toContain('<script>');
		expect(document).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
		expect(docxText(document)).toContain(UNTRUSTED);
	});

	it('writes the empty note when there are no responses', async () => {
		const view = reportView();
		view.responses = [];
		const { document } = await docxParts(view);
		expect(docxText(document)).toContain(view.labels.responsesEmpty);
	});
});

describe('renderReportOdt', () => {
	it('packs mimetype first and stored, and lists every part in the manifest', async () => {
		const odt = await renderReportOdt(reportView());
		expect(firstEntry(odt)).toEqual({ name: 'mimetype', method: 0, extraLength: 0, data: ODT_MEDIA_TYPE });
		const parts = await odtParts(odt);
		expect(parts.names[0]).toBe('mimetype');
		const entries = parseXml(parts.manifest).filter((element) => element.name === 'manifest:file-entry');
		const listed = Object.fromEntries(
			entries.map((entry) => [entry.attributes['manifest:full-path'], entry.attributes['manifest:media-type']])
		);
		expect(listed).toEqual({ '/': ODT_MEDIA_TYPE, 'content.xml': 'text/xml', 'styles.xml': 'text/xml', 'meta.xml': 'text/xml' });
		for (const part of ['content.xml', 'styles.xml', 'meta.xml', 'META-INF/manifest.xml']) expect(parts.names).toContain(part);
	});

	it('has the title, the subject and the language in meta.xml and Dutch as the default style', async () => {
		const view = reportView();
		view.content.title = 'Verslag <Zuidveen> & co';
		const { meta, styles } = await odtParts(await renderReportOdt(view));
		const elements = parseXml(meta);
		const text = (name: string) => elements.find((element) => element.name === name)?.text;
		expect(text('dc:title')).toBe('Verslag <Zuidveen> & co');
		expect(text('dc:subject')).toBe('Kwaliteitsdialoog voorjaar');
		expect(text('dc:language')).toBe('nl-NL');
		const defaults = parseXml(styles).find((element) => element.name === 'style:default-style')!;
		const props = parseXml(styles).find(
			(element, index, all) => element.name === 'style:text-properties' && all.indexOf(defaults) < index
		)!;
		expect(props.attributes).toMatchObject({ 'fo:language': 'nl', 'fo:country': 'NL' });
	});

	it('writes the headings with outline levels, the text, the lists and the tables', async () => {
		const view = reportView();
		const elements = parseXml((await odtParts(await renderReportOdt(view))).content);
		const headings = elements.filter((element) => element.name === 'text:h');
		expect(headings[0]).toMatchObject({ text: view.content.title, attributes: { 'text:outline-level': '1' } });
		const level2 = headings.filter((element) => element.attributes['text:outline-level'] === '2').map((element) => element.text);
		expect(level2).toEqual([...HEADINGS, 'Beeldverslag', 'Reactienota']);
		expect(headings.filter((element) => element.attributes['text:outline-level'] === '3').map((element) => element.text)).toEqual([
			'Kwaliteitscriteria',
			'Stickers per thema',
			'Trefwoorden per achtergrond: Regie over eigen leven'
		]);
		const paragraphs = elements.filter((element) => element.name === 'text:p').map((element) => element.text);
		expect(paragraphs).toContain('Verslag van het gesprek “Kwaliteitsdialoog voorjaar”');
		expect(paragraphs).toContain('Concept, versie 1\ndinsdag 3 maart 2026, 14:00\nGespreksleider: Anna de Vries');
		expect(paragraphs).toContain('We bespraken ideeën voor de toekomst.');
		// Bullets from the section body, the criteria as a numbered list with their status.
		const lists = elements.filter((element) => element.name === 'text:list');
		expect(lists.map((element) => element.attributes['text:style-name'])).toEqual(['List_20_Bullet', 'Numbering_20_123', 'List_20_Bullet']);
		expect(lists[0]!.text).toBe('Zelf beslissen is belangrijkHet café in de wijk helpt');
		expect(paragraphs).toContain('De cliënt beslist zelf over de ondersteuning (Afgesproken). Gericht aan: Gemeente, Aanbieder');
		expect(paragraphs).toContain('De consulent belt binnen één week terug (Voorlopig). Gericht aan: niet vastgelegd');
		// Three tables (votes, keywords, reactienota), each with a header row.
		const tables = elements.filter((element) => element.name === 'table:table');
		expect(tables).toHaveLength(3);
		expect(elements.filter((element) => element.name === 'table:table-header-rows')).toHaveLength(3);
		const vote = voteChartTable(view.figures.vote!, view.labels);
		const cells = elements.filter((element) => element.name === 'table:table-cell').map((element) => element.text);
		for (const cell of [...vote.head, ...vote.rows.flat()]) expect(cells).toContain(cell);
		for (const cell of ['Onderdeel', 'Toelichting', 'Liever binnen drie werkdagen', 'Niet overgenomen']) expect(cells).toContain(cell);
		// The untrusted keyword is text, not markup.
		expect(paragraphs).toContain(`zelfstandig, ${UNTRUSTED}, keuzevrijheid`);
		expect(elements.some((element) => element.name === 'script')).toBe(false);
	});

	it('writes the empty note when there are no responses', async () => {
		const view = reportView();
		view.responses = [];
		const elements = parseXml((await odtParts(await renderReportOdt(view))).content);
		expect(elements.filter((element) => element.name === 'text:p').map((element) => element.text)).toContain(view.labels.responsesEmpty);
		expect(elements.filter((element) => element.name === 'table:table')).toHaveLength(2);
	});
});

describe('charts', () => {
	it('draws the vote chart as an accessible SVG with the numbers as text', () => {
		const view = reportView();
		const svg = voteChartSvg(view.figures.vote, view.labels);
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg).toContain('role="img"');
		expect(svg).toMatch(/<title id="([^"]+)-title">Stickers per thema<\/title>/);
		const desc = /<desc id="[^"]+">([^<]*)<\/desc>/.exec(svg)?.[1];
		expect(desc).toBe(escapeXml(voteChartAlt(view.figures.vote!, view.labels)));
		expect(desc).toContain('Regie over eigen leven (besproken): Cliënten 7, Mantelzorgers 4; Totaal 11.');
		expect(desc).toContain('Bereikbaarheid: Cliënten 2, Mantelzorgers 3; Totaal 5.');
		for (const count of ['7', '4', '2', '3']) expect(svg).toContain(`font-weight="bold">${count}</text>`);
		// Perspectives are told apart by pattern and by name, not by colour alone.
		expect(svg.match(/<pattern /g)).toHaveLength(2);
		expect(svg.match(/>Cliënten<\/text>/g)?.length).toBeGreaterThanOrEqual(3);
		expect(voteChartSvg(null, view.labels)).toBe('');
	});

	it('escapes untrusted keywords in the keyword chart', () => {
		const entry = reportView().figures.keywords[0]!;
		const svg = keywordChartSvg(entry, { title: 'Trefwoorden: Regie' });
		expect(svg).not.toContain('<script');
		expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
		expect(svg).toContain('role="img"');
		expect(svg).toContain('>Trefwoorden: Regie</title>');
		expect(svg).toMatch(/<desc id="[^"]+">Regie over eigen leven: Cliënten 6, Mantelzorgers 9\. [^<]*&lt;script&gt;/);
		expect(svg).toContain('font-weight="bold">9</text>');
	});

	it('gives every chart its own ids', () => {
		const view = reportView();
		const ids = (svg: string) => [...svg.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
		const vote = ids(voteChartSvg(view.figures.vote, view.labels));
		const keywords = ids(keywordChartSvg(view.figures.keywords[0]!));
		expect(new Set([...vote, ...keywords]).size).toBe(vote.length + keywords.length);
	});

	it('reads paragraphs and bullets from a section body', () => {
		expect(bodyBlocks('Eerste regel\ntweede regel\n\n- een\n- twee\nNa de lijst\n\n\n-\n')).toEqual([
			{ kind: 'paragraph', lines: ['Eerste regel', 'tweede regel'] },
			{ kind: 'bullets', items: ['een', 'twee'] },
			{ kind: 'paragraph', lines: ['Na de lijst'] }
		]);
	});
});

describe('criteria numbers', () => {
	/** The sample report with a second theme that has one criterion: it is number 3 everywhere. */
	function twoThemes(): ReportView {
		const view = reportView();
		const themeAt = view.content.sections.findIndex((s) => s.criteria?.length);
		view.content.sections.splice(themeAt + 1, 0, {
			key: 'theme-veiligheid',
			heading: 'Veiligheid',
			body: 'Veilig thuis.',
			criteria: [{ key: 'veiligheid-1', text: 'Er komt zo min mogelijk wisselend personeel', status: 'agreed' }]
		});
		return view;
	}

	it('run on through the report in the PDF, the ODT and the Word file, as on the page', async () => {
		const view = twoThemes();
		expect(contentView(view.content).sections.flatMap((s) => s.criteria.map((c) => c.number))).toEqual([1, 2, 3]);
		// PDF: the labels of the lists.
		const lines = extractPdfText(await renderReportPdf(view)).split('\n');
		expect(lines.filter((line) => /^\d\.$/.test(line))).toEqual(['1.', '2.', '3.']);
		// ODT: the second list starts at 3.
		const elements = parseXml((await odtParts(await renderReportOdt(view))).content);
		const starts = elements.filter((element) => element.name === 'text:list-item' && element.attributes['text:start-value']);
		expect(starts.map((element) => element.attributes['text:start-value'])).toEqual(['3']);
		// Word: all criteria in one numbering, so Word counts on.
		const { document } = await docxParts(view);
		const numIdOf = (text: string) => {
			const paragraph = document.split('</w:p>').find((p) => p.includes(text))!;
			return /<w:numId w:val="(\d+)"\/>/.exec(paragraph)?.[1];
		};
		const ids = ['De cliënt beslist zelf', 'De consulent belt', 'Er komt zo min mogelijk'].map(numIdOf);
		expect(ids[0]).toBeDefined();
		expect(new Set(ids).size).toBe(1);
	});
});
