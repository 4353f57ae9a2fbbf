/**
 * The house style is a swappable NL Design System theme (issue 20): a server started with
 * HUISSTIJL_FILE serves that file at /huisstijl/tokens.css, and the header, a primary button,
 * a link and the focus ring take the second theme's colours, with axe-core still passing. The
 * second theme is the built-in file as a theme package's dist/variables.css has it (tokens on
 * :root) with other colours, so every token the app uses is in it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server';
import { expectNoAxeViolations, useBrowserWorld } from '../helpers/browser';
import { nl } from '../helpers/i18n';

const BUILT_IN = fs.readFileSync(path.resolve('static/huisstijl/tokens.css'), 'utf8');

/** The second theme's colours, and the built-in ones they replace. */
const SECOND = {
	'--basis-color-action-1-color-default': { built: 'rgb(21, 66, 115)', second: 'rgb(0, 89, 79)', value: '#00594f' },
	'--basis-focus-background-color': { built: 'rgb(255, 191, 71)', second: 'rgb(255, 221, 0)', value: '#ffdd00' },
	'--basis-focus-outline-color': { built: 'rgb(26, 26, 26)', second: 'rgb(91, 10, 145)', value: '#5b0a91' }
} as const;

function secondTheme(): string {
	let css = BUILT_IN.replace('.utrecht-theme {', ':root {');
	expect(css).not.toBe(BUILT_IN);
	for (const [token, { value }] of Object.entries(SECOND)) {
		const declaration = new RegExp(`(^\\s*${token}:)\\s*[^;]+;`, 'm');
		expect(css, token).toMatch(declaration);
		css = css.replace(declaration, `$1 ${value};`);
	}
	return css;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-huisstijl-'));
const THEME_FILE = path.join(dir, 'variables.css');
fs.writeFileSync(THEME_FILE, secondTheme());

const world = useBrowserWorld({ env: { HUISSTIJL_FILE: THEME_FILE } });

let builtIn: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
	builtIn = await startTestServer();
});
afterAll(async () => {
	await builtIn?.close();
	if (builtIn) fs.rmSync(builtIn.dataDir, { recursive: true, force: true });
	fs.rmSync(dir, { recursive: true, force: true });
});

/** The colours the theme decides, on the login page (header, primary button, footer link and its focus ring). */
async function colours(page: Page, url: string) {
	await page.goto(`${url}/login`);
	const header = await page.locator('.kd-header').evaluate((el) => getComputedStyle(el).backgroundColor);
	const button = await page
		.locator('main')
		.getByRole('button', { name: nl('login.submit') })
		.evaluate((el) => getComputedStyle(el).backgroundColor);
	const link = page.getByRole('contentinfo').getByRole('link', { name: nl('layout.accessibility') });
	const linkColour = await link.evaluate((el) => getComputedStyle(el).color);
	await link.focus();
	const focus = await link.evaluate((el) => ({
		visible: el.matches(':focus-visible'),
		outline: getComputedStyle(el).outlineColor,
		shadow: getComputedStyle(el).boxShadow
	}));
	expect(focus.visible).toBe(true);
	return { header, button, link: linkColour, focusOutline: focus.outline, focusShadow: focus.shadow };
}

describe('house style', () => {
	it('serves the HUISSTIJL_FILE at the address of the built-in one', async () => {
		const response = await fetch(`${world.server.url}/huisstijl/tokens.css`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
		expect(response.headers.get('cache-control')).toBe('no-cache');
		expect(await response.text()).toBe(fs.readFileSync(THEME_FILE, 'utf8'));
		const etag = response.headers.get('etag');
		expect(etag).toBeTruthy();
		const again = await fetch(`${world.server.url}/huisstijl/tokens.css`, { headers: { 'if-none-match': etag! } });
		expect(again.status).toBe(304);

		expect(await (await fetch(`${builtIn.url}/huisstijl/tokens.css`)).text()).toBe(BUILT_IN);
	});

	it('renders the header, a primary button, a link and the focus ring in the built-in colours without it', async () => {
		const shown = await colours(world.page, builtIn.url);
		const action = SECOND['--basis-color-action-1-color-default'].built;
		expect(shown.header).toBe(action);
		expect(shown.button).toBe(action);
		expect(shown.link).toBe(action);
		expect(shown.focusOutline).toBe(SECOND['--basis-focus-outline-color'].built);
		expect(shown.focusShadow).toContain(SECOND['--basis-focus-background-color'].built);
		await expectNoAxeViolations(world.page);
	});

	it('renders them in the second theme’s colours with it, and axe still passes', async () => {
		const shown = await colours(world.page, world.server.url);
		const action = SECOND['--basis-color-action-1-color-default'].second;
		expect(shown.header).toBe(action);
		expect(shown.button).toBe(action);
		expect(shown.link).toBe(action);
		expect(shown.focusOutline).toBe(SECOND['--basis-focus-outline-color'].second);
		expect(shown.focusShadow).toContain(SECOND['--basis-focus-background-color'].second);
		await expectNoAxeViolations(world.page);
		await world.page.goto(world.server.url);
		await expectNoAxeViolations(world.page);
	});
});
