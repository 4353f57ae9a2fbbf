/**
 * The projector at closing (issue 18): one summary per chosen theme. A theme with more than a
 * screen holds (a meaning of 18 sentences, a long toetsvraag, 24 criteria with comments) turns in
 * pages, with its heading and "(deel 2 van 4)" on each of them, and every sentence and criterion
 * is on exactly one page, the criteria numbered on. Short summaries stay whole and share a page.
 * At 1280x720, 1920x1080 and 3840x2160 nothing reaches beyond the screen, no text is smaller than
 * 3 % of the screen's height, and axe finds nothing. Screenshots go to /tmp/closing-shots for a
 * person to look at.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { SYSTEM } from '../../src/lib/server/audit';
import { YjsStore } from '../../src/lib/server/realtime/yjs/persistence';
import { gotoAgenda } from '../../src/lib/server/sessions/agenda';
import { sessionState } from '../../src/lib/server/sessions/state';
import { chooseThemes } from '../../src/lib/server/sessions/voting';
import { docNameOf } from '../../src/lib/shared/theme-document';
import { loginAs, useBrowserWorld } from '../helpers/browser';
import { liveWorld } from '../helpers/live';
import { checkFits, longSummary, openScreen, SIZES, writeSummary, type Summary } from '../helpers/projector';
import { nl } from '../helpers/i18n';

const world = useBrowserWorld();
const db = () => world.server.runtime.db;

const SHOTS = '/tmp/closing-shots';

/** A theme's shared document with these texts, as its update. */
function themeDocument(summary: Summary): Uint8Array {
	const doc = new Y.Doc();
	writeSummary(doc, summary);
	return Y.encodeStateAsUpdate(doc);
}

describe('the projector at closing', () => {
	it('turns a long theme summary in pages, with short ones sharing a page', async () => {
		const live = await liveWorld(db(), { title: 'Kwaliteitsdialoog Wmo', themeSelection: 'fixed', themesToTreat: 3 });
		const id = live.session.id;
		const themes = sessionState(db(), id, { kind: 'facilitator' }).themes.slice(0, 3);
		// Two short ones, then the long one.
		const [first, second, long] = themes as [(typeof themes)[0], (typeof themes)[0], (typeof themes)[0]];
		chooseThemes(db(), SYSTEM, id, { themeIds: [first.id, second.id, long.id] });

		const short = (n: number): Summary => ({
			meaning: `Korte betekenis ${n}.`,
			testQuestion: `Krijgt u op tijd hulp (${n})?`,
			criteria: [{ text: `Kort criterium ${n}`, comment: '' }]
		});
		const shorts = new Map([
			[first.id, short(1)],
			[second.id, short(2)]
		]);
		const { meaning, testQuestion, criteria } = longSummary();
		const store = new YjsStore(db());
		store.append(docNameOf(id, long.key), themeDocument({ meaning, testQuestion, criteria }));
		for (const theme of [first, second]) store.append(docNameOf(id, theme.key), themeDocument(shorts.get(theme.id)!));
		const agenda = sessionState(db(), id, { kind: 'facilitator' }).agenda;
		gotoAgenda(
			db(),
			SYSTEM,
			id,
			agenda.findIndex((item) => item.phase === 'closing')
		);

		await loginAs(world.context, world.server, live.facilitator.id);
		for (const size of SIZES) {
			const [width, height] = size;
			const page: Page = await openScreen(world, id, size);
			const summary = (theme: { id: number }) => page.locator(`section.kd-summary[aria-labelledby="sum-${theme.id}"]`);
			await summary(long).getByText(criteria[0]!.text).waitFor({ state: 'attached' });
			await summary(first).getByText(shorts.get(first.id)!.criteria[0]!.text).waitFor({ state: 'attached' });
			await summary(second).getByText(shorts.get(second.id)!.criteria[0]!.text).waitFor({ state: 'attached' });

			const where = page.locator('.kd-pageturn__where');
			await where.getByText(/^Pagina 1 van \d+$/).waitFor();
			const total = Number((await where.textContent())!.match(/van (\d+)/)![1]);
			expect(total, `${width}x${height}`).toBeGreaterThan(2);

			let text = '';
			let question = '';
			const seen: string[] = [];
			const numbers: number[] = [];
			const headings: string[] = [];
			const pagesOf = new Map<number, number[]>();
			for (let n = 1; n <= total; n++) {
				await where.getByText(nl('screen.page', { n, total }), { exact: true }).waitFor();
				await checkFits(page, n === 1 ? 'closing' : `closing-${n}`, SHOTS);
				for (const theme of themes) {
					const section = summary(theme);
					if (!(await section.isVisible())) continue;
					pagesOf.set(theme.id, [...(pagesOf.get(theme.id) ?? []), n]);
					// The heading says which theme, on every page it is on.
					expect(await section.getByRole('heading', { level: 2 }).isVisible()).toBe(true);
					const short = shorts.get(theme.id);
					if (short) {
						// A short summary whole, on one page.
						expect(await section.locator('.kd-summary__list dd.kd-pre > span:visible').allTextContents()).toEqual([short.meaning]);
						expect(await section.locator('.kd-summary__criteria > li:visible > .kd-pre:first-child').allTextContents()).toEqual(
							short.criteria.map((c) => c.text)
						);
						continue;
					}
					headings.push((await section.getByRole('heading', { level: 2 }).textContent())!.replace(/\s+/g, ' ').trim());
					text += (await section.locator('.kd-summary__list dd.kd-pre > span:visible').allTextContents()).join('');
					question += (await section.locator('.kd-summary__list dd > .kd-pre > span:visible').allTextContents()).join('');
					const items = section.locator('.kd-summary__criteria > li:visible');
					seen.push(...(await items.locator('> .kd-pre:first-child').allTextContents()));
					numbers.push(...(await items.evaluateAll((lis) => lis.map((li) => (li as HTMLLIElement).value))));
				}
				await page.getByRole('button', { name: nl('screen.pagesNext') }).click();
			}
			await where.getByText(nl('screen.page', { n: 1, total }), { exact: true }).waitFor();

			// The long theme over several pages, each saying which part; the whole of it once.
			const parts = pagesOf.get(long.id)!.length;
			expect(parts, `${width}x${height}`).toBeGreaterThan(1);
			expect(headings).toEqual(Array.from({ length: parts }, (_, i) => `${long.name} ${nl('screen.part', { n: i + 1, total: parts })}`));
			expect(text).toBe(meaning);
			expect(question).toBe(testQuestion);
			expect(seen).toEqual(criteria.map((c) => c.text));
			expect(numbers).toEqual(criteria.map((_, i) => i + 1));
			// Each short one on one page, the two together.
			for (const theme of [first, second]) expect(pagesOf.get(theme.id), theme.name).toHaveLength(1);
			expect(pagesOf.get(first.id)).toEqual(pagesOf.get(second.id));
		}
	}, 240_000);
});
