import { page } from '$app/state';
import { DEFAULT_LOCALE, translate, type MessageKey, type Params } from './index';

/** Translates in components, in the locale of the current page (reactive in markup). */
export function t(key: MessageKey, params?: Params): string {
	return translate(page.data?.locale ?? DEFAULT_LOCALE, key, params);
}
