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
 * shows more of them until the box would overflow, and starts the next page there. Items are
 * taken in the order of their `data-page-order` (the document's order without it; cards in
 * columns get "row by row" so that every page shows a part of every column), and an element
 * marked `data-page-group` is hidden on the pages that show none of its items (a heading with
 * its list).
 */
import { flushSync } from 'svelte';
import type { Action } from 'svelte/action';

/** What the frame pages: a selector of its items (a list, cut by measuring), or items to fill. */
export type FrameItems = string | { items: string; fill: true };

const order = (item: HTMLElement) => Number(item.dataset.pageOrder ?? NaN);

export class Pages {
	/** The page shown, from 0. */
	page = $state(0);
	count = $state(1);
	paused = $state(false);
	readonly intervalMs: number;
	#starts: number[] = [0];
	#items: HTMLElement[] = [];
	#groups: HTMLElement[] = [];

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

	/** Shows the items of the current page and hides the others. */
	#show(): void {
		const from = this.#starts[this.page] ?? 0;
		const to = this.#starts[this.page + 1] ?? this.#items.length;
		this.#showRange(from, to);
	}

	#showRange(from: number, to: number): void {
		this.#items.forEach((item, i) => (item.hidden = i < from || i >= to));
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

		const settle = (starts: number[]) => {
			this.#starts = starts;
			const changed = this.count !== starts.length;
			this.count = starts.length;
			if (this.page >= this.count) this.page = 0;
			this.#show();
			return changed;
		};
		/** Fills pages: from each start as many items as fit (found by halving), the next page after. */
		const cutByFilling = (): number[] => {
			const box = () => node.getBoundingClientRect().bottom + 0.5;
			// Everything shown ends above the box's bottom: the items and what holds them (a line's height, a border).
			const fits = (from: number, to: number) => {
				this.#showRange(from, to);
				if (node.scrollHeight > node.clientHeight) return false;
				const bottom = box();
				for (const el of node.querySelectorAll('*')) if (el.getBoundingClientRect().bottom > bottom) return false;
				return true;
			};
			const n = this.#items.length;
			const starts = [0];
			let from = 0;
			while (from < n) {
				let to = n;
				if (!fits(from, n)) {
					// At least one item a page, even one that does not fit (it is cut off rather than lost).
					let good = from + 1;
					let bad = n;
					while (bad - good > 1) {
						const mid = (good + bad) >> 1;
						if (fits(from, mid)) good = mid;
						else bad = mid;
					}
					to = good;
				}
				if (to < n) starts.push(to);
				from = to;
			}
			return starts;
		};

		const cut = () => {
			const found = [...node.querySelectorAll<HTMLElement>(`:scope ${sel}`)];
			const key = (item: HTMLElement, i: number) => (Number.isFinite(order(item)) ? order(item) : i);
			const items = fill
				? found
						.map((item, i) => ({ item, at: key(item, i) }))
						.sort((a, b) => a.at - b.at)
						.map((x) => x.item)
				: found;
			for (const item of items) item.hidden = false;
			this.#items = items;
			this.#groups = fill ? [...node.querySelectorAll<HTMLElement>('[data-page-group]')] : [];
			for (const group of this.#groups) group.hidden = false;
			if (fill) return settle(cutByFilling());
			const rects = items.map((item) => item.getBoundingClientRect());
			const starts = [0];
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
