/**
 * The browser downloads the catalogue of the language it shows, and not the other one: every
 * script a page loads is read, and an English-only text must not be among a Dutch page's
 * scripts (nor the other way round). The page's head announces its own catalogue with a
 * modulepreload link, so the browser need not wait for the layout's script to ask for it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LOCALE_COOKIE, translate } from '../../src/lib/i18n';
import { useBrowserWorld } from '../helpers/browser';

const world = useBrowserWorld();

/** Collects every script the page downloads from now on; `all()` waits for their text. */
function scriptsOf(page: Page): { all: () => Promise<string> } {
	const bodies: Promise<string>[] = [];
	page.on('response', (response) => {
		if (response.request().resourceType() === 'script') bodies.push(response.text().catch(() => ''));
	});
	return { all: async () => (await Promise.all(bodies)).join('\n') };
}

/** The scripts a page's HTML preloads (`<link rel="modulepreload">`), fetched. */
async function preloadedScripts(html: string, base: string): Promise<string[]> {
	const hrefs = [...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => new URL(m[1]!, base).href);
	return Promise.all(hrefs.map((href) => fetch(href).then((r) => r.text())));
}

// Texts that exist in one catalogue only (the app name is the same in both).
const DUTCH = translate('nl', 'home.steps.title');
const ENGLISH = translate('en', 'home.steps.title');

describe('catalogues in the browser', () => {
	it('a Dutch page loads only the Dutch catalogue, an English page only the English one', async () => {
		const { page } = world;
		expect(DUTCH).not.toBe(ENGLISH);
		const scripts = scriptsOf(page);
		await page.goto(world.server.url, { waitUntil: 'networkidle' });
		expect(await page.getByRole('heading', { name: DUTCH }).isVisible()).toBe(true);
		const dutch = await scripts.all();
		expect(dutch).toContain(DUTCH);
		expect(dutch).not.toContain(ENGLISH);

		const context = await world.browser.newContext();
		try {
			// A fresh browser (nothing cached) that chose English earlier.
			await context.addCookies([{ name: LOCALE_COOKIE, value: 'en', url: world.server.url }]);
			const fresh = await context.newPage();
			const scripts = scriptsOf(fresh);
			await fresh.goto(world.server.url, { waitUntil: 'networkidle' });
			expect(await fresh.getByRole('heading', { name: ENGLISH }).isVisible()).toBe(true);
			const english = await scripts.all();
			expect(english).toContain(ENGLISH);
			expect(english).not.toContain(DUTCH);
		} finally {
			await context.close();
		}
	});

	it("preloads the page's catalogue in its head: the Dutch one on a Dutch page, the English one on an English page", async () => {
		const base = world.server.url;
		const dutch = await preloadedScripts(await (await fetch(base)).text(), base);
		expect(dutch.some((script) => script.includes(DUTCH))).toBe(true);
		expect(dutch.some((script) => script.includes(ENGLISH))).toBe(false);

		const english = await preloadedScripts(await (await fetch(base, { headers: { cookie: `${LOCALE_COOKIE}=en` } })).text(), base);
		expect(english.some((script) => script.includes(ENGLISH))).toBe(true);
		expect(english.some((script) => script.includes(DUTCH))).toBe(false);
	});
});
