/**
 * Pages for a list that may not fit its box (the projector: results, themes, proposals, the
 * chosen themes at closing). The box has a fixed size (given by the layout, not by its content);
 * the items are measured with all of them shown, cut into pages that fit, and the items of the
 * other pages are hidden. The pages turn by themselves every `intervalMs`, unless paused; with
 * "reduce motion" asked by the system they start paused (the facilitator turns them).
 *
 * Use: `const pages = new Pages(); <div use:pages.frame={'li'}>…</div>` and show
 * `pages.page + 1` of `pages.count` when `pages.count > 1`.
 *
 * Items that are not one list from top to bottom (cards in columns side by side, the sentences
 * of a long text, a list under a text) are cut by filling: `use:pages.frame={{ items, fill: true }}`
 * shows more of them until the box would overflow, and starts the next page there. Items in
 * columns side by side say which column with `data-page-lane`: every page shows the next items
 * of every column, as many as fit in each, and the other items (in the document's order) follow
 * when the columns are done. An element marked `data-page-group` is hidden on the pages that
 * show none of its items (a heading with its list). The items of an element marked
 * `data-page-keep="name"` (a theme's summary at closing) stay together: when they do not all fit
 * under what is on a page already, they start the next page, and when they do not fit on a page
 * of their own they go on over as many pages as they need, each saying which part it is
 * (`part(name)`, "deel 2 van 3"); it is hidden on the pages without them.
 */
import { flushSync } from 'svelte';
import type { Action } from 'svelte/action';

/** What the frame pages: a selector of its items (a list, cut by measuring), or items to fill. */
export type FrameItems = string | { items: string; fill: true };

export class Pages {
	/** The page shown, from 0. */
	page = $state(0);
	count = $state(1);
	paused = $state(false);
	readonly intervalMs: number;
	#starts: number[] = [0];
	/** Filled pages: the items each shows. */
	#filled: HTMLElement[][] | null = null;
	#items: HTMLElement[] = [];
	#groups: HTMLElement[] = [];
	/** Filled pages: the pages each block kept together is on, by its name. */
	#spans = $state<Record<string, number[]>>({});

	constructor(intervalMs = 10_000) {
		this.intervalMs = intervalMs;
		if (typeof matchMedia === 'function') this.paused = matchMedia('(prefers-reduced-motion: reduce)').matches;
	}

	next = (): void => {
		this.page = (this.page + 1) % this.count;
		this.#show();
	};

	toggle = (): void => {
		this.paused = !this.paused;
	};

	/**
	 * Which part of a block kept together (`data-page-keep="name"`) the current page shows, when
	 * it is on more than one page: from 1 of `total`. On a page without it: the first part (the
	 * label is then hidden with the block, and takes the same room while pages are measured).
	 */
	part = (name: string): { n: number; total: number } | null => {
		const span = this.#spans[name] ?? [];
		if (span.length < 2) return null;
		return { n: Math.max(0, span.indexOf(this.page)) + 1, total: span.length };
	};

	/** Shows the items of the current page and hides the others. */
	#show(): void {
		if (this.#filled) return this.#showOnly(this.#filled[this.page] ?? []);
		const from = this.#starts[this.page] ?? 0;
		const to = this.#starts[this.page + 1] ?? this.#items.length;
		this.#showOnly(this.#items.slice(from, to));
	}

	#showOnly(shown: HTMLElement[]): void {
		const set = new Set(shown);
		for (const item of this.#items) item.hidden = !set.has(item);
		for (const group of this.#groups) {
			const inside = this.#items.filter((item) => group.contains(item));
			group.hidden = inside.length > 0 && inside.every((item) => item.hidden);
		}
	}

	/** The box: `selector` finds the items inside it (e.g. 'li', 'tbody > tr'). */
	frame: Action<HTMLElement, FrameItems> = (node, what) => {
		let sel = typeof what === 'string' ? what : what.items;
		let fill = typeof what !== 'string';
		let frameId = 0;
		let timer: ReturnType<typeof setInterval> | undefined;
		/** The block an item is kept together with, if any. */
		const keepOf = (item: HTMLElement) => {
			const keep = item.closest<HTMLElement>('[data-page-keep]');
			return keep && node.contains(keep) && keep !== node ? keep : null;
		};

		const settle = (starts: number[], filled: HTMLElement[][] | null = null) => {
			this.#starts = starts;
			this.#filled = filled;
			const spans: Record<string, number[]> = {};
			filled?.forEach((shown, page) => {
				for (const name of new Set(shown.map(keepOf).map((keep) => keep?.dataset.pageKeep))) if (name) (spans[name] ??= []).push(page);
			});
			// "(deel 1 van 2)" appears or goes, which changes the room too.
			const parts = JSON.stringify(spans) !== JSON.stringify(this.#spans);
			if (parts) this.#spans = spans;
			const count = filled ? filled.length : starts.length;
			const changed = this.count !== count || parts;
			this.count = count;
			if (this.page >= this.count) this.page = 0;
			this.#show();
			return changed;
		};
		/**
		 * Fills pages: on each, the next items of every lane, as many as fit in each (found by
		 * halving), then when the lanes are done the other items, as many as fit. At least one
		 * item a page, even one that does not fit (cut off rather than lost).
		 */
		const cutByFilling = (): HTMLElement[][] => {
			// Everything shown ends above the box's bottom: the items and what holds them (a line's height, a border).
			const fits = (shown: HTMLElement[]) => {
				this.#showOnly(shown);
				if (node.scrollHeight > node.clientHeight) return false;
				const bottom = node.getBoundingClientRect().bottom + 0.5;
				for (const el of node.querySelectorAll('*')) if (el.getBoundingClientRect().bottom > bottom) return false;
				return true;
			};
			/** How many of `next` fit with `shown`: at least `least`. */
			const most = (shown: HTMLElement[], next: HTMLElement[], least: number) => {
				if (next.length === 0 || fits([...shown, ...next])) return next.length;
				let good = least;
				let bad = next.length;
				while (bad - good > 1) {
					const mid = (good + bad) >> 1;
					if (fits([...shown, ...next.slice(0, mid)])) good = mid;
					else bad = mid;
				}
				return good;
			};
			const laneOf = new Map<string, HTMLElement[]>();
			const rest: HTMLElement[] = [];
			for (const item of this.#items) {
				const lane = item.dataset.pageLane;
				if (lane === undefined) rest.push(item);
				else laneOf.set(lane, [...(laneOf.get(lane) ?? []), item]);
			}
			const lanes = [...laneOf.values()];
			const at = lanes.map(() => 0);
			let restAt = 0;
			const pages: HTMLElement[][] = [];
			while (lanes.some((lane, l) => at[l]! < lane.length) || restAt < rest.length) {
				const page: HTMLElement[][] = lanes.map((lane, l) => lane.slice(at[l], at[l]! + 1));
				const others = (l: number) => page.filter((_, k) => k !== l).flat();
				lanes.forEach((lane, l) => {
					if (at[l]! >= lane.length) return;
					page[l] = lane.slice(at[l], at[l]! + most(others(l), lane.slice(at[l]), 1));
				});
				lanes.forEach((_, l) => (at[l]! += page[l]!.length));
				const shown = page.flat();
				if (lanes.every((lane, l) => at[l]! >= lane.length) && restAt < rest.length) {
					let n = most(shown, rest.slice(restAt), shown.length > 0 ? 0 : 1);
					// A block cut in two that began below other items on this page: it starts the next page.
					const keep = n > 0 && restAt + n < rest.length ? keepOf(rest[restAt + n]!) : null;
					if (keep && keepOf(rest[restAt + n - 1]!) === keep) {
						let start = restAt + n - 1;
						while (start > restAt && keepOf(rest[start - 1]!) === keep) start--;
						if (start > restAt) n = start - restAt;
					}
					shown.push(...rest.slice(restAt, restAt + n));
					restAt += n;
				}
				pages.push(shown);
			}
			return pages.length > 0 ? pages : [[]];
		};

		const cut = () => {
			const items = [...node.querySelectorAll<HTMLElement>(`:scope ${sel}`)];
			for (const item of items) item.hidden = false;
			this.#items = items;
			this.#groups = fill ? [...node.querySelectorAll<HTMLElement>('[data-page-group], [data-page-keep]')] : [];
			for (const group of this.#groups) group.hidden = false;
			if (fill) return settle([0], cutByFilling());
			const rects = items.map((item) => item.getBoundingClientRect());
			const starts = [0];
			// Everything fits: one page. (Only content taller than the box tells its height by
			// scrollHeight; below, room is what the box holds besides the items.)
			if (node.scrollHeight <= node.clientHeight) return settle(starts);
			if (rects.length > 0) {
				// What the box holds besides the items (a table's head and foot, a caption), all shown.
				const span = Math.max(...rects.map((r) => r.bottom)) - rects[0]!.top;
				const room = node.clientHeight - Math.max(0, node.scrollHeight - span) - 2;
				let top = rects[0]!.top;
				rects.forEach((r, i) => {
					if (i > 0 && r.bottom - top > room && r.top > top) {
						starts.push(i);
						top = r.top;
					}
				});
			}
			return settle(starts);
		};
		const measure = () => {
			frameId = 0;
			// "Pagina 1 van 2" appears or goes, which changes the room: cut again at once (a few times at most).
			for (let i = 0; i < 3 && cut(); i++) flushSync();
		};
		const later = () => {
			if (!frameId) frameId = requestAnimationFrame(measure);
		};

		// Again when the box changes size, or what is in it changes (a live update, a document loading).
		const resized = new ResizeObserver(later);
		resized.observe(node);
		const changed = new MutationObserver((records) => {
			// Our own hiding and showing is no reason to measure again.
			if (records.every((r) => r.type === 'attributes' && r.attributeName === 'hidden')) return;
			later();
		});
		changed.observe(node, { subtree: true, childList: true, characterData: true, attributes: true });
		void document.fonts?.ready.then(later);
		// After this mount (measuring may show "Pagina 1 van 2", which is not done inside an effect).
		later();

		const tick = () => {
			if (!this.paused && this.count > 1) this.next();
		};
		timer = setInterval(tick, this.intervalMs);

		return {
			update(next: FrameItems) {
				sel = typeof next === 'string' ? next : next.items;
				fill = typeof next !== 'string';
				later();
			},
			destroy() {
				if (frameId) cancelAnimationFrame(frameId);
				clearInterval(timer);
				timer = undefined;
				resized.disconnect();
				changed.disconnect();
			}
		};
	};
}
