/**
 * The order of the criteria in a theme document. Each criterion (a Y.Map in the `criteria`
 * array) carries a number `order`; the list is shown sorted by it (ties and missing numbers
 * by their place in the array). Moving a criterion changes numbers only, so its text, and
 * whatever someone is typing into it at that moment, stays the same Y.Text.
 */
import * as Y from 'yjs';

const orderOf = (map: Y.Map<unknown>, index: number): number => {
	const order = map.get('order');
	return typeof order === 'number' && Number.isFinite(order) ? order : index;
};

/**
 * The maps of a list, each id once: the first in the array wins (as every look-up by id), so a
 * second map with the same id (stored before the server refused them) cannot break a list
 * that is keyed by id or take over what is done to the first.
 */
export function uniqueMaps<T>(array: Y.Array<T>): { item: Y.Map<unknown>; index: number }[] {
	const seen = new Set<unknown>();
	const out: { item: Y.Map<unknown>; index: number }[] = [];
	(array.toArray() as unknown[]).forEach((item, index) => {
		if (!(item instanceof Y.Map)) return;
		const id = item.get('id');
		if (seen.has(id)) return;
		seen.add(id);
		out.push({ item, index });
	});
	return out;
}

/** The criteria maps in the order people see them (each id once). */
export function criteriaInOrder<T>(array: Y.Array<T>): Y.Map<unknown>[] {
	return uniqueMaps(array)
		.sort((a, b) => orderOf(a.item, a.index) - orderOf(b.item, b.index) || a.index - b.index)
		.map((x) => x.item);
}

/** The `order` for a criterion added at the end. */
export function nextOrder<T>(array: Y.Array<T>): number {
	return (
		(array.toArray() as unknown[]).reduce<number>(
			(max, item, index) => (item instanceof Y.Map ? Math.max(max, orderOf(item, index)) : max),
			-1
		) + 1
	);
}

/** Moves the criterion with `id` one place up (-1) or down (+1) by swapping order numbers. */
export function moveCriterion<T>(array: Y.Array<T>, id: string, by: -1 | 1, origin?: unknown): void {
	const list = criteriaInOrder(array);
	const index = list.findIndex((m) => m.get('id') === id);
	const target = index + by;
	if (index < 0 || target < 0 || target >= list.length) return;
	array.doc?.transact(() => {
		// Give every criterion its number as shown now, then swap the two.
		list.forEach((m, i) => {
			if (m.get('order') !== i) m.set('order', i);
		});
		list[index]!.set('order', target);
		list[target]!.set('order', index);
	}, origin);
}
