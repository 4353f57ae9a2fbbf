import { page } from '$app/state';
import { DEFAULT_LOCALE, translate, type MessageKey, type Params } from './core';

/**
 * Translates in components, in the locale of the current page (reactive in markup). The root
 * layout has loaded that language's catalogue (./load.ts) before anything renders.
 */
export function t(key: MessageKey, params?: Params): string {
	return translate(page.data?.locale ?? DEFAULT_LOCALE, key, params);
}
