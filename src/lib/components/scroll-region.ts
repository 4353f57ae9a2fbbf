/**
 * A scroll container that keyboard users can reach only while it scrolls: when its content is
 * wider than it (a chart on a phone), it becomes a region in the tab order, named by the element
 * `labelledBy`; when all of it fits, it is a plain box again (no extra stop for the Tab key).
 */
export function scrollRegion(node: HTMLElement, labelledBy: string) {
	const update = () => {
		if (node.scrollWidth > node.clientWidth + 1) {
			node.tabIndex = 0;
			node.setAttribute('role', 'region');
			node.setAttribute('aria-labelledby', labelledBy);
		} else {
			node.removeAttribute('tabindex');
			node.removeAttribute('role');
			node.removeAttribute('aria-labelledby');
		}
	};
	const observer = new ResizeObserver(update);
	observer.observe(node);
	update();
	return {
		destroy() {
			observer.disconnect();
		}
	};
}
