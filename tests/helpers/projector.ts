/**
 * What the projector tests check on every screen: nothing reaches beyond the screen or is cut
 * off at the bottom of a list that turns in pages, the page does not scroll, no text is smaller
 * than 3 % of the screen's height, headings are larger than the body text, and axe finds nothing.
 */
import fs from 'node:fs';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { addCriterion, rootsOf, setStatus } from '../../src/lib/shared/theme-document';
import { expectNoAxeViolations, type BrowserWorld } from './browser';

/** The screens a room may have: 720p, 1080p and 4K. */
export const SIZES = [
	[1280, 720],
	[1920, 1080],
	[3840, 2160]
] as const;

/**
 * The projector view of session `id` at one of SIZES, in the world's (logged-in) context: the
 * smallest on the world's page, the others on new pages. Reduced motion: the pages do not turn
 * by themselves, so the test turns them.
 */
export async function openScreen(world: BrowserWorld, id: number, [width, height]: (typeof SIZES)[number]): Promise<Page> {
	const page = width === 1280 ? world.page : await world.context.newPage();
	await page.setViewportSize({ width, height });
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await page.goto(`${world.server.url}/sessions/${id}/screen`);
	return page;
}

/** The projector view of session `id` at every one of SIZES, in that order. */
export async function openScreens(world: BrowserWorld, id: number): Promise<Page[]> {
	const screens: Page[] = [];
	for (const size of SIZES) screens.push(await openScreen(world, id, size));
	return screens;
}

/** What a theme's document holds by the closing: its meaning, its toetsvraag and its criteria. */
export interface Summary {
	meaning: string;
	testQuestion: string;
	criteria: { text: string; comment: string }[];
}

/** Writes `summary` into a theme's shared document; every third criterion agreed. */
export function writeSummary(doc: Y.Doc, { meaning, testQuestion, criteria }: Summary): void {
	rootsOf(doc).meaning.insert(0, meaning);
	rootsOf(doc).testQuestion.insert(0, testQuestion);
	criteria.forEach((c, i) => {
		const cid = addCriterion(doc, null);
		const map = rootsOf(doc)
			.criteria.toArray()
			.find((m) => m.get('id') === cid)!;
		(map.get('text') as Y.Text).insert(0, c.text);
		(map.get('comment') as Y.Text).insert(0, c.comment);
		if (i % 3 === 0) setStatus(doc, cid, 'agreed');
	});
}

/** Much more than one screen holds: a meaning of 18 sentences, a long toetsvraag, 24 criteria (some with a comment). */
export function longSummary(): Summary {
	const meaning = Array.from(
		{ length: 18 },
		(_, i) =>
			`Zin ${i + 1}: cliënten merken dat de ondersteuning aansluit bij wat zij zelf willen en kunnen, ook als hun situatie verandert en er meer nodig is.${i % 6 === 5 ? '\n' : ' '}`
	)
		.join('')
		.trim();
	const testQuestion =
		'In hoeverre ervaren cliënten, hun naasten en de mensen die hen ondersteunen dat de gemeente samen met hen kijkt naar wat nodig is, ' +
		'dat afspraken worden nagekomen, dat zij op tijd horen wat er is besloten en waarom, en dat zij weten waar zij terechtkunnen als het niet goed gaat?';
	const criteria = Array.from({ length: 24 }, (_, i) => ({
		text: `Criterium ${i + 1}: ${i % 4 === 0 ? 'de cliënt krijgt binnen twee weken na de melding een gesprek, thuis of op een plek die de cliënt kiest, met iemand die de tijd neemt' : 'binnen vijf werkdagen een reactie'}`,
		comment: i % 5 === 0 ? 'Nog navragen bij de uitvoering.' : ''
	}));
	return { meaning, testQuestion, criteria };
}

export interface Fit {
	outside: string[];
	small: string[];
	headings: string[];
	scroll: { height: number; width: number };
	body: number;
}

/** What on the projector does not fit or is too small, measured in the page. */
export function measure(page: Page): Promise<Fit> {
	return page.evaluate(() => {
		const root = document.querySelector<HTMLElement>('.kd-projector')!;
		const W = window.innerWidth;
		const H = window.innerHeight;
		const name = (el: Element) =>
			`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
		// Shown and not visually hidden (the spelled-out code for screen readers is 1 px).
		const shown = (el: Element) => {
			if (!el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) return null;
			const r = el.getBoundingClientRect();
			return r.width > 1 && r.height > 1 ? r : null;
		};
		const outside: string[] = [];
		for (const el of [root, ...root.querySelectorAll('*')]) {
			const r = shown(el);
			if (r && (r.left < -0.5 || r.top < -0.5 || r.right > W + 0.5 || r.bottom > H + 0.5))
				outside.push(`${name(el)} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
		}
		// Nothing half shown at the bottom of a list that turns in pages.
		for (const frame of root.querySelectorAll('.kd-projector__frame, .kd-result__frame')) {
			const box = shown(frame);
			if (!box) continue;
			for (const el of frame.querySelectorAll('*')) {
				const r = shown(el);
				if (r && r.bottom > box.bottom + 0.5) outside.push(`${name(el)} cut off at ${Math.round(box.bottom)}`);
			}
		}
		const small: string[] = [];
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement!;
			if (!node.textContent?.trim() || !shown(parent)) continue;
			const size = parseFloat(getComputedStyle(parent).fontSize);
			if (size < 0.03 * H) small.push(`${name(parent)}: ${size}px`);
		}
		const body = parseFloat(getComputedStyle(root).fontSize);
		const headings = [...root.querySelectorAll('h1, h2, h3')]
			.filter((h) => shown(h))
			.filter((h) => parseFloat(getComputedStyle(h).fontSize) <= body)
			.map((h) => `${name(h)}: ${getComputedStyle(h).fontSize}`);
		const scroller = document.scrollingElement!;
		return {
			outside,
			small,
			headings,
			body,
			scroll: { height: scroller.scrollHeight - H, width: scroller.scrollWidth - W }
		};
	});
}

/** The checks of every phase at every size, and a screenshot in `shots` for a person to look at. */
export async function checkFits(page: Page, phase: string, shots = '/tmp/projector-shots'): Promise<void> {
	const { width, height } = page.viewportSize()!;
	// Let the pages settle: lists are cut into pages after the layout changed, a frame or a few
	// later; a projector that is right within two seconds is right for the room.
	let fit = await measure(page);
	for (const end = Date.now() + 2000; (fit.outside.length > 0 || fit.scroll.height > 0) && Date.now() < end; fit = await measure(page))
		await page.waitForTimeout(100);
	fs.mkdirSync(shots, { recursive: true });
	await page.screenshot({ path: `${shots}/${width}x${height}-${phase}.png` });
	const where = `${phase} at ${width}x${height}`;
	expect(fit.outside, `beyond the screen (${where})`).toEqual([]);
	expect(fit.small, `text below 3 % of the screen's height (${where})`).toEqual([]);
	expect(fit.headings, `headings not larger than body text (${where})`).toEqual([]);
	expect(fit.body, where).toBeGreaterThanOrEqual(0.03 * height);
	expect(fit.scroll, `the page scrolls (${where})`).toEqual({ height: 0, width: 0 });
	await expectNoAxeViolations(page);
}
