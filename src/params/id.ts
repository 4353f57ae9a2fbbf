import type { ParamMatcher } from '@sveltejs/kit';

/**
 * A numeric id in the address: a positive whole number without leading zeros or a sign,
 * within JavaScript's safe integer range. Anything else matches no route, so it is a 404
 * before any load runs; the pages still parse and check the id themselves.
 */
export const match = ((param: string): boolean =>
	/^[1-9]\d{0,15}$/.test(param) && Number.isSafeInteger(Number(param))) satisfies ParamMatcher;
