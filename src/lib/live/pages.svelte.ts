/**
 * Pages for a list that may not fit its box (the projector: results, themes, proposals, the
 * chosen themes at closing). The box has a fixed size (given by the layout, not by its content);
 * the items are measured with all of them shown, cut into pages that fit, and the items of the
 * other pages are hidden. The pages turn by themselves every `intervalMs`, unless paused; with
 * "reduce motion" asked by the system they start paused (the facilitator turns them).
 *
 * Use: `const pages = new Pages(); <div use:pages.frame={'li'}>…</div>` and show
 * `pages.page + 1` of `pages.count` when `pages.count > 1`.
 */
import { flushSync } from 'svelte';
import type { Action } from 'svelte/action';

export class Pages {
	/** The page shown, from 0. */
	page = $state(0);
	count = $state(1);
	paused = $state(false);
	readonly intervalMs: number;
	#starts: number[] = [0];
	#items: HTMLElement[] = [];

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
		this.#items.forEach((item, i) => (item.hidden = i < from || i >= to));
	}

	/** The box: `selector` finds the items inside it (e.g. 'li', 'tbody > tr'). */
	frame: Action<HTMLElement, string> = (node, selector) => {
		let sel = selector;
		let frameId = 0;
		let timer: ReturnType<typeof setInterval> | undefined;

		const cut = () => {
			const items = [...node.querySelectorAll<HTMLElement>(`:scope ${sel}`)];
			for (const item of items) item.hidden = false;
			this.#items = items;
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
			this.#starts = starts;
			const changed = this.count !== starts.length;
			this.count = starts.length;
			if (this.page >= this.count) this.page = 0;
			this.#show();
			return changed;
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
			update(next: string) {
				sel = next;
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
