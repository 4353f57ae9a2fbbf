import { page } from '$app/state';
import { DEFAULT_LOCALE, LANGUAGE_TAG, translate, type MessageKey, type Params } from './core';

/**
 * Translates in components, in the locale of the current page (reactive in markup). The root
 * layout has loaded that language's catalogue (./load.ts) before anything renders.
 */
export function t(key: MessageKey, params?: Params): string {
	return translate(page.data?.locale ?? DEFAULT_LOCALE, key, params);
}

/** Items as one list in a sentence, in the page's language: "A, B en C". */
export function listOf(items: string[]): string {
	return new Intl.ListFormat(LANGUAGE_TAG[page.data?.locale ?? DEFAULT_LOCALE], { type: 'conjunction' }).format(items);
}
