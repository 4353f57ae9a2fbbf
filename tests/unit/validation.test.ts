/** Text that others read (projector, phones, report, exports) cannot be reordered or broken by what is typed. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cleanInput, singleLine, textBlock, validate, ValidationError } from '../../src/lib/server/validation';
import { commentSchema, responseSchema } from '../../src/lib/server/reports/reports';
import { publishSchema } from '../../src/lib/server/frameworks/store';
import { proposalSchema, triageSchema } from '../../src/lib/server/sessions/proposals';
import { agreementSchema } from '../../src/lib/server/reports/agreements';

describe('text fields', () => {
	it('keeps a line on one line, without control characters or direction overrides', () => {
		expect(singleLine(80).parse(' a\u202eb\u0000c\r\nd\u200b ')).toBe('a b c d');
		expect(singleLine(80).safeParse('\u202e\u0007').success).toBe(false);
	});

	it('keeps the lines of a text, and drops control characters and direction overrides', () => {
		expect(textBlock(100).parse(' eerste\r\ntweede\u202e\u0000 regel\tmet tab\u2066 ')).toBe('eerste\ntweede regel\tmet tab');
		expect(textBlock(100).safeParse('\u202e \u0001').success).toBe(false);
		expect(textBlock(100, false).parse('\u202e')).toBe('');
		expect(textBlock(5).safeParse('123456').success).toBe(false);
	});

	it('applies to what a participant proposes live and what the facilitator decides about it', () => {
		expect(proposalSchema.parse({ title: 'a\u202eb\u0000c', explanation: 'uitleg\u202e' })).toEqual({
			title: 'a b c',
			explanation: 'uitleg'
		});
		expect(proposalSchema.parse({ title: 'Vervoer', explanation: '\u202e' }).explanation).toBeNull();
		expect(triageSchema.parse({ action: 'park', proposalId: 1, reason: 'later\u202e' })).toMatchObject({ reason: 'later' });
		expect(agreementSchema.safeParse({ topic: 'council', what: 'x', owner: 'Wmo-raad\r\nBcc: x', dueDate: '2027-01-15' }).data?.owner).toBe(
			'Wmo-raad Bcc: x'
		);
	});

	it('cleans every string a person sends before any schema reads it, whatever the field', () => {
		// Between two visible characters a run of them becomes a space (it may have parted two words).
		expect(cleanInput({ a: 'x\u202e\u0001y\u0000', b: ['\u0007z', { c: 'tab\tregel\n' }], n: 3, d: null })).toEqual({
			a: 'x y',
			b: ['z', { c: 'tab\tregel\n' }],
			n: 3,
			d: null
		});
		// Text that shows nothing is empty: zero-width spaces, a soft hyphen, a BOM.
		expect(cleanInput(['\u200b\u200b', '\u00ad', ' \ufeff ', 'a\u200db'])).toEqual(['', '', '', 'a\u200db']);
		// A hostile body nested thousands deep is passed on (for the schema to refuse), not a stack overflow.
		let deep: unknown = 'x\u202e';
		for (let i = 0; i < 20_000; i++) deep = { a: deep };
		expect(() => cleanInput(deep)).not.toThrow();
		const date = new Date('2027-01-01');
		expect((cleanInput({ date }) as { date: Date }).date).toBe(date);
		// Fields that use a plain string (a comment, an answer to it, a version's summary) get the same.
		const comment = validate(commentSchema, {
			target: 'section:intro',
			body: 'Lees \u202eomgekeerd\u202c\u0001 dit',
			clientKey: 'sleutel-1234'
		});
		expect(comment.body).toBe('Lees omgekeerd dit');
		expect(validate(responseSchema, { decision: 'answered', reason: 'Reden\u0002\u202e' }).reason).toBe('Reden');
		expect(() => validate(publishSchema, { changeSummary: '\u200b\u200b' })).toThrow(ValidationError);
		expect(() => validate(agreementSchema, { topic: 'council', what: '\u200b\u200b', owner: '\u00ad', dueDate: '2027-01-15' })).toThrow(
			ValidationError
		);
	});
});

describe('numbers', () => {
	const problems = (schema: z.ZodType, input: unknown) => {
		try {
			validate(schema, input);
			return [];
		} catch (error) {
			return (error as ValidationError).problems.map((p) => [p.code, p.params]);
		}
	};

	it('calls a tampered id beyond exact whole numbers invalid, not "too long"', () => {
		const schema = z.object({ participantId: z.coerce.number().int().positive() });
		expect(problems(schema, { participantId: '99999999999999999999' })).toEqual([['error.field.invalid', {}]]);
		expect(problems(schema, { participantId: '-99999999999999999999' })).toEqual([
			['error.field.invalid', {}],
			['error.field.moreThan', { min: 0 }]
		]);
		// `.positive()` refuses 0 itself: "more than 0", not "at least 0".
		expect(problems(schema, { participantId: '0' })).toEqual([['error.field.moreThan', { min: 0 }]]);
		expect(problems(z.object({ share: z.number().lt(1) }), { share: 1 })).toEqual([['error.field.lessThan', { max: 1 }]]);
		// A bound the schema sets itself is said with its number.
		expect(problems(z.object({ grade: z.number().int().min(1).max(10) }), { grade: 11 })).toEqual([['error.field.tooHigh', { max: 10 }]]);
		expect(problems(z.object({ grade: z.number().int().min(1).max(10) }), { grade: 0 })).toEqual([['error.field.tooLow', { min: 1 }]]);
		expect(problems(z.object({ name: z.string().max(3) }), { name: 'abcd' })).toEqual([['error.field.tooLong', { max: 3 }]]);
	});
});
