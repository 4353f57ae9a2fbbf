/**
 * The console's keyboard shortcuts for the next and the previous step. Two modifiers and
 * Page Down/Up: no single-key shortcut (WCAG 2.1.4), not used by browsers or screen readers
 * for anything else, and never while the facilitator types in a field or a co-edited text.
 */
export const SHORTCUTS = {
	next: { key: 'PageDown', aria: 'Alt+Shift+PageDown' },
	previous: { key: 'PageUp', aria: 'Alt+Shift+PageUp' }
} as const;

/** Whether the element takes typing: a field, a list to choose from, or an editable text. */
function isTyping(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false;
	if (target.isContentEditable) return true;
	return target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"]), [role="textbox"]') !== null;
}

/** Which step a key press asks for, if it is one of the shortcuts and nobody is typing. */
export function shortcutStep(event: KeyboardEvent): 'next' | 'previous' | null {
	if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey || event.repeat) return null;
	if (isTyping(event.target)) return null;
	if (event.key === SHORTCUTS.next.key) return 'next';
	if (event.key === SHORTCUTS.previous.key) return 'previous';
	return null;
}
