/**
 * Loads the catalogue of one language on demand, so that a browser downloads only the
 * language it shows. The root layout's load awaits it before the page renders.
 */
import { hasMessages, registerMessages, type Locale, type Messages } from './core';

const loaders: Record<Locale, () => Promise<Messages>> = {
	nl: () => import('./nl').then((m) => m.nl),
	en: () => import('./en').then((m) => m.en)
};

export async function loadMessages(locale: Locale): Promise<void> {
	if (!hasMessages(locale)) registerMessages(locale, await loaders[locale]());
}
