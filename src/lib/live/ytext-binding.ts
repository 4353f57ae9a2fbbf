/**
 * Binds a plain <textarea> to a Y.Text (a Svelte attachment: `{@attach yTextBinding(text)}`).
 * Local typing becomes the smallest change (the common start and end are kept: one delete
 * and one insert), so several people can type in the same text at once. A remote change
 * updates the field and moves this person's caret and selection along with the text
 * around it, so that typing continues where it was. Unsafe characters (control characters,
 * direction overrides) never reach the document.
 */
import type * as Y from 'yjs';
import { hasUnsafeChars, withoutUnsafeChars } from '$lib/shared/unsafe-text';

/** The origin of this browser's own edits (remote ones carry the provider as origin). */
export const LOCAL = Symbol('local');

/** The smallest change from `before` to `after`: at `index`, delete `remove` characters and insert `insert`. */
export function textDiff(before: string, after: string): { index: number; remove: number; insert: string } {
	let start = 0;
	const max = Math.min(before.length, after.length);
	while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
	let endBefore = before.length;
	let endAfter = after.length;
	while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
		endBefore--;
		endAfter--;
	}
	return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

type Delta = { insert?: unknown; delete?: number; retain?: number }[];

/** Where a position in the text ends up after a change (a Yjs delta). Inserts at the position itself push it along only when `after` is set. */
export function shiftPosition(position: number, delta: Delta, after = false): number {
	let index = 0;
	let pos = position;
	for (const op of delta) {
		if (op.retain !== undefined) index += op.retain;
		else if (op.insert !== undefined) {
			const length = typeof op.insert === 'string' ? op.insert.length : 1;
			if (index < pos || (after && index === pos)) pos += length;
			index += length;
		} else if (op.delete !== undefined) {
			if (index < pos) pos -= Math.min(op.delete, pos - index);
		}
	}
	return pos;
}

export function yTextBinding(text: Y.Text) {
	return (el: HTMLTextAreaElement) => {
		if (el.value !== text.toString()) el.value = text.toString();
		let composing = false;

		const push = () => {
			if (el.readOnly || el.disabled) return;
			// Control characters and direction overrides (pasted along, mostly) are left out here:
			// the server refuses a change that holds them (../shared/unsafe-text.ts).
			if (hasUnsafeChars(el.value)) {
				const caret = withoutUnsafeChars(el.value.slice(0, el.selectionEnd)).length;
				el.value = withoutUnsafeChars(el.value);
				el.setSelectionRange(caret, caret);
			}
			const diff = textDiff(text.toString(), el.value);
			if (diff.remove === 0 && diff.insert === '') return;
			text.doc?.transact(() => {
				if (diff.remove > 0) text.delete(diff.index, diff.remove);
				if (diff.insert) text.insert(diff.index, diff.insert);
			}, LOCAL);
		};
		const onInput = () => {
			if (!composing) push();
		};
		const onCompositionStart = () => (composing = true);
		const onCompositionEnd = () => {
			composing = false;
			push();
		};

		const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
			if (transaction.origin === LOCAL) return;
			const value = text.toString();
			if (el.value === value) return;
			// The field holds the text as it was before this change (local typing is sent at once).
			const focused = document.activeElement === el;
			const { selectionStart, selectionEnd, selectionDirection } = el;
			el.value = value;
			if (focused) {
				const delta = event.delta as Delta;
				el.setSelectionRange(shiftPosition(selectionStart, delta), shiftPosition(selectionEnd, delta), selectionDirection ?? undefined);
			}
		};

		el.addEventListener('input', onInput);
		el.addEventListener('compositionstart', onCompositionStart);
		el.addEventListener('compositionend', onCompositionEnd);
		text.observe(observer);
		return () => {
			el.removeEventListener('input', onInput);
			el.removeEventListener('compositionstart', onCompositionStart);
			el.removeEventListener('compositionend', onCompositionEnd);
			text.unobserve(observer);
		};
	};
}
