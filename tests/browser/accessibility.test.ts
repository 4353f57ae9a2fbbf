/**
 * The toegankelijkheidsverklaring and its test results (issue 20). Every page the statement
 * lists (CHECKED_PAGES, src/lib/shared/accessibility.ts) is opened in Chromium, checked with
 * axe-core (WCAG 2.1 A and AA, best practices) and with the keyboard; one problem on one page fails this test,
 * so the statement's "no problems found" holds only while it passes.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CHECKED_PAGES } from '../../src/lib/shared/accessibility';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer } from '../helpers/server';
import { expectNoAxeViolations, followLink, loginWithForm, useBrowserWorld } from '../helpers/browser';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld({ env: { ACCESSIBILITY_CONTACT: 'digitoegankelijk@gemeente.test, https://gemeente.test/toegankelijkheid' } });

/** How many Tab presses the keyboard check follows on each page. */
const TABS = 12;

/**
 * The keyboard check the statement reports: Tab first reaches the skip link, and every element
 * Tab reaches after it shows where the focus is (an outline or a box shadow).
 */
async function expectKeyboardUsable(page: Page): Promise<void> {
	await page.keyboard.press('Tab');
	const first = await page.evaluate(() => ({
		text: document.activeElement?.textContent,
		href: document.activeElement?.getAttribute('href')
	}));
	expect(first, page.url()).toEqual({ text: nl('layout.skip'), href: '#inhoud' });
	let checked = 0;
	for (let i = 0; i < TABS; i++) {
		await page.keyboard.press('Tab');
		const focus = await page.evaluate(() => {
			const el = document.activeElement;
			if (!el || el === document.body) return null;
			const style = getComputedStyle(el);
			return {
				element: `${el.tagName.toLowerCase()} ${el.textContent?.trim().slice(0, 40) ?? ''}`,
				visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none'
			};
		});
		if (focus === null) break;
		expect(focus.visible, `no visible focus on ${focus.element} at ${page.url()}`).toBe(true);
		checked++;
	}
	// Past the skip link there is at least the header's name, its menu and the footer link.
	expect(checked, page.url()).toBeGreaterThanOrEqual(3);
}

async function expectChecked(page: Page, entry: (typeof CHECKED_PAGES)[number]): Promise<void> {
	const response = await page.goto(`${world.server.url}${entry.path}`);
	expect(response?.status(), entry.path).toBe(200);
	expect(new URL(page.url()).pathname, entry.path).toBe(entry.path);
	// The statement names the page by its title.
	expect(await page.getByRole('heading', { level: 1 }).first().textContent(), entry.path).toBe(nl(entry.title));
	// The footer links to the statement on every page.
	expect(
		await page
			.getByRole('contentinfo')
			.getByRole('link', { name: nl('layout.accessibility') })
			.getAttribute('href')
	).toBe('/toegankelijkheid');
	await expectNoAxeViolations(page);
	await expectKeyboardUsable(page);
}

describe('the pages the toegankelijkheidsverklaring reports on', () => {
	it('lists pages for visitors and for the beheerder, each once', () => {
		expect(new Set(CHECKED_PAGES.map((p) => p.path)).size).toBe(CHECKED_PAGES.length);
		expect(CHECKED_PAGES.some((p) => p.as === 'anonymous')).toBe(true);
		expect(CHECKED_PAGES.some((p) => p.as === 'admin')).toBe(true);
	});

	it('has no axe-core problems and works with the keyboard, without logging in', async () => {
		for (const entry of CHECKED_PAGES.filter((p) => p.as === 'anonymous')) await expectChecked(world.page, entry);
	});

	it('has no axe-core problems and works with the keyboard, as the beheerder', async () => {
		await loginWithForm(world.page, world.server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
		for (const entry of CHECKED_PAGES.filter((p) => p.as === 'admin')) await expectChecked(world.page, entry);
	});
});

describe('the toegankelijkheidsverklaring', () => {
	it('is linked from the footer and shows the standard, one result row per checked page and the contact', async () => {
		await world.page.goto(world.server.url);
		await followLink(world.page, world.page.getByRole('contentinfo').getByRole('link', { name: nl('layout.accessibility') }));
		expect(await world.page.getByRole('heading', { level: 1 }).textContent()).toBe(nl('accessibility.title'));
		const main = world.page.getByRole('main');
		expect(await main.textContent()).toContain(nl('accessibility.standard.text'));

		const table = world.page.getByRole('table', { name: nl('accessibility.results.caption', { count: CHECKED_PAGES.length }) });
		const rows = table.locator('tbody tr');
		expect(await rows.count()).toBe(CHECKED_PAGES.length);
		for (const [i, entry] of CHECKED_PAGES.entries()) {
			const cells = await rows.nth(i).locator('th, td').allTextContents();
			expect(cells[0]).toContain(nl(entry.title));
			expect(cells[0]).toContain(entry.path);
			expect(cells.slice(1).map((c) => c.trim())).toEqual([nl('accessibility.results.noProblems'), nl('accessibility.results.noProblems')]);
		}

		const contacts = world.page.locator('#kd-accessibility-contacts a');
		expect(await contacts.allTextContents()).toEqual(['digitoegankelijk@gemeente.test', 'https://gemeente.test/toegankelijkheid']);
		expect(await contacts.first().getAttribute('href')).toBe('mailto:digitoegankelijk@gemeente.test');
		expect(await world.page.getByText(nl('accessibility.contact.none')).count()).toBe(0);
	});
});

describe('without ACCESSIBILITY_CONTACT', () => {
	let server: Awaited<ReturnType<typeof startTestServer>>;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(async () => {
		await server?.close();
		if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
	});

	it('refers to the municipality', async () => {
		await world.page.goto(`${server.url}/toegankelijkheid`);
		expect(await world.page.getByText(nl('accessibility.contact.none')).isVisible()).toBe(true);
		expect(await world.page.locator('#kd-accessibility-contacts').count()).toBe(0);
	});
});
