/**
 * The projector, made for a room (issue 18): at 1280x720, 1920x1080 and 3840x2160, in every
 * phase (joining, proposals, voting with the timer on, the result of a vote on many themes,
 * the brainstorm of a theme with keywords from several perspectives, closing), nothing on the
 * projector reaches beyond the screen, the page does not scroll, no text is smaller than 3 % of
 * the screen's height, and headings are larger than the body text. Lists that do not fit turn in
 * pages; turning them shows every theme with its split by perspective. While voting, the
 * projector counts who voted. A theme's steps with more than a screen holds (dozens of keywords
 * in one perspective, a long meaning, many criteria) turn in pages too, and every keyword,
 * sentence and criterion is on one of them. Screenshots go to /tmp/projector-shots for a person
 * to look at.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import * as Y from 'yjs';
import { SYSTEM } from '../../src/lib/server/audit';
import { YjsStore } from '../../src/lib/server/realtime/yjs/persistence';
import { gotoAgenda, controlTimer } from '../../src/lib/server/sessions/agenda';
import { addParticipant } from '../../src/lib/server/sessions/participants';
import { createProposal, triageProposal } from '../../src/lib/server/sessions/proposals';
import { sessionState } from '../../src/lib/server/sessions/state';
import { chooseThemes, closeVote, openVote, placeSticker } from '../../src/lib/server/sessions/voting';
import { addKeyword, criteriaOf, docNameOf } from '../../src/lib/shared/theme-document';
import { loginAs, useBrowserWorld } from '../helpers/browser';
import { checkFits, longSummary, openScreens, writeSummary } from '../helpers/projector';
import { liveWorld, member } from '../helpers/live';
import { nl } from '../helpers/i18n';
import { PERSPECTIVES } from '../../src/lib/shared/vocabulary';

const world = useBrowserWorld();
const db = () => world.server.runtime.db;
/** The keyword cards' texts without their soft hyphens. */
const cardTexts = async (cards: Locator) => (await cards.allTextContents()).map((text) => text.replace(/\u00AD/g, '').trim());

describe('the projector in a room', () => {
	/** The font size of the first element matching `selector`, against the projector's body text. */
	const fontRatio = (page: Page, selector: string) =>
		page.evaluate((sel) => {
			const size = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
			return Math.round((size(document.querySelector(sel)!) / size(document.querySelector('.kd-projector')!)) * 100) / 100;
		}, selector);

	it('fits every phase on 720p, 1080p and 4K screens, readable from the back', async () => {
		const live = await liveWorld(db(), { title: 'Kwaliteitsdialoog Wmo: hoe gaat het met de ondersteuning thuis?', themesToTreat: 3 });
		const id = live.session.id;
		const push = () => world.server.runtime.realtime!.sessions.schedule(id);
		const goto = (index: number) => {
			gotoAgenda(db(), SYSTEM, id, index);
			push();
		};
		const step = (page: Page, n: number) =>
			page
				.locator('.kd-projector__count')
				.getByText(nl('live.stepOf', { n, total: 5 + 3 * 3 + 1 }), { exact: true })
				.waitFor();

		await loginAs(world.context, world.server, live.facilitator.id);
		const screens = await openScreens(world, id);

		// Joining: the code and the QR code, large.
		for (const page of screens) {
			await page.locator('.kd-projector__code').getByText(live.session.joinCode!).waitFor();
			const qr = await page.getByRole('img', { name: /QR-code/ }).boundingBox();
			const { height } = page.viewportSize()!;
			expect(qr!.height).toBeGreaterThan(0.4 * height);
			expect(await page.getByText(nl('session.join.codeSpelled', { code: live.session.joinCode!.split('').join(' ') })).count()).toBe(1);
			await checkFits(page, 'joining');
		}

		// The overview: the framework's themes fit on one screen from 1080p up, so no pages.
		goto(1);
		for (const page of screens) {
			await step(page, 2);
			await page.locator('.kd-projector__themes li').first().waitFor();
			await page.waitForTimeout(300);
			if (page.viewportSize()!.height >= 1080) expect(await page.locator('.kd-pageturn__where').count(), 'overview in one page').toBe(0);
		}

		// Proposals: the themes and the proposed ones.
		goto(2);
		const proposals = ['Vervoer naar de dagbesteding', 'Eenzaamheid', 'Eigen bijdrage', 'Mantelzorg ontlasten', 'Digitale loketten'].map(
			(title) => createProposal(db(), SYSTEM, id, live.ans.participant.id, { title, explanation: 'Dit mis ik in de lijst.' })
		);
		push();
		for (const page of screens) {
			await step(page, 3);
			await page.locator('.kd-projector__themes').getByText('Vervoer naar de dagbesteding').waitFor();
			await checkFits(page, 'proposals');
		}

		// Four of them become themes of their own: more themes than the framework's ten.
		for (const p of proposals.slice(0, 4)) triageProposal(db(), SYSTEM, id, { action: 'add', proposalId: p.id });
		push();
		// Those added are among the themes now, not also still among the proposals.
		for (const page of screens)
			await expect
				.poll(() => page.locator('.kd-projector__themes li', { hasText: 'Vervoer naar de dagbesteding' }).count(), { timeout: 15_000 })
				.toBe(1);

		// Voting, with the timer on: how many of those in the room voted.
		goto(3);
		openVote(db(), SYSTEM, id);
		controlTimer(db(), SYSTEM, id, { action: 'start', minutes: 10 });
		push();
		const ans = await member(world.server.url, live.cookies.ans, id);
		const bas = await member(world.server.url, live.cookies.bas, id);
		const themes = sessionState(db(), id, { kind: 'facilitator' }).themes;
		expect(themes.length).toBeGreaterThanOrEqual(12);
		for (const page of screens) {
			await page.getByRole('timer').waitFor();
			await page.getByText(nl('live.vote.progress', { count: 0, of: 2 })).waitFor();
		}
		// Ans places all three of her stickers: one of the two is done.
		for (const theme of themes.slice(0, 3)) expect(await ans.send('sticker:place', { themeId: theme.id })).toMatchObject({ ok: true });
		for (const page of screens) {
			const progress = page.getByText(nl('live.vote.progress', { count: 1, of: 2 }));
			await progress.waitFor();
			expect(await page.locator('[aria-live="polite"]', { hasText: nl('live.vote.progress', { count: 1, of: 2 }) }).count()).toBe(1);
			// Whoever comes in now still finds the way in: one line with the address and the code.
			const late = page.locator('.kd-projector__late');
			expect(await late.getByText(nl('screen.lateJoin', { host: `${new URL(world.server.url).host}/join` })).isVisible()).toBe(true);
			expect(await late.getByText(live.session.joinCode!, { exact: true }).isVisible()).toBe(true);
			await checkFits(page, 'voting');
		}
		ans.socket.disconnect();
		bas.socket.disconnect();

		// The result of a vote on every theme, by all six perspectives: more rows than a screen holds.
		const voters = PERSPECTIVES.flatMap((perspective, p) =>
			[0, 1, 2].map((i) => addParticipant(db(), SYSTEM, id, { displayName: `Deelnemer ${p}-${i}`, perspective, role: 'participant' }))
		);
		voters.forEach((v, i) => {
			for (let k = 0; k < 3; k++) placeSticker(db(), SYSTEM, id, v.participant.id, themes[(i + k * 5) % themes.length]!.id);
		});
		closeVote(db(), SYSTEM, id);
		controlTimer(db(), SYSTEM, id, { action: 'clear' });
		goto(4);
		const state = sessionState(db(), id, { kind: 'facilitator' });
		const voted = state.themes.filter((t) => (t.count ?? 0) > 0).map((t) => t.name);
		expect(voted.length).toBeGreaterThanOrEqual(12);
		const ranked = [...state.themes].sort((a, b) => (b.count ?? 0) - (a.count ?? 0));
		chooseThemes(db(), SYSTEM, id, {
			themeIds: ranked.slice(0, 3).map((t) => t.id),
			reason: 'Deze drie thema’s kregen de meeste stickers.'
		});
		push();
		const chosen = ranked.slice(0, 3);
		for (const page of screens) {
			await step(page, 5);
			const table = page.getByRole('table', { name: nl('live.tally.perPerspective') });
			await table.waitFor();
			for (const p of PERSPECTIVES)
				expect(await table.getByRole('columnheader', { name: nl(`perspective.${p}`), exact: true }).isVisible()).toBe(true);
			expect(await table.getByRole('row', { name: new RegExp(`^${nl('live.tally.voters')}`) }).isVisible()).toBe(true);
			// The first chosen theme says so in words, not by its bar alone.
			expect(await table.getByText(nl('live.result.chosenBadge', { rank: 1 }), { exact: true }).isVisible()).toBe(true);
			// More than one page; reduced motion: paused, and turned by hand. Every theme is on a page.
			const where = page.locator('.kd-pageturn__where');
			await where.getByText(/^Pagina 1 van \d$/).waitFor();
			const total = Number((await where.textContent())!.match(/van (\d)/)![1]);
			expect(total).toBeGreaterThan(1);
			expect(await page.getByRole('button', { name: nl('screen.pagesPause') }).getAttribute('aria-pressed')).toBe('true');
			const seen = new Set<string>();
			for (let n = 1; n <= total; n++) {
				await where.getByText(nl('screen.page', { n, total })).waitFor();
				await checkFits(page, n === 1 ? 'result' : `result-${n}`);
				const rows = table.locator('tbody tr:visible th');
				for (const text of await rows.allInnerTexts()) seen.add(text.split('\n')[0]!.trim());
				await page.getByRole('button', { name: nl('screen.pagesNext') }).click();
			}
			for (const name of voted)
				expect(
					[...seen].some((s) => s.startsWith(name)),
					`${name} on a page`
				).toBe(true);
		}

		// The lead view on a 1280 px laptop: the tally with every perspective fits beside the menu, no sideways scrolling.
		const lead = await world.context.newPage();
		await lead.setViewportSize({ width: 1280, height: 720 });
		await lead.goto(`${world.server.url}/sessions/${id}/lead`);
		const leadTally = lead.getByRole('table', { name: nl('live.tally.caption') });
		await leadTally.waitFor();
		for (const p of PERSPECTIVES)
			expect(await leadTally.getByRole('columnheader', { name: nl(`perspective.${p}`), exact: true }).isVisible()).toBe(true);
		// Headings break at Dutch hyphenation points (soft hyphens), not inside a syllable.
		const official = leadTally.getByRole('columnheader', { name: nl('perspective.official'), exact: true });
		await expect.poll(() => official.textContent()).toBe('amb\u00ADte\u00ADnaar');
		const overflow = await leadTally.evaluate((table) => {
			const box = table.closest('.kd-table-container')!;
			return {
				scroll: box.scrollWidth,
				client: box.clientWidth,
				right: box.getBoundingClientRect().right,
				page: document.documentElement.scrollWidth
			};
		});
		await leadTally.screenshot({ path: '/tmp/projector-shots/lead-tally-1280.png' });
		expect(overflow.scroll, 'the tally needs no sideways scrolling').toBeLessThanOrEqual(overflow.client);
		expect(overflow.page, 'the page needs no sideways scrolling').toBeLessThanOrEqual(1280);
		await lead.close();

		// Without reduced motion the pages turn by themselves.
		const moving = screens[1]!;
		await moving.emulateMedia({ reducedMotion: 'no-preference' });
		await moving.reload();
		await moving
			.locator('.kd-pageturn__where')
			.getByText(/^Pagina 1 van \d$/)
			.waitFor();
		expect(await moving.getByRole('button', { name: nl('screen.pagesPause') }).getAttribute('aria-pressed')).toBe('false');
		await moving
			.locator('.kd-pageturn__where')
			.getByText(/^Pagina 2 van \d$/)
			.waitFor({ timeout: 15_000 });
		await checkFits(moving, 'result-turned');
		await moving.emulateMedia({ reducedMotion: 'reduce' });

		// The brainstorm on the first chosen theme: the keywords as cards, a column per perspective.
		const keywords = {
			client: ['zelf kiezen', 'op tijd', 'vaste hulp', 'vriendelijk', 'luisteren'],
			official: ['eigen kracht', 'netwerk', 'maatwerk'],
			wmo_council: ['toegankelijk', 'duidelijke brief', 'klachtenregeling', 'onafhankelijke cliëntondersteuning'],
			provider: ['continuïteit', 'overdracht']
		};
		const doc = new Y.Doc();
		for (const [perspective, texts] of Object.entries(keywords))
			for (const text of texts) addKeyword(doc, { text, perspective, author: null });
		new YjsStore(db()).append(docNameOf(id, chosen[0]!.key), Y.encodeStateAsUpdate(doc));
		goto(5);
		for (const page of screens) {
			await step(page, 6);
			for (const [perspective, texts] of Object.entries(keywords)) {
				const column = page.getByRole('region', { name: nl(`perspective.${perspective as keyof typeof keywords}`), exact: true });
				// Long words carry soft hyphens (Dutch patterns) where they may break; the words stay the same.
				await expect
					.poll(async () => (await cardTexts(column.locator('.kd-flipchart__card'))).includes(texts.at(-1)!), { timeout: 30_000 })
					.toBe(true);
				expect(await cardTexts(column.locator('.kd-flipchart__card'))).toEqual(texts);
				// Every card inside its flip-chart, a long word too.
				if (perspective === 'wmo_council')
					expect(await column.locator('.kd-flipchart__card', { hasText: 'klach' }).textContent()).toContain(
						'klach\u00ADten\u00ADre\u00ADge\u00ADling'
					);
				const chart = (await column.boundingBox())!;
				for (const card of await column.locator('.kd-flipchart__card').all()) {
					const box = (await card.boundingBox())!;
					expect(box.x + box.width, texts.join()).toBeLessThanOrEqual(chart.x + chart.width + 0.5);
				}
			}
			await checkFits(page, 'brainstorm');
		}

		// Closing: the chosen themes with what was made of them.
		goto(5 + 3 * 3);
		for (const page of screens) {
			await step(page, 15);
			await page.getByRole('heading', { level: 2, name: chosen[0]!.name }).waitFor();
			expect(await page.locator('.kd-projector__late').count(), 'the way in during the vote only').toBe(0);
			await checkFits(page, 'closing');
		}
	}, 240_000);

	it('turns a theme’s steps in pages when there is more than a screen holds', async () => {
		const live = await liveWorld(db(), { title: 'Kwaliteitsdialoog Wmo', themeSelection: 'fixed', themesToTreat: 1 });
		const id = live.session.id;
		const theme = sessionState(db(), id, { kind: 'facilitator' }).themes[0]!;
		chooseThemes(db(), SYSTEM, id, { themeIds: [theme.id] });
		const agenda = sessionState(db(), id, { kind: 'facilitator' }).agenda;
		const at = (step: string) => agenda.findIndex((item) => item.phase === 'theme' && item.step === step);

		// Much more than a screen: 36 keywords from clients, a meaning of 18 sentences, 24 criteria.
		const words = [
			'vervoer',
			'op tijd',
			'vaste hulp',
			'luisteren',
			'keuze',
			'eigen regie',
			'buurt',
			'mantelzorg',
			'brief',
			'loket',
			'wachttijd',
			'geld'
		];
		const keywords: Record<string, string[]> = {
			client: Array.from({ length: 36 }, (_, i) => `${words[i % words.length]} ${i + 1}`),
			official: Array.from({ length: 10 }, (_, i) => `maatwerk ${i + 1}`),
			wmo_council: Array.from({ length: 18 }, (_, i) => `toegankelijkheid voor iedereen ${i + 1}`),
			provider: ['continuïteit', 'overdracht']
		};
		const summary = longSummary();
		const { meaning, testQuestion, criteria } = summary;
		const doc = new Y.Doc();
		for (const [perspective, texts] of Object.entries(keywords))
			for (const text of texts) addKeyword(doc, { text, perspective, author: null });
		writeSummary(doc, summary);
		expect(criteriaOf(doc)).toHaveLength(24);
		new YjsStore(db()).append(docNameOf(id, theme.key), Y.encodeStateAsUpdate(doc));
		gotoAgenda(db(), SYSTEM, id, at('meaning'));

		await loginAs(world.context, world.server, live.facilitator.id);
		const screens = await openScreens(world, id);
		const step = (page: Page, n: number) =>
			page
				.locator('.kd-projector__count')
				.getByText(nl('live.stepOf', { n, total: agenda.length }), { exact: true })
				.waitFor();

		/** Every page of the step in turn: checked, and what `collect` finds on it kept. */
		async function throughPages(page: Page, phase: string, ready: string, collect: () => Promise<void>): Promise<number> {
			await page.locator('.kd-summary--paged').getByText(ready, { exact: false }).first().waitFor({ state: 'attached' });
			const where = page.locator('.kd-pageturn__where');
			// Cut into pages a frame or two after the document arrived.
			await expect.poll(() => where.count()).toBeGreaterThan(0);
			await where.getByText(/^Pagina 1 van \d+$/).waitFor();
			const total = Number((await where.textContent())!.match(/van (\d+)/)![1]);
			for (let n = 1; n <= total; n++) {
				await where.getByText(nl('screen.page', { n, total }), { exact: true }).waitFor();
				await checkFits(page, n === 1 ? phase : `${phase}-${n}`);
				await collect();
				await page.getByRole('button', { name: nl('screen.pagesNext') }).click();
			}
			await where.getByText(nl('screen.page', { n: 1, total }), { exact: true }).waitFor();
			return total;
		}

		// The brainstorm and the meaning: the cards row by row over the perspectives, then the text.
		for (const page of screens) {
			await step(page, at('meaning') + 1);
			const seen: Record<string, string[]> = {};
			let text = '';
			const pages = await throughPages(page, 'theme-meaning', keywords.client![0]!, async () => {
				for (const perspective of Object.keys(keywords)) {
					const column = page.getByRole('region', { name: nl(`perspective.${perspective as 'client'}`), exact: true });
					if ((await column.count()) === 0) continue;
					(seen[perspective] ??= []).push(...(await cardTexts(column.locator('.kd-flipchart__card:visible'))));
				}
				const parts = page.locator('.kd-summary__list dd.kd-pre > span:visible');
				text += (await parts.allTextContents()).join('');
			});
			expect(pages).toBeGreaterThan(1);
			expect(await page.locator('.kd-projector__focus .kd-projector__text').textContent()).not.toContain('?:');
			// Every keyword on exactly one page, in its own column, and the whole meaning once.
			for (const [perspective, texts] of Object.entries(keywords)) expect(seen[perspective], perspective).toEqual(texts);
			expect(text).toBe(meaning);
		}

		// The toetsvraag: large, whole.
		gotoAgenda(db(), SYSTEM, id, at('test_question'));
		world.server.runtime.realtime!.sessions.schedule(id);
		for (const page of screens) {
			await step(page, at('test_question') + 1);
			const shown = page.locator('.kd-summary--paged').getByText(testQuestion.slice(0, 40));
			await shown.waitFor();
			await page.waitForTimeout(300);
			let text = '';
			const where = page.locator('.kd-pageturn__where');
			if ((await where.count()) > 0) {
				await throughPages(page, 'theme-test-question', testQuestion.slice(0, 40), async () => {
					text += (await page.locator('.kd-summary__list dd > .kd-pre > span:visible').allTextContents()).join('');
				});
			} else {
				await checkFits(page, 'theme-test-question');
				text = (await page.locator('.kd-summary__list dd > .kd-pre > span:visible').allTextContents()).join('');
			}
			expect(text).toBe(testQuestion);
			// What the room reads in this step stands out: the question well above the screen's body text.
			expect(await fontRatio(page, '.kd-summary__list dd > .kd-pre')).toBeGreaterThanOrEqual(1.5);
		}

		// The criteria: every one on a page, numbered on, after the toetsvraag they answer.
		gotoAgenda(db(), SYSTEM, id, at('criteria'));
		world.server.runtime.realtime!.sessions.schedule(id);
		for (const page of screens) {
			await step(page, at('criteria') + 1);
			const seen: string[] = [];
			const numbers: number[] = [];
			let question = '';
			const pages = await throughPages(page, 'theme-criteria', criteria[0]!.text, async () => {
				question += (await page.locator('.kd-summary__list dd > .kd-pre > span:visible').allTextContents()).join('');
				const items = page.locator('.kd-summary__criteria > li:visible');
				seen.push(...(await items.locator('> .kd-pre:first-child').allTextContents()));
				numbers.push(...(await items.evaluateAll((lis) => lis.map((li) => (li as HTMLLIElement).value))));
			});
			expect(pages).toBeGreaterThan(1);
			expect(await fontRatio(page, '.kd-summary__criteria > li > .kd-pre')).toBeGreaterThanOrEqual(1.25);
			expect(await fontRatio(page, '.kd-summary__list dd > .kd-pre')).toBe(1);
			expect(question).toBe(testQuestion);
			expect(seen).toEqual(criteria.map((c) => c.text));
			expect(numbers).toEqual(criteria.map((_, i) => i + 1));
		}
	}, 240_000);
});
