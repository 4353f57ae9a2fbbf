/**
 * A scroll container that keyboard users can reach only while it scrolls: when its content is
 * wider than it (a chart on a phone), it becomes a region in the tab order named `label` (say
 * that it scrolls: the figure around it already carries the chart's own name); when all of it
 * fits, it is a plain box again, no extra stop for the Tab key. A box that has the focus keeps
 * it until the focus moves on.
 */
export function scrollRegion(node: HTMLElement, label: string) {
	let name = label;
	const update = () => {
		const scrolls = node.scrollWidth > node.clientWidth + 1;
		// Lets a hint beside it show (CSS: [data-scrolls] + .kd-scroll-hint).
		node.toggleAttribute('data-scrolls', scrolls);
		if (scrolls) {
			node.tabIndex = 0;
			node.setAttribute('role', 'region');
			node.setAttribute('aria-label', name);
		} else if (document.activeElement !== node) {
			node.removeAttribute('tabindex');
			node.removeAttribute('role');
			node.removeAttribute('aria-label');
		}
	};
	const observer = new ResizeObserver(update);
	observer.observe(node);
	node.addEventListener('blur', update);
	update();
	return {
		update(next: string) {
			name = next;
			update();
		},
		destroy() {
			observer.disconnect();
			node.removeEventListener('blur', update);
		}
	};
}
