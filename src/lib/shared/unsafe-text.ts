/**
 * Characters nobody means to type that change what others read: control characters other than
 * line breaks and tabs, and the bidirectional marks and overrides that would reorder a text
 * (on the projector, in the report, in a spreadsheet of the results), and the two
 * noncharacters U+FFFE and U+FFFF (no document format may hold them). Everything a person
 * sends through a form, the JSON API, a socket event or an import file loses them before any
 * schema reads it (src/lib/server/validation.ts, cleanInput); co-edited texts lose them as
 * they are typed or pasted (src/lib/live/ytext-binding.ts, ./theme-document.ts), the Yjs
 * server refuses a change that brings them in, and what a document holds is read without
 * them. Browser-safe.
 */
const UNSAFE = '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufffe\\uffff]';
const ONE = new RegExp(UNSAFE);
const ALL = new RegExp(UNSAFE, 'g');

export const hasUnsafeChars = (text: string): boolean => ONE.test(text);

export const withoutUnsafeChars = (text: string): string => text.replace(ALL, '');

const RUNS = new RegExp(`${UNSAFE}+`, 'g');

/**
 * What a person sent, without unsafe characters: a run of them between two visible characters
 * becomes a space (it may have stood between two words: "test\u202egnp.exe"), elsewhere it goes.
 */
export const replaceUnsafeChars = (text: string): string =>
	text.replace(RUNS, (run: string, at: number) => (/\S/.test(text[at - 1] ?? '') && /\S/.test(text[at + run.length] ?? '') ? ' ' : ''));

/** Nothing a reader sees: white space, soft hyphens and zero-width characters only. */
const BLANK = /^[\s\u00ad\u180e\u200b-\u200d\u2060\ufeff]*$/;

export const looksBlank = (text: string): boolean => BLANK.test(text);
