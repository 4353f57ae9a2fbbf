/**
 * A long text on the projector turns in pages by the sentence (src/lib/live/text-parts.ts):
 * the parts end after a sentence or a line, none is longer than the maximum, and together
 * they are the text again.
 */
import { describe, expect, it } from 'vitest';
import { textParts } from '../../src/lib/live/text-parts';

describe('text parts for paging', () => {
	it('cuts after sentences and lines, not after a colon', () => {
		expect(textParts('Zin 1: dit is de eerste. Is dit de tweede? Ja!\nNieuwe regel')).toEqual([
			'Zin 1: dit is de eerste. ',
			'Is dit de tweede? ',
			'Ja!\n',
			'Nieuwe regel'
		]);
	});

	it('cuts a long sentence at a space, and a long word where it must', () => {
		const long = Array.from({ length: 60 }, (_, i) => `woord${i}`).join(' ');
		const parts = textParts(long, 50);
		expect(parts.length).toBeGreaterThan(5);
		for (const part of parts) expect(part.length).toBeLessThanOrEqual(50);
		expect(parts.slice(0, -1).every((p) => p.endsWith(' '))).toBe(true);
		expect(textParts('x'.repeat(120), 50)).toEqual(['x'.repeat(50), 'x'.repeat(50), 'x'.repeat(20)]);
	});

	it('gives the whole text back', () => {
		const text = 'Een. Twee drie vier vijf zes zeven acht negen tien elf twaalf.\n\nDertien? ' + 'lang '.repeat(100);
		expect(textParts(text, 40).join('')).toBe(text);
		expect(textParts('')).toEqual([]);
	});
});
