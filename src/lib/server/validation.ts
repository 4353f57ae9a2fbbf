/**
 * Validation problems with a location, for forms, the JSON API and file imports. A zod
 * failure becomes a list of problems, each a message key with parameters and the path of
 * the field it is about, so every boundary can say exactly what is wrong and where.
 */
import { z } from 'zod';
import { isMessageKey, type MessageKey } from '../i18n';
import { DomainError } from './errors';
import { looksBlank, replaceUnsafeChars, withoutUnsafeChars } from '../shared/unsafe-text';

export type ProblemPath = (string | number)[];

export interface Problem {
	path: ProblemPath;
	code: MessageKey;
	params: Record<string, string | number>;
}

/**
 * Input that failed validation; `problems` says what and where. Maps to HTTP 400 (or 422 for
 * imports). Its own code is "error.validation" with the count, or one a caller names (then
 * with that message's `params`).
 */
export class ValidationError extends DomainError {
	constructor(
		readonly problems: Problem[],
		code: MessageKey = 'error.validation',
		status = 400,
		params: Problem['params'] = { count: problems.length }
	) {
		super(code, status, params);
		this.name = 'ValidationError';
	}
}

/** zod's origin of a size issue about a number: `int` for a whole number's own bounds (as `.int()` sets them). */
const isNumber = (origin: string | undefined) => origin === 'number' || origin === 'int' || origin === 'bigint';

function problemFor(issue: z.core.$ZodIssue): Pick<Problem, 'code' | 'params'> {
	// A schema that names its own message key (as `choiceId` does) says it best.
	if (issue.code !== 'custom' && isMessageKey(issue.message)) return { code: issue.message, params: {} };
	switch (issue.code) {
		case 'too_small':
			if (issue.origin === 'array' || issue.origin === 'set') return { code: 'error.field.chooseOne', params: {} };
			if (isNumber(issue.origin)) {
				if (Number(issue.minimum) <= Number.MIN_SAFE_INTEGER) return { code: 'error.field.invalid', params: {} };
				// `.positive()` is "more than 0": 0 itself is refused, so "at least 0" would be untrue.
				return issue.inclusive === false
					? { code: 'error.field.moreThan', params: { min: Number(issue.minimum) } }
					: { code: 'error.field.tooLow', params: { min: Number(issue.minimum) } };
			}
			return { code: 'error.field.required', params: {} };
		case 'too_big':
			if (issue.origin === 'array') return { code: 'error.field.tooMany', params: { max: Number(issue.maximum) } };
			// A whole number beyond what a computer counts exactly (a tampered id) is no number a person means.
			if (isNumber(issue.origin)) {
				if (Number(issue.maximum) >= Number.MAX_SAFE_INTEGER) return { code: 'error.field.invalid', params: {} };
				return issue.inclusive === false
					? { code: 'error.field.lessThan', params: { max: Number(issue.maximum) } }
					: { code: 'error.field.tooHigh', params: { max: Number(issue.maximum) } };
			}
			return { code: 'error.field.tooLong', params: { max: Number(issue.maximum) } };
		case 'invalid_type': {
			// zod leaves the input out of an issue unless asked; its message then says what it got.
			const absent =
				'input' in issue ? issue.input === undefined || issue.input === null : /received (undefined|null)$/.test(issue.message);
			return absent ? { code: 'error.field.required', params: {} } : { code: 'error.field.invalid', params: {} };
		}
		case 'invalid_value':
		case 'invalid_union':
			return { code: 'error.field.invalidChoice', params: {} };
		case 'invalid_format':
			return { code: 'error.field.invalidFormat', params: {} };
		case 'unrecognized_keys':
			return { code: 'error.field.unknown', params: { keys: issue.keys.join(', ') } };
		case 'custom':
			// A refinement names its own message key, and the values it needs.
			return isMessageKey(issue.message)
				? { code: issue.message, params: (issue.params as Problem['params'] | undefined) ?? {} }
				: { code: 'error.field.invalid', params: {} };
		default:
			return { code: 'error.field.invalid', params: {} };
	}
}

/**
 * Control characters (line breaks, tabs, C1) and bidirectional overrides that would let a
 * name reorder or break the text around it (in lists, mail headers, exports).
 */
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;
/**
 * Invisible characters that only make one name look like another ("Beheerder" and
 * "Beheerder\u200b"): zero-width space, word joiner, byte order mark. The zero-width
 * (non-)joiners stay: Persian, Hindi and emoji need them.
 */
const INVISIBLE = /[\u200b\u2060\ufeff]/g;

/**
 * A name or title on one line: invisible characters go, unsafe ones become a space, runs of
 * spaces one space, trimmed, then between 1 and max characters.
 */
export function singleLine(max: number) {
	return z
		.string()
		.transform((value) => value.replace(INVISIBLE, '').replace(UNSAFE_IN_LINE, ' ').replace(/\s+/g, ' ').trim())
		.pipe(z.string().min(1).max(max));
}

/**
 * A text of one or more lines: line breaks as \n, unsafe characters removed (../shared/unsafe-text.ts), trimmed, then at
 * most max characters (and at least one when `required`).
 */
export function textBlock(max: number, required = true) {
	return z
		.string()
		.transform((value) => withoutUnsafeChars(value.replace(/\r\n?/g, '\n')).trim())
		.pipe(required ? z.string().min(1).max(max) : z.string().max(max));
}

/** The id of something chosen from a list: nothing chosen (0) is "choose one of them", not a number that is too low. */
export const choiceId = z.number().int().positive({ error: 'error.field.invalidChoice' });

/** An optional text of at most `max` characters, trimmed; empty or missing becomes null. */
/**
 * A real calendar date in YYYY-MM-DD form (forms turn day-first dates into it: formDate). A
 * date in that form that is not on the calendar (31 April) says so, with the date, rather than
 * repeating what a date looks like.
 */
export const calendarDate = z
	.string()
	.trim()
	.superRefine((v, ctx) => {
		const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
		if (!parts) {
			ctx.addIssue({ code: 'custom', message: 'error.field.date' });
			return;
		}
		const d = new Date(`${v}T00:00:00Z`);
		if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
			ctx.addIssue({ code: 'custom', message: 'error.field.dateNotReal', params: { day: parts[3]!, month: parts[2]!, year: parts[1]! } });
		}
	});

export function optionalText(max: number) {
	return z
		.string()
		.trim()
		.max(max)
		.nullish()
		.transform((v) => (v ? v : null));
}

export function problemsFromZod(error: z.ZodError, prefix: ProblemPath = []): Problem[] {
	return error.issues.map((issue) => ({ path: [...prefix, ...(issue.path as (string | number)[])], ...problemFor(issue) }));
}

/**
 * What a person sent, before any schema reads it: every string without unsafe characters
 * (../shared/unsafe-text.ts, replaceUnsafeChars), and a string that shows nothing (only white space, soft hyphens
 * or zero-width characters) empty, so that a required field says so. Plain objects and arrays
 * are copied; anything else is passed as it is.
 */
export function cleanInput(value: unknown, depth = 0): unknown {
	if (typeof value === 'string') return looksBlank(value) ? '' : replaceUnsafeChars(value);
	// Deeper than any input of ours: left as it is, for the schema to refuse.
	if (depth > MAX_INPUT_DEPTH) return value;
	if (Array.isArray(value)) return value.map((v) => cleanInput(v, depth + 1));
	if (value !== null && typeof value === 'object') {
		const proto = Object.getPrototypeOf(value);
		if (proto !== Object.prototype && proto !== null) return value;
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanInput(v, depth + 1)]));
	}
	return value;
}

/** How deep cleanInput goes: an exchange file is five levels deep; a hostile body may be thousands. */
const MAX_INPUT_DEPTH = 32;

/** Parses `input` (after cleanInput) with `schema` or throws a ValidationError listing every problem. */
export function validate<T extends z.ZodType>(schema: T, input: unknown, prefix: ProblemPath = []): z.output<T> {
	const parsed = schema.safeParse(cleanInput(input));
	if (!parsed.success) throw new ValidationError(problemsFromZod(parsed.error, prefix));
	return parsed.data;
}

/**
 * Two inputs of one form checked at once (a choice and the fields of what it makes, say): the
 * problems of both in one ValidationError, so the form tells everything in one go.
 */
export function validateBoth<A extends z.ZodType, B extends z.ZodType>(
	a: A,
	inputA: unknown,
	b: B,
	inputB: unknown
): [z.output<A>, z.output<B>] {
	const first = a.safeParse(cleanInput(inputA));
	const second = b.safeParse(cleanInput(inputB));
	const problems = [...(first.success ? [] : problemsFromZod(first.error)), ...(second.success ? [] : problemsFromZod(second.error))];
	if (problems.length > 0) throw new ValidationError(problems);
	return [first.data as z.output<A>, second.data as z.output<B>];
}
