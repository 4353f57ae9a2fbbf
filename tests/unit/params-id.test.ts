import { describe, expect, it } from 'vitest';
import { match } from '../../src/params/id';

describe('the id param matcher', () => {
	it('takes a positive whole number within the safe range', () => {
		for (const id of ['1', '7', '42', '1000', String(Number.MAX_SAFE_INTEGER)]) expect(match(id), id).toBe(true);
	});

	it('refuses zero, signs, leading zeros, fractions, exponents, words and numbers past the safe range', () => {
		for (const id of ['', '0', '00', '01', '-1', '+1', '1.0', '1e3', ' 1', '1 ', 'abc', '0x1F', '9007199254740993', '12345678901234567']) {
			expect(match(id), JSON.stringify(id)).toBe(false);
		}
	});
});
