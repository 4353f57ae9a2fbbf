/**
 * The ODT writer on its own: how text becomes ODF inline content (escaping, white space that
 * ODF would otherwise collapse, characters XML cannot hold) and how blocks become elements.
 */
import { describe, expect, it } from 'vitest';
import { odfText, renderOdt } from '../../src/lib/server/odf/writer';
import { escapeXml } from '../../src/lib/server/xml';
import { firstEntry, odtParts, parseXml } from '../helpers/odt';

describe('odfText', () => {
	it('escapes markup and keeps line breaks, tabs and runs of spaces', () => {
		expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
		expect(odfText('een\ntwee\r\ndrie')).toBe('een<text:line-break/>twee<text:line-break/>drie');
		expect(odfText('a\tb')).toBe('a<text:tab/>b');
		expect(odfText('a    b')).toBe('a <text:s text:c="3"/>b');
	});

	it('drops characters XML 1.0 cannot hold and keeps the rest, emoji included', () => {
		// The bell and the lone surrogate go; the two spaces left around it stay two spaces.
		expect(odfText('ctrl\u0007 end \uD800 👍🏽 ë')).toBe('ctrl end <text:s text:c="1"/>👍🏽 ë');
	});
});

describe('renderOdt', () => {
	it('writes every block kind as the matching ODF element, with the text as a reader sees it', async () => {
		const created = new Date('2026-03-03T14:00:00Z');
		const odt = renderOdt({
			title: 'Titel',
			lang: 'en-GB',
			created,
			blocks: [
				{ kind: 'heading', level: 1, text: 'Kop' },
				{ kind: 'paragraph', text: 'Regel 1\nRegel  2', bold: true },
				{ kind: 'list', numbered: true, items: ['een', { text: 'twee', italic: '(voorlopig)' }] },
				{ kind: 'table', head: ['A', 'B'], rows: [['1'], ['3', '4']], widths: [3, 1] }
			]
		});
		expect(firstEntry(odt)).toMatchObject({ name: 'mimetype', method: 0, extraLength: 0 });
		const parts = await odtParts(odt);
		const meta = parseXml(parts.meta);
		expect(meta.find((element) => element.name === 'dc:language')?.text).toBe('en-GB');
		expect(meta.find((element) => element.name === 'meta:creation-date')?.text).toBe('2026-03-03T14:00:00Z');
		expect(meta.some((element) => element.name === 'dc:subject')).toBe(false);
		expect(parts.styles).toContain('fo:language="en" fo:country="GB"');
		const content = parseXml(parts.content);
		const byName = (name: string) => content.filter((element) => element.name === name);
		expect(byName('text:h')[0]).toMatchObject({
			text: 'Kop',
			attributes: { 'text:outline-level': '1', 'text:style-name': 'Heading_20_1' }
		});
		expect(byName('text:p')[0]).toMatchObject({ text: 'Regel 1\nRegel  2', attributes: { 'text:style-name': 'Strong_20_Paragraph' } });
		expect(byName('text:list')[0]?.attributes['text:style-name']).toBe('Numbering_20_123');
		expect(byName('text:list-item').map((element) => element.text)).toEqual(['een', 'twee (voorlopig)']);
		expect(byName('text:span')[0]).toMatchObject({ text: '(voorlopig)', attributes: { 'text:style-name': 'Emphasis' } });
		// A short row is filled up to the number of columns; the header row is marked as such.
		expect(byName('table:table-column')).toHaveLength(2);
		expect(byName('table:table-header-rows')[0]?.text).toBe('AB');
		expect(byName('table:table-row').map((element) => element.text)).toEqual(['AB', '1', '34']);
		expect(byName('table:table-cell')).toHaveLength(6);
		expect(parts.content).toMatch(/style:rel-column-width="49151\*"/);
	});
});
